import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The on-disk form of a whole working state: the working file and every named snapshot.
///
/// Layout (little-endian):
/// ```
/// 0   "PLANSNAP"                       magic
/// 8   u32 format version (3)
/// 12  u32 reserved (0)
/// 16  u64 header offset   24 u64 header length   32 u64 header checksum
/// 40  u64 checksum of bytes 0..<40
/// 48  sections, back to back
/// …   header (BinaryWriter): kind, name, time, generation, counts, section table, changes
/// ```
/// Columns of the task table are sections of raw fixed-width values or UTF-8 bytes, read with
/// one `pread` straight into the arrays the workspace uses; small structured parts (plans,
/// name tables, history) are `BinaryWriter` blobs. Every section carries its own XXH64 and
/// there is no padding, so every byte of the file is covered by some checksum: a flipped byte
/// anywhere is found and named.
enum SnapshotFile {
    static let magic: [UInt8] = Array("PLANSNAP".utf8)
    /// 3: the header ends with the count of changes the state holds (journal sequence numbers
    /// continue it). 2: history as a byte buffer with columns (`HistoryLog`); read as holding 0
    /// changes. Version 1 (history as one interned blob) existed only during development and is not read.
    static let formatVersion: UInt32 = 3
    static let oldestReadableVersion: UInt32 = 2
    static let preambleSize = 48
    static let fileExtension = "plansnap"

    /// What a snapshot header records besides its sections.
    struct Meta: Sendable, Equatable {
        enum Kind: UInt8, Sendable { case working = 0, named = 1 }
        var kind: Kind
        var name: String
        var createdAt: Int64
        var automatic: Bool
        /// Identifies the content: a journal continues the file (working or named) of its generation.
        var generation: UInt64
        var plans: Int
        var tasks: Int
        var historyRecords: Int
        /// Changes made to the store up to this state (0 in files of format version 2).
        var changes: UInt64 = 0
    }

    struct Section {
        var id: SectionID
        var offset: Int
        var length: Int
        var checksum: UInt64
    }

    enum SectionID: UInt16, CaseIterable {
        case plans = 1
        case planRow = 10, pathBytes, pathOffsets, headingBytes, headingOffsets, textBytes, textOffsets
        case line, flags, printedPaths
        case officeNames = 30, officeStart, officeCodes
        case targetStart = 40, targetValue, targetLow, targetHigh, targetComparator, targetUnit, unitNames
        case targetRawBytes, targetRawOffsets, targetMetricBytes, targetMetricOffsets
        /// Added with target kinds and actuals (SPEC §11); a file without them is upgraded on load.
        case targetKind = 51, targetActual, targetActualMonth, planIndicators
        case status = 60, progress, noteCode, noteNames, due, updated
        case historyBytes = 80, historyOffsets, historyWhen, historyMonth
        // Supervision (§9); files written before them lack these and are upgraded on load.
        case start = 90, deadlineStart, deadlineDay, deadlineKind, deadlineRawBytes, deadlineRawOffsets
        case rules = 100

        var label: String { String(describing: self) }
    }

    static var hostIsLittleEndian: Bool { 1.littleEndian == 1 && MemoryLayout<Int>.size == 8 }

    // MARK: Writing

    /// Writes `workspace` to `path` atomically (temp file, fsync, rename, fsync directory).
    /// `progress` receives the fraction written, after each piece; it may throw to cancel
    /// (the temporary file is then removed and nothing changes).
    static func write(_ workspace: Workspace, meta: Meta, to path: String,
                      progress: ((Double) throws -> Void)? = nil) throws {
        guard hostIsLittleEndian else { throw StoreCorruption("snapshots need a little-endian 64-bit machine") }
        try FileIO.replaceAtomically(path) { out in
            try write(workspace, meta: meta, into: out, progress: progress)
        }
    }

