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

    @Test func tornLastJournalRecordIsDroppedQuietly() throws {
        let (dir, store) = try makeStore("torn")
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.commit(S.update("yy2025", "1.1.3", progress: 10))
        let expected = S.picture(store.workspace)
        try store.commit(S.update("yy2025", "1.1.4", progress: 20, note: "this change was torn"))
        store.close()
        let journal = dir.appendingPathComponent("journal")
        try edit(journal) { $0.removeLast(9) }

        let again = try Store.open(at: dir)
        #expect(again.damage == nil && !again.isReadOnly)
        #expect(S.picture(again.workspace) == expected)
        let checks = again.check()
        #expect(checks.allSatisfy { $0.problem == nil })
        #expect(checks.first { $0.file == "journal" }?.detail.contains("incomplete last record") == true, "\(checks)")
        // The torn bytes are cut off at the next change and appending continues cleanly.
        try again.commit(S.update("yy2025", "1.1.5", progress: 50))
        let after = S.picture(again.workspace)
        again.close()
        let third = try Store.open(at: dir)
        defer { third.close() }
        #expect(third.damage == nil && !third.isReadOnly)
        #expect(S.picture(third.workspace) == after)
        #expect(!(third.check().first { $0.file == "journal" }?.detail.contains("incomplete") ?? true))
    }

    /// A flipped byte in a record loses that record only: the store refuses to run on until
    /// `recover`, which keeps every other record and counts the lost one.
    @Test(arguments: [6, 20, 28, 40]) // the record's head, its sequence number, its head checksum, its payload
    func damagedMiddleRecordLosesOnlyThatChange(offset: Int) throws {
        let dir = S.temporaryDirectory("middle")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        try store.commit(.importPlans([S.plan("yy2025", tasks: 20)], replace: false))
        var expected = store.workspace
        let updates = (1...4).map { S.update("yy2025", "1.1.\($0)", progress: 10 * $0, note: "第\($0)次") }
        for u in updates { try store.commit(u) }
        store.close()
        let journal = dir.appendingPathComponent("journal")
        let scan = try #require(try Journal.scan(at: journal.path)?.get())
        #expect(scan.records.count == 4) // the import was written into the working file
        for (i, u) in updates.enumerated() where i != 1 { try expected.apply(u) }
        try edit(journal) { $0[scan.records[1].offset + offset] ^= 0xFF }
        let original = try Data(contentsOf: journal)

        let again = try Store.open(at: dir)
        defer { again.close() }
        let damage = try #require(again.damage)
        #expect(damage.message.contains("journal is damaged") && damage.message.contains("1 change cannot be read"), "\(damage.message)")
        #expect(damage.message.contains("3 intact journal records") && damage.message.contains("1 change cannot be recovered"),
                "\(damage.message)")
        #expect(throws: Diagnostic.self) { try again.commit(S.update("yy2025", "1.1.9", progress: 1)) }
        #expect(again.check().contains { $0.file == "journal" && $0.problem != nil })
        let report = try again.recover(now: 1_746_000_000)
        #expect(report.message.contains("1 change cannot be recovered"), "\(report.message)")
        #expect(S.fingerprint(again.workspace) == S.fingerprint(expected))
        let third = try Store.open(at: dir)
        defer { third.close() }
        #expect(third.damage == nil && S.fingerprint(third.workspace) == S.fingerprint(expected))
        let kept = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("damaged").path)
        let copy = try #require(kept.first { $0.hasPrefix("journal-") })
        #expect(try Data(contentsOf: dir.appendingPathComponent("damaged/\(copy)")) == original)
        #expect(third.check().allSatisfy { $0.problem == nil })
        #expect(third.check().contains { $0.setAside && $0.file == "damaged/\(copy)" })
    }

    /// A flipped byte in the journal's header loses nothing: every record carries its base.
    @Test func damagedJournalHeaderLosesNothing() throws {
        let (dir, store) = try makeStore("jheader")
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.commit(S.update("yy2025", "1.1.3", progress: 10))
        try store.commit(S.update("yy2025", "1.1.4", progress: 20))
        let expected = S.picture(store.workspace)
        store.close()
        for offset in [3, 9, 20, 33] {
            let journal = dir.appendingPathComponent("journal")
            let original = try Data(contentsOf: journal)
            try edit(journal) { $0[offset] ^= 0x41 }
            let again = try Store.open(at: dir)
            #expect(again.damage == nil, "\(String(describing: again.damage?.message))")
            #expect(S.picture(again.workspace) == expected)
            #expect(again.check().contains { $0.file == "journal" && ($0.problem ?? "").contains("header damaged") })
            again.close()
            try original.write(to: journal)
        }
        // The next change rewrites the journal whole.
        try edit(dir.appendingPathComponent("journal")) { $0[9] ^= 0x41 }
        let again = try Store.open(at: dir)
        defer { again.close() }
        try again.commit(S.update("yy2025", "1.1.5", progress: 30))
        #expect(again.check().allSatisfy { $0.problem == nil }, "\(again.check())")
    }

    /// The moments of a new store's first write, made by hand: an empty journal alone, then a
    /// working file beside that (older) journal. Neither is damage.
    @Test func firstWriteWindowsAreNotDamage() throws {
        let dir = S.temporaryDirectory("firstwrite")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        try store.commit(.importPlans([S.plan("yy2025", tasks: 10)], replace: false))
        let expected = S.fingerprint(store.workspace)
        store.close()
        let journal = dir.appendingPathComponent("journal").path
        _ = try Journal.create(at: journal, base: Journal.Base(generation: 0, changes: 0))
        let beside = try Store.open(at: dir)
        #expect(beside.damage == nil && S.fingerprint(beside.workspace) == expected)
        #expect(beside.check().allSatisfy { $0.problem == nil }, "\(beside.check())")
        beside.close()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("working.plansnap"))
        let alone = try Store.open(at: dir)
        defer { alone.close() }
        #expect(alone.damage == nil && alone.workspace.taskCount == 0)
    }

    /// A deleted journal is damage: named, refused, and `check` reports it.
    @Test func deletedJournalIsNoticed() throws {
        let (dir, store) = try makeStore("nojournal")
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.commit(S.update("yy2025", "1.1.3", progress: 10))
        store.close()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("journal"))
        let again = try Store.open(at: dir)
        defer { again.close() }
        let damage = try #require(again.damage)
        #expect(damage.message.contains("journal is missing") && damage.message.contains("how many is unknown"), "\(damage.message)")
        #expect(again.check().contains { $0.file == "journal" && ($0.problem ?? "").contains("missing") })
        let report = try again.recover(now: 1_746_000_000)
        // `save b` folded the journal into the working file, which holds as many changes as
        // snapshot b: the working file is the newest intact state; the update after it is lost.
        #expect(report.message.contains("from working.plansnap") && report.message.contains("how many is unknown"), "\(report.message)")
        #expect(S.fingerprint(again.workspace) == S.fingerprint(try again.snapshotWorkspace(named: "b")))
        #expect(again.workspace.taskCount == 60)
        #expect(again.check().allSatisfy { $0.problem == nil })
    }

    /// A damaged working file never empties the store: commands are refused until `recover`,
    /// which starts from the newest intact snapshot plus the journal records after it.
    @Test func damagedWorkingStateIsRefusedThenRecovered() throws {
        let (dir, store) = try makeStore("working")
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.commit(.importPlans([S.plan("big", tasks: Store.directCompactionTasks + 1)], replace: false))
        try store.commit(S.update("yy2025", "1.1.3", progress: 10))
        try store.commit(S.update("big", "1.1.3", progress: 20))
        store.close()
        let working = dir.appendingPathComponent("working.plansnap")
        try edit(working) { $0[$0.count / 2] ^= 4 }
        let damagedBytes = try Data(contentsOf: working)
        let again = try Store.open(at: dir)
        defer { again.close() }
        let damage = try #require(again.damage)
        #expect(damage.message.contains("working.plansnap is damaged") && damage.message.contains("`recover`"), "\(damage.message)")
        #expect(damage.message.contains("snapshot b") && damage.message.contains("cannot be recovered"), "\(damage.message)")
        #expect(message { try again.commit(S.update("yy2025", "1.1.1", progress: 1)) }.contains("working.plansnap is damaged"))
        #expect(message { try again.save(name: "c", overwrite: false, now: 1) }.contains("working.plansnap is damaged"))
        #expect(message { try again.load(name: "a", now: 1) }.contains("working.plansnap is damaged"))
        #expect(try again.snapshots().map(\.name) == ["a", "b"])
        #expect(try Data(contentsOf: working) == damagedBytes)

        let report = try again.recover(now: 1_746_000_000)
        #expect(report.message.contains("from snapshot b and 1 journal record"), "\(report.message)")
        // Lost: the import of "big" (in the damaged file only) and the journaled update of one of its tasks.
        #expect(report.message.contains("2 changes cannot be recovered"), "\(report.message)")
        #expect(again.workspace.taskCount == 60)
        #expect(again.workspace.task(row: 2).progress == 10)
        let kept = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("damaged").path)
        #expect(kept.count == 1)
        #expect(try Data(contentsOf: dir.appendingPathComponent("damaged/\(kept[0])")) == damagedBytes)
        #expect(again.check().allSatisfy { $0.problem == nil })
    }

    /// When the copy into `damaged/` cannot be made, `recover` removes nothing and says so.
    @Test func recoverWithoutADamagedFolderChangesNothing() throws {
        let (dir, store) = try makeStore("nodamaged")
        defer { try? FileManager.default.removeItem(at: dir) }
        store.close()
        let working = dir.appendingPathComponent("working.plansnap")
        try edit(working) { $0[$0.count / 2] ^= 4 }
        let before = try Data(contentsOf: working)
        let journalBefore = try Data(contentsOf: dir.appendingPathComponent("journal"))
        try Data("in the way".utf8).write(to: dir.appendingPathComponent("damaged"))
        let again = try Store.open(at: dir)
        defer { again.close() }
        let m = message { _ = try again.recover(now: 1_746_000_000) }
        #expect(m.contains("could not keep a copy of working.plansnap in damaged/") && m.contains("nothing was removed"), "\(m)")
        #expect(try Data(contentsOf: working) == before)
        #expect(try Data(contentsOf: dir.appendingPathComponent("journal")) == journalBefore)
        #expect(again.damage != nil)
        #expect(again.check().contains { $0.problem != nil })
    }

    /// A store written by the previous plansh (snapshot format 2, journal version 1; kept in
    /// Golden/store-format-2) is read, and upgraded at the next change.
    @Test func previousFormatVersionIsRead() throws {
        let source = Golden.directory.appendingPathComponent("store-format-2")
        let dir = S.temporaryDirectory("format2")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("snapshots"), withIntermediateDirectories: true)
        for f in ["working.plansnap", "journal", "snapshots/v2snap.plansnap"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        let store = try Store.open(at: dir)
        #expect(store.damage == nil, "\(String(describing: store.damage?.message))")
        #expect(store.workspace.taskCount == 3)
        let first = try #require(store.workspace.row(id: "old2025:1.1"))
        let second = try #require(store.workspace.row(id: "old2025:2.1"))
        #expect(store.workspace.task(row: first).note == "旧格式" && store.workspace.task(row: first).progress == 30)
        #expect(store.workspace.task(row: second).progress == 60)
        #expect(try store.snapshotWorkspace(named: "v2snap").task(row: second).progress == 0)
        #expect(store.check().allSatisfy { $0.problem == nil }, "\(store.check())")
        try store.commit(S.update("old2025", "1.2", progress: 5))
        let after = S.picture(store.workspace)
        store.close()
        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(S.picture(again.workspace) == after)
        #expect(try Journal.scan(at: dir.appendingPathComponent("journal").path)?.get().version == Journal.version)
    }
}
