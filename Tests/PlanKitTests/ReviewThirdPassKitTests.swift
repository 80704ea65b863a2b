import Foundation
import Testing
@testable import PlanKit

/// Overdue and the red light agree on a task with no due (SPEC §9: overdue is as-of after due; with
/// no due nothing is overdue), through the one `Judge.isOverdue`.
@Suite struct ReviewThirdPassKitTests {
    /// In practice every imported task has a due: its latest deadline, else the plan's end, and a
    /// plan whose year is unknown is taken as the import year (so it ends on that Dec 31).
    @Test func anImportedTaskWithoutADeadlineIsDueAtThePlansEnd() throws {
        let text = "青山县卫生健康工作要点\n一、医疗服务\n（一）提升质量\n1.推进胸痛中心建设。（责任科室：医政科）\n"
        let importedAt: Int64 = 1_750_000_000  // 2025-06-15
        let plan = try PlanImporter.parse(data: Data(text.utf8), fileName: "noyear.txt", id: "ny", now: importedAt)
        #expect(plan.info.warnings.contains { $0.message.hasPrefix(PlanYear.missingWarningPrefix) })
        #expect(plan.info.year == 2025)
        let task = try #require(plan.tasks.first)
        #expect(task.deadlines.isEmpty)
        #expect(task.due == CalendarDay(year: 2025, month: 12, day: 31))
    }

    /// A task with no due (a stored 0: no import or update makes one, a table built by a program
    /// can hold one) is never overdue
    /// and never red for being overdue: the `overdue` field, the light's reason, `why`'s judgement,
    /// the prompt's red count and the report's overdue flag say the same on every status.
    @Test func aTaskWithNoDueIsNeverOverdueAndItsLightAgrees() throws {
        let plan = StoreTestSupport.plan("nd2025", tasks: 4)
        let states: [(TaskStatus, Int)] = [(.onTrack, 60), (.behind, 20), (.notStarted, 0), (.done, 100)]
        var b = TaskTable.Builder()
        for var t in plan.tasks {
            t.start = CalendarDay(year: 2025, month: 1, day: 1)
            t.due = nil
            b.append(t, planRow: 0)
        }
        var w = Workspace(plans: [plan.info], tasks: b.finish(), history: [])
        try w.apply(.updateProgress(zip(plan.tasks, states).map { t, s in
            ProgressUpdate(plan: t.plan, path: t.path, status: s.0, progress: s.1, source: "sheet")
        }, month: YearMonth(year: 2025, month: 6), at: 0))
        #expect(w.tasks.due == [0, 0, 0, 0])
        let asOf = try #require(CalendarDay(year: 2025, month: 6, day: 30))
        let judge = Judge(asOf: asOf, rules: w.rules)
        let overdue = try QueryEngine.run("find tasks where overdue = true", in: w, context: QueryContext(asOf: asOf)).rows
        #expect(overdue.isEmpty)
        for r in 0..<w.taskCount {
            let j = judge.judge(row: r, in: w.tasks)
            #expect(j.reason != .overdue, "\(w.taskID(row: r)): \(j.reason)")
            #expect(!j.dueSoon)
            #expect(judge.light(row: r, in: w.tasks) == j.light)
            #expect(!Judge.isOverdue(dueOrdinal: w.tasks.due[r], status: w.tasks.status[r], asOf: asOf.ordinal))
        }
        // With no calendar nothing is expected yet: the light is the office's word (behind → yellow).
        let lights = (0..<w.taskCount).map { judge.light(row: $0, in: w.tasks) }
        #expect(lights == [.green, .yellow, .green, .green], "\(lights)")
        #expect(judge.redAndDueSoon(in: w.tasks) == (red: 0, dueSoon: 0))
        let report = try ReportData.build(workspace: w, month: YearMonth(year: 2025, month: 6), today: asOf, asOf: asOf)
        #expect(report.tasks.allSatisfy { !$0.overdue })
        let supervision = try #require(report.supervision)
        #expect(supervision.red.isEmpty, "\(supervision.red.map(\.task.id))")
        #expect(supervision.yellow.map(\.task.id) == ["nd2025:1.1.2"])
    }
}
