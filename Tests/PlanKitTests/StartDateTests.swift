import Foundation
import Testing
@testable import PlanKit

/// A task's `start` set by hand (SPEC §1, §9): the calendar 序时进度 runs over, refused after the
/// due date, kept by `replace`, restored by `start = none`, with history and the journal.
@Suite struct StartDateTests {
    static func day(_ s: String) -> CalendarDay { CalendarDay(parsing: s) ?? CalendarDay(dayNumber: 0) }

    static func plan(_ text: String) -> ImportedPlan {
        var p = ImportedPlan(info: PlanInfo(id: "p", title: "2025年工作要点", year: 2025), tasks: [
            PlanTask(plan: "p", path: "1", heading: "一", text: text),
            PlanTask(plan: "p", path: "2", heading: "二", text: text),
        ])
        Schedule.apply(to: &p)
        return p
    }

    static func start(_ d: CalendarDay?, due: CalendarDay?? = nil) -> ProgressUpdate {
        ProgressUpdate(plan: "p", path: "1", due: due, start: .some(d), source: "command")
    }

    @Test func aHandSetStartMovesTheCalendar() throws {
        var w = Workspace()
        try w.apply(.importPlans([Self.plan("9月底前完成。")], replace: false))
        try w.apply(.updateProgress([Self.start(Self.day("2025-04-01"))], month: nil, at: 0))
        let t = w.task(row: 0)
        #expect(t.start == Self.day("2025-04-01") && t.startByHand)
        #expect(w.history(of: "p:1").last.map { "\($0.field) \($0.old)→\($0.new)" } == "start 2025-01-01→2025-04-01")
        // 序时进度 from 2025-04-01: 30 of 183 days by 2025-04-30; before the start it is 0.
        let judge = Judge(asOf: Self.day("2025-04-30"), rules: Rules())
        #expect(judge.expectedTenths(row: 0, in: w.tasks) == 164)
        #expect(judge.expectedTenths(row: 1, in: w.tasks) == Judge(asOf: Self.day("2025-04-30"), rules: Rules())
            .judge(start: Self.day("2025-01-01"), due: Self.day("2025-09-30"), progress: 0, status: .onTrack).expectedTenths)
        #expect(Judge(asOf: Self.day("2025-03-15"), rules: Rules()).expectedTenths(row: 0, in: w.tasks) == 0)
    }

    @Test func startAfterDueIsRefusedAndChangesNothing() throws {
        var w = Workspace()
        try w.apply(.importPlans([Self.plan("6月底前完成。")], replace: false))
        let before = w.task(row: 0)
        // After the due date from the text.
        #expect(throws: Diagnostic.self) { try w.apply(.updateProgress([Self.start(Self.day("2025-07-01"))], month: nil, at: 0)) }
        do {
            try w.apply(.updateProgress([Self.start(Self.day("2025-07-01"))], month: nil, at: 0))
        } catch let d as Diagnostic {
            #expect(d.name == "start-after-due")
            #expect(d.message.hasPrefix("p:1 would start on 2025-07-01, after its due date 2025-06-30"))
        }
        // A due set in the same update before the new start; a due moved before a hand-set start.
        #expect(throws: Diagnostic.self) {
            try w.apply(.updateProgress([Self.start(Self.day("2025-03-01"), due: .some(Self.day("2025-02-28")))], month: nil, at: 0))
        }
        try w.apply(.updateProgress([Self.start(Self.day("2025-03-01"))], month: nil, at: 0))
        #expect(throws: Diagnostic.self) {
            try w.apply(.updateProgress([ProgressUpdate(plan: "p", path: "1", due: .some(Self.day("2025-02-01")), source: "command")],
                                        month: nil, at: 0))
        }
        let t = w.task(row: 0)
        #expect(t.due == before.due && t.start == Self.day("2025-03-01") && !t.dueByHand)
        // The same day for both is a one-day calendar, allowed.
        try w.apply(.updateProgress([Self.start(Self.day("2025-06-30"))], month: nil, at: 0))
        #expect(w.task(row: 0).start == Self.day("2025-06-30"))
    }

    @Test func replaceKeepsAHandSetStartAndNoneRestoresThePlans() throws {
        var w = Workspace()
        try w.apply(.importPlans([Self.plan("6月底前完成。")], replace: false))
        try w.apply(.updateProgress([Self.start(Self.day("2025-02-15"))], month: nil, at: 0))
        try w.apply(.importPlans([Self.plan("9月底前完成。")], replace: true))
        #expect(w.task(row: 0).start == Self.day("2025-02-15") && w.task(row: 0).startByHand)
        #expect(w.task(row: 0).due == Self.day("2025-09-30"))
        #expect(w.task(row: 1).start == Self.day("2025-01-01") && !w.task(row: 1).startByHand)
        try w.apply(.updateProgress([Self.start(nil)], month: nil, at: 0))
        #expect(w.task(row: 0).start == Self.day("2025-01-01") && !w.task(row: 0).startByHand)
        #expect(w.history(of: "p:1").last.map { "\($0.field) \($0.old)→\($0.new)" } == "start 2025-02-15→2025-01-01")
    }
}
