import Foundation

/// What reading the store's files found: the working state, or why it cannot be trusted.
struct LoadedState {
    var workspace = Workspace()
    var base = Journal.Base(generation: 0, changes: 0)
    var changes: UInt64 = 0
    var baseIsWorkingFile = true
    var workingBytes = 0
    /// The intact journal a writer may append to; nil when the next change must write the state whole.
    var appendable: Journal.Scan?
    var damage: StoreDamage?
}

/// A working state that cannot be read whole, and what `recover` would do about it.
public struct StoreDamage: Sendable {
    /// What is wrong, naming the files.
    public var problem: String
    /// What `recover` will do.
    public var remedy: String
    /// The state `recover` would rebuild.
    var plan: RecoveryPlan

    /// What the shell says about it (the refusal and the banner).
    public var said: Message { Messages.damagedState(problem, remedy: remedy) }
    public var message: String { said.text }
}

extension Store {
    /// Reads the journal and its base, and replays the journal. Never writes.
    func readState() throws -> LoadedState {
        let scan = try readJournal()
        var working: SnapshotFile.Reader?
        var workingProblem: String?
        if FileIO.exists(workingPath) {
            do {
                working = try SnapshotFile.Reader(path: workingPath, displayName: Store.workingName)
            } catch let e as StoreCorruption where e.name == Messages.newerSnapshot("", version: 0, reads: 0).name {
                throw StoreCorruption(Messages.storeFromNewerPlansh(e.message))
            } catch let e as FileIOError where e.operation == FileIOError.linkOperation {
                throw e
            } catch {
                workingProblem = Store.describe(error)
            }
        }
        var state = LoadedState()
        guard let s = scan else {
            if working == nil && workingProblem == nil { return state }
            let why = workingProblem.map(Messages.workingDamagedAndJournalMissing) ?? Messages.journalMissing(Store.workingName)
            return damaged(why, scan: nil, working: working)
        }
        if let problem = workingProblem {
            return damaged(problem, scan: s, working: nil)
        }
        if working == nil && s.base.generation == 0 && s.records.isEmpty && !s.isDamaged {
            return state // a new store's first write stopped after its empty journal
        }
        var records = s.records
        var journalBase = s.base
        let reader: SnapshotFile.Reader
        if let w = working, w.meta.generation == s.base.generation || (s.headerDamage != nil && s.records.isEmpty) {
            reader = w
            if s.headerDamage != nil { journalBase.changes = w.meta.changes }
        } else if let w = working, Store.isStale(s, continuing: w.meta) {
            // An interrupted compaction or recovery: the working file already holds every record.
            reader = w
            records = []
            journalBase = Journal.Base(generation: w.meta.generation, changes: w.meta.changes)
        } else if let named = findSnapshot(generation: s.base.generation, preferring: s.base.name) {
            reader = named
            state.baseIsWorkingFile = false
        } else {
            return damaged(Messages.journalBaseMissing(Store.workingName, present: working != nil, generation: s.base.generation),
                           scan: s, working: working)
        }
        do {
            state.workspace = try reader.workspace(progress: progressLine("reading the working state", cancellable: false))
        } catch {
            return damaged(Store.describe(error), scan: s, working: working)
        }
        state.base = journalBase
        state.base.generation = reader.meta.generation
        state.changes = journalBase.changes
        state.workingBytes = reader.size
        for rec in records {
            do {
                var r = BinaryReader(Array(rec.payload), context: "journal record \(rec.sequence)")
                try state.workspace.apply(try ModelCodec.decodeMutation(&r))
                state.changes = rec.sequence
            } catch {
                return damaged(Messages.journalRecordNotApplied(rec.sequence, reason: Store.describe(error)), scan: s, working: working)
            }
        }
        var lost = s
        lost.base.changes = journalBase.changes
        if !records.isEmpty && (lost.lostChanges > 0 || !s.damaged.isEmpty) {
            return damaged(Messages.journalDamaged(Store.journalName, loss: Store.journalLoss(lost)), scan: s, working: working)
        }
        if records.isEmpty && s.damagedTail && working.map({ $0.meta.changes < s.lastSequence + 1 }) ?? true {
            return damaged(Messages.journalDamaged(Store.journalName, loss: Store.journalLoss(lost)), scan: s, working: working)
        }
        state.appendable = records.isEmpty && s.records.count > 0 ? nil : s
        // A working file of an earlier format is written again (upgraded) by the next change.
        if reader.version < SnapshotFile.formatVersion { state.appendable = nil }
        return state
    }

    /// True when the working file `w`, which the journal does not continue, already holds every
    /// change the journal holds: a compaction or `recover` stopped after writing it.
    static func isStale(_ s: Journal.Scan, continuing w: SnapshotFile.Meta) -> Bool {
        if s.version == 1 { return s.base.generation < w.generation } // files of then had no change counts
        return w.generation != s.base.generation && w.changes >= s.lastSequence
    }

    /// The journal's scan; a journal from a newer plansh stops the store from opening.
    func readJournal() throws -> Journal.Scan? {
        switch try Journal.scan(at: journalPath) {
        case nil: return nil
        case let .failure(.newerVersion(v))?:
            throw StoreCorruption(Messages.newerJournal(Store.journalName, version: v))
        case let .success(s)?: return s
        }
    }

    /// How many changes a damaged journal lost, in words.
    static func journalLoss(_ s: Journal.Scan) -> String {
        Messages.journalLoss(lost: s.lostChanges, atLeast: s.damagedTail, damagedRecords: s.damaged.count)
    }

    private func damaged(_ problem: String, scan: Journal.Scan?, working: SnapshotFile.Reader?) -> LoadedState {
        let plan = recoveryPlan(scan: scan, working: working)
        var state = LoadedState()
        state.damage = StoreDamage(problem: problem, remedy: plan.summary, plan: plan)
        state.base = scan?.base ?? Journal.Base(generation: 0, changes: 0)
        state.appendable = nil
        return state
    }

    /// The named snapshot holding the state of `generation` (a journal's base after `load`).
    func findSnapshot(generation: UInt64, preferring name: String) -> SnapshotFile.Reader? {
        guard generation != 0 else { return nil }
        var names = snapshotFileNames()
        if let i = names.firstIndex(of: name) { names.swapAt(0, i) }
        for n in names {
            if let r = try? SnapshotFile.Reader(path: snapshotPath(n), displayName: "\(Store.snapshotsFolder)/\(n).\(SnapshotFile.fileExtension)"),
               r.meta.generation == generation {
                return r
            }
        }
        return nil
    }

    /// Names of the files in `snapshots/` (without the extension), in no particular order.
    func snapshotFileNames() -> [String] {
        let ext = "." + SnapshotFile.fileExtension
        let files = (try? FileManager.default.contentsOfDirectory(atPath: snapshotsPath)) ?? []
        return files.filter { $0.hasSuffix(ext) && !$0.hasPrefix(".") }.map { String($0.dropLast(ext.count)) }
    }

    func snapshotPath(_ name: String) -> String {
        (snapshotsPath as NSString).appendingPathComponent("\(name).\(SnapshotFile.fileExtension)")
    }

    /// An error's message without the type names Swift would print.
    static func describe(_ error: Error) -> String {
        if let e = error as? StoreCorruption { return e.message }
        return reason(error)
    }
}
