import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The append-only log of mutations made since the working snapshot was written.
///
/// Layout (little-endian):
/// ```
/// header  "PLANJRNL", u32 version, u32 reserved, u64 generation, u64 checksum of the 24 bytes before
/// record  u32 marker "REC1", u32 payload length, u64 sequence (1, 2, …), payload, u64 checksum
/// ```
/// A record's checksum covers its first 16 bytes and the payload, seeded with the journal's
/// generation, so a record can never be mistaken for one of an older journal. A commit is one
/// `pwrite` of a whole record followed by `fsync`: after a crash the file ends with complete
/// records and at most one torn one, which recovery drops.
final class Journal {
    static let magic: [UInt8] = Array("PLANJRNL".utf8)
    static let version: UInt32 = 1
    static let headerSize = 32
    static let recordMarker: UInt32 = 0x3143_4552 // "REC1"
    static let recordOverhead = 24

    let path: String
    let generation: UInt64
    private let fd: Int32
    /// Where the next record goes.
    private(set) var end: Int
    private(set) var nextSequence: UInt64

    private init(path: String, fd: Int32, generation: UInt64, end: Int, nextSequence: UInt64) {
        self.path = path
        self.fd = fd
        self.generation = generation
        self.end = end
        self.nextSequence = nextSequence
    }

    deinit { close(fd) }

    var recordCount: UInt64 { nextSequence - 1 }

    /// Replaces whatever journal is at `path` with an empty one continuing snapshot `generation`.
    static func create(at path: String, generation: UInt64) throws -> Journal {
        try FileIO.replaceAtomically(path) { out in try out.write(header(generation: generation)) }
        let fd = try FileIO.open(path, O_RDWR)
        return Journal(path: path, fd: fd, generation: generation, end: headerSize, nextSequence: 1)
    }

    /// Opens an existing journal for appending after `scan`, cutting off anything past its last good record.
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
        return Journal(path: path, fd: fd, generation: scan.generation, end: scan.validEnd,
                       nextSequence: (scan.records.last?.sequence ?? 0) + 1)
    }

    static func header(generation: UInt64) -> [UInt8] {
        var w = BinaryWriter()
        w.raw(magic)
        w.u32(version)
        w.u32(0)
        w.u64(generation)
        w.u64(Checksum.xxh64(w.bytes))
        return w.bytes
    }

    static func record(_ payload: [UInt8], sequence: UInt64, generation: UInt64) -> [UInt8] {
        var w = BinaryWriter(reservingCapacity: payload.count + recordOverhead)
        w.u32(recordMarker)
        w.u32(UInt32(payload.count))
        w.u64(sequence)
        w.raw(payload)
        w.u64(Checksum.xxh64(w.bytes, seed: generation))
        return w.bytes
    }

    /// Appends one record and makes it durable. On failure the file is cut back to where it was.
    func append(_ payload: [UInt8]) throws {
        guard payload.count < Int(UInt32.max) - Journal.recordOverhead else {
            throw StoreCorruption("a change of \(payload.count) bytes is too large for the journal")
        }
        let rec = Journal.record(payload, sequence: nextSequence, generation: generation)
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

    // MARK: Reading and recovery

    struct Record {
        var sequence: UInt64
        var offset: Int
        var payload: ArraySlice<UInt8>
    }

    /// What a journal file holds, and what had to be skipped to read it.
    struct Scan {
        var generation: UInt64
        var records: [Record] = []
        /// End of the last good record: where appending continues.
        var validEnd: Int
        /// Byte ranges between good records that failed their checksum.
        var damaged: [Range<Int>] = []
        /// Bytes after the last good record that do not form a complete record (a torn write).
        var tornTail: Int = 0
        var fileSize: Int
    }

    /// Why a journal file cannot be used at all.
    enum ScanFailure: Error {
        case unreadableHeader(String)
        case newerVersion(UInt32)
    }

    /// Reads every intact record of the journal at `path`; nil when there is no journal.
    static func scan(at path: String) throws -> Result<Scan, ScanFailure>? {
        guard FileIO.exists(path) else { return nil }
        let fd = try FileIO.open(path, O_RDONLY)
        defer { close(fd) }
        let size = try FileIO.size(fd, path: path)
        guard let bytes = try FileIO.readBytes(fd, count: size, at: 0, path: path) else {
            return .failure(.unreadableHeader("changed while being read"))
        }
        return scan(bytes)
    }

    static func scan(_ bytes: [UInt8]) -> Result<Scan, ScanFailure> {
        guard bytes.count >= headerSize else {
            return .failure(.unreadableHeader("shorter than its header (\(bytes.count) bytes)"))
        }
        guard Array(bytes[0..<8]) == magic else { return .failure(.unreadableHeader("wrong magic bytes")) }
        var r = BinaryReader(bytes, from: 8, to: headerSize, context: "journal header")
        guard let version = try? r.u32(), (try? r.u32()) != nil, let generation = try? r.u64(),
              let sum = try? r.u64() else {
            return .failure(.unreadableHeader("header unreadable"))
        }
        guard Checksum.xxh64(bytes[0..<24]) == sum else { return .failure(.unreadableHeader("header checksum mismatch")) }
        if version > Journal.version { return .failure(.newerVersion(version)) }
        guard version == Journal.version else { return .failure(.unreadableHeader("unknown version \(version)")) }

        var s = Scan(generation: generation, validEnd: headerSize, fileSize: bytes.count)
        var pos = headerSize
        while pos < bytes.count {
            if let rec = record(in: bytes, at: pos, generation: generation) {
                s.records.append(rec)
                pos = rec.payload.endIndex + 8
                s.validEnd = pos
                continue
            }
            // Damage at `pos`: look for the next record that verifies.
            var q = pos + 1
            var next: Int?
            while q + recordOverhead <= bytes.count {
                if bytes[q] == 0x52, bytes[q + 1] == 0x45, bytes[q + 2] == 0x43, bytes[q + 3] == 0x31,
                   record(in: bytes, at: q, generation: generation) != nil {
                    next = q
                    break
                }
                q += 1
            }
            guard let n = next else {
                s.tornTail = bytes.count - pos
                break
            }
            s.damaged.append(pos..<n)
            pos = n
        }
        return .success(s)
    }

    /// The record at `pos` when it is complete and its checksum matches.
    private static func record(in bytes: [UInt8], at pos: Int, generation: UInt64) -> Record? {
        guard bytes.count - pos >= recordOverhead else { return nil }
        var r = BinaryReader(bytes, from: pos, context: "journal")
        guard let marker = try? r.u32(), marker == recordMarker, let len32 = try? r.u32(),
              let seq = try? r.u64() else { return nil }
        let len = Int(len32)
        guard bytes.count - pos - recordOverhead >= len else { return nil }
        let payloadStart = pos + 16
        let sumAt = payloadStart + len
        var sr = BinaryReader(bytes, from: sumAt, context: "journal")
        guard let sum = try? sr.u64() else { return nil }
        let ok = bytes.withUnsafeBytes { buf in
            Checksum.xxh64(UnsafeRawBufferPointer(rebasing: buf[pos..<sumAt]), seed: generation) == sum
        }
        return ok ? Record(sequence: seq, offset: pos, payload: bytes[payloadStart..<sumAt]) : nil
    }
}
