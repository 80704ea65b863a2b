import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// A scratch "checkout": `examples/` with lessons and a small demo plan, a learner store,
/// and an interactive session working there whose output is collected.
final class TutorialScratch {
    let root: URL
    let session: Session
    var out = ""
    var err = ""

    static let echoLesson = """
    # 第1课 回声 · Lesson 1: Echo
    intro: 开场白 · Opening words
    step: 说你好 · Say hello
    explain: echo 原样输出 · echo prints its words
    example: echo 例子
    ask: 输入 echo 你好 · Type echo 你好
    answer: echo 你好
    wrong: echo hi
    hint: 第一条提示 first hint
    hint: 第二条提示 second hint
    step: 写文件 · Write a file
    explain: > 写入文件 · > writes a file
    ask: 把 hello 写进 out.txt · Write hello to out.txt
    answer: echo hello > out.txt
    wrong: echo hello
    check: file out.txt
    hint: 末尾加 > out.txt · add > out.txt
    step: 导入 · Import
    explain: import demo
    ask: 导入演示数据 · Import the demo
    answer: import demo
    wrong: echo mini
    check: output contains imported demo plans mini
    hint: import demo
    outro: 结束语 · Closing words
    """

    static let miniPlan = """
    迷你县卫生健康局2025年卫生健康工作要点

    一、重点工作
    1.推进胸痛中心建设，救治时间控制在90分钟以内。(责任科室:医政科)
    2.做实家庭医生签约服务，重点人群签约率达75%以上。(责任科室:基层卫生科)
    """

