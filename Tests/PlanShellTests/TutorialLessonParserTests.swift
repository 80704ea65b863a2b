import Foundation
import Testing
@testable import PlanShell

/// The lesson file format: what it accepts, and `FILE:LINE` errors for what it does not.
@Suite struct TutorialLessonParserTests {
    static let good = """
    # 第9课 测试 · Lesson 9: Test
    # a comment after the title
    setup: import demo
    intro: 开场
    intro: Opening

    step: 第一步 · First
    explain: 说明
      continued explanation
    example: echo a
    ask: 请输入 · Type it
    answer: echo "你好"
    wrong: echo hi
    hint: 提示一
    hint: 提示二
    success: 好 · Good

    step：第二步 · Second
    explain： full-width colons work
    ask: Change it
    answer: update demo:1.2 set status = behind
    wrong: echo no
    check: state demo:1.2 status = 滞后
    check: snapshot may
    check: file out.md
    hint: h
    outro: 结束
    """

    func parse(_ text: String) throws -> Lesson {
        try LessonParser.parse(text, fileName: "09-test.lesson", displayName: "lessons/09-test.lesson")
    }

    /// The error a text gives, as the user reads it.
    func error(_ text: String) -> String {
        do {
            _ = try parse(text)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func readsEveryKey() throws {
        let l = try parse(Self.good)
        #expect(l.title == "第9课 测试 · Lesson 9: Test")
        #expect(l.setup == ["import demo"])
        #expect(l.intro == ["开场", "Opening"])
        #expect(l.outro == ["结束"])
        #expect(l.steps.count == 2)
        let s = l.steps[0]
        #expect(s.line == 7)
        #expect(s.explain == ["说明\ncontinued explanation"])
        #expect(s.examples == ["echo a"])
        #expect(s.answer == "echo \"你好\"")
        #expect(s.wrong == ["echo hi"])
        #expect(s.hints == ["提示一", "提示二"])
        #expect(s.success == ["好 · Good"])
        #expect(s.checks == [.sameResult(ordered: false)])
        #expect(!s.changesData)
        let t = l.steps[1]
        #expect(t.checks == [.state(taskID: "demo:1.2", field: .status, value: "behind"),
                             .snapshot(name: "may"), .file(name: "out.md")])
        #expect(t.changesData)
    }

    @Test func checkForms() throws {
        #expect(try LessonParser.parseCheck("same-result ordered") == .sameResult(ordered: true))
        #expect(try LessonParser.parseCheck("state yy:2.1.1 progress = 40") == .state(taskID: "yy:2.1.1", field: .progress, value: "40"))
        #expect(try LessonParser.parseCheck("state yy:2.1.1 note = \"a b\"") == .state(taskID: "yy:2.1.1", field: .note, value: "a b"))
        #expect(try LessonParser.parseCheck("output contains 滞后 任务") == .outputContains(text: "滞后 任务"))
    }

