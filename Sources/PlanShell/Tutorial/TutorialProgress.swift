import Foundation
import PlanKit

/// How far a learner got in each lesson, kept in a small text file in their store directory
/// (`tutorial-progress`): one line per lesson, `FILE<TAB>done` or `FILE<TAB>STEP` (the next step, 1-based).
struct TutorialProgress: Equatable {
    enum State: Equatable {
        case done
        /// Stopped before this step (1-based).
        case atStep(Int)
    }

    static let fileName = "tutorial-progress"
    var lessons: [String: State] = [:]

    /// The progress in `directory`; an unreadable or damaged file counts as no progress
    /// (it only remembers where lessons stopped).
    static func load(from directory: URL) -> TutorialProgress {
        var p = TutorialProgress()
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(fileName).path),
              let text = String(validating: data, as: UTF8.self) else { return p }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            let name = String(parts[0])
            if parts[1] == "done" {
                p.lessons[name] = .done
            } else if let n = Int(parts[1]), n >= 1 {
                p.lessons[name] = .atStep(n)
            }
        }
        return p
    }

    /// Writes the file atomically.
    func save(to directory: URL) throws {
        var text = "# plansh tutorial progress: lesson file, then `done` or the step to resume at\n"
        for name in lessons.keys.sorted() {
            switch lessons[name] {
            case .done?: text += "\(name)\tdone\n"
            case let .atStep(n)?: text += "\(name)\t\(n)\n"
            case nil: break
            }
        }
        do {
            try Data(text.utf8).write(to: directory.appendingPathComponent(TutorialProgress.fileName), options: .atomic)
        } catch {
            throw Diagnostic(Messages.cannotSaveTutorialProgress(directory.path, reason: error.localizedDescription))
        }
    }
}
