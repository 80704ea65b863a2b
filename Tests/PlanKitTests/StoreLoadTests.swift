import Foundation
import Testing
@testable import PlanKit

/// `load` shares snapshot files by hard link instead of copying them. These tests check that a
/// shared file is never written through (later changes leave the named snapshot byte for byte as
/// saved), that every on-disk state `load` passes through opens as the state before or after it,
/// and that listings still tell automatic snapshots apart.
@Suite struct StoreLoadTests {
    typealias S = StoreTestSupport

    static func inode(_ path: String) -> (ino: UInt64, links: Int)? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_ino), Int(st.st_nlink))
    }

    /// Whether the temporary folder's file system makes hard links (else `load` copies).
    static func hardLinksWork(in dir: URL) -> Bool {
        let a = dir.appendingPathComponent("link-probe-a").path, b = dir.appendingPathComponent("link-probe-b").path
        defer { unlink(a); unlink(b) }
        guard FileManager.default.createFile(atPath: a, contents: Data([1])) else { return false }
        return link(a, b) == 0
    }

    func snapshotFile(_ dir: URL, _ name: String) -> URL {
        dir.appendingPathComponent("snapshots/\(name).plansnap")
    }

    @Test func loadLinksTheSnapshotAndLaterChangesNeverWriteThroughIt() throws {
        let dir = S.temporaryDirectory("loadlink")
        defer { try? FileManager.default.removeItem(at: dir) }
        var store = try Store.open(at: dir)
        defer { store.close() }
        let linking = Self.hardLinksWork(in: dir)
        try store.commit(.importPlans([S.plan("yy2025", tasks: 40)], replace: false))
        try store.commit(S.update("yy2025", "1.1.1", status: .behind, progress: 30, note: "待协调"))
        let saved = S.picture(store.workspace)
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        let aPath = snapshotFile(dir, "a").path
        let aBytes = try Data(contentsOf: URL(fileURLWithPath: aPath))
        try store.commit(S.update("yy2025", "1.1.2", status: .done, progress: 100))
        let before = S.picture(store.workspace)

        // The journal holds a change: it is folded into the working file, which is then kept by link.
        let kept = try store.load(name: "a", now: 1_746_000_000)
        #expect(S.picture(store.workspace) == saved)
        #expect(S.picture(try store.snapshotWorkspace(named: kept.name)) == before)
        let working = dir.appendingPathComponent("working.plansnap").path
        if linking {
            #expect(Self.inode(working)?.ino == Self.inode(aPath)?.ino, "the loaded snapshot is linked, not copied")
            #expect(Self.inode(aPath)?.links == 2)
        }

        // Every kind of later change: journaled updates, a direct compaction, a reopen (which cuts
        // the journal to its last record), a threshold compaction, `save a!` elsewhere and more loads.
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

        #expect(try Data(contentsOf: URL(fileURLWithPath: aPath)) == aBytes, "snapshot a changed on disk")
        #expect(S.picture(try store.snapshotWorkspace(named: "a")) == saved)
        #expect(S.picture(try store.snapshotWorkspace(named: kept.name)) == before)
        #expect(store.check().allSatisfy { $0.problem == nil }, "\(store.check())")
        let now = S.picture(store.workspace)
        store.close()
        store = try Store.open(at: dir)
        #expect(S.picture(store.workspace) == now)
        #expect(store.notes.isEmpty, "\(store.notes)")
    }

    @Test func automaticSnapshotsKeptByLinkAreListedAsAutomatic() throws {
        let dir = S.temporaryDirectory("loadlist")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([S.plan("yy2025", tasks: 20)], replace: false))
        try store.save(name: "2025-04", overwrite: false, now: 1_745_000_000)
        try store.commit(S.update("yy2025", "1.1.1", progress: 10))
        try store.save(name: "2025-05", overwrite: false, now: 1_747_000_000)
        // Empty journal after `load`: the next `load` links the working file, which is 2025-04's file.
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
        let aPath = snapshotFile(dir, "a").path
        guard Self.hardLinksWork(in: dir) else { return }
        // After step 2 (an interrupted `load` left a link under a temporary name): removed on open.
        let tmp = dir.appendingPathComponent(".tmp-99999-working.plansnap").path
        #expect(link(aPath, tmp) == 0)
        store = try Store.open(at: dir)
        #expect(S.picture(store.workspace) == current)
        #expect(!FileManager.default.fileExists(atPath: tmp))
        #expect(S.picture(try store.snapshotWorkspace(named: "a")) == saved)
        store.close()
        // After step 3 (journal removed): the old working file alone.
        #expect(unlink(journal) == 0)
        store = try Store.open(at: dir)
        #expect(S.picture(store.workspace) == current && store.notes.isEmpty, "\(store.notes)")
        store.close()
        // After step 4 (snapshot renamed over the working file, no journal yet): the new state.
        #expect(unlink(journal) == 0)
        #expect(link(aPath, tmp) == 0)
        #expect(rename(tmp, working) == 0)
        store = try Store.open(at: dir)
        #expect(S.picture(store.workspace) == saved && store.notes.isEmpty, "\(store.notes)")
        try store.commit(S.update("yy2025", "1.1.1", progress: 5))
        store.close()
        store = try Store.open(at: dir)
        defer { store.close() }
        #expect(store.workspace.task(row: 0).progress == 5)
        #expect(S.picture(try store.snapshotWorkspace(named: "a")) == saved)
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
        #expect(Self.inode(oldPath)?.links == 1)
        try store.commit(S.update("yy2025", "1.1.2", progress: 20))
        store.close()
        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(again.workspace.task(row: 1).progress == 20 && again.notes.isEmpty, "\(again.notes)")
    }

    /// Where `link(2)` fails (here EXDEV: `snapshots/` on another file system), `load` copies.
    @Test func loadCopiesWhenFilesCannotBeLinked() throws {
        let dir = S.temporaryDirectory("loadexdev")
        let elsewhere = URL(fileURLWithPath: "/dev/shm/plansh-loadexdev-\(getpid())-\(UUID().uuidString.prefix(8))")
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        var st1 = stat(), st2 = stat()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        guard stat("/dev/shm", &st1) == 0, stat(dir.path, &st2) == 0, st1.st_dev != st2.st_dev,
              (try? FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)) != nil else {
            return // no second file system to provoke EXDEV with
        }
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("snapshots"), withDestinationURL: elsewhere)
        var store = try Store.open(at: dir)
        try store.commit(.importPlans([S.plan("yy2025", tasks: 20)], replace: false))
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        let saved = S.picture(store.workspace)
        let aBytes = try Data(contentsOf: snapshotFile(dir, "a"))
        let before = S.picture(try { try store.commit(S.update("yy2025", "1.1.1", progress: 10)); return store.workspace }())
        let kept = try store.load(name: "a", now: 1_746_000_000)
        #expect(S.picture(store.workspace) == saved)
        #expect(Self.inode(dir.appendingPathComponent("working.plansnap").path)?.links == 1)
        try store.commit(S.update("yy2025", "1.1.2", progress: 20))
        store.close()
        store = try Store.open(at: dir)
        defer { store.close() }
        #expect(store.workspace.task(row: 1).progress == 20 && store.notes.isEmpty, "\(store.notes)")
        #expect(S.picture(try store.snapshotWorkspace(named: kept.name)) == before)
        #expect(try store.snapshots().first { $0.name == kept.name }?.automatic == true)
        #expect(try Data(contentsOf: snapshotFile(dir, "a")) == aBytes)
    }

    /// A read-only shell sees `load`'s result on its next refresh.
    @Test func readerFollowsALinkedLoad() throws {
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
        #expect(reader.isReadOnly && S.picture(reader.workspace) == S.picture(writer.workspace))
        try writer.load(name: "a", now: 1_746_000_000)
        try writer.commit(S.update("yy2025", "1.1.2", progress: 40))
        #expect(reader.refreshIfChanged())
        #expect(S.picture(reader.workspace) == S.picture(writer.workspace))
        #expect(S.picture(reader.workspace) != saved)
    }
}
