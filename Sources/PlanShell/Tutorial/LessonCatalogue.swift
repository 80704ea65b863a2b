import Foundation
import PlanKit

/// The lessons in `examples/lessons/` (`*.lesson`), numbered in file-name order.
struct LessonCatalogue {
    struct Entry {
        let url: URL
        /// The file as messages name it.
        let displayName: String
        /// The parsed lesson, or why it cannot be used.
        let lesson: Result<Lesson, LessonError>
        var fileName: String { url.lastPathComponent }
    }

    let examples: URL
    let entries: [Entry]

    /// Reads every lesson file; a damaged one is kept as its error, so the others stay usable.
    static func load(examples: URL, workingDirectory: URL) throws -> LessonCatalogue {
        let dir = examples.appendingPathComponent("lessons")
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        } catch {
            throw Diagnostic(Messages.cannotReadLessons(dir.path))
        }
        let files = names.filter { $0.hasSuffix(".lesson") && !$0.hasPrefix(".") }
            .sorted { NaturalOrder.less($0, $1) }
        let entries = files.map { name -> Entry in
            let url = dir.appendingPathComponent(name)
            let display = ExamplesLocator.displayName(url, workingDirectory: workingDirectory)
            return Entry(url: url, displayName: display,
                         lesson: Result { try LessonParser.load(url, displayName: display) }
                            .mapError { $0 as? LessonError ?? LessonError(file: display, line: 0, message: Messages.unexpected($0).text) })
        }
        return LessonCatalogue(examples: examples, entries: entries)
    }

    /// The catalogue for `session`'s working directory and environment.
    static func load(for session: Session) throws -> LessonCatalogue {
        let examples = try ExamplesLocator.locate(workingDirectory: session.environment.workingDirectory)
        return try load(examples: examples, workingDirectory: session.environment.workingDirectory)
    }
}
