import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// Lights are judged once and kept between queries (`QueryIndexCache`, issue 15): every input of a
/// light changed in the shell — the as-of day (`set today`, `set month`), a rule, a task's status,
/// progress, start and due, another plan imported, a plan dropped, a snapshot loaded — must change
/// the answers the shell gives, and they must equal lights judged afresh row by row (no cache).
/// Each step first asks the questions, so the cache is warm when the input changes: an answer
/// kept from before the change fails the comparison.
@Suite(.enabled(if: LessonFiles.sheetsReady, "needs progress sheets and examples/progress (other capabilities)"))
struct LightCacheTests {
    typealias Shell = TutorialImportDemoTests.Shell

    func demo() throws -> Shell {
        let sh = try Shell()
        #expect(sh.run("import demo"), "\(sh.err)")
        #expect(sh.run("set format csv; set today = 2025-04-30"), "\(sh.err)")
        return sh
    }

    /// The lights of every task judged afresh, one row at a time, by the session's judge.
    func fresh(_ sh: Shell) -> [(id: String, lead: String, light: Light)] {
        let w = sh.session.workspace, judge = sh.session.judge
        return (0..<w.taskCount).map { r in
            (w.taskID(row: r), w.tasks.leadCode(row: r).map { w.tasks.offices[$0] } ?? "",
             judge.light(row: r, in: w.tasks))
        }
    }

    /// Asks the shell for the red tasks, the counts by lead and light, and the prompt; checks each
    /// against `fresh`; returns the red ids and the counts (what a change must change).
    @discardableResult
    func answers(_ sh: Shell, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let truth = fresh(sh)
        #expect(sh.run("find tasks where light = red show id"), "\(step): \(sh.err)", sourceLocation: sourceLocation)
        let red = Set(sh.out.split(whereSeparator: \.isNewline).dropFirst().map(String.init))
        #expect(red == Set(truth.filter { $0.light == .red }.map(\.id)), "\(step): red tasks", sourceLocation: sourceLocation)
        #expect(sh.run("count tasks by lead, light"), "\(step): \(sh.err)", sourceLocation: sourceLocation)
        let counts = Set(sh.out.split(whereSeparator: \.isNewline).dropFirst().map(String.init))
        var expected: [String: Int] = [:]
        for t in truth { expected["\(t.lead),\(t.light.keyword)", default: 0] += 1 }
        #expect(counts == Set(expected.map { "\($0.key),\($0.value)" }), "\(step): counts by lead, light",
                sourceLocation: sourceLocation)
        // The prompt's counts: red and due soon (临期), none shown when there are none.
        let w = sh.session.workspace, judge = sh.session.judge
        let reds = truth.filter { $0.light == .red }.count
        let soon = (0..<w.taskCount).filter { judge.isDueSoon(row: $0, in: w.tasks) }.count
        let prompt = sh.session.prompt
        #expect(reds == 0 ? !prompt.contains("红灯") : prompt.contains(" \(reds) 红灯"), "\(step): \(prompt)",
                sourceLocation: sourceLocation)
        #expect(soon == 0 ? !prompt.contains("临期") : prompt.contains(" \(soon) 临期"), "\(step): \(prompt)",
                sourceLocation: sourceLocation)
        #expect(sh.run("count tasks where light = red"), sourceLocation: sourceLocation)
        #expect(sh.out.split(whereSeparator: \.isNewline).last.map(String.init) == String(reds), "\(step): count where light = red",
                sourceLocation: sourceLocation)
        return red.sorted().joined(separator: " ") + " | " + counts.sorted().joined(separator: " ")
    }

    /// Runs `change` between two rounds of answers: both true to the lights, and different.
    func changes(_ sh: Shell, _ change: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let before = answers(sh, "before \(change)", sourceLocation: sourceLocation)
        #expect(sh.run(change), "\(change): \(sh.err)", sourceLocation: sourceLocation)
        let after = answers(sh, "after \(change)", sourceLocation: sourceLocation)
        #expect(before != after, "\(change) changed no light", sourceLocation: sourceLocation)
    }

    /// A task of the demo, not done, whose fresh judgement passes `pick`.
    func task(_ sh: Shell, _ pick: (Judgement) -> Bool) throws -> String {
        let w = sh.session.workspace, judge = sh.session.judge
        let r = try #require((0..<w.taskCount).first { r in
            let j = judge.judge(row: r, in: w.tasks)
            return j.status != .done && pick(j)
        })
        return w.taskID(row: r)
    }

    @Test func theAsOfDayAndTheRules() throws {
        let sh = try demo()
        changes(sh, "set today = 2025-12-31")
        changes(sh, "set today = none")
        changes(sh, "set month = 2025-03")
        changes(sh, "set month = none")
        changes(sh, "set rule red = 60")
        changes(sh, "set rule idle = 90")
        changes(sh, "set rule yellow = 0")
    }

    @Test func aTasksStatusProgressStartAndDue() throws {
        let sh = try demo()
        let red = try task(sh) { $0.light == .red && $0.reason != .overdue }
        changes(sh, "update \(red) set status = done force")
        let farBehind = try task(sh) { $0.reason == .farBehind }
        changes(sh, "update \(farBehind) set progress = 100")
        let green = try task(sh) { $0.light == .green && $0.progress < 50 && $0.dueIn > 0 }
        changes(sh, "update \(green) set start = 2000-01-01")
        changes(sh, "update \(green) set start = none")
        changes(sh, "update \(green) set due = 2025-01-31")
        changes(sh, "update \(green) set due = none")
        changes(sh, "update tasks where light = red set status = done force")
    }

    @Test func plansImportedDroppedAndSnapshotsLoaded() throws {
        let sh = try demo()
        changes(sh, "drop plan songling2025")
        changes(sh, "import plan examples/plans/songling2025.txt")
        #expect(sh.run("save lights-before"), "\(sh.err)")
        changes(sh, "update tasks where light = red set status = done force")
        changes(sh, "load lights-before")
    }
}
