import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only log of changes made since the snapshot it continues (its base).
///
/// Layout (little-endian), version 2:
/// ```
/// header  "PLANJRNL", u32 version, u32 header length, u64 base generation, u64 base changes,
///         u64 base checksum, base name (varint length + UTF-8; empty: working.plansnap),
///         u64 checksum of everything before it
/// record  u32 marker "REC2", u32 payload length, u64 base generation, u64 change sequence,
///         u64 checksum of those 24 bytes, payload, u64 checksum of the payload
/// ```
/// Every record says which base it continues and which change it is (the store counts changes
/// from its creation; a snapshot records how many it holds), and carries two checksums: one for
/// its head, so its length can be trusted, and one for its payload. So a damaged byte anywhere —
/// header or record — loses at most the record it touches, and the sequence numbers say how
/// many changes were lost. A commit is one `pwrite` of a whole record followed by `fsync`: after
/// a crash the file ends with complete records and at most one torn one (shorter than its head
/// says), which is the change in flight. Version 1 journals (one checksum per record, seeded with
/// the header's generation) are still read.
final class Journal {
    static let magic: [UInt8] = Array("PLANJRNL".utf8)
    static let version: UInt32 = 2
    static let recordMarker: UInt32 = 0x3243_4552 // "REC2"
    static let recordHead = 32
    static let recordOverhead = 40

    let path: String
    let base: Base
    private let fd: Int32
    /// Where the next record goes.
    private(set) var end: Int
    private(set) var nextSequence: UInt64

    /// The snapshot a journal continues.
    struct Base: Equatable {
        var generation: UInt64
        /// Changes the base holds; the first record is change `changes + 1`.
        var changes: UInt64
        /// The base's preamble checksum (0 when unknown).
        var checksum: UInt64 = 0
        /// A named snapshot (`load`), or "" for the working file.
        var name: String = ""
    }

    private init(path: String, fd: Int32, base: Base, end: Int, nextSequence: UInt64) {
        self.path = path
        self.fd = fd
        self.base = base
        self.end = end
        self.nextSequence = nextSequence
    }

    deinit { close(fd) }

    /// Records appended to this journal (by anyone) so far.
    var recordCount: UInt64 { nextSequence - 1 - base.changes }

    /// Replaces whatever journal is at `path` with an empty one continuing `base`.
    static func create(at path: String, base: Base) throws -> Journal {
        let head = header(base)
        try FileIO.replaceAtomically(path) { out in try out.write(head) }
        let fd = try FileIO.open(path, O_RDWR)
        return Journal(path: path, fd: fd, base: base, end: head.count, nextSequence: base.changes + 1)
    }

    /// Opens an existing, intact journal for appending after `scan`, cutting off a torn last record.
    static func openForAppend(at path: String, scan: Scan) throws -> Journal {
        let fd = try FileIO.open(path, O_RDWR)
        do {
            if try FileIO.size(fd, path: path) != scan.validEnd {
                try FileIO.truncate(fd, to: scan.validEnd, path: path)
                try FileIO.sync(fd, path: path)
            }
        } catch {
            close(fd)
            throw error
        }
        return Journal(path: path, fd: fd, base: scan.base, end: scan.validEnd, nextSequence: scan.lastSequence + 1)
    }

    static func header(_ base: Base) -> [UInt8] {
        var name = BinaryWriter()
        name.string(base.name)
        var w = BinaryWriter()
        w.raw(magic)
        w.u32(version)
        w.u32(UInt32(40 + name.bytes.count + 8))
        w.u64(base.generation)
        w.u64(base.changes)
        w.u64(base.checksum)
        w.raw(name.bytes)
        w.u64(Checksum.xxh64(w.bytes))
        return w.bytes
    }

    static func record(_ payload: [UInt8], sequence: UInt64, generation: UInt64) -> [UInt8] {
        var w = BinaryWriter(reservingCapacity: payload.count + recordOverhead)
        w.u32(recordMarker)
        w.u32(UInt32(payload.count))
        w.u64(generation)
        w.u64(sequence)
        let headSum = Checksum.xxh64(w.bytes)
        w.u64(headSum)
        w.raw(payload)
        w.u64(Checksum.xxh64(payload, seed: headSum))
        return w.bytes
    }

    /// Appends one record and makes it durable. On failure the file is cut back to where it was.
    func append(_ payload: [UInt8]) throws {
        guard payload.count < Int(UInt32.max) - Journal.recordOverhead else {
            throw StoreCorruption(Messages.changeTooLargeForJournal(payload.count))
        }
        let rec = Journal.record(payload, sequence: nextSequence, generation: base.generation)
        do {
            try rec.withUnsafeBytes { try FileIO.write(fd, $0, at: end, path: path) }
            try FileIO.sync(fd, path: path)
        } catch {
            try? FileIO.truncate(fd, to: end, path: path)
            throw error
        }
        end += rec.count
        nextSequence += 1
    }

