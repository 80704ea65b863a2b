import PlanKit

/// `load NAME`: make a snapshot the working state (the state it replaces is kept first).
enum LoadCommand {
    static let spec = CommandSpec(
        ["load"], summary: "make a snapshot the working state",
        parameters: [.snapshot("NAME")], changesData: true,
        details: """
        The working state it replaces is first kept as an automatic snapshot (auto-YYYYMMDD-HHMMSS),
        so `load` never loses anything; `load` that one to go back.
        """,
        topic: "snapshots"
    ) { args, session in
        guard let w = args.word("NAME") else { return .none }
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
        return .message("loaded snapshot \(w.value): \(Lexicon.counted(ws.plans.count, .plans).en), \(Lexicon.counted(ws.taskCount, .tasks).en); "
                        + "the previous working state is kept as snapshot \(kept.name)")
    }
}
