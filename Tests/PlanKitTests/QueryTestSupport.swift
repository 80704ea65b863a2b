import Foundation
import Testing
@testable import PlanKit

/// A small workspace with mixed CJK/ASCII text, multi-office tasks, targets with units,
/// progress, notes and due dates, used by the query unit tests.
enum QueryFixture {
    static func target(_ raw: String, _ value: Double?, _ unit: String, _ c: PlanKit.Comparator = .atLeast) -> Target {
        Target(raw: raw, metric: "指标", comparator: c, value: value, unit: unit)
    }

    static let workspace: Workspace = {
        var w = Workspace()
        let yy = ImportedPlan(info: PlanInfo(id: "yy2025", title: "余姚 2025", year: 2025), tasks: [
            PlanTask(plan: "yy2025", path: "1.1", heading: "推进公立医院高质量发展",
                     text: "推进公立医院高质量发展。出院患者手术占比达35%以上。",
                     offices: ["医政科教科", "组织人事科"], targets: [target("达35%以上", 35, "%")]),
            PlanTask(plan: "yy2025", path: "1.2", heading: "发展普惠托育服务",
                     text: "发展普惠托育服务。每千人口托位数达4.5个，急救反应时间控制在10分钟以内。",
                     offices: ["妇幼健康科"], targets: [target("达4.5个", 4.5, "个"), target("10分钟以内", 10, "分钟", .atMost)]),
            PlanTask(plan: "yy2025", path: "2.1.1", heading: "加强基层（１）能力",
                     text: "加强基层（１）能力，ＡＢＣ 全角。", offices: [], targets: []),
            PlanTask(plan: "yy2025", path: "2.1.2", heading: "完善分级诊疗", text: "完善分级诊疗。覆盖率达95%。",
                     offices: ["医政科教科"], targets: [target("达95%", 95, "%")]),
            PlanTask(plan: "yy2025", path: "2.10", heading: "Plan B | pipes, commas", text: "Plan B | pipes, commas and \"quotes\".",
                     offices: ["办公室", "医政科教科"], targets: [target("xx%", nil, "%")]),
            PlanTask(plan: "yy2025", path: "10.1", heading: "智慧医疗", text: "智慧医疗建设，完成率90%。",
                     offices: ["规划发展与信息化科"], targets: [target("90%", 90, "%", .equal)]),
        ])
        let b9 = ImportedPlan(info: PlanInfo(id: "b9", title: "B9", year: 2025), tasks: [
            PlanTask(plan: "b9", path: "1", heading: "托育服务试点", text: "托育服务试点。", offices: ["妇幼健康科", "办公室"]),
            PlanTask(plan: "b9", path: "2", heading: "疾病预防", text: "疾病预防。接种率达90%以上。", offices: ["疾控科"],
                     targets: [target("达90%以上", 90, "%")]),
        ])
        // Plans order naturally: b9 before yy2025.
        try? w.apply(.importPlans([yy, b9], replace: false))
        let april = YearMonth(year: 2025, month: 4)
        let updates = [
            ProgressUpdate(plan: "yy2025", path: "1.1", status: .onTrack, progress: 60, note: "按计划推进",
                           due: .some(CalendarDay(year: 2025, month: 6, day: 30)), source: "test"),
            ProgressUpdate(plan: "yy2025", path: "1.2", status: .behind, progress: 20, note: "缺人手",
                           due: .some(CalendarDay(year: 2025, month: 3, day: 31)), source: "test"),
            ProgressUpdate(plan: "yy2025", path: "2.1.2", status: .done, progress: 100, source: "test"),
            ProgressUpdate(plan: "yy2025", path: "2.10", status: .onTrack, progress: 60, source: "test"),
            ProgressUpdate(plan: "yy2025", path: "10.1", status: .onTrack, progress: 95, note: "按计划推进", source: "test"),
            ProgressUpdate(plan: "b9", path: "2", status: .behind, progress: 5, source: "test"),
        ]
        try? w.apply(.updateProgress(updates, month: april, at: 0))
        return w
    }()

    static let today = CalendarDay(year: 2025, month: 5, day: 1)!
    static let context = QueryContext(asOf: today)

    /// Ids `find tasks where EXPR` returns, in row order.
    static func ids(_ expr: String) throws -> [String] {
        try QueryEngine.filterRows(expr, in: workspace, context: context).map { workspace.taskID(row: $0) }
    }

    static func run(_ command: String) throws -> QueryResult {
        try QueryEngine.run(Parser.parseCommand(command), in: workspace, context: context)
    }
}

/// Expects `body` to throw a Diagnostic whose span covers `marked` in `text` (its `occurrence`-th
/// appearance) and whose message contains `message`.
func expectDiagnostic(_ text: String, at marked: String, occurrence: Int = 1, message: String,
                      kind: Diagnostic.Kind = .error, sourceLocation: SourceLocation = #_sourceLocation,
                      _ body: (String) throws -> Void) {
    let chars = Array(text)
    let m = Array(marked)
    var found: Range<Int>?
    var seen = 0
    if !m.isEmpty {
        for i in 0...(max(0, chars.count - m.count)) where i + m.count <= chars.count && Array(chars[i..<(i + m.count)]) == m {
            seen += 1
            if seen == occurrence { found = i..<(i + m.count); break }
        }
    } else {
        found = chars.count..<chars.count
    }
    guard let expected = found else {
        Issue.record("marker \"\(marked)\" not in \"\(text)\"", sourceLocation: sourceLocation)
        return
    }
    do {
        try body(text)
        Issue.record("expected an error for: \(text.prefix(200))", sourceLocation: sourceLocation)
    } catch let d as Diagnostic {
        #expect(d.span == expected, "span \(String(describing: d.span)) vs expected \(expected) for \(text.prefix(120)): \(d.message)",
                sourceLocation: sourceLocation)
        #expect(d.message.contains(message), "message: \(d.message)", sourceLocation: sourceLocation)
        #expect(d.kind == kind, "kind \(d.kind) for \(d.message)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