    /// The sections of `workspace` in file order, each as a closure handing its bytes to a writer.
    private static func sections(of w: Workspace) -> [(SectionID, Int, ((UnsafeRawBufferPointer) throws -> Void) throws -> Void)] {
        let t = w.tasks
        func raw<T: BitwiseCopyable>(_ id: SectionID, _ a: [T]) -> (SectionID, Int, ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) {
            (id, a.count * MemoryLayout<T>.stride, { body in try a.withUnsafeBytes { try body($0) } })
        }
        func blob(_ id: SectionID, _ make: @escaping () -> [UInt8]) -> (SectionID, Int, ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) {
            (id, 0, { body in try make().withUnsafeBytes { try body($0) } })
        }
        return [
            blob(.plans) {
                var b = BinaryWriter()
                b.count(w.plans.count)
                for p in w.plans { ModelCodec.encode(p, into: &b) }
                return b.bytes
            },
            raw(.planRow, t.planRow),
            raw(.pathBytes, t.paths.bytes), raw(.pathOffsets, t.paths.offsets),
            raw(.headingBytes, t.headings.bytes), raw(.headingOffsets, t.headings.offsets),
            raw(.textBytes, t.texts.bytes), raw(.textOffsets, t.texts.offsets),
            raw(.line, t.line), raw(.flags, t.flags),
            blob(.printedPaths) {
                var b = BinaryWriter()
                b.count(t.printedPaths.count)
                for (row, p) in t.printedPaths.sorted(by: { $0.key < $1.key }) {
                    b.count(row)
                    b.string(p)
                }
                return b.bytes
            },
            blob(.officeNames) { namesBlob(t.offices.names) },
            raw(.officeStart, t.officeStart), raw(.officeCodes, t.officeCodes),
            raw(.targetStart, t.targetStart), raw(.targetValue, t.targetValue),
            raw(.targetLow, t.targetLow), raw(.targetHigh, t.targetHigh),
            raw(.targetComparator, t.targetComparator), raw(.targetUnit, t.targetUnit),
            blob(.unitNames) { namesBlob(t.units.names) },
            raw(.targetRawBytes, t.targetRaw.bytes), raw(.targetRawOffsets, t.targetRaw.offsets),
            raw(.targetMetricBytes, t.targetMetric.bytes), raw(.targetMetricOffsets, t.targetMetric.offsets),
            raw(.targetKind, t.targetKind), raw(.targetActual, t.targetActual), raw(.targetActualMonth, t.targetActualMonth),
            blob(.planIndicators) {
                var b = BinaryWriter()
                for p in w.plans { ModelCodec.encode(p.indicators, into: &b) }
                return b.bytes
            },
            raw(.status, t.status), raw(.progress, t.progress), raw(.noteCode, t.noteCode),
            blob(.noteNames) { namesBlob(t.notes.names) },
            raw(.due, t.due), raw(.updated, t.updated),
            raw(.historyBytes, w.history.bytes), raw(.historyOffsets, w.history.offsets),
            raw(.historyWhen, w.history.when), raw(.historyMonth, w.history.month),
            raw(.start, t.start), raw(.deadlineStart, t.deadlineStart), raw(.deadlineDay, t.deadlineDay),
            raw(.deadlineKind, t.deadlineKind),
            raw(.deadlineRawBytes, t.deadlineRaw.bytes), raw(.deadlineRawOffsets, t.deadlineRaw.offsets),
            blob(.rules) {
                var b = BinaryWriter()
                b.count(w.rules.values.count)
                for v in w.rules.values { b.zigzag(Int64(v)) }
                return b.bytes
            },
        ]
    }

    private static func namesBlob(_ names: [String]) -> [UInt8] {
        var b = BinaryWriter()
        b.strings(names)
        return b.bytes
    }

