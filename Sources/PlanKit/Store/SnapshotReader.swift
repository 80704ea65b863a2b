import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SnapshotFile {
    /// An open snapshot file whose preamble and header have been checked.
    final class Reader {
        let path: String
        /// The name shown in messages (relative to the store).
        let displayName: String
        let file: SharedFile
        var fd: Int32 { file.fd }
        let meta: Meta
        let version: UInt32
        let size: Int
        /// Checksum of the preamble, which covers the header's, which covers every section's.
        let checksum: UInt64
        let sections: [SectionID: Section]

        /// Opens `path` and checks magic, version and header checksum.
        init(path: String, displayName: String) throws {
            self.path = path
            self.displayName = displayName
            let fd = try FileIO.open(path, O_RDONLY)
            let file = SharedFile(fd: fd, path: path, displayName: displayName)
            self.file = file
            let size = try FileIO.size(fd, path: path)
            self.size = size
            guard size >= SnapshotFile.preambleSize,
                  let pre = try FileIO.readBytes(fd, count: SnapshotFile.preambleSize, at: 0, path: path) else {
                throw StoreCorruption(Messages.snapshotTruncated(displayName, bytes: size))
            }
            guard Array(pre[0..<8]) == SnapshotFile.magic else {
                throw StoreCorruption(Messages.notASnapshot(displayName))
            }
            var r = BinaryReader(pre, from: 8, context: displayName)
            let version = try r.u32()
            self.version = version
            _ = try r.u32()
            let headerOffset = try r.u64(), headerLength = try r.u64(), headerSum = try r.u64()
            let preSum = try r.u64()
            if version > SnapshotFile.formatVersion && Checksum.xxh64(pre[0..<40]) == preSum {
                throw StoreCorruption(Messages.newerSnapshot(displayName, version: version, reads: SnapshotFile.formatVersion))
            }
            guard Checksum.xxh64(pre[0..<40]) == preSum else {
                throw StoreCorruption(Messages.fileDamaged(displayName, "preamble checksum mismatch"))
            }
            guard version >= SnapshotFile.oldestReadableVersion && version <= SnapshotFile.formatVersion else {
                throw StoreCorruption(Messages.earlySnapshot(displayName, version: version, reads: SnapshotFile.formatVersion))
            }
            // Compared without adding: offset + length can overflow on a crafted file (fuzzing).
            guard headerOffset >= UInt64(SnapshotFile.preambleSize), headerLength < 1 << 24,
                  headerOffset <= UInt64(size), headerLength <= UInt64(size) - headerOffset else {
                throw StoreCorruption(Messages.headerOutOfBounds(displayName, bytes: size))
            }
            guard let header = try FileIO.readBytes(fd, count: Int(headerLength), at: Int(headerOffset), path: path),
                  Checksum.xxh64(header) == headerSum else {
                throw StoreCorruption(Messages.fileDamaged(displayName, "header checksum mismatch"))
            }
            (meta, sections) = try Reader.parseHeader(header, version: version, size: size, displayName: displayName)
            checksum = preSum
        }

        private static func parseHeader(_ header: [UInt8], version: UInt32, size: Int,
                                        displayName: String) throws -> (Meta, [SectionID: Section]) {
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
                    throw StoreCorruption(Messages.sectionPastEnd(displayName))
                }
                // Sections this version does not know are skipped (none exist yet).
                if raw <= UInt64(UInt16.max), let id = SectionID(rawValue: UInt16(raw)) {
                    table[id] = Section(id: id, offset: offset, length: length, checksum: sum)
                }
            }
            if version >= 3 { meta.changes = try h.u64() }
            return (meta, table)
        }

        /// Whether the file has section `id` (sections added in later versions may be absent).
        func has(_ id: SectionID) -> Bool { sections[id] != nil }

        private func section(_ id: SectionID) throws -> Section {
            guard let s = sections[id] else { throw StoreCorruption(Messages.fileDamaged(displayName, "section \(id.label) missing")) }
            return s
        }

        private func damaged(_ id: SectionID) -> StoreCorruption {
            StoreCorruption(Messages.fileDamaged(displayName, "checksum mismatch in section \(id.label)"))
        }

        /// Reads a section of fixed-width values straight into an array and verifies it.
        func array<T: BitwiseCopyable>(_ id: SectionID, of: T.Type) throws -> [T] {
            let s = try section(id)
            let stride = MemoryLayout<T>.stride
            guard s.length % stride == 0 else { throw StoreCorruption(Messages.fileDamaged(displayName, "section \(id.label) has a bad length")) }
            let n = s.length / stride
            var ok = false
            let a = try [T](unsafeUninitializedCapacity: n) { buf, count in
                let raw = UnsafeMutableRawBufferPointer(buf)
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

        /// A packed string column, left packed in the file until first read; `verification`
        /// checks its bytes meanwhile (on another core).
        func packedColumn(_ id: SectionID) throws -> StringColumnBox {
            let s = try section(id)
            let ref = SnapshotSection(file: file, offset: s.offset, length: s.length, checksum: s.checksum, label: id.label)
            guard let prefix = try FileIO.readBytes(fd, count: min(32, s.length), at: s.offset, path: path),
                  let rows = StringPacking.rows(prefix) else {
                throw StoreCorruption(Messages.fileDamaged(displayName, "section \(id.label) is not a packed column"))
            }
            return StringColumnBox(rows: rows, packed: .file(ref))
        }

        /// The packed sections' checksums, verified on another core while the columns are read.
        private var verification: PackedVerification?

        private func startVerification() {
            guard version >= 4 else { return }
            let ids: [SectionID] = [.planDetails, .headingPacked, .textPacked, .targetRawPacked, .targetMetricPacked]
            verification = PackedVerification(ids.compactMap { id in
                sections[id].map { SnapshotSection(file: file, offset: $0.offset, length: $0.length, checksum: $0.checksum, label: id.label) }
            })
        }

        /// A packed blob (plans, history names), unpacked now.
        func packedStrings(_ id: SectionID) throws -> StringColumn {
            guard let c = StringPacking.unpack(try array(id, of: UInt8.self)) else {
                throw StoreCorruption(Messages.fileDamaged(displayName, "section \(id.label) does not unpack"))
            }
            return c
        }

        /// Builds the workspace, verifying every checksum and the table's internal consistency.
        /// Packed columns stay in the file until first read (each then verified again).
        func workspace(progress: ((Double) throws -> Void)? = nil) throws -> Workspace {
            guard SnapshotFile.hostIsLittleEndian else { throw StoreCorruption(Messages.bigEndianMachine()) }
            let total = Double(max(1, sections.values.reduce(0) { $0 + $1.length }))
            var done = 0
            onBytes = { n in
                done += n
                try progress?(Double(done) / total)
            }
            defer { onBytes = nil }
            distinctNames = []
            startVerification()
            // Whatever is thrown below, the verification is waited for (it reads this file).
            defer { _ = try? verification?.wait() }
            // The history first: its records are checked on another core while the rest is read.
            let history = try version >= 4 ? readHistory() : legacyHistory()
            let historyCheck = version >= 4 ? HistoryCheck(history) : nil
            var plans = try readPlans()
            var t = TaskTable()
            t.planRow = try array(.planRow, of: UInt32.self)
            t.paths = try strings(.pathBytes, .pathOffsets)
            if version >= 4 {
                t.headingBox = try packedColumn(.headingPacked)
                t.textBox = try packedColumn(.textPacked)
            } else {
                t.headings = try strings(.headingBytes, .headingOffsets)
                t.texts = try strings(.textBytes, .textOffsets)
            }
            t.line = try array(.line, of: UInt32.self)
            t.flags = try array(.flags, of: UInt8.self)
            t.printedPaths = try ModelCodec.decodePrintedPaths(try blob(.printedPaths))
            try readTargets(into: &t, plans: &plans)
            t.status = try array(.status, of: UInt8.self)
            t.progress = try array(.progress, of: UInt8.self)
            t.noteCode = try array(.noteCode, of: UInt32.self)
            t.notes = StringInterner(names: try names(.noteNames))
            t.due = try array(.due, of: Int32.self)
            t.updated = try array(.updated, of: Int32.self)
            let rules = try readCalendar(into: &t, plans: plans)
            if let v = verification {
                try v.wait()
                try onBytes?(v.bytes)
            }
            try TableCheck(displayName: displayName).validate(t, plans: plans.count, distinctNames: distinctNames)
            t.rebuildOfficeIndex()
            if let c = historyCheck, !c.wait() { throw historyDamaged() }
            guard plans.count == meta.plans, t.count == meta.tasks, history.count == meta.historyRecords else {
                throw StoreCorruption(Messages.fileDamaged(displayName, "counts in the header do not match the contents"))
            }
            return Workspace(plans: plans, tasks: t, history: history, rules: rules)
        }

        /// Names stored and kept (an interner drops repeats: a file holding some is inconsistent).
        private var distinctNames: [(String, Int, Int)] = []

        func names(_ id: SectionID) throws -> [String] {
            var r = try blob(id)
            let n = try r.strings()
            guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
            distinctNames.append((id.label, Set(n).count, n.count))
            return n
        }

        func strings(_ b: SectionID, _ o: SectionID) throws -> StringColumn {
            StringColumn(bytes: try array(b, of: UInt8.self), offsets: try array(o, of: Int.self))
        }

        private func readPlans() throws -> [PlanInfo] {
            guard version >= 4 else {
                var r = try blob(.plans)
                let plans = try ModelCodec.decodePlans(&r)
                guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
                return plans
            }
            let details = try packedColumn(.planDetails)
            var r = try blob(.planHeads)
            let n = try r.count()
            guard details.rows == n else {
                throw StoreCorruption(Messages.fileDamaged(displayName, "plan details for \(details.rows) plans, heads for \(n)"))
            }
            var plans: [PlanInfo] = []
            plans.reserveCapacity(n)
            for i in 0..<n {
                plans.append(try ModelCodec.decodePlanHead(&r, details: PlanDetailsSource(column: details, row: i)))
            }
            guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
            return plans
        }

        private func readTargets(into t: inout TaskTable, plans: inout [PlanInfo]) throws {
            t.offices = StringInterner(names: try names(.officeNames))
            t.officeStart = try array(.officeStart, of: UInt32.self)
            t.officeCodes = try array(.officeCodes, of: UInt32.self)
            t.targetStart = try array(.targetStart, of: UInt32.self)
            t.targetValue = try array(.targetValue, of: Double.self)
            t.targetLow = try array(.targetLow, of: Double.self)
            t.targetHigh = try array(.targetHigh, of: Double.self)
            t.targetComparator = try array(.targetComparator, of: UInt8.self)
            t.targetUnit = try array(.targetUnit, of: UInt32.self)
            t.units = StringInterner(names: try names(.unitNames))
            if version >= 4 {
                t.targetRawBox = try packedColumn(.targetRawPacked)
                t.targetMetricBox = try packedColumn(.targetMetricPacked)
            } else {
                t.targetRaw = try strings(.targetRawBytes, .targetRawOffsets)
                t.targetMetric = try strings(.targetMetricBytes, .targetMetricOffsets)
            }
            try readTargetTracking(into: &t, plans: &plans)
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

        private func readHistory() throws -> HistoryLog {
            let names = try packedStrings(.historyNames)
            var runs = try blob(.historyRuns)
            let (starts, when, month) = try ModelCodec.decodeRuns(&runs)
            let log = HistoryLog(names: names, records: try array(.historyRecords, of: UInt8.self),
                                 checkpoints: try array(.historyCheckpoints, of: Int.self), count: meta.historyRecords,
                                 runStart: starts, runWhen: when, runMonth: month)
            return log
        }

        func historyDamaged() -> StoreCorruption {
            StoreCorruption(Messages.fileDamaged(displayName, "history records are inconsistent"))
        }

        /// History of versions 2 and 3 (five strings per record), converted.
        private func legacyHistory() throws -> HistoryLog {
            let log = LegacyHistory.convert(bytes: try array(.historyBytes, of: UInt8.self),
                                            offsets: try array(.historyOffsets, of: Int.self),
                                            when: try array(.historyWhen, of: Int64.self),
                                            month: try array(.historyMonth, of: Int32.self))
            guard let log else { throw historyDamaged() }
            return log
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
            t.deadlineRaw = try strings(.deadlineRawBytes, .deadlineRawOffsets)
            var r = try blob(.rules)
            var values: [Int] = []
            for _ in 0..<(try r.count()) { values.append(Int(clamping: try r.zigzag())) }
            guard r.isAtEnd, let rules = try? Rules(values: values) else { throw r.corrupt("bad rules") }
            return rules
        }

        /// Unpacks every packed column once (into a scratch buffer) and decodes every plan's
        /// details, to prove they are whole: `check`.
        func verifyPackedColumns() throws {
            guard version >= 4 else { return }
            for id in [SectionID.headingPacked, .textPacked, .targetRawPacked, .targetMetricPacked, .planDetails] {
                let s = try section(id)
                let bytes = try SnapshotSection(file: file, offset: s.offset, length: s.length, checksum: s.checksum, label: id.label).read()
                guard StringPacking.verify(bytes) else {
                    throw StoreCorruption(Messages.fileDamaged(displayName, "section \(id.label) does not unpack"))
                }
                if id == .planDetails, let c = StringPacking.unpack(bytes) {
                    for i in 0..<c.count where ModelCodec.decodePlanDetails(Array(c.bytes[c.byteRange(i)])) == nil {
                        throw StoreCorruption(Messages.fileDamaged(displayName, "the details of plan \(i + 1) do not decode"))
                    }
                }
            }
        }
    }
}

/// `HistoryLog.isWellFormed` on a background thread (it reads only the log in memory); `wait`
/// gives the answer. Opening a store checks every history record: this way the check runs beside
/// the reading of the columns instead of before it (issue 15, open + first answer).
final class HistoryCheck: @unchecked Sendable {
    private let group = DispatchGroup()
    private var holds = false

    init(_ log: HistoryLog) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.holds = log.isWellFormed
            self.group.leave()
        }
    }

    func wait() -> Bool {
        group.wait()
        return holds
    }
}

/// Streams sections through their checksums on a background thread; `wait` throws the first
/// mismatch (naming the file and section).
final class PackedVerification: @unchecked Sendable {
    private let group = DispatchGroup()
    private var failure: Error?
    /// Bytes verified (for the progress line), read after `wait`.
    private(set) var bytes = 0

    init(_ sections: [SnapshotSection]) {
        bytes = sections.reduce(0) { $0 + $1.length }
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                for s in sections { try s.stream { _ in } }
            } catch {
                self.failure = error
            }
            self.group.leave()
        }
    }

    func wait() throws {
        group.wait()
        if let failure { throw failure }
    }
}
