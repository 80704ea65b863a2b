import PlanKit

/// `recover`: rebuild a damaged working state from what is intact.
enum RecoverCommand {
    static let spec = CommandSpec(
        ["recover"], summary: "rebuild a damaged working state from the intact snapshots and journal",
        changesData: true,
        details: """
        When the working state is damaged, every command that needs it is refused and says so.
        `recover` rebuilds it from the newest intact snapshot plus every intact journal record
        after it, says how many changes could not be recovered, and keeps a verified copy of each
        damaged file in the store's damaged/ folder (if the copy cannot be made, nothing changes).
        On an intact store it changes nothing.
        """,
        topic: "snapshots"
    ) { _, session in
        let report = try ProgressCommands.withProgress(session) { try session.store.recover(now: ProgressCommands.now()) }
        return .message(report.message)
    }

    /// Commands that run while the working state is damaged: they read no working state.
    static let worksWithoutWorkingState: Set<String> = [
        "recover", "check", "snapshots", "help", "quit", "exit", "echo", "set", "run", "tutorial",
    ]
}
