import Foundation
import Testing
@testable import PlanKit

/// Snapshot format 4: the LZ codec, packed string columns, history as codes, lazily read
/// columns, and files of format 3 read and upgraded.
@Suite struct SnapshotFormatTests {
    typealias S = StoreTestSupport

    // MARK: The codec

    /// Compresses and decompresses `bytes`; nil when they did not compress.
    func roundTrip(_ bytes: [UInt8]) -> (compressed: Int, back: [UInt8])? {
        var out = [UInt8](repeating: 0, count: LZCodec.bound(bytes.count))
        guard let n = bytes.withUnsafeBytes({ src in out.withUnsafeMutableBytes { LZCodec.compress(src, into: $0) } }) else { return nil }
        var back = [UInt8](repeating: 0xEE, count: bytes.count)
        let ok = out.withUnsafeBytes { src in
            back.withUnsafeMutableBytes { LZCodec.decompress(UnsafeRawBufferPointer(rebasing: src[0..<n]), into: $0) }
        }
        return ok ? (n, back) : (n, [])
    }

    /// A deterministic pseudo-random byte sequence (incompressible).
    func noise(_ n: Int, seed: UInt64 = 7) -> [UInt8] {
        var x = seed
        return (0..<n).map { _ in
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: x >> 33)
        }
    }

    @Test func codecRoundTripsTextAndRefusesWhatDoesNotShrink() throws {
        let phrase = Array("推进健康城市、健康县区和健康细胞建设，覆盖率达到95%以上。".utf8)
        let cjk = Array((0..<400).flatMap { i in phrase + Array("第\(i)项".utf8) })
        let r = try #require(roundTrip(cjk))
        #expect(r.back == cjk)
        #expect(r.compressed * 4 < cjk.count, "\(r.compressed) of \(cjk.count)")
        // Long runs (overlapping copies) and matches longer than 15 + 255·k bytes.
        let runs = [UInt8](repeating: 0x41, count: 70_000) + Array("x".utf8) + [UInt8](repeating: 0xE4, count: 300)
        #expect(try #require(roundTrip(runs)).back == runs)
        let mixed = Array("ab".utf8) + noise(5_000) + Array("ab".utf8) + noise(300, seed: 3) + noise(5_000)
        #expect(try #require(roundTrip(mixed)).back == mixed)
        // Incompressible input and tiny inputs are left for the caller to store raw.
        #expect(roundTrip(noise(100_000)) == nil)
        #expect(roundTrip([]) == nil)
        #expect(roundTrip(Array("托育".utf8)) == nil)
    }

    @Test func damagedCompressedBytesAreRefusedNeverRead() throws {
        let text = Array(String(repeating: "加强传染病监测预警，建成智慧化监测平台。", count: 300).utf8)
        var out = [UInt8](repeating: 0, count: LZCodec.bound(text.count))
        let n = try #require(text.withUnsafeBytes { src in out.withUnsafeMutableBytes { LZCodec.compress(src, into: $0) } })
        let good = Array(out[0..<n])
        var refused = 0
        for i in 0..<good.count {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var bad = good
                bad[i] ^= flip
                var back = [UInt8](repeating: 0, count: text.count)
                let ok = bad.withUnsafeBytes { src in back.withUnsafeMutableBytes { LZCodec.decompress(src, into: $0) } }
                if !ok { refused += 1 }
            }
        }
        // Literal bytes can change without breaking the structure; counts and offsets cannot.
        #expect(refused > 0)
        for cut in [1, 2, n / 2, n - 1] {
            var back = [UInt8](repeating: 0, count: text.count)
            let ok = good.withUnsafeBytes { src in
                back.withUnsafeMutableBytes { LZCodec.decompress(UnsafeRawBufferPointer(rebasing: src[0..<cut]), into: $0) }
            }
            // Only the empty last sequence may go missing without a difference.
            #expect(!ok || back == text, "a stream cut at \(cut) of \(n) bytes was accepted")
        }
        var longer = [UInt8](repeating: 0, count: text.count + 1)
        #expect(!good.withUnsafeBytes { src in longer.withUnsafeMutableBytes { LZCodec.decompress(src, into: $0) } })
    }

    // MARK: Packed columns

    @Test func packedColumnsRoundTrip() throws {
        let long = String(repeating: "深化医联体建设，三级医院下沉专家不少于30人。", count: 40_000) // past one block
        let rows = ["", "托育", "", long, String(decoding: noise(3_000_000).map { $0 & 0x7F }, as: UTF8.self), "末行"]
        var c = StringColumn()
        for r in rows { c.append(r) }
        let packed = StringPacking.pack(c)
        #expect(packed.count < c.bytes.count / 2 + 3_100_000)
        #expect(StringPacking.rows(Array(packed.prefix(32))) == rows.count)
        let back = try #require(StringPacking.unpack(packed, rows: rows.count))
        #expect(back == c)
        #expect(StringPacking.verify(packed))
        #expect(StringPacking.unpack(packed, rows: rows.count + 1) == nil)
        let empty = StringPacking.pack(StringColumn())
        #expect(StringPacking.unpack(empty, rows: 0) == StringColumn())
        // Damage in the lengths or a block is refused, never trapped on.
        for at in [3, 9, packed.count / 2, packed.count - 1] {
            var bad = packed
            bad[at] ^= 0x5A
            let u = StringPacking.unpack(bad, rows: rows.count)
            #expect(u == nil || u == c || u?.count == rows.count)
            _ = StringPacking.verify(bad)
        }
    }

    // MARK: History

    func records(_ n: Int) -> [TaskHistoryRecord] {
        let sources = ["sheet may.csv:12", "command", "sheet 四月.csv:007", "script run.plansh:3", "x:", ":5", "sheet b.csv:0"]
        return (0..<n).map { i in
            TaskHistoryRecord(taskID: ["p\(i % 4):1.\(i % 3)", "planonly", "a:b:c", ":"][i % 4 == 3 ? i % 4 : i % 3],
                              entry: HistoryEntry(when: Int64(1_745_000_000 + i / 5), month: i % 9 == 0 ? nil : YearMonth(year: 2025, month: 1 + i % 12),
                                                  field: ["status", "progress", "note", "due"][i % 4],
                                                  old: i % 5 == 0 ? "" : "旧\(i % 7)", new: String(repeating: "新", count: i % 6),
                                                  source: sources[i % sources.count] + (i % 2 == 0 ? "" : "\(i)")))
        }
    }

    @Test func historyKeepsEveryRecordExactlyAsCodes() throws {
        let list = records(203)
        let log = HistoryLog(list)
        #expect(Array(log) == list)
        #expect((0..<list.count).allSatisfy { log[$0] == list[$0] })
        #expect(Array(log.month) == list.map { $0.entry.month.map { Int32($0.ordinal) } ?? -1 })
        #expect(Array(log.when) == list.map(\.entry.when))
        #expect(log.isWellFormed)
        #expect(log.entries(of: "a:b:c") == list.filter { $0.taskID == "a:b:c" }.map(\.entry))
        #expect(log.entries(of: "planonly") == list.filter { $0.taskID == "planonly" }.map(\.entry))
        #expect(log.entries(of: "nothere:1").isEmpty)
        // Names are stored once: 203 records of a few distinct strings.
        #expect(log.names.count < 120 && log.records.count < 203 * 12, "\(log.names.count) names, \(log.records.count) bytes")
        // A log read back from its columns (as a snapshot does) takes more records where it stopped.
        var again = HistoryLog(names: log.names, records: log.records, checkpoints: log.checkpoints, count: log.count,
                               runStart: log.runStart, runWhen: log.runWhen, runMonth: log.runMonth)
        let more = records(40).reversed()
        for r in more { again.append(r) }
        #expect(Array(again) == list + more)
        var trimmed = again
        trimmed.removeAll { $0.taskID.hasPrefix("p1:") }
        #expect(Array(trimmed) == (list + more).filter { !$0.taskID.hasPrefix("p1:") })
    }

    @Test func damagedHistoryColumnsAreRefusedOrReadWithoutTrapping() {
        let log = HistoryLog(records(50))
        var broken = log
        broken.checkpoints[1] = broken.records.count + 5
        #expect(!broken.isWellFormed)
        // Records that end early: refused on reading, and reading past them stops (fuzzing found a loop).
        var short = log
        short.records.removeLast(short.records.count / 2)
        short.checkpoints = short.checkpoints.filter { $0 < short.records.count }
        #expect(!short.isWellFormed)
        #expect(short[short.count - 1].taskID.isEmpty)
        #expect(Array(short).count == short.count && Array(short).last?.taskID == "")
        var shuffled = log
        shuffled.records = shuffled.records.map { $0 ^ 0x3C }
        #expect(!shuffled.isWellFormed)
        _ = Array(shuffled)
        _ = (0..<shuffled.count).map { shuffled[$0] }
        _ = shuffled.entries(of: "p1:1.1")
    }

    // MARK: Snapshot files

    func store(_ label: String) throws -> (URL, Store) {
        let dir = S.temporaryDirectory(label)
        let store = try Store.open(at: dir)
        try store.commit(.importPlans([S.plan("yy2025", tasks: 120), S.plan("zz2025", tasks: 30)], replace: false))
        try store.commit(S.update("yy2025", "1.1.1", status: .behind, progress: 30, note: "进度滞后"))
        try store.commit(S.update("zz2025", "1.1.2", status: .done, progress: 100))
        return (dir, store)
    }

    @Test func savedStateComesBackWithTextStillPacked() throws {
        let (dir, store) = try store("v4round")
        defer { store.close(); try? FileManager.default.removeItem(at: dir) }
        let before = S.picture(store.workspace)
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        let a = try store.snapshotWorkspace(named: "a")
        #expect(!a.tasks.textBox.isUnpacked && !a.tasks.headingBox.isUnpacked)
        #expect(a.plans.allSatisfy { $0.lazyDetails != nil })
        #expect(S.picture(a) == before)
        // Tasks read one by one (150 rows in one block) leave the column packed; the column unpacks it.
        #expect(!a.tasks.textBox.isUnpacked)
        #expect(a.tasks.texts.count == 150 && a.tasks.textBox.isUnpacked)
        // A snapshot written from a packed state copies the packed sections as they are.
        let b = try store.snapshotWorkspace(named: "a")
        let bytes = try Data(contentsOf: dir.appendingPathComponent("snapshots/a.plansnap"))
        let copy = dir.appendingPathComponent("copy.plansnap").path
        let meta = try SnapshotFile.Reader(path: dir.appendingPathComponent("snapshots/a.plansnap").path, displayName: "a").meta
        try SnapshotFile.write(b, meta: meta, to: copy)
        #expect(!b.tasks.textBox.isUnpacked && !b.tasks.targetMetricBox.isUnpacked)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == bytes)
    }

    @Test func aFlippedByteInEachNewSectionIsFoundAndNamed() throws {
        let (dir, store) = try store("v4flip")
        defer { store.close(); try? FileManager.default.removeItem(at: dir) }
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        let url = dir.appendingPathComponent("snapshots/a.plansnap")
        let original = [UInt8](try Data(contentsOf: url))
        let reader = try SnapshotFile.Reader(path: url.path, displayName: "snapshots/a.plansnap")
        let ids: [SnapshotFile.SectionID] = [.planHeads, .planDetails, .headingPacked, .textPacked, .targetRawPacked,
                                             .targetMetricPacked, .historyNames, .historyRecords, .historyCheckpoints, .historyRuns]
        for id in ids {
            let s = try #require(reader.sections[id], "\(id.label) missing")
            var bytes = original
            bytes[s.offset + s.length / 2] ^= 0x20
            try Data(bytes).write(to: url)
            do {
                _ = try store.snapshotWorkspace(named: "a")
                Issue.record("a flip in \(id.label) was not found")
            } catch {
                #expect("\(error)".contains("snapshots/a.plansnap is damaged (checksum mismatch in section \(id.label))"), "\(error)")
            }
            #expect(store.check().contains { $0.file == "snapshots/a.plansnap" && $0.problem != nil })
        }
        try Data(original).write(to: url)
        #expect(store.check().allSatisfy { $0.problem == nil })
    }

    /// A packed column is verified again when it is first read: a file damaged in place after it
    /// was opened gives empty text, never a crash, and `check` names it.
    @Test func damageAfterOpeningIsNeverReadAsText() throws {
        let (dir, store) = try store("v4late")
        defer { store.close(); try? FileManager.default.removeItem(at: dir) }
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        let url = dir.appendingPathComponent("snapshots/a.plansnap")
        let a = try store.snapshotWorkspace(named: "a")
        let s = try #require(try SnapshotFile.Reader(path: url.path, displayName: "a").sections[.textPacked])
        let handle = try FileHandle(forWritingTo: url)
        try handle.seek(toOffset: UInt64(s.offset + s.length / 2))
        try handle.write(contentsOf: Data([0x55, 0xAA]))
        try handle.close()
        #expect(a.tasks.texts.count == a.taskCount)
        #expect((0..<a.taskCount).allSatisfy { a.tasks.texts[$0].isEmpty })
        #expect(store.check().contains { $0.file == "snapshots/a.plansnap" && $0.problem != nil })
    }

    /// `load` leaves the snapshot's text packed; once the working file's own copy is written the
    /// working state reads it from there, so damage done to the snapshot later never reaches it.
    @Test func aLoadedStateReadsItsTextFromItsOwnCopy() throws {
        let (dir, store) = try store("v4load")
        defer { store.close(); try? FileManager.default.removeItem(at: dir) }
        try store.save(name: "a", overwrite: false, now: 1_745_000_000)
        let expected = S.picture(store.workspace)
        try store.commit(S.update("yy2025", "1.1.3", status: .onTrack, progress: 50))
        try store.load(name: "a", now: 1_746_000_000)
        #expect(!store.workspace.tasks.textBox.isUnpacked)
        store.finishBackgroundCopy()
        guard case let .file(section)? = store.workspace.tasks.textBox.packed else {
            Issue.record("the loaded text is not packed in a file")
            return
        }
        #expect(section.file.displayName == "working.plansnap")
        let url = dir.appendingPathComponent("snapshots/a.plansnap")
        let s = try #require(try SnapshotFile.Reader(path: url.path, displayName: "a").sections[.textPacked])
        let handle = try FileHandle(forWritingTo: url)
        try handle.seek(toOffset: UInt64(s.offset + s.length / 2))
        try handle.write(contentsOf: Data([0x55, 0xAA, 0x55]))
        try handle.close()
        #expect(S.picture(store.workspace) == expected)
        #expect(throws: Diagnostic.self) { _ = try store.snapshotWorkspace(named: "a") }
    }

    /// A store written by the previous plansh (snapshot format 3; kept in Golden/store-format-3)
    /// is read whole, and its working file is written again as format 4 at the next change.
    @Test func formatThreeIsReadAndUpgraded() throws {
        let source = Golden.directory.appendingPathComponent("store-format-3")
        let dir = S.temporaryDirectory("format3")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("snapshots"), withIntermediateDirectories: true)
        for f in ["working.plansnap", "journal", "snapshots/v3snap.plansnap"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        let store = try Store.open(at: dir)
        #expect(store.damage == nil, "\(String(describing: store.damage?.message))")
        let w = store.workspace
        #expect(w.taskCount == 4)
        let t = try #require(w.row(id: "v3plan:1.1.1").map { w.task(row: $0) })
        #expect(t.status == .behind && t.progress == 30 && t.note == "旧格式三")
        #expect(t.offices == ["疾控科", "医政科", "财务科"] && t.targets.first?.unit == "%")
        #expect(w.task(row: try #require(w.row(id: "v3plan:1.2.1"))).note == "已完成")
        let sheet = w.history(of: "v3plan:2.1")
        #expect(sheet.map(\.source) == ["sheet may.csv:3", "sheet may.csv:3"] && sheet.first?.month == YearMonth(year: 2025, month: 5))
        #expect(w.plans.first?.warnings.count == 1 && w.plans.first?.sections.count == 4)
        let snap = try store.snapshotWorkspace(named: "v3snap")
        #expect(snap.task(row: try #require(snap.row(id: "v3plan:1.2.1"))).status == .notStarted)
        #expect(store.check().allSatisfy { $0.problem == nil }, "\(store.check())")
        try store.commit(S.update("v3plan", "1.1.2", progress: 50))
        let after = S.picture(store.workspace)
        store.close()
        let working = dir.appendingPathComponent("working.plansnap")
        #expect(try SnapshotFile.Reader(path: working.path, displayName: "w").version == SnapshotFile.formatVersion)
        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(S.picture(again.workspace) == after)
        #expect(try SnapshotFile.Reader(path: dir.appendingPathComponent("snapshots/v3snap.plansnap").path, displayName: "s").version == 3)
    }
}
