import Foundation

/// The working state `recover` rebuilds from what is intact: the newest intact snapshot (the
/// journal's own base when it is intact) plus every intact journal record after it.
struct RecoveryPlan: Sendable {
    /// Where the state starts: "working.plansnap", "snapshot 2025-04", or nil (an empty state).
    var baseName: String?
    var workspace: Workspace
    /// Journal records applied on top of the base.
    var applied: Int
    /// Changes that cannot be recovered; nil when how many is unknown (the journal is gone).
    var lost: Int?
    /// True when `lost` is a lower bound (damage ran to the end of the journal).
    var lostAtLeast = false
    /// The change count of the rebuilt state.
    var changes: UInt64
    /// Files (relative to the store) that are damaged: copied into `damaged/` before replacing.
    var damagedFiles: [String]

    /// What `recover` will do, as the end of a sentence.
    var summary: String {
        Messages.recoveryRemedy(base: baseName, records: applied, lost: lostPhrase, damagedFiles: damagedFiles, folder: Store.damagedFolder)
    }

    var lostPhrase: String {
        Messages.changesLost(lost, atLeast: lostAtLeast)
    }
}

/// What `recover` did.
public struct RecoveryReport: Sendable {
    /// One paragraph for the user.
    public var message: String
}

extension Store {
    /// Plans the rebuild of a damaged working state: reads candidates fully, newest first.
    func recoveryPlan(scan: Journal.Scan?, working: SnapshotFile.Reader?) -> RecoveryPlan {
        var damagedFiles: [String] = []
        if FileIO.exists(workingPath) && (working == nil || (try? working?.workspace()) == nil) {
            damagedFiles.append(Store.workingName)
        }
        if let s = scan, s.isDamaged || s.headerDamage != nil { damagedFiles.append(Store.journalName) }
        let records = scan?.records ?? []
        let known = max(scan?.lastSequence ?? 0, working?.meta.changes ?? 0)

        for (name, reader) in recoveryCandidates(scan: scan, working: working) {
            guard let start = try? reader.workspace() else { continue }
            let exact = scan.map { reader.meta.generation == $0.base.generation } ?? false
            let from = exact ? (scan?.base.changes ?? reader.meta.changes) : reader.meta.changes
            var w = start
            var applied = 0
            var last = from
            for rec in records where rec.sequence > from {
                var r = BinaryReader(Array(rec.payload), context: "journal record \(rec.sequence)")
                guard let m = try? ModelCodec.decodeMutation(&r), (try? w.apply(m)) != nil else { continue }
                applied += 1
                last = rec.sequence
            }
            let lost = scan == nil ? nil : Int(max(known, last) - from) - applied + (scan?.damagedTail == true ? 1 : 0)
            return RecoveryPlan(baseName: name, workspace: w, applied: applied, lost: lost.map { max(0, $0) },
                                lostAtLeast: scan?.damagedTail ?? false, changes: max(known, last), damagedFiles: damagedFiles)
        }
        var w = Workspace()
        var applied = 0
        for rec in records {
            var r = BinaryReader(Array(rec.payload), context: "journal record \(rec.sequence)")
            guard let m = try? ModelCodec.decodeMutation(&r), (try? w.apply(m)) != nil else { continue }
            applied += 1
        }
        return RecoveryPlan(baseName: nil, workspace: w, applied: applied, lost: Int(known) - applied, lostAtLeast: true,
                            changes: known, damagedFiles: damagedFiles)
    }

    /// Files that may start the rebuild, best first: the journal's own base, then every other
    /// snapshot by the changes it holds, newest first.
    private func recoveryCandidates(scan: Journal.Scan?, working: SnapshotFile.Reader?) -> [(String, SnapshotFile.Reader)] {
        var list: [(String, SnapshotFile.Reader)] = []
        if let w = working { list.append((Store.workingName, w)) }
        for n in snapshotFileNames() {
            if let r = try? SnapshotFile.Reader(path: snapshotPath(n), displayName: "\(Store.snapshotsFolder)/\(n).\(SnapshotFile.fileExtension)") {
                list.append(("snapshot \(n)", r))
            }
        }
        let generation = scan?.base.generation
        return list.sorted { a, b in
            let ea = a.1.meta.generation == generation, eb = b.1.meta.generation == generation
            if ea != eb { return ea }
            return (a.1.meta.changes, a.1.meta.createdAt) > (b.1.meta.changes, b.1.meta.createdAt)
        }
    }

    /// Rebuilds a damaged working state (see `RecoveryPlan`), first keeping a verified copy of
    /// each damaged file in `damaged/`; when a copy cannot be made nothing is changed.
    public func recover(now: Int64) throws -> RecoveryReport {
        try beginChange("recover")
        defer { endChange() }
        guard let d = damage else {
            return RecoveryReport(message: Messages.nothingToRecover().text)
        }
        let plan = d.plan
        var kept: [String] = []
        for file in plan.damagedFiles {
            do {
                kept.append(try keepDamagedCopy(of: file, now: now))
            } catch {
                throw Diagnostic(Messages.cannotKeepDamagedCopy(file, folder: Store.damagedFolder, reason: Store.reason(error)))
            }
        }
        let previous = (workspace, changes)
        workspace = plan.workspace
        changes = plan.changes
        do {
            try compact(cancellable: false)
        } catch {
            (workspace, changes) = previous
            throw Diagnostic(Messages.cannotWriteRebuiltState(Store.reason(error), copiesKept: !kept.isEmpty, folder: Store.damagedFolder))
        }
        damage = nil
        return RecoveryReport(message: Messages.recovered(base: plan.baseName, records: plan.applied, plans: workspace.plans.count,
                                                          tasks: workspace.taskCount, lost: plan.lostPhrase,
                                                          copies: kept.map { "\(Store.damagedFolder)/\($0)" }).text)
    }

    /// Copies `file` into `damaged/` under a new name, verified by reading it back.
    private func keepDamagedCopy(of file: String, now: Int64) throws -> String {
        try StoreDirectory.makeFolder(damagedPath, in: directory.path)
        let bytes = try FileIO.readAll(path(file))
        let stamp = Store.stamp(now)
        var name = "\(file)-\(stamp)"
        var i = 2
        while FileIO.exists((damagedPath as NSString).appendingPathComponent(name)) {
            name = "\(file)-\(stamp)-\(i)"
            i += 1
        }
        try FileIO.writeVerifiedCopy(bytes, to: (damagedPath as NSString).appendingPathComponent(name))
        return name
    }
}