    static func write(_ workspace: Workspace, meta: Meta, into out: FileWriter,
                      progress: ((Double) throws -> Void)? = nil) throws {
        let parts = sections(of: workspace)
        let estimated = max(1, parts.reduce(0) { $0 + $1.1 })
        try out.write([UInt8](repeating: 0, count: preambleSize))
        var table: [Section] = []
        var written = 0
        for (id, size, withBytes) in parts {
            let start = out.offset
            var sum: UInt64 = 0
            var length = 0
            try withBytes { buf in
                sum = Checksum.xxh64(buf)
                length = buf.count
                var done = 0
                repeat {
                    let n = min(32 << 20, buf.count - done)
                    try out.write(UnsafeRawBufferPointer(rebasing: buf[done..<(done + n)]))
                    done += n
                    if size > 0 { try progress?(min(1, Double(written + done) / Double(estimated))) }
                } while done < buf.count
            }
            table.append(Section(id: id, offset: start, length: length, checksum: sum))
            written += size
        }
        let header = encodeHeader(meta, table)
        let headerOffset = out.offset
        try out.write(header)
        var pre = BinaryWriter()
        pre.raw(magic)
        pre.u32(formatVersion)
        pre.u32(0)
        pre.u64(UInt64(headerOffset))
        pre.u64(UInt64(header.count))
        pre.u64(Checksum.xxh64(header))
        pre.u64(Checksum.xxh64(pre.bytes))
        try pre.bytes.withUnsafeBytes { try FileIO.write(out.fd, $0, at: 0, path: out.path) }
    }

    private static func encodeHeader(_ m: Meta, _ sections: [Section]) -> [UInt8] {
        var b = BinaryWriter()
        b.u8(m.kind.rawValue)
        b.string(m.name)
        b.zigzag(m.createdAt)
        b.bool(m.automatic)
        b.u64(m.generation)
        b.count(m.plans)
        b.count(m.tasks)
        b.count(m.historyRecords)
        b.count(sections.count)
        for s in sections {
            b.varint(UInt64(s.id.rawValue))
            b.count(s.offset)
            b.count(s.length)
            b.u64(s.checksum)
        }
        b.u64(m.changes)
        return b.bytes
    }

    // MARK: Reading

    /// An open snapshot file whose preamble and header have been checked.
    final class Reader {
        let path: String
        /// The name shown in messages (relative to the store).
        let displayName: String
        let fd: Int32
        let meta: Meta
        let size: Int
        /// Checksum of the preamble, which covers the header's, which covers every section's.
        let checksum: UInt64
        private let sections: [SectionID: Section]

