import Foundation
import Testing
@testable import PlanKit

/// Report figures on a small hand-built workspace, the shapes of every format, and the errors.
@Suite struct ReportTests {
    static let march = YearMonth(ordinal: 2025 * 12 + 2)
    static let april = YearMonth(ordinal: 2025 * 12 + 3)
    static let today = CalendarDay(year: 2025, month: 5, day: 20) ?? CalendarDay(containing: Date())

    /// Five tasks over offices A, B, C; progress for March, a copy kept as the March snapshot, then April.
    static func workspace() throws -> (march: Workspace, april: Workspace) {
        func t(_ path: String, _ offices: [String], _ targets: [Target] = []) -> PlanTask {
            PlanTask(plan: "t1", path: path, heading: "任务\(path)", text: "任务\(path)。", offices: offices, targets: targets)
        }
        let plan = ImportedPlan(info: PlanInfo(id: "t1", title: "测试县2025年卫生健康工作要点", year: 2025), tasks: [
            t("1.1", ["A"], [Target(raw: "达90%以上", metric: "", comparator: .atLeast, value: 90, unit: "%")]),
            t("1.2", ["A", "B"], [Target(raw: "控制在10‰以内", metric: "", comparator: .atMost, value: 10, unit: "‰")]),
            t("2.1", ["B"]),
            t("2.2", ["C"], [Target(raw: "1—2个", metric: "", comparator: .range, value: 1, low: 1, high: 2, unit: "个")]),
            t("2.3", ["A"]),
        ])
        var w = Workspace()
        try w.apply(.importPlans([plan], replace: false))
        func u(_ path: String, _ s: TaskStatus? = nil, _ p: Int? = nil, _ note: String? = nil, due: CalendarDay?? = nil) -> ProgressUpdate {
            ProgressUpdate(plan: "t1", path: path, status: s, progress: p, note: note, due: due, source: "test")
        }
        try w.apply(.updateProgress([u("1.1", .onTrack, 20), u("1.2", .behind, 10, "缺人, 待招聘"),
                                     u("2.1", .done, 100), u("2.2", .onTrack, 30)], month: march, at: 1_000))
        let snapshot = w
        try w.apply(.updateProgress([u("1.1", .onTrack, 40), u("1.2", .onTrack, 30, "已补充人员"),
                                     u("2.2", .behind, 35, "资金未到位"),
                                     u("2.3", due: .some(CalendarDay(year: 2025, month: 4, day: 15)))],
                                    month: april, at: 2_000))
        return (snapshot, w)
    }

    static func aprilReport(byOffice: Bool = false) throws -> ReportData {
        let (m, a) = try workspace()
        return try ReportData.build(workspace: a, plan: "t1", month: april, byOffice: byOffice,
                                    previous: { _ in ("2025-03", m) }, today: today)
    }

    @Test func statusCountsAndAverage() throws {
        let d = try Self.aprilReport()
        #expect(d.statusCounts.map(\.status) == [.done, .onTrack, .behind, .notStarted])
        #expect(d.statusCounts.map(\.count) == [1, 2, 1, 1])
        #expect(d.statusCounts.map(\.percent) == [20, 40, 20, 20])
        #expect(d.averageProgress == 41)
        #expect(d.asOf == CalendarDay(year: 2025, month: 4, day: 30))
        #expect(d.months == [Self.march, Self.april])
    }

    @Test func officeTable() throws {
        let d = try Self.aprilReport()
        #expect(d.offices.map(\.office) == ["A", "B", "C"])
        let a = d.offices[0]
        #expect((a.tasks, a.done, a.onTrack, a.behind, a.notStarted, a.overdue) == (3, 0, 2, 0, 1, 1))
        #expect(abs(a.averageProgress - 70.0 / 3) < 1e-9)
        #expect(a.previousAverage == 10)
        #expect(d.offices[1].averageProgress == 65 && d.offices[1].previousAverage == 55)
        #expect(d.offices[2].behind == 1 && d.offices[2].averageProgress == 35)
    }

    @Test func behindThenOverdue() throws {
        let d = try Self.aprilReport()
        #expect(d.attention.map(\.id) == ["t1:2.2", "t1:2.3"])
        #expect(d.attention[0].note == "资金未到位")
        #expect(d.attention[1].overdue && d.attention[1].status == .notStarted)
    }

    @Test func targetsSummary() throws {
        let g = try Self.aprilReport().targets
        #expect(g.tasksWithTargets == 3 && g.targetCount == 3 && g.redacted == 0)
        #expect(g.byUnit.map(\.unit) == ["%", "‰", "个"])
        #expect(g.byUnit.map(\.range) == [0, 0, 1])
        #expect(g.atRisk.map(\.id) == ["t1:2.2"])
    }

