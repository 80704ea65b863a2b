import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// A value means the same wherever it is typed (issue 10): every form of every settable value,
/// valid and not, goes through `update … set` on one store and through a one-row CSV sheet
/// (`import progress`) on a twin store, and both end the same — the same stored task and target
/// (status, progress, note, due, updated month, actual and its month, history), or an error with
/// the same catalogue name and the same words.
@Suite struct ProgressValueParityTests {
    static let plan = """
    测试区2025年卫生健康工作要点
    一、重点工作
    1.完善家庭医生签约服务，新建标准化站点3个。（牵头科室：医政科）
    2.推进慢病管理，管理率达到60%。（牵头科室：疾控科）

    """

    /// One value: the field `update` sets and the sheet column that carries it, what is typed, and
    /// what must come of it — the stored value as `stored` shows it, or `error:NAME`.
    struct Case: CustomStringConvertible {
        var field: String
        var value: String
        var expected: String
        var description: String { "\(field) = \(value.debugDescription)" }
        init(_ field: String, _ value: String, _ expected: String) {
            self.field = field
            self.value = value
            self.expected = expected
        }
    }

    static let task = "t:1.2", target = "t:1.2#1"

    static let cases: [Case] = [
        // Status: keywords in any case and width, Chinese names, the synonyms of SPEC §10.
        Case("status", "on_track", "on_track"), Case("status", "BEHIND", "behind"), Case("status", "ｄｏｎｅ", "done"),
        Case("status", "not_started", "not_started"), Case("status", " on-track ", "on_track"), Case("status", "todo", "not_started"),
        Case("status", "推进中", "on_track"), Case("status", "滞后", "behind"), Case("status", "已完成", "done"),
        Case("status", "未启动", "not_started"), Case("status", "进行中", "on_track"), Case("status", "正常推进", "on_track"),
        Case("status", "未开始", "not_started"), Case("status", "进度滞后", "behind"), Case("status", "落后", "behind"),
        Case("status", "完成", "done"),
        Case("status", "lagging", "error:unknown-status"), Case("status", "behnd", "error:unknown-status"),
        Case("status", "进展顺利", "error:unknown-status"), Case("status", "none", "error:unknown-status"),
        // Progress: a whole number or a percent, full-width too; out of range or not a number.
        Case("progress", "40", "40"), Case("progress", "40%", "40"), Case("progress", "４０％", "40"),
        Case("progress", "55.0", "55"), Case("progress", " 60 % ", "60"), Case("progress", "0", "0"),
        Case("progress", "100%", "100"),
        Case("progress", "120", "error:progress-out-of-range"), Case("progress", "-5", "error:progress-out-of-range"),
        Case("progress", "150.0", "error:progress-out-of-range"), Case("progress", "abc", "error:bad-progress"),
        Case("progress", "40.5", "error:bad-progress"), Case("progress", "四十", "error:bad-progress"),
        Case("progress", "none", "error:bad-progress"),
        // Note: text as typed.
        Case("note", "设备采购延迟", "设备采购延迟"), Case("note", "签约 1,200 人", "签约 1,200 人"), Case("note", "none", "none"),
        // Due: a day or a month (its last day) in the spellings offices use; none restores the default.
        Case("due", "2025-06-30", "2025-06-30"), Case("due", "2025-05", "2025-05-31"), Case("due", "2025/7/1", "2025-07-01"),
        Case("due", "2025.8.15", "2025-08-15"), Case("due", "2025年9月30日", "2025-09-30"), Case("due", "2025年10月", "2025-10-31"),
        Case("due", "none", "2025-12-31"), Case("due", "2025-06", "2025-06-30"), Case("due", "无", "2025-12-31"),
        Case("due", "2025-02-30", "error:bad-due-date"), Case("due", "2025-13", "error:bad-due-date"),
        Case("due", "soon", "error:bad-due-date"), Case("due", "年底", "error:bad-due-date"),
        // Actual of a percent target: a number with its unit or none; none clears it.
        Case("actual", "44", "44"), Case("actual", "45.5%", "45.5"), Case("actual", "45.5", "45.5"),
        Case("actual", "none", "-"), Case("actual", "50 %", "50"), Case("actual", "无", "-"),
        Case("actual", "44人", "error:unit-not-converted"), Case("actual", "二", "error:bad-actual"),
        Case("actual", "abc", "error:bad-actual"), Case("actual", "1.2万", "error:unit-not-converted"),
        // A dash is not "clear": a sheet cell with `-` must not erase a recorded actual or due.
        Case("actual", "-", "error:bad-actual"), Case("due", "-", "error:bad-due-date"),
    ]

    /// What a store holds of the plan: each task's values and its targets' actuals, and the history.
    static func picture(_ w: Workspace) -> String {
        var lines: [String] = []
        for r in 0..<w.taskCount {
            let t = w.task(row: r)
            let targets = t.targets.map { "\($0.actual.map { JSON.number($0) } ?? "-")@\($0.actualMonth?.description ?? "-")" }
            lines.append("\(t.id) \(t.status.keyword) \(t.progress) \(t.note.debugDescription) \(t.due?.description ?? "-")"
                         + " \(t.updated?.description ?? "-") [\(targets.joined(separator: " "))]")
        }
        return lines.joined(separator: "\n") + "\nhistory \(w.history.count)"
    }

    /// The stored value a case shows: the task's field, or the target's actual.
    static func stored(_ field: String, in w: Workspace) -> String {
        guard let r = w.row(id: task) else { return "no task" }
        let t = w.task(row: r)
        switch field {
        case "status": return t.status.keyword
        case "progress": return String(t.progress)
        case "note": return t.note
        case "due": return t.due?.description ?? "-"
        default: return t.targets.first?.actual.map { JSON.number($0) } ?? "-"
        }
    }

