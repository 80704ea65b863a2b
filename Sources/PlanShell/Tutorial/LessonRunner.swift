import Foundation
import PlanKit

/// Runs one lesson: takes over the shell's read loop (a `LineInterceptor`), shows each step,
/// runs what the learner types in the sandbox, checks it, and remembers how far they got.
public final class LessonRunner: LineInterceptor {
    public let lesson: Lesson
    /// The lesson's number in `tutorial`'s list.
    public let number: Int
    let sandbox: TutorialSandbox
    /// The step now asked (0-based); `lesson.steps.count` when finished.
    public private(set) var index: Int
    /// The commands that completed each earlier step (the learner's, or the answer when skipped),
    /// replayed to rebuild the sandbox after `back` or a wrong try that changed data.
    private(set) var performed: [String]
    private var checker: StepChecker
    private var hintsGiven = 0
    /// The learner's store directory, where progress is kept; nil when it is read-only.
    private let progressDirectory: URL?
    private let output: (String) -> Void
    /// Columns prose is wrapped to.
    private let width: Int
    /// The language prose is shown in (`lang` switches, `more` shows the other once).
    var language: LessonLanguage = .en

    static let controls: [LessonLanguage: String] = [
        .zh: "（提示 hint · 跳过 skip · 上一步 back · 重看 again · 另一语言 more · 切换语言 lang · 退出 quit）",
        .en: "(hint · skip · back · again · more: the other language · lang: switch language · quit)",
    ]

    public var prompt: String { "tutorial \(number) [\(min(index + 1, lesson.steps.count))/\(lesson.steps.count)]> " }

    /// Opens lesson `number` (1-based) for `session`'s learner, starting at the remembered step
    /// unless `restart`. Prints the lesson's opening and its first step.
    public static func start(number: Int, restart: Bool, session: Session,
                             numberSpan: Range<Int>? = nil) throws -> LessonRunner {
        let catalogue = try LessonCatalogue.load(for: session)
        guard !catalogue.entries.isEmpty else {
            throw Diagnostic(Messages.noLessons(catalogue.examples.appendingPathComponent("lessons").path))
        }
        guard (1...catalogue.entries.count).contains(number) else {
            throw Diagnostic(Messages.noLesson(number, count: catalogue.entries.count),
                             at: numberSpan)
        }
        let entry = catalogue.entries[number - 1]
        let lesson: Lesson
        switch entry.lesson {
        case let .success(l): lesson = l
        case let .failure(e): throw Diagnostic(Messages.lessonUnusable(number, reason: "\(e)"), at: numberSpan)
        }
        let readOnly = session.store.isReadOnly
        let progress = TutorialProgress.load(from: session.store.directory)
        var startIndex = 0
        if !restart, case let .atStep(n)? = progress.lessons[entry.fileName] {
            startIndex = min(max(0, n - 1), lesson.steps.count - 1)
        }
        let sandbox = try TutorialSandbox(examples: catalogue.examples, like: session)
        let performed = Array(lesson.steps[..<startIndex].map(\.answer))
        do {
            try sandbox.reset(running: lesson.setup + performed)
        } catch let f as TutorialSandbox.ReplayFailure {
            sandbox.remove()
            let line = f.index < lesson.setupLines.count ? lesson.setupLines[f.index] : lesson.steps[f.index - lesson.setup.count].line
            let role = f.index < lesson.setup.count ? "setup command" : "answer"
            throw Diagnostic(Messages.lessonCannotStart(number, at: "\(entry.displayName):\(line)", role: role,
                                                        command: f.command, error: f.message), at: numberSpan)
        }
        let runner = LessonRunner(lesson: lesson, number: number, sandbox: sandbox, index: startIndex,
                                  performed: performed, progressDirectory: readOnly ? nil : session.store.directory,
                                  width: session.environment.width, output: { [weak session] in session?.output($0) })
        runner.language = session.learnerLanguage
        runner.open(resumed: startIndex > 0, readOnly: readOnly)
        return runner
    }

    init(lesson: Lesson, number: Int, sandbox: TutorialSandbox, index: Int, performed: [String],
         progressDirectory: URL?, width: Int = 120, output: @escaping (String) -> Void) {
        self.lesson = lesson
        self.number = number
        self.sandbox = sandbox
        self.index = index
        self.performed = performed
        self.progressDirectory = progressDirectory
        self.output = output
        self.width = width
        self.checker = StepChecker(step: lesson.steps[index], expected: nil)
    }

    // MARK: The read loop

