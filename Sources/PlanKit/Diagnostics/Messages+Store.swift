// MARK: - The store: its directory, the writer's lock, saving changes, snapshots, its files
//
// Where a message ends in a detail (`X is damaged (DETAIL)`), the detail says what is wrong in
// the file format's own terms (`header checksum mismatch`, `unit code out of range`): it is read
// by whoever repairs the file, not a sentence of its own.

extension Messages {
    // Opening the store directory

    public static func cannotCreateStore(_ path: String, reason: String) -> Message {
        Message("cannot-create-store", .error, "cannot create store \(path): \(reason)")
    }
    public static func cannotOpenStore(_ path: String, reason: String) -> Message {
        Message("cannot-open-store", .error, "cannot open store \(path): \(reason)")
    }
    public static func storeNotDirectory(_ path: String) -> Message {
        Message("store-not-directory", .error, "store \(path) is not a directory")
    }
    public static func storeOfAnotherUser(_ path: String, uid: UInt32) -> Message {
        Message("store-of-another-user", .error, "store \(path) belongs to another user (uid \(uid)): refused — "
                + "plansh opens only a store of the user running it")
    }
    /// `mode` in octal, as `chmod` takes it.
    public static func storeWritableByOthers(_ path: String, mode: String) -> Message {
        Message("store-writable-by-others", .error, "store \(path) is writable by other users (mode \(mode)): refused — "
                + "`chmod go-w \(path)` makes it usable")
    }
    /// Why a store directory cannot be made: its nearest existing ancestor is a file.
    static func ancestorNotDirectory(_ path: String) -> String { "\(path) is not a directory" }
    static func ancestorRefusesDirectories(_ path: String) -> String { "\(path) does not allow new directories here" }

    // Why a store is read-only (the reason `readOnly` and `readOnlyBanner` give)

    static let readOnlyFileSystem = "it is on a read-only file system"
    static func mayNotWriteIn(_ path: String) -> String { "you may not write in \(path)" }
    static func cannotBeReread(_ reason: String) -> String { "it could not be re-read after a failed write: \(reason)" }

    /// Said on stderr when a store opens read-only outside the interactive shell (whose banner,
    /// `readOnlyBanner`, says it at the prompt).
    public static func storeOpenedReadOnly(_ path: String, reason: String) -> Message {
        Message("store-opened-read-only", .warning, "store \(path) is read-only (\(reason)): queries work, changes are refused")
    }
    /// Said after the command during which the store became read-only (opening read-only is said
    /// by the banner, `readOnlyBanner`, and by each refusal, `readOnly`).
    public static func storeNowReadOnly(reason: String) -> Message {
        Message("store-now-read-only", .warning, "the store is now read-only (\(reason)): queries work, changes are refused")
    }

    // A file of the store (a failed system call, a planted link)

    /// `operation` is what was tried (`open`, `write`, `create the folder` …); `reason` the system's words.
    public static func fileOperationFailed(_ operation: String, path: String, reason: String) -> Message {
        Message("file-operation-failed", .error, "cannot \(operation) \(path): \(reason)")
    }
    public static func symbolicLinkInStore(_ path: String) -> Message {
        Message("symbolic-link-in-store", .error,
                "\(path) is a symbolic link: plansh does not follow links inside its store (remove it or replace it with the file)")
    }
    public static func historyNotSaved(_ reason: String) -> Message {
        Message("history-not-saved", .warning, "history not saved: \(reason)")
    }

    // The writer's lock

    /// `path` nil when the lock file could not even be opened (the reason then names it).
    public static func cannotTakeLock(path: String?, reason: String) -> Message {
        Message("cannot-take-lock", .error, "cannot take the writer's lock" + (path.map { " " + $0 } ?? "") + ": \(reason)")
    }
    public static func cancelledWaitingForLock() -> Message {
        Message("cancelled", .error, "cancelled while waiting for the writer's lock; nothing was changed")
    }
    /// Another process held the lock for `seconds`; `pid` is what it wrote in the lock file.
    public static func storeBusy(_ path: String, pid: String?, seconds: Int) -> Message {
        let who = pid.map { "another plansh (pid \($0))" } ?? "another plansh"
        return Message("store-busy", .error, "\(who) has been changing store \(path) for over \(seconds) s; "
                       + "nothing was changed — try again when it has finished")
    }

    // Saving a change

    public static func cancelled() -> Message {
        Message("cancelled", .error, "cancelled")
    }
    public static func cancelledNothingChanged() -> Message {
        Message("cancelled", .error, "cancelled; nothing was changed")
    }
    public static func cannotSaveChange(_ reason: String) -> Message {
        Message("cannot-save-change", .error, "could not save the change (\(reason)); nothing was changed")
    }
    public static func changeTooLargeForJournal(_ bytes: Int) -> Message {
        Message("change-too-large", .error, "a change of \(bytes) bytes is too large for the journal")
    }

    // Snapshots (`save`, `load`, `diff`, `snapshots`)