        /// Opens `path` and checks magic, version and header checksum.
        init(path: String, displayName: String) throws {
            self.path = path
            self.displayName = displayName
            let fd = try FileIO.open(path, O_RDONLY)
            do {
                let size = try FileIO.size(fd, path: path)
                self.size = size
                guard size >= SnapshotFile.preambleSize,
                      let pre = try FileIO.readBytes(fd, count: SnapshotFile.preambleSize, at: 0, path: path) else {
                    throw StoreCorruption("\(displayName) is truncated (\(size) bytes; not a complete plansh snapshot)")
                }
                guard Array(pre[0..<8]) == SnapshotFile.magic else {
                    throw StoreCorruption("\(displayName) is not a plansh snapshot (wrong magic bytes)")
                }
                var r = BinaryReader(pre, from: 8, context: displayName)
                let version = try r.u32()
                _ = try r.u32()
                let headerOffset = try r.u64(), headerLength = try r.u64(), headerSum = try r.u64()
                let preSum = try r.u64()
                if version > SnapshotFile.formatVersion && Checksum.xxh64(pre[0..<40]) == preSum {
                    throw StoreCorruption("\(displayName) was written by a newer plansh (format version \(version); this plansh reads version \(SnapshotFile.formatVersion))")
                }
                guard Checksum.xxh64(pre[0..<40]) == preSum else {
                    throw StoreCorruption("\(displayName) is damaged (preamble checksum mismatch)")
                }
                guard version >= SnapshotFile.oldestReadableVersion && version <= SnapshotFile.formatVersion else {
                    throw StoreCorruption("\(displayName) was written by an early development version of plansh "
                                          + "(format version \(version); this plansh reads version \(SnapshotFile.formatVersion))")
                }
                guard headerOffset >= UInt64(SnapshotFile.preambleSize), headerLength < 1 << 24,
                      headerOffset + headerLength <= UInt64(size) else {
                    throw StoreCorruption("\(displayName) is truncated or damaged (header out of bounds: file has \(size) bytes)")
                }
                guard let header = try FileIO.readBytes(fd, count: Int(headerLength), at: Int(headerOffset), path: path),
                      Checksum.xxh64(header) == headerSum else {
                    throw StoreCorruption("\(displayName) is damaged (header checksum mismatch)")
                }
                var h = BinaryReader(header, context: "\(displayName) header")
                guard let kind = Meta.Kind(rawValue: try h.u8()) else { throw h.corrupt("bad kind") }
                let name = try h.string()
                let createdAt = try h.zigzag()
                let automatic = try h.bool()
                let generation = try h.u64()
                let plans = try h.int(), tasks = try h.int(), history = try h.int()
                var meta = Meta(kind: kind, name: name, createdAt: createdAt, automatic: automatic, generation: generation,
                            plans: plans, tasks: tasks, historyRecords: history)
                var table: [SectionID: Section] = [:]
                for _ in 0..<(try h.count()) {
                    let raw = try h.varint()
                    let offset = try h.int(), length = try h.int()
                    let sum = try h.u64()
                    guard offset <= size, length <= size - offset else {
                        throw StoreCorruption("\(displayName) is truncated (a section ends past the end of the file)")
                    }
                    // Sections this version does not know are skipped (none exist yet).
                    if raw <= UInt64(UInt16.max), let id = SectionID(rawValue: UInt16(raw)) {
                        table[id] = Section(id: id, offset: offset, length: length, checksum: sum)
                    }
                }
                if version >= 3 { meta.changes = try h.u64() }
                sections = table
                checksum = preSum
                self.meta = meta
            } catch {
                close(fd)
                throw error
            }
            self.fd = fd
        }

        deinit { close(fd) }

        /// Whether the file has section `id` (sections added in later versions may be absent).
        func has(_ id: SectionID) -> Bool { sections[id] != nil }

        private func section(_ id: SectionID) throws -> Section {
            guard let s = sections[id] else { throw StoreCorruption("\(displayName) is damaged (section \(id.label) missing)") }
            return s
        }

        private func damaged(_ id: SectionID) -> StoreCorruption {
            StoreCorruption("\(displayName) is damaged (checksum mismatch in section \(id.label))")
        }

        /// Reads a section of fixed-width values straight into an array and verifies it.
        func array<T: BitwiseCopyable>(_ id: SectionID, of: T.Type) throws -> [T] {
            let s = try section(id)
            let stride = MemoryLayout<T>.stride
            guard s.length % stride == 0 else { throw StoreCorruption("\(displayName) is damaged (section \(id.label) has a bad length)") }
            let n = s.length / stride
            var ok = false
            let a = try [T](unsafeUninitializedCapacity: n) { buf, count in
                let raw = UnsafeMutableRawBufferPointer(buf)
                FileIO.adviseHugePages(raw)
                ok = try readInPieces(raw, at: s.offset) && Checksum.xxh64(UnsafeRawBufferPointer(raw)) == s.checksum
                count = n
            }
            guard ok else { throw damaged(id) }
            return a
        }

        /// Called with the size of each piece read (progress of long reads).
        var onBytes: ((Int) throws -> Void)?

