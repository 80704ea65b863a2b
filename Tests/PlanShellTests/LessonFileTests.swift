import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// The lessons shipped in examples/lessons/ and what they need from the rest of plansh.
enum LessonFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let examples = packageRoot.appendingPathComponent("examples")

    static func catalogue() throws -> LessonCatalogue {
        try LessonCatalogue.load(examples: examples, workingDirectory: packageRoot)
    }

    static var names: [String] { ((try? catalogue())?.entries ?? []).map(\.fileName) }

    /// Pieces of plansh `lesson` uses that are not in this build yet (built by other capabilities).
    static func pending(_ lesson: Lesson) -> [String] {
        var missing = Set<String>()
        let commands = lesson.setup + lesson.steps.flatMap { [$0.answer] + $0.wrong + $0.examples }
        for c in commands {
            let words = ((try? Word.split(c)) ?? []).map(\.value)
            guard let first = words.first, CommandTable.lookup(words) == nil else { continue }
            let named = ["import", "show", "drop"].contains(first) ? words.prefix(2).joined(separator: " ") : first
            missing.insert("`\(named)`")
        }
        if lesson.setup.contains("import demo") { missing.formUnion(demoPending) }
        return missing.sorted()
    }

    /// What `import demo` needs that is missing.
    static var demoPending: [String] {
        let sheet = examples.appendingPathComponent("progress/2025-03.csv")
        guard FileManager.default.fileExists(atPath: sheet.path) else { return ["examples/progress"] }
        do {
            _ = try ProgressSheet.updates(from: sheet, displayName: "2025-03.csv", in: Workspace())
        } catch let d as Diagnostic where d.message.contains("not available yet") {
            return ["progress sheets"]
        } catch {}
        return []
    }

    /// Lessons that can run in this build, and the others with what they wait for.
    static var runnable: [String] {
        ((try? catalogue())?.entries ?? []).filter { e in (try? e.lesson.get()).map { pending($0).isEmpty } ?? true }.map(\.fileName)
    }
    static var waiting: [String] {
        ((try? catalogue())?.entries ?? []).compactMap { e in
            guard let l = try? e.lesson.get(), !pending(l).isEmpty else { return nil }
            return "\(e.fileName) needs \(pending(l).joined(separator: ", "))"
        }
    }
    static var pending: [String] { waiting }

    /// Walks `lesson` as a learner would, on a real sandbox: before each step, the sandbox holds
    /// the setup and the earlier answers. Returns what is wrong, as `FILE:LINE: …`.
    static func validate(_ lesson: Lesson, named name: String, examples: URL) throws -> [String] {
        let learnerStore = try Store.open(at: FileManager.default.temporaryDirectory
            .appendingPathComponent("plansh-lesson-check-\(UUID().uuidString.prefix(8))"))
        defer { try? FileManager.default.removeItem(at: learnerStore.directory) }
        let learner = Session(store: learnerStore, environment: SessionEnvironment(workingDirectory: packageRoot))
        var errors = ""
        learner.errorOutput = { errors += $0 }
        learner.output = { _ in }
        let sandbox = try TutorialSandbox(examples: examples, like: learner)
        defer { sandbox.remove() }

        var problems: [String] = []
        var done: [String] = []
        for step in lesson.steps {
            let place = "\(name):\(step.line)"
            if step.examples.isEmpty { problems.append("\(place): the step shows no example") }
            if step.examples.contains(step.answer) { problems.append("\(place): the example is the answer itself") }
            var tries = step.wrong
            if step.changesData { tries.append("echo nothing") }
            for wrong in tries {
                try sandbox.reset(running: lesson.setup + done)
                let checker = StepChecker(step: step, expected: try StepChecker.expectedResult(for: step, in: sandbox))
                let run = sandbox.run(wrong, show: true)
                if checker.failure(of: run, in: sandbox) == nil { problems.append("\(place): the wrong answer `\(wrong)` passes") }
            }
            try sandbox.reset(running: lesson.setup + done)
            let expected = try StepChecker.expectedResult(for: step, in: sandbox)
            if case let .tasks(ids)? = expected?.value, ids.isEmpty {
                problems.append("\(place): the answer `\(step.answer)` finds no tasks in the demo data")
            }
            if !step.changesData {
                for example in step.examples {
                    errors = ""
                    if sandbox.run(example, show: true).failed { problems.append("\(place): the example `\(example)` fails: \(errors)") }
                }
            }
            errors = ""
            let run = sandbox.run(step.answer, show: true)
            if let why = StepChecker(step: step, expected: expected).failure(of: run, in: sandbox) {
                problems.append("\(place): the answer `\(step.answer)` does not pass: \(why) \(errors)")
            }
            done.append(step.answer)
        }
        return problems
    }
    static var sheetsReady: Bool { demoPending.isEmpty }
}

