import Foundation
import Testing
@testable import PlanKit

@Suite struct StoreTests {
    typealias S = StoreTestSupport

    @Test func mutationsSurviveTheBinaryCodec() throws {
        let plan = S.plan("yy2025", tasks: 40)
        let ms: [Mutation] = [
            .importPlans([plan, S.plan("b9", tasks: 3)], replace: true),
            .dropPlan("b9"),
            .updateProgress([ProgressUpdate(plan: "yy2025", path: "1.1.1", status: .behind, progress: 40, note: "缺人，待补",
                                            due: .some(CalendarDay(year: 2025, month: 6, day: 30)), source: "sheet a.csv:3"),
                             ProgressUpdate(plan: "yy2025", path: "1.1.2", due: .some(nil), source: "command"),
                             ProgressUpdate(plan: "yy2025", path: "1.1.3", source: "script x.plansh:9")],
                            month: YearMonth(year: 2025, month: 4), at: -5),
            .updateProgress([], month: nil, at: 1_745_000_000),
        ]
        for m in ms {
            var r = BinaryReader(ModelCodec.encode(m), context: "test")
            let back = try ModelCodec.decodeMutation(&r)
            #expect(back == m)
            #expect(r.isAtEnd)
        }
    }

    @Test func historyLogKeepsRecordsCompactly() {
        var log = HistoryLog()
        let records = (0..<300).map { i in
            TaskHistoryRecord(taskID: "p\(i % 7):1.\(i % 3)", entry: HistoryEntry(
                when: Int64(i) - 5, month: i % 4 == 0 ? nil : YearMonth(year: 2025, month: 1 + i % 12),
                field: ["status", "progress", "note"][i % 3], old: i % 5 == 0 ? "" : "旧\(i)",
                new: String(repeating: "新", count: i), source: "sheet a.csv:\(i)"))
        }
        for r in records { log.append(r) }
        #expect(Array(log) == records)
        #expect(log.isWellFormed)
        #expect(log.entries(of: "p3:1.0") == records.filter { $0.taskID == "p3:1.0" }.map(\.entry))
        log.removeAll { $0.taskID.hasPrefix("p3:") }
        #expect(Array(log) == records.filter { !$0.taskID.hasPrefix("p3:") })
        #expect(HistoryLog(records) .count == 300)
    }

    @Test func checksumMatchesReferenceVectors() {
        // XXH64 reference values.
        #expect(Checksum.xxh64([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(Checksum.xxh64(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(Checksum.xxh64(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(Checksum.xxh64(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
    }

    @Test func commitsAreReadBackAfterReopening() throws {
        let dir = S.temporaryDirectory("reopen")
        defer { try? FileManager.default.removeItem(at: dir) }
        var expected: S.Picture
        do {
            let store = try Store.open(at: dir)
            #expect(!store.isReadOnly)
            try store.commit(.importPlans([S.plan("yy2025", tasks: 120), S.plan("b9", tasks: 5)], replace: false))
            try store.commit(S.update("yy2025", "1.1.1", status: .behind, progress: 40, note: "缺人"))
            try store.commit(S.update("b9", "1.1.2", status: .done, progress: 100))
            try store.commit(.dropPlan("b9"))
            #expect(throws: Diagnostic.self) { try store.commit(S.update("yy2025", "9.9.9", progress: 1)) }
            #expect(throws: Diagnostic.self) { try store.commit(S.update("yy2025", "1.1.1", progress: 120)) }
            expected = S.picture(store.workspace)
            store.close()
        }
        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(!again.isReadOnly && again.damage == nil)
        #expect(S.picture(again.workspace) == expected)
        #expect(again.workspace.history(of: "yy2025:1.1.1").map(\.field) == ["status", "progress", "note"])
        let checks = again.check()
        #expect(checks.allSatisfy { $0.problem == nil }, "\(checks)")
    }

    @Test func largeImportsAreCompactedAndTheJournalStaysSmall() throws {
        let dir = S.temporaryDirectory("compact")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        try store.commit(.importPlans([S.plan("big", tasks: Store.directCompactionTasks + 100)], replace: false))
        let journalSize = try FileManager.default.attributesOfItem(atPath: store.journalPath)[.size] as? Int
        #expect(journalSize == Journal.header(store.base).count)
        try store.commit(S.update("big", "1.1.1", status: .onTrack, progress: 5))
        let expected = S.picture(store.workspace)
        store.close()
        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(S.picture(again.workspace) == expected)
    }

    @Test func aLongJournalIsFoldedIntoTheWorkingSnapshot() throws {
        let dir = S.temporaryDirectory("threshold")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        try store.commit(.importPlans([S.plan("yy2025", tasks: 20)], replace: false))
        let limit = Store.compactionThreshold(workingBytes: 0)
        let note = String(repeating: "长", count: 40_000) // 120 KB a record
        var sawReset = false
        for i in 0..<(limit / 120_000 + 3) {
            try store.commit(S.update("yy2025", "1.1.\(i % 5 + 1)", progress: i % 100, note: note + String(i)))
            let size = try FileManager.default.attributesOfItem(atPath: store.journalPath)[.size] as? Int ?? 0
            if size == Journal.header(store.base).count { sawReset = true }
            #expect(size <= limit + 200_000)
        }
        #expect(sawReset)
        #expect(FileManager.default.fileExists(atPath: store.workingPath))
        let expected = S.picture(store.workspace)
        store.close()
        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(S.picture(again.workspace) == expected)
    }