        private func readInPieces(_ raw: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Bool {
            var done = 0
            while done < raw.count {
                let n = Swift.min(32 << 20, raw.count - done)
                let piece = UnsafeMutableRawBufferPointer(rebasing: raw[done..<(done + n)])
                guard try FileIO.read(fd, into: piece, at: offset + done, path: path) else { return false }
                done += n
                try onBytes?(n)
            }
            return true
        }

        func blob(_ id: SectionID) throws -> BinaryReader {
            let bytes = try array(id, of: UInt8.self)
            return BinaryReader(bytes, context: "\(displayName) section \(id.label)")
        }

        /// Kinds, actuals and plan indicators (SPEC §11), or their defaults for a file saved before them.
        private func readTargetTracking(into t: inout TaskTable, plans: inout [PlanInfo]) throws {
            let n = t.targetValue.count
            t.targetActual = has(.targetActual) ? try array(.targetActual, of: Double.self) : Array(repeating: .nan, count: n)
            t.targetActualMonth = has(.targetActualMonth) ? try array(.targetActualMonth, of: Int32.self) : Array(repeating: -1, count: n)
            if has(.targetKind) {
                t.targetKind = try array(.targetKind, of: UInt8.self)
            } else {
                t.deriveTargetKindsFromText()
            }
            guard has(.planIndicators) else { return }
            var r = try blob(.planIndicators)
            for i in plans.indices { plans[i].indicators = try ModelCodec.decodeIndicators(&r) }
            guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
        }

        /// Builds the workspace, verifying every checksum and the table's internal consistency.
        func workspace(progress: ((Double) throws -> Void)? = nil) throws -> Workspace {
            guard SnapshotFile.hostIsLittleEndian else { throw StoreCorruption("snapshots need a little-endian 64-bit machine") }
            let total = Double(max(1, sections.values.reduce(0) { $0 + $1.length }))
            var done = 0
            onBytes = { n in
                done += n
                try progress?(Double(done) / total)
            }
            defer { onBytes = nil }
            func strings(_ b: SectionID, _ o: SectionID) throws -> StringColumn {
                let bytes = try array(b, of: UInt8.self)
                let offsets = try array(o, of: Int.self)
                return StringColumn(bytes: bytes, offsets: offsets)
            }
            func names(_ id: SectionID) throws -> [String] {
                var r = try blob(id)
                let n = try r.strings()
                guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
                return n
            }

            var r = try blob(.plans)
            var plans: [PlanInfo] = []
            let nPlans = try r.count()
            plans.reserveCapacity(nPlans)
            for _ in 0..<nPlans { plans.append(try ModelCodec.decodePlanInfo(&r)) }

            var t = TaskTable()
            t.planRow = try array(.planRow, of: UInt32.self)
            t.paths = try strings(.pathBytes, .pathOffsets)
            t.headings = try strings(.headingBytes, .headingOffsets)
            t.texts = try strings(.textBytes, .textOffsets)
            t.line = try array(.line, of: UInt32.self)
            t.flags = try array(.flags, of: UInt8.self)
            var pp = try blob(.printedPaths)
            for _ in 0..<(try pp.count()) {
                let row = try pp.int()
                t.printedPaths[row] = try pp.string()
            }
            let officeNames = try names(.officeNames)
            t.offices = StringInterner(names: officeNames)
            t.officeStart = try array(.officeStart, of: UInt32.self)
            t.officeCodes = try array(.officeCodes, of: UInt32.self)
            t.targetStart = try array(.targetStart, of: UInt32.self)
            t.targetValue = try array(.targetValue, of: Double.self)
            t.targetLow = try array(.targetLow, of: Double.self)
            t.targetHigh = try array(.targetHigh, of: Double.self)
            t.targetComparator = try array(.targetComparator, of: UInt8.self)
            t.targetUnit = try array(.targetUnit, of: UInt32.self)
            let unitNames = try names(.unitNames)
            t.units = StringInterner(names: unitNames)
            t.targetRaw = try strings(.targetRawBytes, .targetRawOffsets)
            t.targetMetric = try strings(.targetMetricBytes, .targetMetricOffsets)
            try readTargetTracking(into: &t, plans: &plans)
            t.status = try array(.status, of: UInt8.self)
            t.progress = try array(.progress, of: UInt8.self)
            t.noteCode = try array(.noteCode, of: UInt32.self)
            let noteNames = try names(.noteNames)
            t.notes = StringInterner(names: noteNames)
            t.due = try array(.due, of: Int32.self)
            t.updated = try array(.updated, of: Int32.self)

            let history = HistoryLog(bytes: try array(.historyBytes, of: UInt8.self),
                                     offsets: try array(.historyOffsets, of: Int.self),
                                     when: try array(.historyWhen, of: Int64.self),
                                     month: try array(.historyMonth, of: Int32.self))
            guard history.isWellFormed else {
                throw StoreCorruption("\(displayName) is damaged (history records are inconsistent)")
            }

            let rules = try readCalendar(into: &t, plans: plans)
            try TableCheck(displayName: displayName).validate(t, plans: plans.count, distinctNames: [
                ("office names", t.offices.count, officeNames.count),
                ("unit names", t.units.count, unitNames.count),
                ("note names", t.notes.count, noteNames.count),
            ])
            t.rebuildOfficeIndex()
            guard plans.count == meta.plans, t.count == meta.tasks, history.count == meta.historyRecords else {
                throw StoreCorruption("\(displayName) is damaged (counts in the header do not match the contents)")
            }
            return Workspace(plans: plans, tasks: t, history: history, rules: rules)
        }

        /// Reads start, deadlines and rules; a file written before them gets them from the text
        /// and the defaults (a due date it holds was set by hand: there was no other way then).
        private func readCalendar(into t: inout TaskTable, plans: [PlanInfo]) throws -> Rules {
            guard has(.start) else {
                t.upgradeCalendar(plans: plans)
                return Rules()
            }
            t.start = try array(.start, of: Int32.self)
            t.deadlineStart = try array(.deadlineStart, of: UInt32.self)
            t.deadlineDay = try array(.deadlineDay, of: Int32.self)
            t.deadlineKind = try array(.deadlineKind, of: UInt8.self)
            t.deadlineRaw = StringColumn(bytes: try array(.deadlineRawBytes, of: UInt8.self),
                                         offsets: try array(.deadlineRawOffsets, of: Int.self))
            var r = try blob(.rules)
            var values: [Int] = []
            for _ in 0..<(try r.count()) { values.append(Int(clamping: try r.zigzag())) }
            guard r.isAtEnd, let rules = try? Rules(values: values) else { throw r.corrupt("bad rules") }
            return rules
        }
    }

