import Foundation
import Testing
@testable import PlanKit

/// `load` never gives a file a second name: the working file gets its own copy of the snapshot
/// (written after `load` returns; until then the snapshot is the base). These tests check that
/// no two names share an inode, that damage to one never reaches another, that every on-disk
/// state `load` passes through opens as the state before or after it, and that listings still
/// tell automatic snapshots apart.
@Suite struct StoreLoadTests {
    typealias S = StoreTestSupport

    static func inode(_ path: String) -> (ino: UInt64, links: Int)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_ino), Int(st.st_nlink))
    }

    /// Every file of the store has exactly one name, and no two share an inode.
    static func expectNoSharedFiles(_ dir: URL) {
        var seen: [UInt64: String] = [:]
        for sub in ["", "snapshots"] {
            let folder = sub.isEmpty ? dir : dir.appendingPathComponent(sub)
            for f in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                let path = folder.appendingPathComponent(f).path
                guard let n = inode(path), !f.hasPrefix("."), f != "snapshots" else { continue }
                #expect(n.links == 1, "\(path) has \(n.links) names")
                #expect(seen[n.ino] == nil, "\(path) shares its inode with \(seen[n.ino] ?? "")")
                seen[n.ino] = path
            }
        }
    }

    func snapshotFile(_ dir: URL, _ name: String) -> URL {
        dir.appendingPathComponent("snapshots/\(name).plansnap")
    }

    @Test func loadSharesNoFileAndDamageNeverCrosses() throws {
        let dir = S.temporaryDirectory("loadcopy")
        defer { try? FileManager.default.removeItem(at: dir) }
        var store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([S.plan("yy2025", tasks: 40)], replace: false))
        try store.commit(S.update("yy2025", "1.1.1", status: .behind, progress: 30, note: "待协调"))
        let saved = S.picture(store.workspace)
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        let aPath = snapshotFile(dir, "a").path
        let aBytes = try Data(contentsOf: URL(fileURLWithPath: aPath))
        try store.commit(S.update("yy2025", "1.1.2", status: .done, progress: 100))
        let before = S.picture(store.workspace)

        // The journal holds a change: it is folded into the working file, which is then renamed.
        let kept = try store.load(name: "a", now: 1_746_000_000)
        #expect(S.picture(store.workspace) == saved)
        #expect(S.picture(try store.snapshotWorkspace(named: kept.name)) == before)
        store.finishBackgroundCopy()
        let working = dir.appendingPathComponent("working.plansnap").path
        #expect(Self.inode(working)?.ino != Self.inode(aPath)?.ino, "the loaded snapshot is copied, not linked")
        Self.expectNoSharedFiles(dir)

        // Every kind of later change: journaled updates, a direct compaction, a reopen (which cuts
        // the journal to its last record), a threshold compaction, `save` elsewhere and more loads.
        try store.commit(S.update("yy2025", "1.1.3", status: .onTrack, progress: 50, note: "正常"))
        try store.commit(.dropPlan("yy2025"))
        try store.commit(.importPlans([S.plan("yy2025", tasks: 40), S.plan("zz", tasks: 5)], replace: true))
        store.close()
        store = try Store.open(at: dir)
        for i in 0..<300 {
            try store.commit(S.update("yy2025", "1.\(i % 4 + 1).\(i % 5 + 1)", progress: i % 101,
                                      note: String(repeating: "备注", count: 500 + i)))
        }
        try store.save(name: "b", overwrite: false, now: 1_747_000_000)
        try store.load(name: kept.name, now: 1_748_000_000)
        try store.commit(S.update("yy2025", "1.1.1", progress: 99))
        try store.load(name: "b", now: 1_749_000_000)
        try store.commit(S.update("yy2025", "1.1.1", progress: 98))
        store.finishBackgroundCopy()
        Self.expectNoSharedFiles(dir)

        #expect(try Data(contentsOf: URL(fileURLWithPath: aPath)) == aBytes, "snapshot a changed on disk")
        #expect(S.picture(try store.snapshotWorkspace(named: "a")) == saved)
        #expect(S.picture(try store.snapshotWorkspace(named: kept.name)) == before)
        #expect(store.check().allSatisfy { $0.problem == nil }, "\(store.check())")
        let now = S.picture(store.workspace)
        store.close()
        store = try Store.open(at: dir)
        #expect(S.picture(store.workspace) == now)
        #expect(store.damage == nil && !store.isReadOnly)

        // A byte flipped in the working file right after `load` damages the working state only.
        try store.load(name: "a", now: 1_750_000_000)
        store.close()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: working)))
        bytes[bytes.count / 2] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: working))
        store = try Store.open(at: dir)
        #expect(store.damage != nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: aPath)) == aBytes)
        #expect(S.picture(try store.snapshotWorkspace(named: "a")) == saved)
        let report = try store.recover(now: 1_750_000_100)
        #expect(report.message.contains("from snapshot a") && report.message.contains("no change is lost"), "\(report.message)")
        #expect(S.picture(store.workspace) == saved)
    }

    /// `save` with changes in the journal folds them into the working file while it writes the
    /// snapshot: afterwards the working file alone is the state (reopened, it reads the same with
    /// no journal to replay), the two are separate files, and a `load` then has nothing to fold.
    @Test func saveFoldsTheJournalSoLoadNeedNot() throws {
        let dir = S.temporaryDirectory("savefold")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([S.plan("yy2025", tasks: 40)], replace: false))
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        try store.commit(S.update("yy2025", "1.1.1", status: .behind, progress: 30, note: "待协调"))
        try store.commit(S.update("yy2025", "1.1.2", progress: 55))
        #expect(!store.stateIsWholeInWorkingFile, "two changes are in the journal")
        let state = S.picture(store.workspace)
        try store.save(name: "b", overwrite: false, now: 1_746_000_000)
        #expect(store.stateIsWholeInWorkingFile, "save folded the journal into the working file")
        #expect(S.picture(store.workspace) == state)
        #expect(S.picture(try store.snapshotWorkspace(named: "b")) == state)
        Self.expectNoSharedFiles(dir)
        let reopened = try Store.open(at: dir)
        #expect(reopened.stateIsWholeInWorkingFile && S.picture(reopened.workspace) == state)
        reopened.close()
        // The state is whole in the working file: load renames it, with nothing to fold.
        let kept = try store.load(name: "a", now: 1_747_000_000)
        #expect(S.picture(try store.snapshotWorkspace(named: kept.name)) == state)
        // With nothing in the journal, save writes the snapshot alone.
        store.finishBackgroundCopy()
        try store.save(name: "c", overwrite: false, now: 1_748_000_000)
        #expect(store.stateIsWholeInWorkingFile)
        Self.expectNoSharedFiles(dir)
    }

    @Test func automaticSnapshotsAreListedAsAutomatic() throws {
        let dir = S.temporaryDirectory("loadlist")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([S.plan("yy2025", tasks: 20)], replace: false))
        try store.save(name: "2025-04", overwrite: false, now: 1_745_000_000)
        try store.commit(S.update("yy2025", "1.1.1", progress: 10))
        try store.save(name: "2025-05", overwrite: false, now: 1_747_000_000)
        // Empty journal after `load`: the next `load` renames the working file, 2025-04's own copy.
        let first = try store.load(name: "2025-04", now: 1_748_000_000)
        let second = try store.load(name: "2025-05", now: 1_748_000_100)
        let list = try store.snapshots()
        #expect(list.map(\.name) == ["2025-04", "2025-05", first.name, second.name])
        #expect(list.map(\.automatic) == [false, false, true, true])
        #expect(list.map(\.createdAt) == [1_745_000_000, 1_747_000_000, 1_748_000_000, 1_748_000_100])
        let june = try #require(YearMonth(year: 2025, month: 6))
        #expect(ReportData.previousSnapshot(for: june, among: list)?.name == "2025-05")
    }

    /// The on-disk states between `load`'s steps, made by hand, open as the state before or after.
    @Test func everyIntermediateStateOfLoadOpens() throws {
        let dir = S.temporaryDirectory("loadsteps")
        defer { try? FileManager.default.removeItem(at: dir) }
        var store = try Store.open(at: dir)
        try store.commit(.importPlans([S.plan("yy2025", tasks: 30)], replace: false))
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        let saved = S.picture(store.workspace)
        try store.commit(.importPlans([S.plan("zz", tasks: 7)], replace: false))
        try store.commit(S.update("zz", "1.1.2", status: .done, progress: 100))
        let current = S.picture(store.workspace)
        // Step 1 (fold): the writer's ordinary compaction.
        try store.load(name: "a", now: 1_746_000_000)
        try store.load(name: "auto-\(Store.stamp(1_746_000_000))", now: 1_746_000_001)
        #expect(S.picture(store.workspace) == current)
        store.close()

        let working = dir.appendingPathComponent("working.plansnap").path
        let journal = dir.appendingPathComponent("journal").path
        let journalBytes = try Data(contentsOf: URL(fileURLWithPath: journal))
        // After step 2 (the working file renamed into snapshots/, its empty journal still in place):
        // the old state, read from the renamed file.
        let parked = snapshotFile(dir, "auto-parked").path
        #expect(rename(working, parked) == 0)
        store = try Store.open(at: dir)
        #expect(S.picture(store.workspace) == current && store.damage == nil, "\(String(describing: store.damage))")
        store.close()
        // After step 3 (a new journal continuing snapshot a): the new state, read from a.
        let a = try SnapshotFile.Reader(path: snapshotFile(dir, "a").path, displayName: "a")
        let loaded = Journal.Base(generation: a.meta.generation, changes: 99, checksum: a.checksum, name: "a")
        _ = try Journal.create(at: journal, base: loaded)
        store = try Store.open(at: dir)
        #expect(S.picture(store.workspace) == saved && store.damage == nil)
        // An interrupted background copy left a temporary file: the next change removes it and
        // writes the working file whole.
        let tmp = dir.appendingPathComponent(".tmp-99999-working.plansnap").path
        #expect(FileManager.default.createFile(atPath: tmp, contents: Data([1, 2, 3])))
        try store.commit(S.update("yy2025", "1.1.1", progress: 5))
        #expect(!FileManager.default.fileExists(atPath: tmp))
        #expect(FileManager.default.fileExists(atPath: working))
        store.close()
        store = try Store.open(at: dir)
        defer { store.close() }
        #expect(store.workspace.task(row: 0).progress == 5)
        #expect(S.picture(try store.snapshotWorkspace(named: "a")) == saved)
        #expect(S.picture(try store.snapshotWorkspace(named: "auto-parked")) == current)
        Self.expectNoSharedFiles(dir)
        #expect(journalBytes.count > 0)
    }

    /// Snapshots written before generations were unique carry generation 0: `load` copies them.
    @Test func snapshotsWithoutAGenerationAreCopied() throws {
        let dir = S.temporaryDirectory("loadcopy")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([S.plan("yy2025", tasks: 25)], replace: false))
        let old = S.picture(store.workspace)
        let w = store.workspace
        let meta = SnapshotFile.Meta(kind: .named, name: "old", createdAt: 1_700_000_000, automatic: false, generation: 0,
                                     plans: w.plans.count, tasks: w.taskCount, historyRecords: w.history.count)
        let oldPath = snapshotFile(dir, "old").path
        try SnapshotFile.write(w, meta: meta, to: oldPath)
        try store.commit(S.update("yy2025", "1.1.1", progress: 70))
        try store.load(name: "old", now: 1_746_000_000)
        #expect(S.picture(store.workspace) == old)
        Self.expectNoSharedFiles(dir)
        try store.commit(S.update("yy2025", "1.1.2", progress: 20))
        store.close()
        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(again.workspace.task(row: 1).progress == 20 && again.damage == nil)
    }

    /// A symbolic link where `snapshots/` should be is refused, naming it; nothing is written through it.
    @Test func aLinkedSnapshotsFolderIsRefused() throws {
        let dir = S.temporaryDirectory("loadlinkdir")
        let elsewhere = S.temporaryDirectory("loadlinkdir-target")
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("snapshots"), withDestinationURL: elsewhere)
        #expect(throws: Diagnostic.self) { _ = try Store.open(at: dir) }
        do {
            _ = try Store.open(at: dir)
        } catch {
            #expect("\(error)".contains("snapshots is a symbolic link"), "\(error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    /// Another shell sees `load`'s result on its next refresh, before and after the copy is written.
    @Test func readerFollowsALoad() throws {
        let dir = S.temporaryDirectory("loadreader")
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try Store.open(at: dir)
        defer { writer.close() }
        try writer.commit(.importPlans([S.plan("yy2025", tasks: 20)], replace: false))
        try writer.save(name: "a", overwrite: false, now: 1_745_000_000)
        let saved = S.picture(writer.workspace)
        try writer.commit(S.update("yy2025", "1.1.1", progress: 60))
        let reader = try Store.open(at: dir)
        defer { reader.close() }
        #expect(S.picture(reader.workspace) == S.picture(writer.workspace))
        try writer.load(name: "a", now: 1_746_000_000)
        #expect(reader.refreshIfChanged())
        #expect(S.picture(reader.workspace) == saved)
        try writer.commit(S.update("yy2025", "1.1.2", progress: 40))
        #expect(reader.refreshIfChanged())
        #expect(S.picture(reader.workspace) == S.picture(writer.workspace))
        #expect(S.picture(reader.workspace) != saved)
    }

    /// With a change in the journal, `load` reads the snapshot while it folds the journal into
    /// the working file (issue 15): a snapshot damaged past its header is still refused with its
    /// own message, no automatic snapshot is made, and the state (with its change) stays.
    @Test func aDamagedSnapshotIsRefusedWhileTheJournalIsFolded() throws {
        let dir = S.temporaryDirectory("loadfold")
        defer { try? FileManager.default.removeItem(at: dir) }
        var store = try Store.open(at: dir)
        try store.commit(.importPlans([S.plan("yy2025", tasks: 400)], replace: false))
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        try store.commit(S.update("yy2025", "1.1.2", status: .done, progress: 100))
        let before = S.picture(store.workspace)
        let url = snapshotFile(dir, "a")
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 3] ^= 1
        try Data(bytes).write(to: url)
        var said = ""
        do {
            _ = try store.load(name: "a", now: 1_746_000_000)
        } catch {
            said = "\(error)"
        }
        #expect(said.contains("snapshots/a.plansnap") && said.contains("checksum mismatch"), "\(said)")
        #expect(S.picture(store.workspace) == before)
        #expect(try store.snapshots().map(\.name) == ["a"])
        store.close()
        store = try Store.open(at: dir)
        defer { store.close() }
        #expect(S.picture(store.workspace) == before)
        #expect(store.check().filter { $0.problem != nil }.map(\.file) == ["snapshots/a.plansnap"])
    }
}
