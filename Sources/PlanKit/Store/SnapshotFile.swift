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
/// 8   u32 format version (4)
/// 12  u32 reserved (0)
/// 16  u64 header offset   24 u64 header length   32 u64 header checksum
/// 40  u64 checksum of bytes 0..<40
/// 48  sections, back to back
/// …   header (BinaryWriter): kind, name, time, generation, counts, section table, changes
/// ```
/// Fixed-width columns of the task table are sections of raw values, read with one `pread`
/// straight into the arrays the workspace uses. Text, headings and target phrases are packed
/// (`StringPacking`: LZ-compressed, about a fifth of their size) and read only when a command
/// first needs them; history is stored as `HistoryLog` keeps it (codes into a table of names).
/// Every section carries its own XXH64 and there is no padding, so every byte of the file is
/// covered by some checksum: a flipped byte anywhere is found and named — in a packed section,
/// when the file is opened (it is verified then) and again whenever it is read later.
enum SnapshotFile {
    static let magic: [UInt8] = Array("PLANSNAP".utf8)
    /// 4: packed text columns and plans, history as codes into a table of names (`HistoryLog`).
    /// 3: the header ends with the count of changes the state holds (journal sequence numbers
    /// continue it). 2: history as a byte buffer with columns; read as holding 0 changes.
    /// Version 1 (history as one interned blob) existed only during development and is not read.
    /// Files of versions 2 and 3 are read and written again as version 4 at the next write.
    static let formatVersion: UInt32 = 4
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
        /// Version 4: each plan's head (id … import time) in a blob; their details (warnings,
        /// sections, closing prose) in a packed column, one row per plan, read on first use.
        case planHeads = 2, planDetails
        case planRow = 10, pathBytes, pathOffsets, headingBytes, headingOffsets, textBytes, textOffsets
        case line, flags, printedPaths
        /// Version 4: string columns packed (`StringPacking`), read on first use.
        case headingPacked = 20, textPacked, targetRawPacked, targetMetricPacked
        case officeNames = 30, officeStart, officeCodes
        case targetStart = 40, targetValue, targetLow, targetHigh, targetComparator, targetUnit, unitNames
        case targetRawBytes, targetRawOffsets, targetMetricBytes, targetMetricOffsets
        /// Added with target kinds and actuals (SPEC §11); a file without them is upgraded on load.
        case targetKind = 51, targetActual, targetActualMonth, planIndicators
        case status = 60, progress, noteCode, noteNames, due, updated
        /// Versions 2 and 3: history as five strings per record.
        case historyBytes = 80, historyOffsets, historyWhen, historyMonth
        /// Version 4: history as `HistoryLog` holds it (names packed, runs as varints).
        case historyNames = 84, historyRecords, historyCheckpoints, historyRuns
        // Supervision (§9); files written before them lack these and are upgraded on load.
        case start = 90, deadlineStart, deadlineDay, deadlineKind, deadlineRawBytes, deadlineRawOffsets
        case rules = 100