@Suite struct LessonFileTests {
    @Test func sixOrMoreLessonsAllParse() throws {
        let c = try LessonFiles.catalogue()
        #expect(c.entries.count >= 6)
        for entry in c.entries {
            let lesson = try entry.lesson.get()
            #expect(lesson.title.contains("课") && lesson.title.contains("Lesson"), "\(entry.fileName)")
            #expect(!lesson.steps.isEmpty)
        }
    }

    /// Written in Chinese with English: every title, explanation and question carries both.
    @Test func everyStepIsInChineseAndEnglish() throws {
        func bilingual(_ lines: [String]) -> Bool {
            let text = lines.joined(separator: " ")
            return text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
                && text.unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        }
        for entry in try LessonFiles.catalogue().entries {
            let lesson = try entry.lesson.get()
            for s in lesson.steps {
                #expect(bilingual([s.title]), "\(entry.displayName):\(s.line) title")
                #expect(bilingual(s.explain), "\(entry.displayName):\(s.line) explain")
                #expect(bilingual(s.ask), "\(entry.displayName):\(s.line) ask")
            }
        }
    }

    /// Each step's model answer passes its own check on the sandbox the learner would have,
    /// each `wrong:` answer (and, for steps checked by state, doing nothing) does not, and
    /// the examples shown run without error.
    /// Lessons whose commands are not all in this build are listed as a known issue, not run.
    @Test(.enabled(if: !LessonFiles.waiting.isEmpty)) func lessonsWaitingForCommands() {
        withKnownIssue("commands built by other capabilities are missing") {
            Issue.record(Comment(rawValue: LessonFiles.waiting.joined(separator: "; ")))
        }
    }

    @Test(arguments: LessonFiles.runnable)
    func answersPassAndWrongAnswersFail(file: String) throws {
        let catalogue = try LessonFiles.catalogue()
        let entry = try #require(catalogue.entries.first { $0.fileName == file })
        let problems = try LessonFiles.validate(try entry.lesson.get(), named: entry.displayName, examples: catalogue.examples)
        #expect(problems.isEmpty, Comment(rawValue: problems.joined(separator: "\n")))
    }
}

/// Lesson 3's "what changed from March to April" is checked by the tasks the result is about,
/// so `history`, `show task` and `diff … where id = …` all answer it.
@Suite(.enabled(if: LessonFiles.sheetsReady, "needs examples/progress"))
struct LessonThreeAnswersTests {
    @Test func historyShowTaskAndDiffWhereIdAllPass() throws {
        let lesson = try #require(try LessonFiles.catalogue().entries.first { $0.fileName == "03-tasks-and-targets.lesson" }?.lesson.get())
        let step = try #require(lesson.steps.last)
        #expect(step.checks == [.about(taskIDs: ["songling2025:2.3.4"])])
        let demo = try DemoShell()
        let before = lesson.steps.dropLast().map(\.answer)
        let checker = StepChecker(step: step, expected: nil)
        for answer in ["history songling2025:2.3.4", "show task songling2025:2.3.4",
                       "diff 2025-03 2025-04 where id = songling2025:2.3.4", "find tasks where id = songling2025:2.3.4"] {
            try demo.sandbox.reset(running: lesson.setup + before)
            #expect(checker.failure(of: demo.sandbox.run(answer, show: false), in: demo.sandbox) == nil, "\(answer)")
        }
        for wrong in ["diff 2025-03 2025-04", "show task qingshan2025:2.1.4", "echo songling2025:2.3.4"] {
            try demo.sandbox.reset(running: lesson.setup + before)
            #expect(checker.failure(of: demo.sandbox.run(wrong, show: false), in: demo.sandbox) != nil, "\(wrong)")
        }
    }
}