    // MARK: Reading

    struct Record {
        var sequence: UInt64
        var offset: Int
        var payload: ArraySlice<UInt8>
    }

    /// What a journal file holds, and what could not be read.
    struct Scan {
        /// From the header, or (header damaged) from the first intact record.
        var base: Base
        var records: [Record] = []
        /// End of the last intact record: where appending continues.
        var validEnd: Int
        var fileSize: Int
        var version: UInt32 = Journal.version
        /// Why the header could not be read; nil when it is intact.
        var headerDamage: String?
        /// Byte ranges that are not intact records, before the torn tail.
        var damaged: [Range<Int>] = []
        /// Damaged stretches that run to the end of the file: how many changes they held is unknown.
        var damagedTail = false
        /// Bytes after the last intact record that are the start of a record never completed.
        var tornTail = 0

        /// The change sequence of the last intact record (the base's count when there is none).
        var lastSequence: UInt64 { records.last?.sequence ?? base.changes }

        /// Changes the journal once held that cannot be read: gaps between the sequence numbers,
        /// plus at least one for damage running to the end of the file.
        var lostChanges: Int {
            var lost = 0
            var expected = base.changes + 1
            for r in records {
                if r.sequence > expected { lost += Int(r.sequence - expected) }
                expected = max(expected, r.sequence + 1)
            }
            return lost + (damagedTail ? 1 : 0)
        }

        /// Something other than a torn last record is wrong with the file.
        var isDamaged: Bool { headerDamage != nil || !damaged.isEmpty || damagedTail || lostChanges > 0 }
    }

    /// Why a journal file cannot be used at all.
    enum ScanFailure: Error {
        case newerVersion(UInt32)
    }

    /// Reads every intact record of the journal at `path`; nil when there is no journal.
    static func scan(at path: String) throws -> Result<Scan, ScanFailure>? {
        guard FileIO.exists(path) else { return nil }
        return scan(try FileIO.readAll(path))
    }

    static func scan(_ bytes: [UInt8]) -> Result<Scan, ScanFailure> {
        var version: UInt32 = 0
        if bytes.count >= 12, Array(bytes[0..<8]) == magic {
            var r = BinaryReader(bytes, from: 8, context: "journal header")
            version = (try? r.u32()) ?? 0
        }
        if version == 1 { return .success(scanVersion1(bytes)) }
        var parsed: (base: Base, end: Int)?
        switch header(in: bytes) {
        case let .newer(v): return .failure(.newerVersion(v))
        case let .intact(base, end): parsed = (base, end)
        case .damaged: parsed = nil
        }
        var s = Scan(base: parsed?.base ?? Base(generation: 0, changes: 0), validEnd: parsed?.end ?? 0, fileSize: bytes.count)
        if parsed == nil {
            s.headerDamage = bytes.count < 8 || Array(bytes[0..<8]) != magic ? "not a plansh journal header" : "header checksum mismatch"
        }
        var pos = parsed?.end ?? 0
        var generation = parsed?.base.generation
        while pos < bytes.count {
            switch recordAt(bytes, pos) {
            case let .intact(rec, gen, next) where generation == nil || gen == generation:
                if generation == nil {
                    generation = gen
                    s.base = Base(generation: gen, changes: rec.sequence - 1)
                }
                s.records.append(rec)
                pos = next
                s.validEnd = pos
                continue
            case .torn:
                s.tornTail = bytes.count - pos
                return .success(s)
            case let .damagedPayload(next):
                s.damaged.append(pos..<next)
                pos = next
                continue
            case .intact, .noRecord:
                break
            }
            // Not a record: skip to the next record head that verifies.
            guard let next = nextRecordHead(bytes, after: pos) else {
                if bytes[pos...].allSatisfy({ $0 == 0 }) {
                    s.tornTail = bytes.count - pos
                } else {
                    s.damaged.append(pos..<bytes.count)
                    s.damagedTail = true
                }
                return .success(s)
            }
            // With the header unreadable, what comes before the first record is that header.
            if !(parsed == nil && s.records.isEmpty && s.damaged.isEmpty) { s.damaged.append(pos..<next) }
            pos = next
        }
        return .success(s)
    }

    private enum Header {
        case intact(Base, end: Int)
        case damaged
        case newer(UInt32)
    }

    /// The header's base and where records start.
    private static func header(in bytes: [UInt8]) -> Header {
        guard bytes.count >= 48, Array(bytes[0..<8]) == magic else { return .damaged }
        var r = BinaryReader(bytes, from: 8, context: "journal header")
        guard let version = try? r.u32(), let length = try? r.u32(), let gen = try? r.u64(), let changes = try? r.u64(),
              let checksum = try? r.u64(), let name = try? r.string() else { return .damaged }
        let end = Int(length)
        guard end >= 48, end <= bytes.count, r.position == end - 8 else { return .damaged }
        var sr = BinaryReader(bytes, from: end - 8, context: "journal header")
        guard let sum = try? sr.u64(), Checksum.xxh64(bytes[0..<(end - 8)]) == sum else { return .damaged }
        if version > Journal.version { return .newer(version) }
        guard version == Journal.version else { return .damaged }
        return .intact(Base(generation: gen, changes: changes, checksum: checksum, name: name), end: end)
    }