        var label: String { String(describing: self) }
    }

    static var hostIsLittleEndian: Bool { 1.littleEndian == 1 && MemoryLayout<Int>.size == 8 }

    // MARK: Writing

    /// What a write put where: the section table, for pointing packed columns at the new file.
    struct Written {
        var sections: [Section]
    }

    /// Writes `workspace` to `path` atomically (temp file, fsync, rename, fsync directory).
    /// `progress` receives the fraction written, after each piece; it may throw to cancel
    /// (the temporary file is then removed and nothing changes). With `adopt`, the workspace's
    /// packed columns are read from the new file from now on (the working file's own copy).
    @discardableResult
    static func write(_ workspace: Workspace, meta: Meta, to path: String, displayName: String? = nil,
                      adopt: Bool = false, progress: ((Double) throws -> Void)? = nil) throws -> Written {
        guard hostIsLittleEndian else { throw StoreCorruption(Messages.bigEndianMachine()) }
        var written = Written(sections: [])
        let file = try FileIO.replaceAtomically(path, keepOpen: adopt) { out in
            written = try write(workspace, meta: meta, into: out, progress: progress)
        }
        if let fd = file {
            let shared = SharedFile(fd: fd, path: path, displayName: displayName ?? (path as NSString).lastPathComponent)
            adoptSections(written, file: shared, into: workspace)
        }
        return written
    }

    /// Points the packed columns of `workspace` at the sections just written for them in `file`.
    static func adoptSections(_ written: Written, file: SharedFile, into workspace: Workspace) {
        let t = workspace.tasks
        for s in written.sections {
            let box: StringColumnBox
            switch s.id {
            case .headingPacked: box = t.headingBox
            case .textPacked: box = t.textBox
            case .targetRawPacked: box = t.targetRawBox
            case .targetMetricPacked: box = t.targetMetricBox
            case .planDetails:
                guard let shared = sharedDetails(workspace.plans) else { continue }
                box = shared
            default: continue
            }
            box.setPacked(.file(SnapshotSection(file: file, offset: s.offset, length: s.length, checksum: s.checksum, label: s.id.label)))
        }
    }

    /// One section to write: its size when known beforehand (for progress), and how to write it.
    typealias Part = (id: SectionID, size: Int, write: (SectionOutput) throws -> Void)

    /// The sections of `workspace` in file order.
    private static func sections(of w: Workspace) -> [Part] {
        let t = w.tasks
        func raw<T: BitwiseCopyable>(_ id: SectionID, _ a: [T]) -> Part {
            (id, a.count * MemoryLayout<T>.stride, { out in try a.withUnsafeBytes { try out.write($0) } })
        }
        func blob(_ id: SectionID, _ make: @escaping () -> [UInt8]) -> Part {
            (id, 0, { out in try make().withUnsafeBytes { try out.write($0) } })
        }
        func packed(_ id: SectionID, _ box: StringColumnBox) -> Part {
            (id, 0, { out in
                switch box.packedForWriting() {
                case let .memory(bytes): try bytes.withUnsafeBytes { try out.write($0) }
                case let .file(section): try section.stream { try out.write($0) }
                }
            })
        }
        let h = w.history
        return [
            blob(.planHeads) {
                var b = BinaryWriter()
                b.count(w.plans.count)
                for p in w.plans { ModelCodec.encodeHead(p, into: &b) }
                return b.bytes
            },
            packed(.planDetails, planDetailsBox(w.plans)),
            raw(.planRow, t.planRow),
            raw(.pathBytes, t.paths.bytes), raw(.pathOffsets, t.paths.offsets),
            packed(.headingPacked, t.headingBox), packed(.textPacked, t.textBox),
            raw(.line, t.line), raw(.flags, t.flags),
            blob(.printedPaths) { ModelCodec.encodePrintedPaths(t.printedPaths) },
            blob(.officeNames) { namesBlob(t.offices.names) },
            raw(.officeStart, t.officeStart), raw(.officeCodes, t.officeCodes),
            raw(.targetStart, t.targetStart), raw(.targetValue, t.targetValue),
            raw(.targetLow, t.targetLow), raw(.targetHigh, t.targetHigh),
            raw(.targetComparator, t.targetComparator), raw(.targetUnit, t.targetUnit),
            blob(.unitNames) { namesBlob(t.units.names) },
            packed(.targetRawPacked, t.targetRawBox), packed(.targetMetricPacked, t.targetMetricBox),
            raw(.targetKind, t.targetKind), raw(.targetActual, t.targetActual), raw(.targetActualMonth, t.targetActualMonth),
            blob(.planIndicators) {
                var b = BinaryWriter()
                for p in w.plans { ModelCodec.encode(p.indicators, into: &b) }
                return b.bytes
            },
            raw(.status, t.status), raw(.progress, t.progress), raw(.noteCode, t.noteCode),
            blob(.noteNames) { namesBlob(t.notes.names) },
            raw(.due, t.due), raw(.updated, t.updated),
            blob(.historyNames) { StringPacking.pack(h.names) },
            raw(.historyRecords, h.records), raw(.historyCheckpoints, h.checkpoints),
            blob(.historyRuns) { ModelCodec.encodeRuns(h) },
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

    /// The plans' details as one column (the packed one they were read from, when they all still are).
    static func planDetailsBox(_ plans: [PlanInfo]) -> StringColumnBox {
        if let shared = sharedDetails(plans) { return shared }
        var c = StringColumn()
        for p in plans {
            var b = BinaryWriter()
            ModelCodec.encodeDetails(p, into: &b)
            c.append(bytes: b.bytes)
        }
        return StringColumnBox(c)
    }

    /// The one packed column holding row i for plan i, when every plan's details are still there.
    static func sharedDetails(_ plans: [PlanInfo]) -> StringColumnBox? {
        guard let box = plans.first?.lazyDetails?.column, box.rows == plans.count else { return nil }
        for (i, p) in plans.enumerated() {
            guard let d = p.lazyDetails, d.column === box, d.row == i else { return nil }
        }
        return box
    }

    static func namesBlob(_ names: [String]) -> [UInt8] {
        var b = BinaryWriter()
        b.strings(names)
        return b.bytes
    }

    /// Where a section's bytes go: the file, its checksum and the progress line.
    final class SectionOutput {
        let file: FileWriter
        var hasher = StreamingChecksum()
        var length = 0
        let onBytes: (Int) throws -> Void

        init(file: FileWriter, onBytes: @escaping (Int) throws -> Void) {
            self.file = file
            self.onBytes = onBytes
        }

        func write(_ buffer: UnsafeRawBufferPointer) throws {
            var done = 0
            repeat {
                let n = min(32 << 20, buffer.count - done)
                let piece = UnsafeRawBufferPointer(rebasing: buffer[done..<(done + n)])
                hasher.update(piece)
                try file.write(piece)
                done += n
                length += n
                try onBytes(n)
            } while done < buffer.count
        }
    }

    static func write(_ workspace: Workspace, meta: Meta, into out: FileWriter,
                      progress: ((Double) throws -> Void)? = nil) throws -> Written {
        let parts = sections(of: workspace)
        // Packed sections are about a fifth of the raw ones; estimate them so.
        let t = workspace.tasks
        let estimated = max(1, parts.reduce(0) { $0 + $1.size }
            + (t.textBox.rows + t.headingBox.rows) * 100 + workspace.history.records.count)
        try out.write([UInt8](repeating: 0, count: preambleSize))
        var table: [Section] = []
        var written = 0
        for part in parts {
            let start = out.offset
            let section = SectionOutput(file: out) { n in
                written += n
                try progress?(min(1, Double(written) / Double(estimated)))
            }
            try part.write(section)
            table.append(Section(id: part.id, offset: start, length: section.length, checksum: section.hasher.finish()))
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
        return Written(sections: table)
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

    /// Reads only the preamble and header (for `snapshots`).
    static func meta(at path: String, displayName: String) throws -> (Meta, Int) {
        let r = try Reader(path: path, displayName: displayName)
        return (r.meta, r.size)
    }
}