    /// Reads only the preamble and header (for `snapshots`).
    static func meta(at path: String, displayName: String) throws -> (Meta, Int) {
        let r = try Reader(path: path, displayName: displayName)
        return (r.meta, r.size)
    }
}

/// Structural checks on a loaded task table, so a file with valid checksums but inconsistent
/// contents (a bug, a hand-made file) is refused instead of crashing later on an index.
struct TableCheck {
    let displayName: String

    func fail(_ what: String) -> StoreCorruption {
        StoreCorruption("\(displayName) is damaged (\(what))")
    }

    func offsets(_ o: [Int], rows: Int, bytes: Int, _ what: String) throws {
        guard o.count == rows + 1, o.first == 0, o.last == bytes else { throw fail("\(what) offsets do not match") }
        var prev = 0
        for x in o {
            guard x >= prev else { throw fail("\(what) offsets go backwards") }
            prev = x
        }
    }

    func starts(_ s: [UInt32], rows: Int, total: Int, _ what: String) throws {
        guard s.count == rows + 1, s.first == 0, Int(s.last ?? 0) == total else { throw fail("\(what) index does not match") }
        var prev: UInt32 = 0
        for x in s {
            guard x >= prev else { throw fail("\(what) index goes backwards") }
            prev = x
        }
    }