    @Test func snapshotsSaveListLoadAndRefuseOverwrite() throws {
        let dir = S.temporaryDirectory("snap")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([S.plan("yy2025", tasks: 30)], replace: false))
        let april = S.picture(store.workspace)
        let info = try store.save(name: "2025-04", overwrite: false, now: 1_745_000_000)
        #expect(info.tasks == 30 && info.bytes > 0)
        #expect(throws: Diagnostic.self) { try store.save(name: "2025-04", overwrite: false, now: 1_745_000_001) }
        try store.commit(S.update("yy2025", "1.1.1", status: .done, progress: 100))
        let may = S.picture(store.workspace)
        try store.save(name: "五月-进度", overwrite: false, now: 1_747_000_000)

        let kept = try store.load(name: "2025-04", now: 1_748_000_000)
        #expect(kept.automatic)
        #expect(S.picture(store.workspace) == april)
        let list = try store.snapshots()
        #expect(list.map(\.name) == ["2025-04", "五月-进度", kept.name])
        #expect(S.picture(try store.snapshotWorkspace(named: kept.name)) == may)
        #expect(S.picture(try store.snapshotWorkspace(named: "五月-进度")) == may)
        store.close()

        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(S.picture(again.workspace) == april)
    }

    @Test func cancelledLongWorkChangesNothing() throws {
        let dir = S.temporaryDirectory("cancel")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([S.plan("yy2025", tasks: 30)], replace: false))
        try store.save(name: "a", overwrite: false, now: 1)
        let before = S.picture(store.workspace)
        store.isCancelled = { true }
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        #expect(message { try store.save(name: "b", overwrite: false, now: 2) }.contains("cancelled"))
        #expect(message { try store.commit(.importPlans([S.plan("big", tasks: Store.directCompactionTasks + 1)], replace: false)) }
                == "cancelled; nothing was changed")
        #expect(S.picture(store.workspace) == before)
        #expect(message { try store.load(name: "a", now: 3) } == "cancelled")
        #expect(S.picture(store.workspace) == before)
        // Small changes are journaled and need no long work, so they still go through.
        try store.commit(S.update("yy2025", "1.1.1", progress: 3))
        store.isCancelled = nil
        #expect(try store.snapshots().map(\.name) == ["a"])
        let expected = S.picture(store.workspace)
        store.close()
        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(S.picture(again.workspace) == expected)
        #expect(again.check().allSatisfy { $0.problem == nil })
    }

    @Test func snapshotNamesCannotLeaveTheStore() throws {
        for bad in ["../x", "a/b", "..", ".hidden", "", "a b", "x\u{0}y", "名字/..", String(repeating: "长", count: 41), "a\\b", "~"] {
            #expect(!SnapshotName.isValid(bad), "\(bad)")
        }
        for good in ["2025-04", "v1.2_final", "四月报告", "2025年4月"] {
            #expect(SnapshotName.isValid(good), "\(good)")
        }
        let dir = S.temporaryDirectory("names")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        defer { store.close() }
        #expect(throws: Diagnostic.self) { try store.save(name: "../escape", overwrite: true, now: 0) }
        #expect(throws: Diagnostic.self) { try store.snapshotWorkspace(named: "../../etc/passwd") }
        #expect(!FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().appendingPathComponent("escape.plansnap").path))
    }

    /// Two openers of one store both write, one change at a time, each catching up first; a
    /// writer that finds the lock held waits, then gives up naming the holder's pid.
    @Test func twoOpenersTakeTurnsAndAWriterWaitsForTheLock() throws {
        let dir = S.temporaryDirectory("lock")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try Store.open(at: dir)
        defer { first.close() }
        try first.commit(.importPlans([S.plan("yy2025", tasks: 10)], replace: false))
        let second = try Store.open(at: dir)
        defer { second.close() }
        #expect(!first.isReadOnly && !second.isReadOnly && second.damage == nil)
        #expect(second.workspace.taskCount == 10)
        // Each change catches up with the other's before it is made.
        try second.commit(S.update("yy2025", "1.1.1", status: .done, progress: 100))
        try first.commit(S.update("yy2025", "1.1.2", progress: 9))
        #expect(first.workspace.task(row: 0).progress == 100)
        #expect(second.refreshIfChanged())
        #expect(S.picture(second.workspace) == S.picture(first.workspace))
        try second.save(name: "a", overwrite: false, now: 1)
        try first.commit(S.update("yy2025", "1.1.3", progress: 7))
        try second.load(name: "a", now: 2)
        #expect(first.refreshIfChanged())
        #expect(S.picture(first.workspace) == S.picture(second.workspace))
        #expect(first.workspace.task(row: 2).progress == 0)

        // A change in progress holds the lock: the other waits up to its timeout, then gives up.
        second.finishBackgroundCopy()
        try first.beginChange("test")
        second.lockTimeout = 0.3
        let started = Date()
        var refused = ""
        do { try second.commit(S.update("yy2025", "1.1.4", progress: 4)) } catch { refused = "\(error)" }
        #expect(Date().timeIntervalSince(started) >= 0.3)
        #expect(refused.contains("another plansh (pid \(getpid()))") && refused.contains("nothing was changed"), "\(refused)")
        first.endChange()
        try second.commit(S.update("yy2025", "1.1.4", progress: 4))
        #expect(second.workspace.task(row: 3).progress == 4)
    }
}
