import Foundation
import Testing
@testable import PlanKit

/// Damaged files are refused with a message naming them, and everything else stays usable.
@Suite struct StoreCorruptionTests {
    typealias S = StoreTestSupport

    /// A store with a plan, some history and two snapshots `a` and `b`.
    func makeStore(_ label: String) throws -> (URL, Store) {
        let dir = S.temporaryDirectory(label)
        let store = try Store.open(at: dir)
        try store.commit(.importPlans([S.plan("yy2025", tasks: 60)], replace: false))
        try store.commit(S.update("yy2025", "1.1.1", status: .behind, progress: 30, note: "进度滞后"))
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        try store.commit(S.update("yy2025", "1.1.2", status: .done, progress: 100))
        try store.save(name: "b", overwrite: false, now: 1_745_000_100)
        return (dir, store)
    }

    func edit(_ url: URL, _ change: (inout [UInt8]) -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        change(&bytes)
        try Data(bytes).write(to: url)
    }

    func snapshotURL(_ dir: URL, _ name: String) -> URL {
        dir.appendingPathComponent("snapshots/\(name).plansnap")
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    /// Expects snapshot `a` refused with a message containing `words` and `b` still fine.
    func expectRefused(_ dir: URL, _ store: Store, _ words: [String]) throws {
        let m = message { _ = try store.snapshotWorkspace(named: "a") }
        #expect(m.contains("snapshots/a.plansnap"), "\(m)")
        for w in words { #expect(m.contains(w), "\(m) lacks \(w)") }
        #expect(try store.snapshotWorkspace(named: "b").taskCount == 60)
        let list = try store.snapshots()
        #expect(list.first { $0.name == "a" }?.problem != nil)
        #expect(list.first { $0.name == "b" }?.problem == nil)
        let checks = store.check()
        #expect(checks.first { $0.file == "snapshots/a.plansnap" }?.problem != nil)
        #expect(checks.filter { $0.problem != nil }.count == 1, "\(checks)")
        // Loading the damaged one changes nothing.
        let before = S.picture(store.workspace)
        #expect(throws: Diagnostic.self) { try store.load(name: "a", now: 1_746_000_000) }
        #expect(S.picture(store.workspace) == before)
    }

    @Test func truncatedSnapshotIsRefused() throws {
        let (dir, store) = try makeStore("trunc")
        defer { store.close(); try? FileManager.default.removeItem(at: dir) }
        try edit(snapshotURL(dir, "a")) { $0.removeLast($0.count / 2) }
        try expectRefused(dir, store, ["truncated"])
        try edit(snapshotURL(dir, "a")) { $0.removeLast($0.count - 20) }
        try expectRefused(dir, store, ["truncated"])
    }

    @Test func everyFlippedByteIsFound() throws {
        let dir = S.temporaryDirectory("flip")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([S.plan("p", tasks: 3)], replace: false))
        try store.commit(S.update("p", "1.1.1", status: .behind, progress: 30, note: "滞后"))
        try store.save(name: "a", overwrite: false, now: 1)
        let url = snapshotURL(dir, "a")
        let original = [UInt8](try Data(contentsOf: url))
        var missed: [Int] = []
        for i in 0..<original.count {
            var b = original
            b[i] ^= 0x10
            try Data(b).write(to: url)
            if (try? store.snapshotWorkspace(named: "a")) != nil { missed.append(i) }
        }
        #expect(missed.isEmpty, "flips not detected at \(missed.prefix(20)) of \(original.count) bytes")
        // A flip inside the big text section names the section.
        try store.commit(.importPlans([S.plan("q", tasks: 400)], replace: false))
        try store.save(name: "b", overwrite: false, now: 2)
        try edit(snapshotURL(dir, "b")) { $0[$0.count / 3] ^= 1 }
        let m = message { _ = try store.snapshotWorkspace(named: "b") }
        #expect(m.contains("snapshots/b.plansnap is damaged (checksum mismatch"), "\(m)")
    }

    @Test func wrongMagicIsRefused() throws {
        let (dir, store) = try makeStore("magic")
        defer { store.close(); try? FileManager.default.removeItem(at: dir) }
        try edit(snapshotURL(dir, "a")) { $0.replaceSubrange(0..<8, with: Array("SQLite f".utf8)) }
        try expectRefused(dir, store, ["not a plansh snapshot"])
    }

    /// Rewrites the format version and re-signs the preamble, as a newer plansh would have.
    func setVersion(_ url: URL, _ v: UInt32) throws {
        try edit(url) { b in
            withUnsafeBytes(of: v.littleEndian) { b.replaceSubrange(8..<12, with: $0) }
            let sum = Checksum.xxh64(Array(b[0..<40]))
            withUnsafeBytes(of: sum.littleEndian) { b.replaceSubrange(40..<48, with: $0) }
        }
    }

    @Test func futureVersionIsRefused() throws {
        let (dir, store) = try makeStore("future")
        defer { try? FileManager.default.removeItem(at: dir) }
        try setVersion(snapshotURL(dir, "a"), 7)
        try expectRefused(dir, store, ["newer plansh", "format version 7"])
        // An older development format is named as such.
        try setVersion(snapshotURL(dir, "a"), 1)
        try expectRefused(dir, store, ["early development version", "format version 1"])
        // A future working state refuses the store (rather than starting empty).
        try store.commit(.importPlans([S.plan("big", tasks: Store.directCompactionTasks + 1)], replace: false))
        store.close()
        try setVersion(dir.appendingPathComponent("working.plansnap"), SnapshotFile.formatVersion + 1)
        let m = message { _ = try Store.open(at: dir) }
        #expect(m.contains("working.plansnap was written by a newer plansh"), "\(m)")
    }

    @Test func tornLastJournalRecordIsDropped() throws {
        let (dir, store) = try makeStore("torn")
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.commit(S.update("yy2025", "1.1.3", progress: 10))
        let expected = S.picture(store.workspace)
        try store.commit(S.update("yy2025", "1.1.4", progress: 20, note: "this change was torn"))
        store.close()
        let journal = dir.appendingPathComponent("journal")
        let full = try FileManager.default.attributesOfItem(atPath: journal.path)[.size] as? Int ?? 0
        try edit(journal) { $0.removeLast(9) }

        let again = try Store.open(at: dir)
        #expect(again.notes.contains { $0.contains("torn last record") }, "\(again.notes)")
        #expect(S.picture(again.workspace) == expected)
        #expect(again.check().allSatisfy { $0.problem == nil })
        // The torn bytes were cut off and appending continues cleanly.
        try again.commit(S.update("yy2025", "1.1.5", progress: 50))
        let after = S.picture(again.workspace)
        again.close()
        let third = try Store.open(at: dir)
        defer { third.close() }
        #expect(third.notes.isEmpty, "\(third.notes)")
        #expect(S.picture(third.workspace) == after)
        #expect(full > 0)
    }

    @Test func damagedMiddleRecordKeepsEveryIntactRecord() throws {
        let dir = S.temporaryDirectory("middle")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        try store.commit(.importPlans([S.plan("yy2025", tasks: 20)], replace: false))
        var expected = store.workspace
        let updates = (1...4).map { S.update("yy2025", "1.1.\($0)", progress: 10 * $0, note: "第\($0)次") }
        for u in updates { try store.commit(u) }
        store.close()
        // Damage the payload of the third record (the second update).
        let journal = dir.appendingPathComponent("journal")
        let scan = try #require(try Journal.scan(at: journal.path)?.get())
        #expect(scan.records.count == 5)
        try edit(journal) { $0[scan.records[2].offset + 20] ^= 0xFF }
        for (i, u) in updates.enumerated() where i != 1 { try expected.apply(u) }

        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(again.notes.contains { $0.contains("damaged") && $0.contains("kept 4 intact records") }, "\(again.notes)")
        #expect(S.picture(again.workspace) == S.picture(expected))
        let damaged = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("damaged").path)
        #expect(damaged.contains { $0.hasPrefix("journal-") })
        #expect(again.check().allSatisfy { $0.problem == nil }, "\(again.check())")
    }

    @Test func damagedWorkingStateIsSetAsideAndSnapshotsStayUsable() throws {
        let (dir, store) = try makeStore("working")
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.commit(.importPlans([S.plan("big", tasks: Store.directCompactionTasks + 1)], replace: false))
        store.close()
        try edit(dir.appendingPathComponent("working.plansnap")) { $0[$0.count / 2] ^= 4 }
        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(again.notes.contains { $0.contains("working.plansnap is damaged") && $0.contains("load NAME") }, "\(again.notes)")
        #expect(again.workspace.taskCount == 0)
        #expect(try again.snapshots().map(\.name) == ["a", "b"])
        try again.load(name: "b", now: 1_746_000_000)
        #expect(again.workspace.taskCount == 60)
        #expect(again.check().allSatisfy { $0.problem == nil }, "\(again.check())")
    }
}