    func validate(_ t: TaskTable, plans: Int, distinctNames: [(String, Int, Int)]) throws {
        for (what, kept, stored) in distinctNames where kept != stored {
            throw fail("\(what) repeat (\(stored) stored, \(kept) distinct)")
        }
        let n = t.planRow.count
        for (what, c) in [("lines", t.line.count), ("flags", t.flags.count), ("statuses", t.status.count),
                          ("progress", t.progress.count), ("notes", t.noteCode.count), ("due dates", t.due.count),
                          ("months", t.updated.count), ("start dates", t.start.count)] where c != n {
            throw fail("\(what) column has \(c) rows, expected \(n)")
        }
        try offsets(t.paths.offsets, rows: n, bytes: t.paths.bytes.count, "path")
        try offsets(t.headings.offsets, rows: n, bytes: t.headings.bytes.count, "heading")
        try offsets(t.texts.offsets, rows: n, bytes: t.texts.bytes.count, "text")
        try starts(t.officeStart, rows: n, total: t.officeCodes.count, "office")
        try starts(t.targetStart, rows: n, total: t.targetValue.count, "target")
        try starts(t.deadlineStart, rows: n, total: t.deadlineDay.count, "deadline")
        guard t.deadlineKind.count == t.deadlineDay.count else { throw fail("deadline kinds do not match") }
        try offsets(t.deadlineRaw.offsets, rows: t.deadlineDay.count, bytes: t.deadlineRaw.bytes.count, "deadline text")
        guard t.due.allSatisfy({ CalendarDay(ordinal: $0) != nil }), t.start.allSatisfy({ CalendarDay(ordinal: $0) != nil }),
              t.deadlineDay.allSatisfy({ CalendarDay(ordinal: $0) != nil }) else { throw fail("bad date") }
        let nt = t.targetValue.count
        for (what, c) in [("target lows", t.targetLow.count), ("target highs", t.targetHigh.count),
                          ("comparators", t.targetComparator.count), ("target units", t.targetUnit.count),
                          ("target kinds", t.targetKind.count), ("actuals", t.targetActual.count),
                          ("actual months", t.targetActualMonth.count)] where c != nt {
            throw fail("\(what) column has \(c) rows, expected \(nt)")
        }
        try offsets(t.targetRaw.offsets, rows: nt, bytes: t.targetRaw.bytes.count, "target text")
        try offsets(t.targetMetric.offsets, rows: nt, bytes: t.targetMetric.bytes.count, "target metric")
        var prevPlan: UInt32 = 0
        for p in t.planRow {
            guard Int(p) < plans, p >= prevPlan else { throw fail("task rows are not grouped by plan") }
            prevPlan = p
        }
        let offices = UInt32(t.offices.count), units = UInt32(t.units.count), notes = UInt32(t.notes.count)
        guard t.officeCodes.allSatisfy({ $0 < offices }) else { throw fail("office code out of range") }
        guard t.targetUnit.allSatisfy({ $0 < units }) else { throw fail("unit code out of range") }
        guard t.noteCode.allSatisfy({ $0 < notes }) else { throw fail("note code out of range") }
        guard t.targetComparator.allSatisfy({ Int($0) < Comparator.allCases.count }) else { throw fail("bad comparator") }
        guard t.targetKind.allSatisfy({ $0 <= 1 }) else { throw fail("bad target kind") }
        guard t.status.allSatisfy({ $0 <= 3 }) else { throw fail("bad status") }
        guard t.progress.allSatisfy({ $0 <= 100 }) else { throw fail("progress over 100") }
        guard t.printedPaths.keys.allSatisfy({ $0 < n }) else { throw fail("printed path of a missing row") }
        guard t.notes.count > 0, t.notes.names[0].isEmpty else { throw fail("note table does not start with the empty note") }
    }
}