    public func handle(line: String, session: Session) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces)
        switch TextFolding.keyword(text) {
        case "":
            say(askText())
            return true
        case "hint", "提示":
            giveHint()
            return true
        case "skip", "跳过":
            return skip()
        case "back", "上一步", "返回":
            back()
            return true
        case "again", "重看", "重复":
            present()
            return true
        case "more", "另一语言":
            sayOther()
            return true
        case "lang", "语言", "lang zh", "lang en", "语言 zh", "语言 en":
            let asked = text.split(separator: " ").last.flatMap { LessonLanguage(rawValue: $0.lowercased()) }
            language = asked ?? language.other
            present()
            return true
        case "quit", "exit", "退出", "q":
            leave()
            return false
        case "help", "帮助":
            say("""
            In a lesson, type the command the step asks for; it runs on a sandbox copy of the demo plans.
            在课程中输入题目要求的命令；命令在演示计划的沙盒副本上运行，不会改动你自己的数据。
              hint 提示    a hint (again for the next one)      skip 跳过    show the answer and go on
              back 上一步  the previous step                    again 重看   show this step again
              quit 退出    leave (`tutorial \(number)` resumes)  help CMD     help on a command
            """)
            return true
        default:
            break
        }
        let first = (try? Word.split(text))?.first.map { TextFolding.keyword($0.value) }
        if first == "tutorial" {
            say("You are in lesson \(number); type `quit` to leave it first. · 正在第\(number)课中，先输入 quit 退出。")
            return true
        }
        if first == "help" {
            _ = sandbox.run(text, show: true)
            return true
        }
        return attempt(text)
    }

    /// Runs the learner's command and checks it.
    private func attempt(_ text: String) -> Bool {
        let before = sandbox.fingerprint
        let run = sandbox.run(text, show: true)
        if let why = checker.failure(of: run, in: sandbox) {
            var lines = ["✗ " + Bilingual.line(of: "还不对 · Not quite", language) + ": " + Bilingual.line(of: why, language)]
            lines.append(nextHint())
            if sandbox.fingerprint != before {
                rebuild()
                lines.append(word("（沙盒已恢复到本步开始时的状态）", "(the sandbox is back as it was at the start of this step)"))
            }
            say(lines.joined(separator: "\n"))
            return true
        }
        var lines = ["✓ " + Bilingual.line(of: "正确 · Correct!", language)]
        lines += Bilingual.pick(checker.step.success, language)
        say(lines.joined(separator: "\n"))
        performed.append(text)
        return advance()
    }

    private func nextHint() -> String {
        let hints = checker.step.hints
        if hintsGiven < hints.count {
            defer { hintsGiven += 1 }
            return word("提示", "Hint") + ": " + Bilingual.line(of: hints[hintsGiven], language)
        }
        return word("提示", "Hint") + ": " + Bilingual.line(of: hints.last ?? "", language) + "\n"
            + word("（输入 skip 查看答案并继续）", "(`skip` shows the answer and goes on)")
    }

    private func giveHint() {
        if hintsGiven >= checker.step.hints.count {
            say(word("答案", "Answer") + ": \(checker.step.answer)")
        } else {
            say(nextHint())
        }
    }

    private func skip() -> Bool {
        let answer = checker.step.answer
        say(word("答案", "Answer") + ": \(answer)")
        let run = sandbox.run(answer, show: true)
        if run.failed {
            say("(the answer failed in the sandbox: the lesson file \(lesson.fileName):\(checker.step.line) needs fixing)")
        }
        performed.append(answer)
        return advance()
    }

    private func back() {
        guard index > 0 else {
            say("This is the first step. · 这已是第一步。")
            return
        }
        index -= 1
        performed = Array(performed.prefix(index))
        rebuild()
        saveProgress(.atStep(index + 1))
        present()
    }

    private func leave() {
        saveProgress(.atStep(index + 1))
        say("已离开第\(number)课（第\(index + 1)步）· Left lesson \(number) at step \(index + 1); "
            + "`tutorial \(number)` resumes there. Your own store was not changed.")
        sandbox.remove()
    }

    /// Moves to the next step, or ends the lesson; false when it ended.
    private func advance() -> Bool {
        index += 1
        hintsGiven = 0
        if index >= lesson.steps.count {
            saveProgress(.done)
            var lines = [""] + Bilingual.pick(lesson.outro, language)
            lines.append("🎉 " + word("第\(number)课完成。", "Lesson \(number) complete.") + " " + nextLessonText())
            say(lines.joined(separator: "\n"))
            sandbox.remove()
            return false
        }
        saveProgress(.atStep(index + 1))
        present()
        return true
    }

    /// Rebuilds the sandbox as it was before the current step.
    private func rebuild() {
        do {
            try sandbox.reset(running: lesson.setup + performed)
        } catch {
            // A learner's command that passed once failed on replay: fall back to the model answers.
            performed = Array(lesson.steps[..<index].map(\.answer))
            try? sandbox.reset(running: lesson.setup + performed)
        }
    }

    // MARK: Showing steps

    private func open(resumed: Bool, readOnly: Bool) {
        var lines = ["━━ \(Bilingual.line(of: lesson.title, language)) ━━"]
        lines += Bilingual.pick(lesson.intro, language)
        lines.append(word("课程中的命令都在演示计划的沙盒副本上运行，不会改动你自己的数据。输入 lang 切换为英文。",
                          "Everything here runs on a sandbox copy of the demo plans; your own store is not touched. "
                          + "Type `more` to read a step in Chinese, `lang` to switch to it."))
        if resumed { lines.append(word("继续第\(index + 1)步（back 回到前面的步骤）。", "Resuming at step \(index + 1) (`back` revisits earlier steps).")) }
        if readOnly { lines.append(Messages.tutorialProgressNotKept().text) }
        say(lines.joined(separator: "\n"))
        present()
    }

    /// Prepares and shows the current step.
    private func present() {
        let step = lesson.steps[index]
        let heading = word("第\(index + 1)/\(lesson.steps.count)步", "Step \(index + 1) of \(lesson.steps.count)")
        var lines = ["", "── \(heading): \(Bilingual.line(of: step.title, language)) ──"]
        lines += Bilingual.pick(step.explain, language)
        var failed = false
        do {
            checker = StepChecker(step: step, expected: try StepChecker.expectedResult(for: step, in: sandbox))
        } catch {
            checker = StepChecker(step: step, expected: nil)
            failed = true
            lines.append("(this step cannot be checked: \(lesson.fileName):\(step.line): \(error); type `skip`)")
        }
        say(lines.joined(separator: "\n"))
        if !step.examples.isEmpty {
            say(word("例如：", "For example:"))
            for example in step.examples {
                show("  > " + example)
                if !step.changesData && !failed {
                    show(exampleOutput(example))
                }
            }
        }
        say(askText())
    }

    private func askText() -> String {
        (Bilingual.pick(checker.step.ask, language).map { "→ " + $0 } + ["  " + (LessonRunner.controls[language] ?? "")])
            .joined(separator: "\n")
    }

    /// The example's output in the sandbox, cut to a dozen lines.
    private func exampleOutput(_ command: String) -> String {
        let errors = ErrorCollector()
        let saved = sandbox.session.errorOutput
        sandbox.session.errorOutput = { errors.text += $0 }
        defer { sandbox.session.errorOutput = saved }
        let before = sandbox.fingerprint
        let run = sandbox.run(command, show: false)
        if sandbox.fingerprint != before { rebuild() }
        var text = run.failed ? errors.text : run.printed
        while text.hasSuffix("\n") { text.removeLast() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 12 else { return text }
        return lines.prefix(10).joined(separator: "\n") + "\n  … (\(lines.count - 10) more lines · 还有 \(lines.count - 10) 行)"
    }

    /// `zh` or `en`, whichever the learner reads.
    func word(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// How to go on after this lesson: the next one, or the end of the course.
    func nextLessonText() -> String {
        let count = (try? LessonCatalogue.load(examples: sandbox.examples, workingDirectory: sandbox.work))?.entries.count ?? 0
        if number < count {
            return word("输入 tutorial \(number + 1) 学习下一课。", "Type `tutorial \(number + 1)` for the next lesson.")
        }
        return word("这是最后一课；tutorial 列出全部课程。", "That was the last lesson; `tutorial` lists them all.")
    }

    /// The current step's prose in the other language, once.
    private func sayOther() {
        let step = lesson.steps[index]
        let other = language.other
        var lines = ["── " + Bilingual.line(of: step.title, other) + " ──"]
        lines += Bilingual.pick(step.explain, other)
        lines += Bilingual.pick(step.ask, other).map { "→ " + $0 }
        say(lines.joined(separator: "\n"))
    }

    /// Prints lesson prose, wrapped to the terminal.
    private func say(_ text: String) {
        var body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        body = body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { Bilingual.line(of: String($0), language) }.joined(separator: "\n")
        output(ProseWrap.wrap(body, width: width).joined(separator: "\n") + "\n")
    }

    /// Prints command output as it is (already fitted to the terminal).
    private func show(_ text: String) {
        output(text.hasSuffix("\n") ? text : text + "\n")
    }

    private func saveProgress(_ state: TutorialProgress.State) {
        guard let dir = progressDirectory else { return }
        var progress = TutorialProgress.load(from: dir)
        // A finished lesson stays finished when the learner goes through it again.
        if progress.lessons[lesson.fileName] == .done, state != .done { return }
        progress.lessons[lesson.fileName] = state
        do {
            try progress.save(to: dir)
        } catch {
            say("(\(error))")
        }
    }
}
