// MARK: - A damaged store: what is wrong, what `recover` will do and did, what `check` finds

extension Messages {
    /// `problem` names the files; `remedy` is `recoveryRemedy`.
    public static func damagedState(_ problem: String, remedy: String) -> Message {
        Message("damaged-state", .error,
                "\(problem): commands that need the working state are refused until `recover` — it will \(remedy)")
    }

    // What is wrong (the start of `damagedState`)

    public static func journalMissing(_ working: String) -> String {
        "the journal is missing: changes made after \(working) was written are lost"
    }
    public static func workingDamagedAndJournalMissing(_ problem: String) -> String {
        "\(problem), and the journal is missing"
    }
    /// `present`: the working file exists but holds another state than the journal continues.
    public static func journalBaseMissing(_ working: String, present: Bool, generation: UInt64) -> String {
        (present ? "\(working) does not hold the state the journal continues" : "\(working) is missing")
            + " (no file of the store has generation \(generation))"
    }
    public static func journalRecordNotApplied(_ sequence: UInt64, reason: String) -> String {
        "journal record \(sequence) cannot be applied (\(reason))"
    }
    /// `loss` is `journalLoss`.
    public static func journalDamaged(_ journal: String, loss: String) -> String {
        "\(journal) is damaged (\(loss))"
    }
    /// How much a damaged journal lost: `lost` changes (at least, when the damage runs to its end),
    /// or when none is lost, its `damagedRecords`.
    public static func journalLoss(lost: Int, atLeast: Bool, damagedRecords: Int) -> String {
        if lost == 0 { return n(damagedRecords, "damaged record") }
        return (atLeast ? "at least " : "") + n(lost, "change") + " cannot be read"
    }

    // What `recover` will do and did

    /// The end of `damagedState`: `base` nil when no snapshot is intact; `lost` is `changesLost`.
    public static func recoveryRemedy(base: String?, records: Int, lost: String, damagedFiles: [String], folder: String) -> String {
        let from = base.map { "rebuild the working state from \($0)" } ?? "start an empty working state (no intact snapshot)"
        let applied = records == 0 ? "" : " and " + n(records, "intact journal record")
        let keep = damagedFiles.isEmpty ? "" : ", keeping a copy of \(damagedFiles.joined(separator: " and ")) in \(folder)/"
        return "\(from)\(applied) (\(lost))\(keep)"
    }
    /// `lost` nil: how many is unknown (the journal is gone).
    public static func changesLost(_ lost: Int?, atLeast: Bool) -> String {
        guard let lost else { return "changes made after the working file was written cannot be recovered; how many is unknown" }
        if lost == 0 { return "no change is lost" }
        return (atLeast ? "at least " : "") + n(lost, "change") + " cannot be recovered"
    }
    public static func nothingToRecover() -> Message {
        Message("nothing-to-recover", .note, "nothing to recover: the working state is intact (`check` verifies every file)")
    }
    public static func cannotKeepDamagedCopy(_ file: String, folder: String, reason: String) -> Message {
        Message("cannot-keep-damaged-copy", .error, "could not keep a copy of \(file) in \(folder)/ (\(reason)); "
                + "nothing was changed and nothing was removed")
    }
    /// `copiesKept`: copies of the damaged files were already made in `folder`.
    public static func cannotWriteRebuiltState(_ reason: String, copiesKept: Bool, folder: String) -> Message {
        Message("cannot-write-rebuilt-state", .error, "could not write the rebuilt working state (\(reason)); nothing was changed"
                + (copiesKept ? " (the copies in \(folder)/ stay)" : ""))
    }
    /// `base` nil: an empty state; `copies` the damaged files' copies, relative to the store.
    public static func recovered(base: String?, records: Int, plans: Int, tasks: Int, lost: String, copies: [String]) -> Message {
        let applied = records == 0 ? "" : " and " + n(records, "journal record")
        let kept = copies.isEmpty ? "" : "; " + (copies.count == 1 ? "a copy of the damaged file is" : "copies of the damaged files are") + " kept as "
            + copies.joined(separator: " and ")
        return Message("recovered", .note, "recovered the working state from \(base ?? "an empty state")\(applied): "
                       + "\(n(plans, "plan")), \(n(tasks, "task")); \(lost)\(kept)")
    }

    // `check`, one line per file: what an intact file holds, or what is wrong with it

    public static let checkedAbsent = "absent (nothing written yet)"
    public static func checkedWorkingIsSnapshot(_ name: String) -> String {
        "absent: the state is snapshot \(name) until its copy is written"
    }
    public static func checkedJournalMissing(_ working: String) -> String {
        "missing: changes made after \(working) was written are lost"
    }
    public static func checkedJournalHeader(_ detail: String) -> String { "header damaged (\(detail))" }
    public static func checkedTornTail(_ bytes: Int) -> String {
        "an incomplete last record (\(bytes) bytes) of a change that was never completed is ignored"
    }
    public static func checkedJournalStale(_ working: String) -> String { "older than \(working), which holds all of it: ignored" }
    public static func checkedJournalContinues(_ snapshot: String) -> String { "continues snapshot \(snapshot)" }
    public static func checkedOldFormat(_ version: UInt32) -> String { "format version \(version), rewritten at the next change" }
    public static func checkedSetAside(bytes: Int) -> String {
        "a damaged file set aside by `recover` (\(bytes) bytes); remove it when no longer needed"
    }
}
