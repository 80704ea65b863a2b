import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// Defects found by trying plansh as a new user would (README tour, SPEC §9 and §11, lessons),
/// one test each, on the demo store.
@Suite(.enabled(if: LessonFiles.sheetsReady, "needs examples/progress"))
struct ReviewDefectTests {
    typealias Shell = TutorialImportDemoTests.Shell

    func demo() throws -> Shell {
        let sh = try Shell()
        #expect(sh.run("import demo"), "\(sh.err)")
        return sh
    }

    /// Lesson 8 asks "see why TASK is red": the task it names must be red in the lesson's sandbox.
    @Test func lessonEightsWhyStepNamesARedTask() throws {
        let lesson = try #require(try LessonFiles.catalogue().entries
            .first { $0.fileName == "08-lights-and-scores.lesson" }?.lesson.get())
        let step = try #require(lesson.steps.first { $0.answer.hasPrefix("why ") })
        #expect(step.ask.contains { $0.contains("red") || $0.contains("红灯") })
        let sh = try demo()
        #expect(sh.run(step.answer), "\(sh.err)")
        #expect(sh.out.contains("→ red ("), "\(sh.out)")
    }

    /// `help query` lists the target fields too; `help find` / `help count` name `find targets`,
    /// `count targets` and `.xlsx`; the command list says find and count take targets.
    @Test func helpCoversTargetsAndXlsx() throws {
        let sh = try Shell()
        #expect(sh.run("help query"))
        let lines = sh.out.split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("Fields of targets") }, "\(sh.out)")
        // SPEC §11's fields of `find targets`.
        for name in "id task plan lead office metric comparator value low high unit kind actual attainment met light".split(separator: " ") {
            #expect(lines[start...].contains { $0.hasPrefix("  \(name) ") }, "help query misses target field \(name)")
        }
        #expect(sh.run("help find"))
        #expect(sh.out.contains("find [tasks|targets]") && sh.out.contains("`find targets`") && sh.out.contains(".xlsx"))
        #expect(sh.run("help count"))
        #expect(sh.out.contains("count [tasks|targets]") && sh.out.contains("count targets by unit, light"))
        #expect(sh.run("help"))
        #expect(sh.out.contains("list tasks (or targets: find targets)"))
        #expect(sh.run("help update"))
        #expect(!sh.out.contains("default: this month") && sh.out.contains("or a target's actual"))
        #expect(sh.run("help report"))
        #expect(sh.out.contains("`set lang zh` for the Chinese report") && sh.out.contains("通报") && sh.out.contains("> FILE.xlsx"))
        #expect(sh.run("help import progress"))
        #expect(sh.out.contains("指标编号/target_id") && !sh.out.contains("defaults to the current one"))
    }

    /// Tab after `set` offers today, month and rule (SPEC §9) besides the settings; `set` alone
    /// lists lang once and shows today and month.
    @Test func setCompletesAndListsTheDatedSettingsAndRule() throws {
        let sh = try demo()
        let offered = Completer(session: sh.session).candidates(forLine: "set ")
        for name in ["format", "lang", "today", "month", "rule"] { #expect(offered.contains(name), "\(offered)") }
        #expect(Completer(session: sh.session).candidates(forLine: "set to") == ["today"])
        #expect(sh.run("set lang zh; set today = 2025-03-31; set"))
        #expect(sh.out.components(separatedBy: "lang = zh").count == 2, "\(sh.out)")
        #expect(!sh.out.contains("$lang") && !sh.out.contains("$today"))
        #expect(sh.out.contains("today = 2025-03-31\nmonth = none (reporting 2025-04)\n"), "\(sh.out)")
    }

    /// An actual given again changes nothing, says so, and writes no history (as a task's update).
    @Test func actualGivenAgainIsUnchanged() throws {
        let sh = try demo()
        let before = sh.session.workspace.history.count
        #expect(sh.run("update qingshan2025:2.1.4#1 set actual = 44%"), "\(sh.err)")
        #expect(sh.out == "updated qingshan2025:2.1.4#1 actual 44% (unchanged)\n")
        #expect(sh.session.workspace.history.count == before)
        #expect(sh.run("update qingshan2025:2.1.4#1 set actual = 45%"))
        #expect(sh.out == "updated qingshan2025:2.1.4#1 actual 44% → 45% (2025-04)\n")
        #expect(sh.session.workspace.history.count == before + 1)
    }

    /// `score > FILE.xlsx` writes a workbook (it is a table); with `set lang zh` the score, rules
    /// and offices tables are headed in Chinese on the screen and in CSV, JSON keys stay English.
    @Test func scoreWritesXlsxAndTablesFollowTheLanguage() throws {
        let sh = try demo()
        let xlsx = sh.dir.appendingPathComponent("score.xlsx")
        #expect(sh.run("score > \(xlsx.path)"), "\(sh.err)")
        let data = try Data(contentsOf: xlsx)
        #expect(FileKind.sniff(data, fileName: "score.xlsx") == .xlsx)
        let archive = try ZipArchive(data: data, fileName: "score.xlsx")
        let sheet = String(decoding: try #require(try archive.read("xl/worksheets/sheet1.xml")), as: UTF8.self)
            + String(decoding: try archive.read("xl/sharedStrings.xml") ?? Data(), as: UTF8.self)
        #expect(sheet.contains("avg gap") && sheet.contains("lead office") && sheet.contains("综合监督科"), "\(sheet)")
        #expect(sh.run("set lang zh; score"))
        #expect(sh.out.hasPrefix("考核排名，截至 2025-04-30（100 − 1×黄灯 − 2×红灯）\n牵头科室 "), "\(sh.out)")
        #expect(sh.out.contains("平均差距  得分\n") && sh.out.hasSuffix("（共 11 个科室）\n"))
        let csv = sh.dir.appendingPathComponent("score.csv")
        #expect(sh.run("score > \(csv.path)"))
        let header = Data("\u{FEFF}牵头科室,任务,完成,绿灯,黄灯,红灯,平均差距,得分\r\n".utf8)
        #expect(try Data(contentsOf: csv).prefix(header.count) == header)
        #expect(sh.run("set format json; score; set format table"))
        #expect(sh.out.contains("{\"office\": \"综合监督科\", \"tasks\": 5,"), "\(sh.out)")
        #expect(sh.run("rules"))
        #expect(sh.out.hasPrefix("名称          值  默认值  含义\n"), "\(sh.out)")
        #expect(sh.run("offices"))
        #expect(sh.out.hasPrefix("科室            任务  滞后  已完成  计划\n"), "\(sh.out)")
        #expect(sh.run("set lang en; offices"))
        #expect(sh.out.hasPrefix("office          tasks  behind  done  plans\n"), "\(sh.out)")
    }

    /// `show task` under `set lang zh` names its targets' lights in Chinese; `diff` counts one
    /// light change in the singular.
    @Test func showTaskLightsFollowTheLanguageAndDiffCountsOneLight() throws {
        let sh = try demo()
        #expect(sh.run("set lang zh; show task qingshan2025:2.1.4"), "\(sh.err)")
        #expect(sh.out.contains("73.3%  黄灯\n"), "\(sh.out)")
        #expect(!sh.out.contains("  yellow\n"))
        #expect(sh.run("set lang en; update songling2025:3.3.3 set status = on_track, progress = 30"), "\(sh.err)")
        #expect(sh.run("diff 2025-04"))
        #expect(sh.out.hasPrefix("0 added, 0 removed, 1 task changed (2 field changes), 1 light changed (2025-04 → now)\n"), "\(sh.out)")
    }

    /// A stray word right after `find`/`count` lists the row kinds among what was expected, and
    /// no `and`/`or` before any condition.
    @Test func aStrayWordAfterFindListsTheRowKinds() throws {
        let sh = try Shell()
        #expect(!sh.run("find x"))
        #expect(sh.err.hasPrefix("error: unknown keyword \"x\" (expected tasks, targets, where, order, limit, show or --format)\n"), "\(sh.err)")
        #expect(!sh.run("count tasks x"))
        #expect(sh.err.hasPrefix("error: unknown keyword \"x\" (expected where, by or --format)\n"), "\(sh.err)")
        #expect(!sh.run("find targts where light = red"))
        #expect(sh.err.contains("did you mean \"targets\"?"), "\(sh.err)")
    }

    /// A target id where a task id is expected names the task instead of suggesting a stranger.
    @Test func aTargetIDWhereATaskIsExpectedNamesItsTask() throws {
        let sh = try demo()
        for command in ["history", "why", "show task"] {
            #expect(!sh.run("\(command) qingshan2025:2.1.4#1"))
            #expect(sh.err.hasPrefix("error: \"qingshan2025:2.1.4#1\" names a target, not a task: use its task "
                                     + "qingshan2025:2.1.4 here (`find targets where task = qingshan2025:2.1.4` lists its targets)\n"),
                    "\(sh.err)")
        }
        #expect(!sh.run("history qingshan2025:2.9.9"))
        #expect(sh.err.hasPrefix("error: no task \"qingshan2025:2.9.9\""))
    }
}
