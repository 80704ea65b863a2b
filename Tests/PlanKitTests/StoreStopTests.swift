import Foundation
import Testing
@testable import PlanKit

/// A change stopped after each of its writes and fsyncs in turn (`FaultInjection.stop`: the
/// first n succeed, every later one fails, so the files stay as a `kill -9` at that moment
/// leaves them) must leave a store that opens without damage and holds the state before the
/// change or after it; an automatic snapshot `load` kept must hold the state it replaced.
/// Deterministic companions of the kill trials, for the windows they hit only by chance.
@Suite struct StoreStopTests {
    typealias S = StoreTestSupport

    /// Runs `change` on a copy of `template` stopped after 0, 1, 2 … calls until it runs whole,
    /// and checks the store each stop leaves. Returns how many stops were tried.
    @discardableResult
    static func stopEverywhere(_ template: URL, label: String, before: S.Picture, after: S.Picture,
                               sourceLocation: SourceLocation = #_sourceLocation,
                               _ change: (Store) throws -> Void) throws -> Int {
        var n = 0
        var finished = false
        while !finished && n < 200 {
            let dir = S.temporaryDirectory("stop-\(label)-\(n)")
            defer { try? FileManager.default.removeItem(at: dir) }
            try FileManager.default.copyItem(at: template, to: dir)
            let store = try Store.open(at: dir)
            let path = store.directory.path
            FaultInjection.stop(under: path, after: n)
            var failed = false
            do { try change(store) } catch { failed = true }
            store.close() // waits for a background copy
            // Still failing one more call means the stop was never reached: the change ran whole.
            finished = !failed && FaultInjection.failure(.write, path + "/probe") == nil
            FaultInjection.clear(under: path)
            let reopened = try Store.open(at: dir)
            defer { reopened.close() }
            #expect(reopened.damage == nil, "\(label), stopped after \(n) calls: \(reopened.damage?.message ?? "")",
                    sourceLocation: sourceLocation)
            let now = S.picture(reopened.workspace)
            #expect(now == before || now == after, "\(label), stopped after \(n) calls: neither before nor after",
                    sourceLocation: sourceLocation)
            let problems = reopened.check().filter { $0.problem != nil }
            #expect(problems.isEmpty, "\(label), stopped after \(n) calls: \(problems)", sourceLocation: sourceLocation)
            for info in try reopened.snapshots() where info.automatic && info.name.hasPrefix("auto-") {
                #expect(S.picture(try reopened.snapshotWorkspace(named: info.name)) == before,
                        "\(label), stopped after \(n) calls: \(info.name) is not the state load replaced", sourceLocation: sourceLocation)
            }
            if finished { #expect(now == after, "\(label): the whole change did not give the state after", sourceLocation: sourceLocation) }
            n += 1
        }
        #expect(finished, "\(label): still stopping after \(n) calls", sourceLocation: sourceLocation)
        return n
    }

    /// A store with plan yy2025, snapshot `a` and two journaled updates after it.
    static func journaledStore(_ label: String) throws -> (dir: URL, before: S.Picture, a: S.Picture) {
        let dir = S.temporaryDirectory(label)
        let store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([S.plan("yy2025", tasks: 30)], replace: false))
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        let a = S.picture(store.workspace)
        try store.commit(S.update("yy2025", "1.1.1", status: .done, progress: 100))
        try store.commit(S.update("yy2025", "1.1.2", note: "第二条"))
        return (dir, S.picture(store.workspace), a)
    }

    /// A compaction stopped after writing the new working file, before replacing the journal,
    /// leaves a stale journal (the file holds all of it). `load` used to keep that file without
    /// folding first, so a stop between keeping it and the new journal left a journal whose base
    /// no file had: "working.plansnap is missing (no file of the store has generation …)".
    @Test func loadOverAStaleJournal() throws {
        let (dir, before, a) = try Self.journaledStore("stale")
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("journal")
        let old = try Data(contentsOf: journal)
        do {
            let store = try Store.open(at: dir)
            defer { store.close() }
            try store.beginChange("test")
            try store.compact(cancellable: false)
            store.endChange()
        }
        try old.write(to: journal)
        let stale = try Store.open(at: dir)
        #expect(stale.damage == nil && S.picture(stale.workspace) == before)
        #expect(stale.check().contains { $0.file == "journal" && $0.detail.contains("older than working.plansnap") })
        stale.close()
        let stops = try Self.stopEverywhere(dir, label: "load over a stale journal", before: before, after: a) { store in
            try store.load(name: "a", now: 1_746_000_000)
        }
        #expect(stops > 3)
    }

    /// A working file of an earlier format with journal records: `load` used to keep the file as
    /// it was, so the automatic snapshot lacked the journal's changes (the Golden format-3 store
    /// holds three).
    @Test func loadOverAnEarlierFormatKeepsTheJournaledChanges() throws {
        let source = Golden.directory.appendingPathComponent("store-format-3")
        let dir = S.temporaryDirectory("stop-format3")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("snapshots"), withIntermediateDirectories: true)
        for f in ["working.plansnap", "journal", "snapshots/v3snap.plansnap"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        let store = try Store.open(at: dir)
        let before = S.picture(store.workspace)
        let snap = S.picture(try store.snapshotWorkspace(named: "v3snap"))
        #expect(store.workspace.history.count > 0 && before != snap)
        store.close()
        try Self.stopEverywhere(dir, label: "load over format 3", before: before, after: snap) { store in
            try store.load(name: "v3snap", now: 1_746_000_000)
        }
    }

    /// Just after `load`, until the working file's own copy is written, snapshot `a` is the base
    /// the journal continues (a kill during the copy leaves the store so). `save a!` used to
    /// overwrite it, leaving a journal whose base no file had.
    @Test func saveOverTheSnapshotALoadStillReads() throws {
        let (dir, _, a) = try Self.journaledStore("copyless")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let store = try Store.open(at: dir)
            defer { store.close() }
            try store.load(name: "a", now: 1_746_000_000)
        }
        // The copy never written: as a kill during it leaves the store.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("working.plansnap"))
        let copyless = try Store.open(at: dir)
        #expect(copyless.damage == nil && S.picture(copyless.workspace) == a)
        #expect(copyless.check().contains { $0.detail.contains("the state is snapshot a") })
        copyless.close()
        // The automatic snapshot holds the state before `load`, not `a`: skip that check here.
        let auto = dir.appendingPathComponent("snapshots").path
        for f in try FileManager.default.contentsOfDirectory(atPath: auto) where f.hasPrefix("auto-") {
            try FileManager.default.moveItem(atPath: auto + "/" + f, toPath: auto + "/kept-" + f.dropFirst(5))
        }
        try Self.stopEverywhere(dir, label: "save a! over the base", before: a, after: a) { store in
            try store.save(name: "a", overwrite: true, now: 1_747_000_000)
        }
        try Self.stopEverywhere(dir, label: "update with a snapshot as base", before: a,
                                after: try Self.pictureAfter(dir) { try $0.commit(S.update("yy2025", "1.1.3", progress: 40)) }) { store in
            try store.commit(S.update("yy2025", "1.1.3", progress: 40))
        }
    }

    /// Ordinary changes stopped everywhere: an update, `save`, and `load` with and without
    /// journaled changes to fold first.
    @Test func ordinaryChangesStoppedEverywhere() throws {
        let (dir, before, a) = try Self.journaledStore("ordinary")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.stopEverywhere(dir, label: "load with records", before: before, after: a) { try $0.load(name: "a", now: 1_746_000_000) }
        try Self.stopEverywhere(dir, label: "save b", before: before, after: before) { try $0.save(name: "b", overwrite: false, now: 1) }
        let updated = try Self.pictureAfter(dir) { try $0.commit(S.update("yy2025", "1.2.1", status: .behind)) }
        try Self.stopEverywhere(dir, label: "update", before: before, after: updated) { try $0.commit(S.update("yy2025", "1.2.1", status: .behind)) }
    }

    /// The state `change` gives on a copy of `template`.
    static func pictureAfter(_ template: URL, _ change: (Store) throws -> Void) throws -> S.Picture {
        let dir = S.temporaryDirectory("stop-reference")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: template, to: dir)
        let store = try Store.open(at: dir)
        defer { store.close() }
        try change(store)
        return S.picture(store.workspace)
    }
}
