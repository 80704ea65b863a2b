import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// Supervision in the shell on the demo store: as-of settings, rules, why, score, the prompt,
/// and the bad inputs of issue 11 (each a one-line error, nothing changed).
@Suite(.enabled(if: LessonFiles.sheetsReady, "needs progress sheets and examples/progress (other capabilities)"))
struct SupervisionCommandTests {
    typealias Shell = TutorialImportDemoTests.Shell

    func demo() throws -> Shell {
        let sh = try Shell()
        #expect(sh.run("import demo"), "\(sh.err)")
        return sh
    }

    @Test func asOfDefaultsToTheReportingMonthAndFollowsSetToday() throws {
        let sh = try demo()
        // The demo's latest progress is April 2025: judged as of its last day, whatever the clock says.
        #expect(sh.session.asOf == CalendarDay(year: 2025, month: 4, day: 30))
        #expect(sh.session.reportingMonth == YearMonth(year: 2025, month: 4))
        #expect(sh.run("set today = 2025-03-31"))
        #expect(sh.session.asOf == CalendarDay(year: 2025, month: 3, day: 31))
        #expect(sh.run("echo $today"))
        #expect(sh.out == "2025-03-31\n")
        #expect(sh.run("find tasks where id = hewan2025:1.4 show due_in, light"))
        #expect(sh.out.contains(" 0 ") && sh.out.contains("red"))
        #expect(sh.run("set today = none"))
        #expect(sh.session.asOf == CalendarDay(year: 2025, month: 4, day: 30))
        #expect(sh.run("set month = 2025-03"))
        #expect(sh.session.asOf == CalendarDay(year: 2025, month: 3, day: 31))
        #expect(sh.session.recordingMonth == YearMonth(year: 2025, month: 3))
        #expect(sh.run("set month = none"))
        // Last year's plan: without `set month`, the reporting month, never the clock's month.
        let w = sh.session.workspace
        let late = CalendarDay(year: 2026, month: 12, day: 4) ?? LocalTime.today()
        #expect(AsOf.recordingMonth(set: nil, workspace: w, clock: late) == YearMonth(year: 2025, month: 4))
        let within = CalendarDay(year: 2025, month: 6, day: 15) ?? late
        #expect(AsOf.recordingMonth(set: nil, workspace: w, clock: within) == YearMonth(year: 2025, month: 6))
        #expect(AsOf.day(setToday: nil, setMonth: nil, workspace: w, clock: within) == CalendarDay(year: 2025, month: 4, day: 30))
        let early = CalendarDay(year: 2025, month: 4, day: 12) ?? late
        #expect(AsOf.day(setToday: nil, setMonth: nil, workspace: w, clock: early) == early)
    }

    @Test func thePromptCountsRedAndDueSoon() throws {
        let sh = try demo()
        #expect(sh.run("set today = 2025-04-30"))
        #expect(sh.session.prompt == "plansh[3 plans · 5 红灯 · 1 临期]> ")
        #expect(sh.run("set lang zh"))
        #expect(sh.session.prompt == "plansh[3 个计划 · 5 红灯 · 1 临期]> ")
        #expect(sh.run("set lang en; set today = 2025-01-10"))
        #expect(sh.session.prompt.hasPrefix("plansh[3 plans"))
    }

    @Test func whyAgreesWithLightForEveryDemoTask() throws {
        let sh = try demo()
        let w = sh.session.workspace
        let judge = sh.session.judge
        for r in 0..<w.taskCount {
            let light = judge.light(row: r, in: w.tasks)
            #expect(sh.run("set lang zh; why \(w.taskID(row: r))"))
            #expect(sh.out.contains("→ \(light.chineseLabel)"), "\(w.taskID(row: r)): \(sh.out)")
            #expect(sh.run("set lang en; why \(w.taskID(row: r))"))
            #expect(sh.out.contains("→ \(light.keyword) ("), "\(w.taskID(row: r)): \(sh.out)")
        }
    }

    @Test func rulesChangeTheLightsAndAreJournaled() throws {
        let sh = try demo()
        #expect(sh.run("count tasks where light = red"))
        let before = sh.out
        #expect(sh.run("set rule red = 50"))
        #expect(sh.out == "rule red = 50 (was 30)\n")
        #expect(sh.session.workspace.rules.red == 50)
        #expect(sh.run("count tasks where light = red"))
        #expect(sh.out != before)
        #expect(sh.run("rules"))
        #expect(sh.out.contains("red              50       30"))
    }

    @Test func scoreAsJSON() throws {
        let sh = try demo()
        sh.session.settings.format = .json
        #expect(sh.run("score plan hewan2025"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(sh.out.utf8)) as? [[String: Any]])
        #expect(parsed.first.map { Array($0.keys).sorted() } == ["avg_gap", "done", "green", "office", "red", "score", "tasks", "yellow"])
        let scores = parsed.compactMap { $0["score"] as? Int }
        #expect(scores == scores.sorted(by: >))
    }

    @Test func badInputIsOneClearLineAndChangesNothing() throws {
        let sh = try demo()
        let rules = sh.session.workspace.rules
        let cases: [(String, String)] = [
            ("set today = 2025-02-30", "2025-02-30 is not a day of the calendar (2025-02 has 28 days)"),
            ("set today = tomorrow", "today takes a date YYYY-MM-DD (or none)"),
            ("set month = 2025-13", "month takes YYYY-MM (or none)"),
            ("set rule red = 5", "red must be at least yellow (10), not 5"),
            ("set rule yellow = -1", "yellow must be 0 or more, not -1"),
            ("set rule gren = 5", "\"gren\""),
            ("set rule red = lots", "a rule is a whole number"),
            ("why nosuch:1.1", "no plan \"nosuch\""),
            ("why hewan2025:9.9", "hewan2025:9.9"),
            ("score month 2030-01", "no progress recorded for 2030-01 in these plans; months with progress: 2025-03, 2025-04"),
            ("find where light = purple", "unknown light \"purple\""),
            ("find where due_in < 1.5", "due_in is a whole number of days"),
        ]
        for (line, message) in cases {
            #expect(!sh.run(line), "\(line) should fail")
            #expect(sh.err.contains(message), "\(line): \(sh.err)")
            #expect(sh.err.hasPrefix("error: ") || sh.err.contains(": error: "), "\(line): \(sh.err)")
        }
        #expect(sh.session.workspace.rules == rules)
        #expect(sh.session.settings.variables["today"] == nil && sh.session.settings.variables["month"] == nil)
    }
}