    @Test func changesSinceSnapshot() throws {
        let c = try #require(try Self.aprilReport().changes)
        #expect(c.snapshot == "2025-03")
        #expect(c.previousAverage == 32)
        #expect(c.moves.map(\.task.id) == ["t1:1.1", "t1:1.2", "t1:2.2"])
        #expect(c.newlyBehind.map(\.task.id) == ["t1:2.2"])
        #expect(c.recovered.map(\.task.id) == ["t1:1.2"])
        #expect(c.newlyDone.isEmpty)
        #expect(c.progressUp == 3 && c.progressDown == 0)
        #expect(c.biggestGains(2).map(\.task.id) == ["t1:1.1", "t1:1.2"])
    }

    /// A report of March, made after April was recorded, shows March as it stood.
    @Test func earlierMonthFromHistory() throws {
        let (_, a) = try Self.workspace()
        let d = try ReportData.build(workspace: a, month: Self.march, today: Self.today)
        #expect(d.statusCounts.map(\.count) == [1, 2, 1, 1])
        let t12 = try #require(d.tasks.first { $0.path == "1.2" })
        #expect(t12.status == .behind && t12.progress == 10 && t12.note == "缺人, 待招聘")
        let t23 = try #require(d.tasks.first { $0.path == "2.3" })
        // In March 2.3 still had its default due date, the plan's end (set by hand only in April).
        #expect(t23.due == CalendarDay(year: 2025, month: 12, day: 31) && !t23.overdue)
        #expect(d.averageProgress == 32)
        #expect(d.changes == nil)
    }

    @Test func defaultMonthIsTheLatest() throws {
        let (_, a) = try Self.workspace()
        #expect(try ReportData.build(workspace: a, today: Self.today).month == Self.april)
    }

