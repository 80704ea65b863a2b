import Foundation
import PlanKit

/// `save [NAME]` / `save NAME!`: freeze the working state as a named snapshot.
enum SaveCommand {
    static let spec = CommandSpec(
        ["save"], summary: "freeze the working state as a named snapshot",
        parameters: [.optional(.newSnapshot("NAME")), .flag("!")], changesData: true,
        details: """
        The name defaults to the current month (YYYY-MM). An existing snapshot is not overwritten
        unless the name ends with `!`. Names hold letters, digits, `.`, `_`, `-` and Chinese.
          save 2025-05
          save 2025-04!        replace it
          save 四月-报送前
        """,
        topic: "snapshots"
    ) { args, session in
        var name = session.recordingMonth.description
        var overwrite = args.has("!")
        if let w = args.word("NAME") {
            name = w.value
            if name.hasSuffix("!") {
                overwrite = true
                name.removeLast()
            }
            if name.isEmpty { name = session.recordingMonth.description }
            if let p = SnapshotName.problem(with: name) { throw Diagnostic(p, at: w.span) }
        }
        let info = try ProgressCommands.withProgress(session) {
            try session.store.save(name: name, overwrite: overwrite, now: ProgressCommands.now())
        }
        return .message("saved snapshot \(info.name): \(Lexicon.counted(info.plans, .plans).en), "
                        + "\(Lexicon.counted(info.tasks, .tasks).en), \(ProgressCommands.size(info.bytes))")
    }
}
