import Foundation
import PlanKit

/// `save [NAME]` / `save NAME!`: freeze the working state as a named snapshot.
enum SaveCommand {
    static let spec = CommandSpec(
        ["save"], summary: "freeze the working state as a named snapshot",
        usage: "save [NAME] · save NAME!",
        details: """
        The name defaults to `set month`, else the current month within the plans' year, else the reporting month (YYYY-MM). An existing snapshot is not overwritten
        unless the name ends with `!`. Names hold letters, digits, `.`, `_`, `-` and Chinese.
          save 2025-04
          save 2025-04!        replace it
          save 四月-报送前
        """,
        topic: "snapshots"
    ) { input, session in
        let args = Array(input.arguments)
        var name = session.recordingMonth.description
        var overwrite = false
        var span = input.words[0].span
        if let w = args.first {
            name = w.value
            span = w.span
            if name.hasSuffix("!") {
                overwrite = true
                name.removeLast()
            }
            if args.count == 2 && args[1].value == "!" {
                overwrite = true
            } else if args.count > 1 {
                throw Diagnostic("`save` takes one name", at: args[1].span)
            }
            if name.isEmpty { name = session.recordingMonth.description }
        }
        if let p = SnapshotName.problem(with: name) { throw Diagnostic(p, at: span) }
        try ProgressCommands.requireWritable(session, input, "`save`")
        let info = try ProgressCommands.withProgress(session) {
            try session.store.save(name: name, overwrite: overwrite, now: ProgressCommands.now())
        }
        return .message("saved snapshot \(info.name): \(info.plans) plan\(info.plans == 1 ? "" : "s"), "
                        + "\(info.tasks) tasks, \(ProgressCommands.size(info.bytes))")
    }
}