    @Test func errors() throws {
        let (_, a) = try Self.workspace()
        #expect(throws: ReportError.unknownPlan("t2", suggestion: "t1")) {
            try ReportData.build(workspace: a, plan: "t2", today: Self.today)
        }
        let june = YearMonth(ordinal: 2025 * 12 + 5)
        #expect(throws: ReportError.noSuchMonth(june, available: [Self.march, Self.april], plan: "t1")) {
            try ReportData.build(workspace: a, plan: "t1", month: june, today: Self.today)
        }
        #expect(throws: ReportError.noPlans) { try ReportData.build(workspace: Workspace(), today: Self.today) }
        let message = ReportError.noSuchMonth(june, available: [Self.march, Self.april], plan: "t1").description
        #expect(message == "no progress recorded for 2025-06 in plan t1; months with progress: 2025-03, 2025-04")
    }

    @Test func previousSnapshotChoice() {
        func s(_ name: String, _ at: Int64, auto: Bool = false) -> SnapshotInfo {
            SnapshotInfo(name: name, createdAt: at, plans: 1, tasks: 5, bytes: 0, automatic: auto)
        }
        let all = [s("baseline", 1), s("2025-02", 2), s("2025-03", 3), s("auto-9", 9, auto: true), s("2025-04", 4), s("after-april", 5)]
        let april = Self.april
        #expect(ReportData.previousSnapshot(for: april, among: all)?.name == "2025-03")
        #expect(ReportData.previousSnapshot(for: YearMonth(ordinal: 2025 * 12 + 1), among: all)?.name == "after-april")
        #expect(ReportData.previousSnapshot(for: april, among: [s("auto-1", 1, auto: true)]) == nil)
    }

    // MARK: Formats

    @Test func markdownShape() throws {
        let md = Report(try Self.aprilReport(byOffice: true), language: .zh).render(.markdown, RenderContext())
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "# 测试县2025年卫生健康工作要点 · 2025-04 月度进展")
        #expect(lines.contains("| 科室 | 任务 | 已完成 | 推进中 | 滞后 | 未启动 | 逾期 | 平均进度 | 比上期 |"))
        #expect(lines.contains("| A | 3 | 0 | 2 | 0 | 1 | 1 | 23.3 | +13.3 |"))
        #expect(lines.contains("| 已完成 | 1 | 20.0% | ████ |"))
        #expect(lines.contains { $0.hasPrefix("## ") && $0.hasSuffix("、与快照 2025-03 相比") }, "sections renumber as supervision adds its own")
        #expect(lines.contains("### C"))
        #expect(lines.contains { $0.hasPrefix("| `t1:2.2` | 滞后 | 35% | C |") && $0.hasSuffix("| 资金未到位 |") })
        // Every table row has as many cells as its header.
        var columns = 0
        for l in lines {
            guard l.hasPrefix("|") else { columns = 0; continue }
            let n = l.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if columns == 0 { columns = n } else { #expect(n == columns, "row \(l)") }
        }
    }

    @Test func csvShape() throws {
        let csv = Report(try Self.aprilReport(), language: .zh).render(.csv, RenderContext())
        let lines = csv.split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first == "id,status,progress,note,plan,path,heading,offices,due,overdue,updated,previous_status,previous_progress,targets")
        #expect(lines.count == 6)
        #expect(lines.contains("t1:1.2,on_track,30,已补充人员,t1,1.2,任务1.2,A、B,2025-12-31,false,2025-04,behind,10,控制在10‰以内"))
        #expect(lines.contains("t1:2.3,not_started,0,,t1,2.3,任务2.3,A,2025-04-15,true,2025-04,not_started,0,"))
        let march = try ReportData.build(workspace: try Self.workspace().april, month: Self.march, today: Self.today)
        #expect(Report(march, language: .zh).render(.csv, RenderContext()).contains("t1:1.2,behind,10,\"缺人, 待招聘\",t1,1.2"))
    }

    @Test func htmlIsSelfContained() throws {
        let html = Report(try Self.aprilReport(byOffice: true), language: .zh).render(.html, RenderContext())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.components(separatedBy: "</svg>").count - 1 == 2)
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("@import") && !html.contains("url("))
        #expect(html.contains("@media print"))
        #expect(html.contains("资金未到位"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func htmlEscapesText() throws {
        var (_, a) = try Self.workspace()
        try a.apply(.updateProgress([ProgressUpdate(plan: "t1", path: "2.2", note: "<b>预算</b> & \"审批\"", source: "test")],
                                    month: Self.april, at: 3_000))
        let html = Report(try ReportData.build(workspace: a, today: Self.today), language: .zh).render(.html, RenderContext())
        #expect(html.contains("&lt;b&gt;预算&lt;/b&gt; &amp; &quot;审批&quot;"))
        #expect(!html.contains("<b>预算</b>"))
    }

    @Test func jsonParses() throws {
        let json = Report(try Self.aprilReport(), language: .zh).render(.json, RenderContext())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["month"] as? String == "2025-04")
        #expect((object["status"] as? [String: Int]) == ["done": 1, "on_track": 2, "behind": 1, "not_started": 1])
        #expect(object["average_progress"] as? Double == 41)
        let changes = try #require(object["changes"] as? [String: Any])
        #expect(changes["newly_behind"] as? [String] == ["t1:2.2"])
    }

    @Test func screenBarsAlignAndFit() throws {
        let text = Report(try Self.aprilReport(byOffice: true), language: .zh).render(.table, RenderContext(width: 80, isTerminal: true))
        let lines = text.split(separator: "\n").map(String.init)
        for l in lines { #expect(DisplayWidth.of(l) <= 80, "too wide: \(l)") }
        // The four status lines: bars start at the same display column despite CJK labels.
        let statusLines = lines.filter { l in ["已完成", "推进中", "滞后", "未启动"].contains { l.hasPrefix("  " + $0) } && l.contains("%") }
        #expect(statusLines.count == 4)
        let starts = statusLines.map { l in DisplayWidth.of(String(l.prefix { !"█▉▊▋▌▍▎▏".contains($0) })) }
        #expect(Set(starts).count == 1)
        #expect(statusLines[1].hasSuffix(String(repeating: "█", count: 16)))  // 40% of 40 columns
        #expect(lines.contains("■ 与快照 2025-03 相比"))
        #expect(lines.contains { $0.contains("备注：资金未到位") })
    }

    /// Long lists stop at 100 entries (20 per office) and say how many were left out; the CSV has all.
    @Test func longListsAreCapped() throws {
        let tasks = (1...150).map { i in
            PlanTask(plan: "big", path: "1.\(i)", heading: "任务\(i)", text: "任务\(i)。", offices: ["A"])
        }
        var w = Workspace()
        try w.apply(.importPlans([ImportedPlan(info: PlanInfo(id: "big", title: "大计划"), tasks: tasks)], replace: false))
        try w.apply(.updateProgress(tasks.map { ProgressUpdate(plan: "big", path: $0.path, status: .behind, progress: 5, source: "test") },
                                    month: Self.april, at: 1))
        let d = try ReportData.build(workspace: w, byOffice: true, today: Self.today)
        #expect(d.attention.count == 150)
        let text = Report(d, language: .zh).render(.table, RenderContext(width: 100))
        // 100 behind tasks, then 20 in the office's own list: the same lists as Markdown and HTML.
        #expect(text.components(separatedBy: "\n  big:").count - 1 == 120)
        #expect(text.contains("… 另有 50 项未列出"))
        #expect(text.contains("… 另有 130 项未列出"))
        let md = Report(d, language: .zh).render(.markdown, RenderContext())
        #expect(md.components(separatedBy: "| `big:").count - 1 == 120)
        let html = Report(d, language: .zh).render(.html, RenderContext())
        #expect(html.components(separatedBy: "<td class=\"id\">big:").count - 1 == 120)
        #expect(Report(d, language: .zh).render(.csv, RenderContext()).components(separatedBy: "\r\nbig:").count - 1 == 150)
    }

    @Test func barsUseEighths() {
        #expect(ReportFormat.bar(0.5, width: 4) == "██")
        #expect(ReportFormat.bar(1.0 / 32, width: 4) == "▏")
        #expect(ReportFormat.bar(0.3, width: 10) == "███")
        #expect(ReportFormat.bar(0.35, width: 10) == "███▌")
        #expect(ReportFormat.bar(2, width: 3) == "███")
        #expect(ReportFormat.bar(.nan, width: 3) == "")
    }
}
