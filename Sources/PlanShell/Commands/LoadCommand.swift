import PlanKit

/// `load NAME`: make a snapshot the working state (the state it replaces is kept first).
enum LoadCommand {
    static let spec = CommandSpec(
        ["load"], summary: "make a snapshot the working state",
        usage: "load NAME",
        details: """
        The working state it replaces is first kept as an automatic snapshot (auto-YYYYMMDD-HHMMSS),
        so `load` never loses anything; `load` that one to go back.
        """,
        topic: "snapshots"
    ) { input, session in
        let args = Array(input.arguments)
        guard let w = args.first else { throw Diagnostic("`load` needs a snapshot name (see `snapshots`)", at: input.words[0].span) }
        if args.count > 1 { throw Diagnostic("`load` takes one name", at: args[1].span) }
        if let p = SnapshotName.problem(with: w.value) { throw Diagnostic(p, at: w.span) }
        try ProgressCommands.requireWritable(session, input, "`load`")
        let kept: SnapshotInfo
        do {
            kept = try ProgressCommands.withProgress(session) {
                try session.store.load(name: w.value, now: ProgressCommands.now())
            }
        } catch var d as Diagnostic {
            d.span = d.span ?? w.span
            throw d
        }
        let ws = session.workspace
        return .message("loaded snapshot \(w.value): \(ws.plans.count) plan\(ws.plans.count == 1 ? "" : "s"), \(ws.taskCount) tasks; "
                        + "the previous working state is kept as snapshot \(kept.name)")
    }
}