    @Test func errorsNameFileAndLine() {
        #expect(error("") == "lessons/09-test.lesson: the lesson file is empty (it needs a `# title` line and steps)")
        #expect(error("step: x") == "lessons/09-test.lesson:1: a lesson starts with its title: `# 第N课 … · Lesson N: …`")
        #expect(error("# T\nintro: hi") == "lessons/09-test.lesson:1: the lesson has no steps (`step:` lines)")
        #expect(error("# T\nstep: a\nexplian: x").hasPrefix("lessons/09-test.lesson:3: unknown key `explian:` — did you mean \"explain\"?"))
        #expect(error("# T\nexplain: x") == "lessons/09-test.lesson:2: `explain:` belongs inside a step; start one with `step:`")
        #expect(error("# T\nstep: a\nexplain: x\nask: y\nanswer: echo 1\nanswer: echo 2")
                == "lessons/09-test.lesson:6: a step has one `answer:`; this is the second")
        #expect(error("# T\nstep: a\nexplain: x\nask: y\nhint: h\nwrong: echo 2")
                == "lessons/09-test.lesson:2: step \"a\" has no `answer:` line")
        #expect(error("# T\nstep: a\nexplain: x\nask: y\nanswer: echo 1\nhint: h")
                == "lessons/09-test.lesson:2: step \"a\" has no `wrong:` line (a command that must not pass)")
        #expect(error("# T\nstep: a\ncheck: state demo:1 status behind")
                == "lessons/09-test.lesson:3: expected `check: state ID FIELD = VALUE`, e.g. `state demo:1.2 status = behind`")
        #expect(error("# T\nstep: a\ncheck: state demo:1 status = late")
                == "lessons/09-test.lesson:3: unknown status \"late\" (not_started, on_track, behind, done; "
                   + "未启动, 推进中, 滞后, 已完成; 未开始, 进行中, 正常推进, 进度滞后, 落后, 完成)")
        #expect(error("# T\nstep: a\ncheck: state demo:1 progress = 120")
                == "lessons/09-test.lesson:3: progress 120 is out of range (0–100)")
        #expect(error("# T\nstep: a\ncheck: same-resutl").hasPrefix("lessons/09-test.lesson:3: unknown check \"same-resutl\" — did you mean \"same-result\"?"))
        #expect(error("# T\nstep: a\nanswer: echo \"open") == "lessons/09-test.lesson:3: the answer has an unclosed quote or parenthesis")
        #expect(error("# T\nstep: a\nanswer: echo 1\n  more") == "lessons/09-test.lesson:4: `answer:` takes one line; it cannot continue on the next")
        #expect(error("# T\n  indented") == "lessons/09-test.lesson:2: an indented line continues the line above it, but there is none")
        #expect(error("# T\nstep: a\nthis line has no key") .hasPrefix("lessons/09-test.lesson:3: expected `key: value`"))
        #expect(error("# T\nstep: a\nask:") == "lessons/09-test.lesson:3: `ask:` has no value")
        #expect(error("# T\nstep: a\nexplain: x\nask: y\nanswer: update d:1 set status = done\nwrong: echo\nhint: h\ncheck: same-result\ncheck: snapshot s")
                == "lessons/09-test.lesson:2: step \"a\" mixes `check: same-result` with checks of the sandbox state")
        #expect(error("# T\nstep: a\nexplain: x\nask: y\nanswer: echo 1\nwrong: echo 2\nhint: h\nsetup: import demo")
                == "lessons/09-test.lesson:8: `setup:` belongs before the first `step:`")
    }

    @Test func fileLevelProblems() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-lesson-parse-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.lesson")
        try Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]).write(to: bad)
        #expect(throws: LessonError(file: "x/bad.lesson", line: 0, message: "the lesson file is not valid UTF-8")) {
            try LessonParser.load(bad, displayName: "x/bad.lesson")
        }
        let bom = dir.appendingPathComponent("bom.lesson")
        try Data(("\u{FEFF}" + Self.good.replacingOccurrences(of: "\n", with: "\r\n")).utf8).write(to: bom)
        let l = try LessonParser.load(bom, displayName: "bom.lesson")
        #expect(l.title == "第9课 测试 · Lesson 9: Test")
        #expect(l.steps[0].explain == ["说明\ncontinued explanation"])
        #expect(throws: LessonError.self) { try LessonParser.load(dir.appendingPathComponent("missing.lesson"), displayName: "m") }
    }

    /// Damaged copies of the real lessons (lines dropped, swapped, cut short, keys misspelled)
    /// parse or fail with `FILE:LINE`; none crashes.
    @Test func damagedLessonsNeverCrash() throws {
        var rng = SystemRandomNumberGenerator()
        for entry in try LessonFiles.catalogue().entries {
            let text = try String(contentsOf: entry.url, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<60 {
                var l = lines
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: l.remove(at: Int.random(in: 0..<l.count, using: &rng))
                case 1: l.swapAt(Int.random(in: 0..<l.count, using: &rng), Int.random(in: 0..<l.count, using: &rng))
                case 2: l = Array(l.prefix(Int.random(in: 0..<l.count, using: &rng)))
                case 3:
                    let i = Int.random(in: 0..<l.count, using: &rng)
                    l[i] = String(l[i].dropFirst(Int.random(in: 0...3, using: &rng)))
                default:
                    let i = Int.random(in: 0..<l.count, using: &rng)
                    l[i] = String(l[i].prefix(Int.random(in: 0...max(0, l[i].count), using: &rng)))
                }
                do {
                    _ = try LessonParser.parse(l.joined(separator: "\n"), fileName: entry.fileName, displayName: entry.displayName)
                } catch let e as LessonError {
                    #expect(e.description.hasPrefix(entry.displayName + ":"), "\(e)")
                }
            }
        }
    }
}
