import Foundation
import PlanKit

/// `tutorial [N [restart]]`: list the lessons with the learner's progress, or run one.
enum TutorialCommand {
    static let spec = CommandSpec(
        ["tutorial"], summary: "guided lessons on a sandbox copy of the demo plans (课程)",
        parameters: [.optional(.number("N")), .flag("restart")],
        details: """
        `tutorial` lists the lessons and how far you got in each; `tutorial N` runs lesson N,
        resuming at the step where you left it (`restart` starts again at step 1).
        Each step explains a command, shows an example, and asks you to type one; it runs on a
        sandbox copy of the demo plans, so your own store is never changed. In a lesson:
        hint, skip, back, again, quit. Lessons live in examples/lessons/ (see its README.md).
        """,
        topic: "general"
    ) { args, session in
        guard let first = args.word("N"), let n = args.number("N") else { return .message(try listing(session: session)) }
        guard n > 0 else {
            throw Diagnostic(Messages.badArgument(first.value, expected: "a lesson number (`tutorial` lists them)", usage: args.spec.usage),
                             at: first.span)
        }
        let restart = args.has("restart")
        guard session.interceptor == nil else {
            throw Diagnostic(Messages.lessonRunning(), at: first.span)
        }
        // A lesson number that does not exist is the first thing to say, wherever it was typed.
        let count = try LessonCatalogue.load(for: session).entries.count
        guard count == 0 || n <= count else {
            throw Diagnostic(Messages.noLesson(n, count: count), at: first.span)
        }
        guard session.environment.isInteractive else {
            throw Diagnostic(Messages.lessonsAreInteractive(n), at: args.commandSpan)
        }
        session.interceptor = try LessonRunner.start(number: n, restart: restart, session: session, numberSpan: first.span)
        return .none
    }

    /// The lessons, each with its number, title, length and the learner's progress.
    static func listing(session: Session) throws -> String {
        let catalogue = try LessonCatalogue.load(for: session)
        let progress = TutorialProgress.load(from: session.store.directory)
        guard !catalogue.entries.isEmpty else {
            return "No lessons in \(catalogue.examples.appendingPathComponent("lessons").path)."
        }
        var lines = ["课程 · Lessons (`tutorial N` runs one on a sandbox copy of the demo plans):"]
        let titles = catalogue.entries.map { (try? $0.lesson.get())?.title ?? "" }
        let numberWidth = String(catalogue.entries.count).count
        // Number, title, "N steps", progress: the title gets what the terminal leaves.
        let room = max(30, session.environment.width - numberWidth - 4 - 10 - 18)
        let width = min(room, (titles.map { DisplayWidth.of($0) }.max() ?? 0) + 2)
        for (i, entry) in catalogue.entries.enumerated() {
            let number = DisplayWidth.pad(String(i + 1), to: numberWidth, right: true)
            switch entry.lesson {
            case let .failure(e):
                lines.append("  \(number)  error: \(e)")
            case let .success(lesson):
                let title = DisplayWidth.pad(DisplayWidth.truncate(lesson.title, to: width - 2), to: width)
                let steps = DisplayWidth.pad(Lexicon.counted(lesson.steps.count, .steps).en, to: 10)
                let state: String
                switch progress.lessons[entry.fileName] {
                case .done?: state = "✓ 已完成 done"
                case let .atStep(k)?: state = "第\(k)步 · at step \(k)"
                case nil: state = ""
                }
                lines.append("  \(number)  \(title)\(steps)\(state)".trimmingTrailingSpaces())
            }
        }
        return lines.joined(separator: "\n")
    }
}