    init(lessons: [String: String] = ["01-echo.lesson": TutorialScratch.echoLesson], interactive: Bool = true) throws {
        let fm = FileManager.default
        root = fm.temporaryDirectory.appendingPathComponent("plansh-tutorial-test-\(UUID().uuidString.prefix(8))")
        let examples = root.appendingPathComponent("examples")
        try fm.createDirectory(at: examples.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        try fm.createDirectory(at: examples.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try fm.createDirectory(at: examples.appendingPathComponent("progress"), withIntermediateDirectories: true)
        try Data(TutorialScratch.miniPlan.utf8).write(to: examples.appendingPathComponent("plans/mini.txt"))
        for (name, text) in lessons {
            try Data(text.utf8).write(to: examples.appendingPathComponent("lessons/\(name)"))
        }
        let store = try Store.open(at: root.appendingPathComponent("store"))
        session = Session(store: store, environment: SessionEnvironment(isInteractive: interactive, workingDirectory: root))
        session.output = { [unowned self] in self.out += $0 }
        session.errorOutput = { [unowned self] in self.err += $0 }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Types `line` at the shell (or into the running lesson); returns what it printed.
    @discardableResult
    func type(_ line: String) -> String {
        out = ""
        err = ""
        if let lesson = session.interceptor {
            if !lesson.handle(line: line, session: session) { session.interceptor = nil }
        } else {
            session.execute(line)
        }
        return out + err
    }

    var runner: LessonRunner? { session.interceptor as? LessonRunner }
    var progressFile: String {
        (try? String(contentsOf: session.store.directory.appendingPathComponent("tutorial-progress"), encoding: .utf8)) ?? ""
    }
}

/// Lines typed at a prompt, for driving `Session.interact`; records the prompts shown.
final class ScriptedReader: LineReader {
    var lines: [String]
    var prompts: [String] = []
    init(_ lines: [String]) { self.lines = lines }
    func readLine(prompt: String) -> ReadResult {
        prompts.append(prompt)
        return lines.isEmpty ? .endOfInput : .line(lines.removeFirst())
    }
    func addHistory(_ line: String) {}
}

@Suite struct TutorialRunnerTests {
    @Test func startShowsIntroAndFirstStepWithExampleOutput() throws {
        let t = try TutorialScratch()
        let shown = t.type("tutorial 1")
        #expect(t.err.isEmpty, "\(t.err)")
        #expect(shown.contains("━━ 第1课 回声 · Lesson 1: Echo ━━"))
        #expect(shown.contains("开场白 · Opening words"))
        #expect(shown.contains("── 第1/3步 · Step 1 of 3: 说你好 · Say hello ──"))
        #expect(shown.contains("  > echo 例子\n例子\n"), "the example runs in the sandbox")
        #expect(shown.contains("→ 输入 echo 你好 · Type echo 你好"))
        #expect(t.runner?.prompt == "tutorial 1 [1/3]> ")
    }

    @Test func equivalentAnswerPassesByResult() throws {
        let t = try TutorialScratch()
        t.type("tutorial 1")
        let shown = t.type("echo   \"你好\"   # quoted, extra spaces, a comment")
        #expect(shown.contains("你好\n✓ 正确 · Correct!"))
        #expect(t.runner?.index == 1)
        #expect(shown.contains("Step 2 of 3"))
    }

    @Test func wrongTriesGetHintsInTurn() throws {
        let t = try TutorialScratch()
        t.type("tutorial 1")
        let first = t.type("echo hi")
        #expect(first.contains("hi\n✗ 还不对 · Not quite"))
        #expect(first.contains("提示 Hint: 第一条提示 first hint"))
        #expect(t.type("hint").contains("第二条提示 second hint"))
        let third = t.type("echo nope")
        #expect(third.contains("second hint") && third.contains("`skip` shows the answer"))
        #expect(t.type("hint").contains("答案 Answer: echo 你好"))
        let error = t.type("fnd tasks")
        #expect(error.contains("error: unknown command \"fnd\""), "the sandbox's error is shown with its caret")
        #expect(error.contains("✗"))
        #expect(t.runner?.index == 0)
        #expect(t.type("echo 你好").contains("✓"))
    }

    @Test func skipBackAgainQuitAndResume() throws {
        let t = try TutorialScratch()
        t.type("tutorial 1")
        let skipped = t.type("skip")
        #expect(skipped.contains("答案 Answer: echo 你好\n你好\n"))
        #expect(t.runner?.index == 1)
        #expect(t.progressFile.contains("01-echo.lesson\t2"))
        #expect(t.type("back").contains("Step 1 of 3"))
        #expect(t.runner?.index == 0)
        #expect(t.type("back").contains("This is the first step."))
        #expect(t.type("again").contains("Step 1 of 3"))
        t.type("echo 你好")
        let quit = t.type("quit")
        #expect(quit.contains("Left lesson 1 at step 2; `tutorial 1` resumes there."))
        #expect(t.session.interceptor == nil)
        #expect(t.progressFile.contains("01-echo.lesson\t2"))
        // A new session on the same store resumes at step 2; `restart` starts over.
        let resumed = t.type("tutorial 1")
        #expect(resumed.contains("Resuming at step 2") && resumed.contains("Step 2 of 3"))
        t.type("quit")
        #expect(t.type("tutorial 1 restart").contains("Step 1 of 3"))
    }

    @Test func changingWrongTryIsUndoneAndFilesStayInTheSandbox() throws {
        let t = try TutorialScratch()
        t.type("tutorial 1")
        t.type("echo 你好")
        let sandbox = try #require(t.runner?.sandbox)
        // A wrong try that changes the sandbox: it is rebuilt as it was before the step.
        let wrong = t.type("import demo")
        #expect(wrong.contains("✗") && wrong.contains("the sandbox is back as it was at the start of this step"))
        #expect(sandbox.session.workspace.plans.isEmpty)
        #expect(!t.type("echo not a change").contains("the sandbox is back"))
        #expect(t.type("echo hello > out.txt").contains("✓"))
        #expect(FileManager.default.fileExists(atPath: sandbox.work.appendingPathComponent("out.txt").path))
        #expect(!FileManager.default.fileExists(atPath: t.root.appendingPathComponent("out.txt").path))
        #expect(t.type("import demo").contains("✓"))
        #expect(t.session.workspace.plans.isEmpty, "the learner's store is never touched")
    }

    @Test func finishingMarksTheLessonDoneAndRemovesTheSandbox() throws {
        let t = try TutorialScratch()
        t.type("tutorial 1")
        let sandbox = try #require(t.runner?.sandbox)
        t.type("echo 你好")
        t.type("echo hello > out.txt")
        let end = t.type("import demo")
        #expect(end.contains("结束语 · Closing words"))
        #expect(end.contains("Lesson 1 complete"))
        #expect(t.session.interceptor == nil)
        #expect(!FileManager.default.fileExists(atPath: sandbox.root.path))
        #expect(t.progressFile.contains("01-echo.lesson\tdone"))
        #expect(t.type("tutorial").contains("✓ 已完成 done"))
        // Going through a finished lesson again does not make it unfinished.
        t.type("tutorial 1")
        t.type("echo 你好")
        t.type("quit")
        #expect(t.progressFile.contains("01-echo.lesson\tdone"))
        let stored = try FileManager.default.contentsOfDirectory(atPath: t.session.store.directory.path)
        #expect(!stored.contains { $0.hasPrefix("plansh-tutorial") })
    }

    @Test func listingShowsProgressAndDamagedLessons() throws {
        let broken = "# 第2课 坏的 · Lesson 2: Broken\nstep: a\nexplian: typo\n"
        let t = try TutorialScratch(lessons: ["01-echo.lesson": TutorialScratch.echoLesson, "02-broken.lesson": broken])
        let list = t.type("tutorial")
        #expect(list.contains("  1  第1课 回声 · Lesson 1: Echo  3 steps"))
        #expect(list.contains("  2  error: examples/lessons/02-broken.lesson:3: unknown key `explian:`"))
        let e = t.type("tutorial 2")
        #expect(e.contains("error: lesson 2 cannot be used: examples/lessons/02-broken.lesson:3: unknown key `explian:`"))
        #expect(e.contains("tutorial 2\n             ^"))
        #expect(t.session.interceptor == nil)
        t.type("tutorial 1")
        t.type("skip")
        #expect(t.type("quit").contains("Left lesson 1 at step 2"))
        #expect(t.type("tutorial").contains("3 steps   第2步 · at step 2"))
    }

    @Test func badLessonNumbersAndArguments() throws {
        let t = try TutorialScratch()
        #expect(t.type("tutorial 7").contains("error: there is no lesson 7: lessons are 1–1 (`tutorial` lists them)\n    tutorial 7\n             ^"))
        #expect(t.type("tutorial 0").contains("error: \"0\" is not a lesson number"))
        #expect(t.type("tutorial one").contains("error: \"one\" is not a number — usage: tutorial [N] [restart]"))
        #expect(t.type("tutorial 1 again").contains("error: unexpected \"again\" — usage: tutorial [N] [restart]"))
        #expect(t.session.interceptor == nil)
    }

    @Test func lessonsNeedAnInteractiveShell() throws {
        let t = try TutorialScratch(interactive: false)
        #expect(t.type("tutorial 1").contains("error: lessons are interactive"))
        #expect(t.type("tutorial").contains("第1课 回声"), "the list works anywhere")
    }

    @Test func insideALessonTutorialAndHelpAreHandled() throws {
        let t = try TutorialScratch()
        t.type("tutorial 1")
        #expect(t.type("tutorial 2").contains("You are in lesson 1; type `quit` to leave it first."))
        #expect(t.type("help").contains("hint 提示"))
        #expect(t.type("help echo").contains("echo"))
        #expect(t.type("").contains("→ 输入 echo 你好"))
        #expect(t.runner?.index == 0)
    }

    @Test func theReadLoopHandsLinesToTheLesson() throws {
        let t = try TutorialScratch()
        let reader = ScriptedReader(["tutorial 1", "echo hi", "echo 你好", "quit", "echo back in the shell"])
        t.session.interact(with: reader)
        #expect(reader.prompts == ["plansh[no plans]> ", "tutorial 1 [1/3]> ", "tutorial 1 [1/3]> ",
                                   "tutorial 1 [2/3]> ", "plansh[no plans]> ", "plansh[no plans]> "])
        #expect(t.out.contains("第一条提示"))
        #expect(t.out.hasSuffix("back in the shell\n\n"))
    }

    @Test func missingExamplesDirectoryIsAClearError() throws {
        #expect(throws: Diagnostic.self) {
            try ExamplesLocator.locate(environment: ["PLANSH_EXAMPLES": "/nonexistent/plansh-examples"],
                                       workingDirectory: URL(fileURLWithPath: "/"))
        }
        let found = try ExamplesLocator.locate(environment: [:], workingDirectory: URL(fileURLWithPath: "/"))
        #expect(FileManager.default.fileExists(atPath: found.appendingPathComponent("lessons").path),
                "found from the test binary's own path")
    }

    @Test func sandboxesOfEndedShellsAreRemoved() throws {
        let fm = FileManager.default
        // A pid that is not running: a child that has exited and been reaped.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        let abandoned = fm.temporaryDirectory.appendingPathComponent("\(TutorialSandbox.prefix)\(p.processIdentifier)-deadbeef")
        let mine = fm.temporaryDirectory.appendingPathComponent("\(TutorialSandbox.prefix)\(getpid())-cafef00d")
        try fm.createDirectory(at: abandoned.appendingPathComponent("store-0"), withIntermediateDirectories: true)
        try fm.createDirectory(at: mine, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: mine); try? fm.removeItem(at: abandoned) }
        let t = try TutorialScratch()
        t.type("tutorial 1")
        #expect(!fm.fileExists(atPath: abandoned.path))
        #expect(fm.fileExists(atPath: mine.path))
        t.type("quit")
    }

    @Test func aFailingSetupNamesItsLine() throws {
        let lesson = "# 第1课 坏 · Lesson 1: Bad setup\nsetup: import nothing\nstep: a · A\nexplain: x\nask: y\nanswer: echo 1\nwrong: echo 2\nhint: h\n"
        let t = try TutorialScratch(lessons: ["01-bad.lesson": lesson])
        let e = t.type("tutorial 1")
        #expect(e.contains("error: lesson 1 cannot start: examples/lessons/01-bad.lesson:2: the setup command `import nothing` fails in the sandbox: error: `import nothing` is not a command (import plan | import progress | import demo)"), "\(e)")
        #expect(t.session.interceptor == nil)
    }

    @Test func aBrokenAnswerCanBeSkipped() throws {
        let lesson = """
        # 第1课 坏 · Lesson 1: Bad answer
        step: a · A
        explain: x
        ask: y
        answer: fnd x
        wrong: echo 2
        hint: h
        step: b · B
        explain: x
        ask: y
        answer: echo 1
        wrong: echo 2
        hint: h
        """
        let t = try TutorialScratch(lessons: ["01-bad.lesson": lesson])
        let shown = t.type("tutorial 1")
        #expect(shown.contains("(this step cannot be checked: 01-bad.lesson:2:"), "\(shown)")
        #expect(t.type("echo 1").contains("✗"))
        let skipped = t.type("skip")
        #expect(skipped.contains("needs fixing") && skipped.contains("Step 2 of 2"), "\(skipped)")
        #expect(t.type("echo 1").contains("Lesson 1 complete"))
    }
}