    public static func noSnapshot(_ name: String, known: [String]) -> Message {
        Message("no-snapshot", .error, "no snapshot \"\(name)\"" + Suggest.phrase(name, in: known))
    }
    public static func snapshotUnusable(_ name: String, reason: String) -> Message {
        Message("snapshot-unusable", .error, "snapshot \"\(name)\" cannot be used: \(reason)")
    }
    public static func snapshotExists(_ name: String) -> Message {
        Message("snapshot-exists", .error, "snapshot \"\(name)\" exists; use `save \(name)!` to overwrite it")
    }
    /// `replacing`: a snapshot of that name was there before (and is intact).
    public static func cannotSaveSnapshot(_ name: String, reason: String, replacing: Bool) -> Message {
        Message("cannot-save-snapshot", .error, "could not save snapshot \"\(name)\" (\(reason)); nothing was changed"
                + (replacing ? " — the snapshot saved before under that name is intact" : ""))
    }
    public static func snapshotNotSaved(_ name: String) -> Message {
        Message("cancelled", .error, "cancelled; snapshot \"\(name)\" was not saved")
    }
    public static func cannotKeepStateBeforeLoad(_ name: String, reason: String) -> Message {
        Message("cannot-keep-working-state", .error,
                "could not keep the working state before loading \"\(name)\" (\(reason)); nothing was changed")
    }
    public static func cannotKeepStateAsSnapshot(_ name: String, reason: String) -> Message {
        Message("cannot-keep-working-state", .error,
                "could not keep the working state as snapshot \"\(name)\" (\(reason)); nothing was changed")
    }
    /// `load` failed after the working file was set aside as snapshot `kept`; `unchanged`: the
    /// working state is still the old one (else the loaded one is, half written).
    public static func cannotLoadSnapshot(_ name: String, reason: String, kept: String, unchanged: Bool) -> Message {
        Message("cannot-load-snapshot", .error, "could not make \"\(name)\" the working state (\(reason)); "
                + (unchanged ? "the working state is unchanged, and also kept as snapshot \(kept)"
                             : "the state it replaced is kept as snapshot \(kept)"))
    }

    // Snapshot names

    public static func snapshotNameEmpty() -> Message {
        Message("bad-snapshot-name", .error, "a snapshot name cannot be empty")
    }
    public static func snapshotNameTooLong(_ maximumBytes: Int) -> Message {
        Message("bad-snapshot-name", .error, "a snapshot name is at most \(maximumBytes) bytes")
    }
    public static func snapshotNameStartsWithDot() -> Message {
        Message("bad-snapshot-name", .error, "a snapshot name cannot start with \".\"")
    }
    /// `shown`: the character refused, quoted, or `U+0001` for a control character.
    public static func snapshotNameCharacter(_ shown: String) -> Message {
        Message("bad-snapshot-name", .error,
                "a snapshot name may hold letters, digits, \".\", \"_\", \"-\" and Chinese characters, not \(shown)")
    }

    // Snapshot and journal files that cannot be read

    public static func snapshotTruncated(_ file: String, bytes: Int) -> Message {
        Message("file-truncated", .error, "\(file) is truncated (\(bytes) bytes; not a complete plansh snapshot)")
    }
    public static func sectionPastEnd(_ file: String) -> Message {
        Message("file-truncated", .error, "\(file) is truncated (a section ends past the end of the file)")
    }
    public static func headerOutOfBounds(_ file: String, bytes: Int) -> Message {
        Message("file-truncated", .error, "\(file) is truncated or damaged (header out of bounds: file has \(bytes) bytes)")
    }
    public static func notASnapshot(_ file: String) -> Message {
        Message("not-a-snapshot", .error, "\(file) is not a plansh snapshot (wrong magic bytes)")
    }
    public static func fileDamaged(_ file: String, _ detail: String) -> Message {
        Message("file-damaged", .error, "\(file) is damaged (\(detail))")
    }
    /// Where in a record or section the bytes stopped making sense.
    public static func bytesDamaged(_ context: String, _ detail: String, at position: Int) -> Message {
        Message("file-damaged", .error, "\(context): \(detail) at byte \(position)")
    }
    public static func newerSnapshot(_ file: String, version: UInt32, reads: UInt32) -> Message {
        Message("newer-format", .error,
                "\(file) was written by a newer plansh (format version \(version); this plansh reads version \(reads))")
    }
    public static func earlySnapshot(_ file: String, version: UInt32, reads: UInt32) -> Message {
        Message("early-format", .error, "\(file) was written by an early development version of plansh "
                + "(format version \(version); this plansh reads version \(reads))")
    }
    public static func newerJournal(_ file: String, version: UInt32) -> Message {
        Message("newer-format", .error,
                "\(file) was written by a newer plansh (journal version \(version)); this store cannot be opened by this plansh")
    }
    /// The working file from a newer plansh (`newerSnapshot`), said about the whole store.
    public static func storeFromNewerPlansh(_ reason: String) -> Message {
        Message("newer-format", .error, "\(reason); this store cannot be opened by this plansh")
    }
    public static func bigEndianMachine() -> Message {
        Message("little-endian-only", .error, "snapshots need a little-endian 64-bit machine")
    }
}

// MARK: - Snapshots and the working state (the reliability work)
extension Messages {
    /// `save NAME!` over the snapshot a just-loaded state still reads from, when the working
    /// state could not be written whole first.
    static func saveCouldNotWriteWorkingState(_ name: String, reason: String) -> Message {
        Message("save-could-not-write-working-state", .error,
                "could not save snapshot \"\(name)\": the working state, which still reads from a snapshot, "
                + "could not be written first (\(reason)); nothing was changed")
    }
}
