import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// A reviewer's second list of user-visible defects in the §9 and §11 features, one test each,
/// on the demo store: what the user sees before the fix is what each test refuses.
@Suite(.enabled(if: LessonFiles.sheetsReady, "needs examples/progress"))
struct ReviewFollowUpTests {
    typealias Shell = TutorialImportDemoTests.Shell

    func demo() throws -> Shell {
        let sh = try Shell()
        #expect(sh.run("import demo"), "\(sh.err)")
        return sh
    }
}

extension ReviewFollowUpTests {
    /// The `light` column of tasks and of targets is coloured on a colour terminal, as `status`
    /// is; a pipe (no terminal) and `NO_COLOR` (no colour) get plain text.
    @Test func lightColumnsAreColouredOnATerminal() throws {
        let sh = try demo()
        sh.session.environment.stdoutIsTerminal = true
        sh.session.environment.usesColour = true
        for query in ["find tasks where light = red show id, light", "find targets where light = yellow show id, light"] {
            let shown = sh.session.render(try sh.session.runCommand(query))
            let colour = query.contains("red") ? "\u{1B}[31mred\u{1B}[0m" : "\u{1B}[33myellow\u{1B}[0m"
            #expect(shown.contains(colour), "\(query): \(shown)")
        }
        #expect(sh.run("set lang zh"))
        let zh = sh.session.render(try sh.session.runCommand("find targets where light = yellow show id, light"))
        #expect(zh.contains("\u{1B}[33m黄灯\u{1B}[0m"), "\(zh)")
        sh.session.environment.usesColour = false
        let plain = sh.session.render(try sh.session.runCommand("find tasks where light = red show id, light"))
        #expect(!plain.contains("\u{1B}["), "\(plain)")
    }
}

extension ReviewFollowUpTests {
    /// Tab after `light =` offers the same values for targets as for tasks, Chinese included.
    @Test func targetLightCompletesWithTheTaskLightsValues() throws {
        let sh = try demo()
        let completer = Completer(session: sh.session)
        let tasks = completer.candidates(forLine: "find tasks where light = ")
        let targets = completer.candidates(forLine: "find targets where light = ")
        for word in ["red", "yellow", "green", "红灯", "黄灯", "绿灯"] {
            #expect(targets.contains(word), "\(targets)")
        }
        #expect(Set(tasks) == Set(targets), "\(tasks) vs \(targets)")
        #expect(completer.candidates(forLine: "find targets where light = 红") == ["红灯"])
    }
}

extension ReviewFollowUpTests {
    /// `check` counts with the words the Lexicon counts with: `1 change`, never `1 changes`.
    @Test func checkCountsInTheSingularForOne() throws {
        let sh = try Shell()
        let plan = Plansh.packageRoot.appendingPathComponent("examples/plans/hewan2025.txt").path
        #expect(sh.run("import plan \(plan); check"), "\(sh.err)")
        #expect(sh.out.contains("1 plan, 25 tasks, 1 change\n"), "\(sh.out)")
        #expect(!sh.out.contains("1 changes") && !sh.out.contains("1 plans"), "\(sh.out)")
    }
}

extension ReviewFollowUpTests {
    /// `diff` under `set lang zh` speaks Chinese on the screen and in CSV: the summary, the change
    /// words, the field names, statuses and lights; JSON keeps the English words.
    @Test func diffSpeaksChineseUnderSetLangZh() throws {
        let sh = try demo()
        let query = "diff 2025-03 2025-04 where id in (hewan2025:1.4, qingshan2025:3.1.2)"
        #expect(sh.run("set lang zh; " + query), "\(sh.err)")
        let zh = sh.out
        for word in ["变更", "状态", "进度", "备注", "未启动 → 滞后", "绿灯 → 黄灯", "2 项任务有变更"] {
            #expect(zh.contains(word), "\(word): \(zh)")
        }
        for word in ["changed", "added", "removed", "status", "progress", "not_started", "behind", "green", "yellow", "light"] {
            #expect(!zh.contains(word), "\(word): \(zh)")
        }
        #expect(sh.run(query + " > d.csv"))
        let csv = try String(contentsOf: sh.session.resolve(path: "d.csv"), encoding: .utf8)
        #expect(csv.contains("变更,hewan2025:1.4") && csv.contains(",状态,未启动,滞后"), "\(csv)")
        try? FileManager.default.removeItem(at: sh.session.resolve(path: "d.csv"))
        #expect(sh.run("set format json; " + query))
        #expect(sh.out.contains("\"changed\"") && sh.out.contains("\"not_started\""), "\(sh.out)")
        #expect(sh.run("set format table; set lang en; " + query))
        #expect(sh.out.contains("changed") && sh.out.contains("not_started → behind"), "\(sh.out)")
    }
}

