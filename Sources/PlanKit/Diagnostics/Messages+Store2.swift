// MARK: - Store: snapshots and the working state (messages added by the reliability work)

extension Messages {
    /// `save NAME!` over the snapshot a just-loaded state still reads from, when the working
    /// state could not be written whole first.
    static func saveCouldNotWriteWorkingState(_ name: String, reason: String) -> Message {
        Message("save-could-not-write-working-state", .error,
                "could not save snapshot \"\(name)\": the working state, which still reads from a snapshot, "
                + "could not be written first (\(reason)); nothing was changed")
    }
}
