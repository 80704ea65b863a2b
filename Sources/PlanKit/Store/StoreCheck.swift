import Foundation

/// One file's verdict from `Store.check()`.
public struct StoreCheckResult: Sendable, Hashable {
    /// Relative to the store directory.
    public var file: String
    /// Nil when the file is intact.
    public var problem: String?
    /// What the file holds, when intact.
    public var detail: String
    /// `detail` in each language when the Lexicon words it (counts, `set lang`); nil: `detail` as is.
    public var detailWords: Term?
    /// A file `recover` kept in `damaged/`: not part of the store, listed so it is not forgotten.
    public var setAside = false
}

extension Store {

    /// Reads every file of the store and verifies checksums and structure; lists what sits in `damaged/`.
    public func check() -> [StoreCheckResult] {
        var out: [StoreCheckResult] = []
        func ok(_ file: String, _ detail: String) { out.append(StoreCheckResult(file: file, problem: nil, detail: detail)) }
        func counted(_ file: String, _ words: Term) {
            out.append(StoreCheckResult(file: file, problem: nil, detail: words.en, detailWords: words))
        }
        func bad(_ file: String, _ problem: String) { out.append(StoreCheckResult(file: file, problem: problem, detail: "")) }

        var working: SnapshotFile.Meta?
        if FileIO.exists(workingPath) {
            do {
                let r = try SnapshotFile.Reader(path: workingPath, displayName: Store.workingName)
                let w = try r.workspace(progress: progressLine("checking \(Store.workingName)", cancellable: false))
                try r.verifyPackedColumns()
                working = r.meta
                counted(Store.workingName, Lexicon.Check.counts([(w.plans.count, .plans), (w.taskCount, .tasks),
                                                                 (Int(clamping: r.meta.changes), .changes)]))
            } catch {
                bad(Store.workingName, Store.describe(error))
            }
        } else if base.name.isEmpty || !FileIO.exists(journalPath) {
            ok(Store.workingName, Messages.checkedAbsent)
        } else {
            ok(Store.workingName, Messages.checkedWorkingIsSnapshot(base.name))
        }
        checkJournal(working: working, ok: ok, counted: counted, bad: bad)
        for name in snapshotFileNames().sorted() {
            let shown = "\(Store.snapshotsFolder)/\(name).\(SnapshotFile.fileExtension)"
            do {
                let r = try SnapshotFile.Reader(path: snapshotPath(name), displayName: shown)
                let w = try r.workspace(progress: progressLine("checking \(shown)", cancellable: false))
                try r.verifyPackedColumns()
                counted(shown, Lexicon.Check.counts([(w.plans.count, .plans), (w.taskCount, .tasks)]))
            } catch {
                bad(shown, Store.describe(error))
            }
        }
        if let d = damage, !out.contains(where: { $0.problem != nil }) { bad("(working state)", d.problem) }
        let kept = ((try? FileManager.default.contentsOfDirectory(atPath: damagedPath)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for f in kept {
            let size = (try? FileManager.default.attributesOfItem(atPath: (damagedPath as NSString).appendingPathComponent(f))[.size] as? Int) ?? 0
            out.append(StoreCheckResult(file: "\(Store.damagedFolder)/\(f)", problem: nil,
                                        detail: Messages.checkedSetAside(bytes: size),
                                        setAside: true))
        }
        return out
    }

    private func checkJournal(working: SnapshotFile.Meta?, ok: (String, String) -> Void, counted: (String, Term) -> Void,
                              bad: (String, String) -> Void) {
        let scan: Journal.Scan?
        do {
            scan = try readJournal()
        } catch {
            bad(Store.journalName, Store.describe(error))
            return
        }
        guard let s = scan else {
            if FileIO.exists(workingPath) {
                bad(Store.journalName, Messages.checkedJournalMissing(Store.workingName))
            } else {
                ok(Store.journalName, Messages.checkedAbsent)
            }
            return
        }
        var problems: [String] = []
        var notes: [String] = []
        if let h = s.headerDamage { problems.append(Messages.checkedJournalHeader(h)) }
        if !s.damaged.isEmpty || s.lostChanges > 0 { problems.append(Store.journalLoss(s)) }
        if s.tornTail > 0 {
            notes.append(Messages.checkedTornTail(s.tornTail))
        }
        if let w = working, Store.isStale(s, continuing: w) {
            notes.append(Messages.checkedJournalStale(Store.workingName))
        } else if !s.base.name.isEmpty {
            notes.append(Messages.checkedJournalContinues(s.base.name))
        }
        if s.version < Journal.version { notes.append(Messages.checkedOldFormat(s.version)) }
        if problems.isEmpty {
            counted(Store.journalName, Lexicon.Check.counts([(s.records.count, .records), (s.fileSize, .bytes)], notes: notes))
        } else {
            bad(Store.journalName, problems.joined(separator: "; "))
        }
    }
}