extension ReviewFollowUpTests {
    /// `count targets by light` counts the targets with no actual too, in their own group with an
    /// empty light (as `count tasks by lead` counts tasks with no office); the groups add up to
    /// `count targets`, and `help count` says so.
    @Test func countTargetsByLightCountsTargetsWithNoActual() throws {
        let sh = try demo()
        #expect(sh.run("count targets --format json"))
        let total = try #require(Int(sh.out.filter(\.isNumber)))
        #expect(sh.run("count targets where light is empty --format json"))
        let none = try #require(Int(sh.out.filter(\.isNumber)))
        #expect(none > 0)
        #expect(sh.run("count targets by light --format json"), "\(sh.err)")
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(sh.out.utf8)) as? [[String: Any]])
        #expect(groups.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == total, "\(sh.out)")
        #expect(groups.contains { $0["light"] is NSNull && $0["count"] as? Int == none }, "\(sh.out)")
        #expect(sh.run("count targets by unit, light --format json"))
        let pairs = try #require(try JSONSerialization.jsonObject(with: Data(sh.out.utf8)) as? [[String: Any]])
        #expect(pairs.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == total)
        #expect(sh.run("help count"))
        #expect(!sh.out.contains("not counted in `by light`"), "\(sh.out)")
        #expect(sh.out.contains("no light"), "\(sh.out)")
    }
}

extension ReviewFollowUpTests {
    /// The score table heads its columns with the report's words: 牵头科室 (lead office), not 科室.
    @Test func scoreTableHeadsItsColumnsAsTheReportDoes() throws {
        let sh = try demo()
        func header(_ text: String, after marker: (String) -> Bool) -> [String]? {
            let lines = text.split(separator: "\n").map(String.init)
            guard let i = lines.firstIndex(where: marker), i + 1 < lines.count else { return nil }
            return lines[i + 1].split(separator: " ").map(String.init)
        }
        for (lang, heading) in [("zh", "考核"), ("en", "score")] {
            #expect(sh.run("set lang \(lang); score"), "\(sh.err)")
            let score = try #require(header(sh.out) { $0.hasPrefix(heading) }, "\(sh.out)")
            #expect(sh.run("report"))
            let lines = sh.out.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("  ") && $0.split(separator: " ").map(String.init) == score },
                    "\(lang): \(score) not in \(sh.out)")
        }
        #expect(sh.run("set lang zh; score"))
        #expect(sh.out.split(separator: "\n")[1].hasPrefix("牵头科室"), "\(sh.out)")
    }
}

extension ReviewFollowUpTests {
    /// What `import demo` prints fits in 120 columns a line.
    @Test func importDemoLinesFitIn120Columns() throws {
        let sh = try Shell()
        #expect(sh.run("import demo"), "\(sh.err)")
        for line in sh.out.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= 120, "\(line.count): \(line)")
        }
        #expect(sh.out.contains("84 tasks") && sh.out.contains("2025-03, 2025-04"), "\(sh.out)")
    }
}

extension ReviewFollowUpTests {
    /// `help find` names the default columns of tasks and of targets from their declarations.
    @Test func findHelpNamesTheDeclaredDefaultColumns() throws {
        let sh = try Shell()
        #expect(sh.run("help find"))
        let help = sh.out.split(separator: "\n").joined(separator: " ").split(separator: " ").joined(separator: " ")
        let tasks = TaskList.defaultColumns(.tasks).map(\.name).joined(separator: " ")
        let targets = TaskList.defaultColumns(.targets).map(\.name).joined(separator: " ")
        #expect(help.contains("default: " + tasks), "\(help)")
        #expect(help.contains(targets), "\(help)")
    }
}