    private enum RecordRead {
        case intact(Record, generation: UInt64, next: Int)
        /// The head verifies and says the record runs past the end of the file.
        case torn
        /// The head verifies, the payload does not: exactly one change is lost.
        case damagedPayload(next: Int)
        case noRecord
    }

    private static func recordAt(_ bytes: [UInt8], _ pos: Int) -> RecordRead {
        guard bytes.count - pos >= recordHead else {
            // Too short for a head: a torn write, unless it cannot be the start of a record.
            return bytes.count - pos < 4 || Array(bytes[pos..<(pos + 4)]) == [0x52, 0x45, 0x43, 0x32] ? .torn : .noRecord
        }
        guard let (len, gen, seq) = head(bytes, pos) else { return .noRecord }
        let payloadStart = pos + recordHead
        guard bytes.count - payloadStart >= len + 8 else { return .torn }
        let sumAt = payloadStart + len
        var sr = BinaryReader(bytes, from: sumAt, context: "journal")
        var hr = BinaryReader(bytes, from: pos + 24, context: "journal")
        guard let sum = try? sr.u64(), let headSum = try? hr.u64() else { return .noRecord }
        let ok = bytes.withUnsafeBytes { buf in
            Checksum.xxh64(UnsafeRawBufferPointer(rebasing: buf[payloadStart..<sumAt]), seed: headSum) == sum
        }
        guard ok else { return .damagedPayload(next: sumAt + 8) }
        return .intact(Record(sequence: seq, offset: pos, payload: bytes[payloadStart..<sumAt]), generation: gen, next: sumAt + 8)
    }

    /// Payload length, generation and sequence of a record head at `pos` whose checksum verifies.
    private static func head(_ bytes: [UInt8], _ pos: Int) -> (Int, UInt64, UInt64)? {
        var r = BinaryReader(bytes, from: pos, context: "journal")
        guard let marker = try? r.u32(), marker == recordMarker, let len = try? r.u32(), let gen = try? r.u64(),
              let seq = try? r.u64(), let sum = try? r.u64(), Checksum.xxh64(bytes[pos..<(pos + 24)]) == sum else { return nil }
        return (Int(len), gen, seq)
    }

    private static func nextRecordHead(_ bytes: [UInt8], after pos: Int) -> Int? {
        var q = pos + 1
        while q + recordHead <= bytes.count {
            if bytes[q] == 0x52, bytes[q + 1] == 0x45, bytes[q + 2] == 0x43, bytes[q + 3] == 0x32, head(bytes, q) != nil {
                return q
            }
            q += 1
        }
        return nil
    }
}

extension Journal {
    /// Reads a version 1 journal (32-byte header; records "REC1", u32 length, u64 sequence from 1,
    /// payload, u64 checksum seeded with the header's generation). Its records become changes
    /// 1, 2, … of a base holding none, as snapshots of that time record none.
    static func scanVersion1(_ bytes: [UInt8]) -> Scan {
        var s = Scan(base: Base(generation: 0, changes: 0), validEnd: bytes.count, fileSize: bytes.count, version: 1)
        var r = BinaryReader(bytes, from: 16, context: "journal header")
        guard bytes.count >= 32, let gen = try? r.u64(), let sum = try? r.u64(), Checksum.xxh64(bytes[0..<24]) == sum else {
            s.headerDamage = "header checksum mismatch"
            s.damagedTail = bytes.count > 32
            return s
        }
        s.base.generation = gen
        var pos = 32
        s.validEnd = pos
        while bytes.count - pos >= 24 {
            var h = BinaryReader(bytes, from: pos, context: "journal")
            guard let marker = try? h.u32(), marker == 0x3143_4552, let len = try? h.u32(), let seq = try? h.u64(),
                  bytes.count - pos - 24 >= Int(len) else { break }
            let sumAt = pos + 16 + Int(len)
            var sr = BinaryReader(bytes, from: sumAt, context: "journal")
            guard let rs = try? sr.u64(), Checksum.xxh64(bytes[pos..<sumAt], seed: gen) == rs else { break }
            s.records.append(Record(sequence: seq, offset: pos, payload: bytes[(pos + 16)..<sumAt]))
            pos = sumAt + 8
            s.validEnd = pos
        }
        if pos < bytes.count {
            // Version 1 cannot tell a torn record from a damaged one past this point.
            s.tornTail = bytes.count - pos
        }
        return s
    }
}
