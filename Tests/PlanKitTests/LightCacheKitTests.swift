import Foundation
import Testing
@testable import PlanKit

/// The lights kept in a task table's query cache (issue 15) follow the table's columns: a change
/// to status, progress, start or due of a table that owns its cache drops them, and a copy that
/// changes gets a cache of its own while the original keeps its answers.
@Suite struct LightCacheKitTests {
    let judge = Judge(asOf: QueryFixture.today, rules: Rules())
    let april = CalendarDay(year: 2025, month: 4, day: 1) ?? QueryFixture.today

    /// Lights judged afresh, one row at a time (no cache).
    func fresh(_ t: TaskTable) -> [UInt8] { (0..<t.count).map { judge.light(row: $0, in: t).rawValue } }

    /// A table of its own (built anew, so no other value shares its cache), with lights judged.
    func owned() -> TaskTable {
        var b = TaskTable.Builder()
        let w = QueryFixture.workspace
        b.append(rowsOf: w.tasks, 0..<w.tasks.count, planRow: 0)
        var t = b.finish()
        t.setStatus(.onTrack, row: 0)
        #expect(judge.lights(in: t) == fresh(t))
        return t
    }

    /// The row of yy2025:1.1 (on track, 60%, due 2025-06-30: green on 2025-05-01).
    func row(_ t: TaskTable) throws -> Int {
        try #require(QueryFixture.workspace.row(id: "yy2025:1.1"))
    }

    @Test func eachColumnOfALightDropsTheKeptLights() throws {
        var t = owned()
        let r = try row(t)
        #expect(judge.lights(in: t)[r] == Light.green.rawValue)
        t.setDue(april, row: r, planEnd: april)
        #expect(judge.lights(in: t)[r] == Light.red.rawValue, "due: overdue")
        #expect(judge.lights(in: t) == fresh(t))
        t.setDue(CalendarDay(year: 2025, month: 12, day: 31), row: r, planEnd: april)
        #expect(judge.lights(in: t)[r] == Light.green.rawValue)
        t.setStart(CalendarDay(year: 2000, month: 1, day: 1), row: r, planStart: april)
        #expect(judge.lights(in: t)[r] == Light.red.rawValue, "start: far behind the calendar")
        t.setProgress(100, row: r)
        #expect(judge.lights(in: t)[r] == Light.green.rawValue, "progress")
        t.setStatus(.notStarted, row: r)
        t.setProgress(0, row: r)
        #expect(judge.lights(in: t)[r] == Light.red.rawValue)
        t.setStatus(.done, row: r)
        #expect(judge.lights(in: t)[r] == Light.green.rawValue, "status")
        #expect(judge.lights(in: t) == fresh(t))
        #expect(judge.redAndDueSoon(in: t).red == fresh(t).filter { $0 == Light.red.rawValue }.count)
    }

    @Test func theDayAndTheRulesAreTheKey() throws {
        let t = owned()
        let r = try row(t)
        #expect(judge.lights(in: t)[r] == Light.green.rawValue)
        let later = Judge(asOf: CalendarDay(year: 2025, month: 7, day: 1) ?? QueryFixture.today, rules: Rules())
        #expect(later.lights(in: t)[r] == Light.red.rawValue)
        #expect(judge.lights(in: t)[r] == Light.green.rawValue)
        // 60% at 120 of 181 days (66.3%): within the yellow rule of 10, behind one of 5.
        let strict = Judge(asOf: QueryFixture.today, rules: try Rules().setting("yellow", to: 5))
        #expect(strict.lights(in: t)[r] == Light.yellow.rawValue)
        #expect(judge.lights(in: t)[r] == Light.green.rawValue)
        let remind = Judge(asOf: CalendarDay(year: 2025, month: 6, day: 20) ?? QueryFixture.today, rules: Rules())
        let soon = try remind.rules.setting("remind", to: 5)
        #expect(remind.redAndDueSoon(in: t).dueSoon != Judge(asOf: remind.asOf, rules: soon).redAndDueSoon(in: t).dueSoon)
    }

    @Test func aCopyThatChangesNeverSharesTheKeptLights() throws {
        let original = owned()
        let r = try row(original)
        var copy = original
        #expect(judge.lights(in: copy)[r] == Light.green.rawValue)
        copy.setDue(april, row: r, planEnd: april)
        #expect(judge.lights(in: copy)[r] == Light.red.rawValue)
        #expect(judge.lights(in: original)[r] == Light.green.rawValue)
        var other = original
        other.setStart(CalendarDay(year: 2000, month: 1, day: 1), row: r, planStart: april)
        #expect(judge.lights(in: other)[r] == Light.red.rawValue)
        #expect(judge.lights(in: original) == fresh(original))
        #expect(judge.lights(in: copy) == fresh(copy))
        #expect(judge.lights(in: other) == fresh(other))
    }
}