    /// Runs one command; nil on success, else the error's catalogue name and words.
    static func run(_ s: Session, _ line: String) -> (name: String, text: String)? {
        do {
            _ = try s.runCommand(line)
            return nil
        } catch let d as Diagnostic {
            return (d.name ?? "unnamed", d.message)
        } catch {
            return ("unexpected", "\(error)")
        }
    }

    /// A one-row CSV sheet setting `c`'s value, as an office would send it.
    static func sheet(_ c: Case) -> String {
        let quoted = "\"" + c.value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        if c.field == "actual" { return "指标编号,完成值\n\(target),\(quoted)\n" }
        let column = ["status": "状态", "progress": "完成进度", "note": "进展情况", "due": "完成时限"][c.field] ?? c.field
        return "任务编号,\(column)\n\(task),\(quoted)\n"
    }

    @Test func everyValueMeansTheSameInUpdateAndInASheet() throws {
        let dir = CrashTestSupport.temporaryDirectory("parity")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.plan.write(to: dir.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)
        let (byUpdate, _) = try CapturedShell.session(dir.appendingPathComponent("u"), workingDirectory: dir)
        let (bySheet, _) = try CapturedShell.session(dir.appendingPathComponent("s"), workingDirectory: dir)
        defer { byUpdate.store.close(); bySheet.store.close() }
        for s in [byUpdate, bySheet] { #expect(Self.run(s, "import plan t.txt as t") == nil) }
        // The percent target the actuals go to, and its task.
        #expect(byUpdate.workspace.target(try byUpdate.workspace.targetRef(Self.target))?.unit == "%")
        let file = dir.appendingPathComponent("one.csv")

        for c in Self.cases {
            let id = c.field == "actual" ? Self.target : Self.task
            let viaUpdate = Self.run(byUpdate, "update \(id) set \(c.field) = \"\(c.value)\", month = 2025-04")

            try Self.sheet(c).write(to: file, atomically: true, encoding: .utf8)
            let read = ProgressSheet.parse(Array(Self.sheet(c).utf8), displayName: "one.csv", in: bySheet.workspace)
            var viaSheet: (name: String, text: String)? = read.problems.first.map { ($0.name ?? "unnamed", $0.message) }
            #expect(read.problems.count <= 1, "\(c): \(read.problems)")
            if viaSheet == nil, let e = Self.run(bySheet, "import progress one.csv month 2025-04") {
                viaSheet = ("import-failed", e.text)
            }

            #expect(viaUpdate?.name == viaSheet?.name, "\(c): update \(viaUpdate?.text ?? "ok"), sheet \(viaSheet?.text ?? "ok")")
            #expect(viaUpdate?.text == viaSheet?.text, "\(c): the same words")
            // The stores stay twins, or every later case would differ too: stop at the first.
            try #require(Self.picture(byUpdate.workspace) == Self.picture(bySheet.workspace), "\(c)")
            if c.expected.hasPrefix("error:") {
                #expect(viaUpdate?.name == String(c.expected.dropFirst(6)), "\(c): \(viaUpdate?.text ?? "accepted")")
            } else {
                #expect(viaUpdate == nil, "\(c): \(viaUpdate?.text ?? "")")
                #expect(Self.stored(c.field, in: byUpdate.workspace) == c.expected, "\(c)")
            }
        }
        // Every field and both outcomes were tried.
        #expect(Set(Self.cases.map(\.field)) == ["status", "progress", "note", "due", "actual"])
        // Values typed again (40 then 40% …) wrote no second history entry, in either.
        #expect(byUpdate.workspace.history.count < Self.cases.filter { !$0.expected.hasPrefix("error:") }.count)
    }

    /// What only a sheet has (SPEC §10): an empty cell changes nothing, and a value equal to the
    /// current one writes no history (an actual keeps the month it was given in).
    @Test func aSheetsOwnRulesStayInTheSheet() throws {
        let dir = CrashTestSupport.temporaryDirectory("sheetrules")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.plan.write(to: dir.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)
        let (s, _) = try CapturedShell.session(dir.appendingPathComponent("store"), workingDirectory: dir)
        defer { s.store.close() }
        #expect(Self.run(s, "import plan t.txt as t") == nil)
        #expect(Self.run(s, "update \(Self.task) set due = 2025-06, progress = 30, month = 2025-03") == nil)
        #expect(Self.run(s, "update \(Self.target) set actual = 44, month = 2025-03") == nil)
        let before = Self.picture(s.workspace)
        let empty = ProgressSheet.parse(Array("任务编号,完成进度,完成时限\n\(Self.task),,\n".utf8), displayName: "e.csv", in: s.workspace)
        #expect(empty.updates.isEmpty && empty.problems.isEmpty)
        // The same values again: no history, and the actual keeps its month.
        try "任务编号,完成进度,完成时限\n\(Self.task),30%,2025/6/30\n".write(to: dir.appendingPathComponent("same.csv"), atomically: true, encoding: .utf8)
        try "指标编号,完成值\n\(Self.target),44%\n".write(to: dir.appendingPathComponent("actual.csv"), atomically: true, encoding: .utf8)
        #expect(Self.run(s, "import progress same.csv month 2025-03") == nil)
        #expect(Self.run(s, "import progress actual.csv month 2025-05") == nil)
        #expect(Self.picture(s.workspace) == before)
    }
}
