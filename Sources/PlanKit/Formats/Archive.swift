import Foundation
import ZIPFoundation

/// A zip archive (.docx, .xlsx, .ofd) read safely into memory (SPEC §10 "Safety").
///
/// The central directory is read here, not by `ZIPFoundation.Archive`, so that every size and
/// offset is checked against the bytes before use; ZIPFoundation's inflater does the
/// decompression, fed by a provider that never reads past a member's compressed bytes.
/// Limits are checked twice: on the declared sizes before inflating, and on the bytes actually
/// produced while inflating (a member that inflates past its declared size or the limits is
/// stopped at once), so a zip bomb is refused quickly with little memory whatever its header
/// claims. Members are returned as `Data`; nothing is ever written to a path named in the archive.
public struct ZipArchive: Sendable {
    /// What an archive may hold before it is refused.
    public struct Limits: Sendable, Equatable {
        /// Largest uncompressed size of one member (256 MiB).
        public var memberBytes: Int
        /// Largest uncompressed ÷ compressed ratio of one member.
        public var ratio: Int
        /// Most members in one archive.
        public var members: Int
        /// Members no larger than this are not held to `ratio` (small XML often compresses
        /// past 200:1 and is harmless).
        public var ratioGraceBytes: Int

        public init(memberBytes: Int, ratio: Int, members: Int, ratioGraceBytes: Int) {
            self.memberBytes = memberBytes
            self.ratio = ratio
            self.members = members
            self.ratioGraceBytes = ratioGraceBytes
        }

        /// The limits of SPEC §10.
        public static let standard = Limits(memberBytes: 256 << 20, ratio: 200, members: 10_000, ratioGraceBytes: 1 << 20)
    }

    /// One file inside the archive, as its central directory describes it.
    public struct Member: Sendable, Equatable {
        /// The name inside the archive (UTF-8, or CP437/GBK bytes read as GB18030 when not UTF-8).
        public var path: String
        public var method: UInt16
        public var flags: UInt16
        public var crc32: UInt32
        public var compressedSize: Int
        public var uncompressedSize: Int
        var localHeaderOffset: Int
        /// True for a directory entry (a name ending in `/`).
        public var isDirectory: Bool { path.hasSuffix("/") }
    }

    public let fileName: String
    public let limits: Limits
    /// Every member in central-directory order.
    public let members: [Member]
    private let data: Data
    private let index: [String: Int]

    /// True when `data` starts like a zip archive (a local header, or the end record of an empty one).
    public static func looksLikeZip(_ data: Data) -> Bool {
        data.count >= 4 && data.readUInt32(at: data.startIndex) == 0x0403_4B50
            || data.count >= 22 && data.readUInt32(at: data.startIndex) == 0x0605_4B50
    }

    /// Reads the central directory of `data`. Throws a one-line diagnostic naming `fileName` when
    /// the archive is damaged or over the limits.
    public init(data: Data, fileName: String, limits: Limits = .standard) throws {
        self.data = data.startIndex == 0 ? data : Data(data)
        self.fileName = fileName
        self.limits = limits
        let (count, cdOffset, cdSize) = try Self.endRecord(self.data, fileName: fileName, limits: limits)
        var members: [Member] = []
        members.reserveCapacity(count)
        var index: [String: Int] = [:]
        var pos = cdOffset
        let end = cdOffset + cdSize
        for _ in 0..<count {
            let m = try Self.centralEntry(self.data, at: &pos, end: end, fileName: fileName)
            if index[m.path] == nil { index[m.path] = members.count }
            members.append(m)
        }
        self.members = members
        self.index = index
    }

    /// The member named `path` (the first, if the name repeats).
    public func member(_ path: String) -> Member? { index[path].map { members[$0] } }

    /// The uncompressed bytes of the member named `path`; nil when there is none.
    public func read(_ path: String) throws -> Data? {
        guard let m = member(path) else { return nil }
        return try read(m)
    }

    /// The uncompressed bytes of `member`, checked against the limits and its CRC-32.
    public func read(_ member: Member) throws -> Data {
        let name = "\(fileName) (\(member.path))"
        if member.flags & 1 != 0 { throw Diagnostic(Messages.zipMemberEncrypted(name)) }
        try checkDeclared(member, name: name)
        let start = try dataOffset(member, name: name)
        let compressed = data[start..<(start + member.compressedSize)]
        switch member.method {
        case 0:
            guard member.compressedSize == member.uncompressedSize else { throw damaged(name, "stored sizes disagree") }
            guard compressed.crc32(checksum: 0) == member.crc32 else { throw damaged(name, "checksum mismatch") }
            return Data(compressed)
        case 8:
            return try inflate(compressed, member: member, name: name)
        default:
            throw Diagnostic(Messages.zipMethodUnsupported(name, method: Int(member.method)))
        }
    }

    // MARK: Limits

    func checkDeclared(_ m: Member, name: String) throws {
        if m.uncompressedSize > limits.memberBytes {
            throw Diagnostic(Messages.zipMemberTooLarge(name, mebibytes: Int(m.uncompressedSize >> 20), limit: Int(limits.memberBytes >> 20)))
        }
        if m.uncompressedSize > limits.ratioGraceBytes, m.uncompressedSize > limits.ratio * max(1, m.compressedSize) {
            throw Diagnostic(Messages.zipRatioTooHigh(name, ratio: Int(limits.ratio)))
        }
    }

    /// Largest number of bytes inflating `m` may produce before it is stopped: its declared size
    /// (an archive that lies about it is damaged or hostile), which `checkDeclared` has held to
    /// the limits; the limits are applied again in case that check is ever skipped.
    func outputCap(_ m: Member) -> Int {
        min(m.uncompressedSize, limits.memberBytes, max(limits.ratioGraceBytes, limits.ratio * max(1, m.compressedSize)))
    }

    private func inflate(_ compressed: Data, member m: Member, name: String) throws -> Data {
        let cap = outputCap(m)
        let chunk = 64 << 10
        var out = Data()
        out.reserveCapacity(cap)
        var overrun = false
        let base = compressed.startIndex
        let total = compressed.count
        let crc: UInt32
        do {
            crc = try Data.decompress(size: Int64(total), bufferSize: chunk, skipCRC32: false, provider: { position, size in
                // ZIPFoundation's inflater hands zlib `size` bytes whatever it is given, so every chunk is
                // exactly `size` long (zero-padded); asked past the member's end, the stream is cut short.
                guard position < Int64(total) else { throw ZipStop.truncated }
                let from = base + Int(position)
                var piece = Data(compressed[from..<min(from + size, base + total)])
                if piece.count < size { piece.append(Data(count: size - piece.count)) }
                return piece
            }, consumer: { produced in
                if out.count + produced.count > cap {
                    overrun = true
                    throw ZipStop.overLimit
                }
                out.append(produced)
            })
        } catch ZipStop.overLimit where overrun {
            throw Diagnostic(Messages.zipInflatesPastSize(name, declared: Int(m.uncompressedSize)))
        } catch {
            throw damaged(name, "the compressed data is corrupt")
        }
        guard out.count == m.uncompressedSize else { throw damaged(name, "size mismatch") }
        guard crc == m.crc32 else { throw damaged(name, "checksum mismatch") }
        return out
    }

    private enum ZipStop: Error { case truncated, overLimit }

    // MARK: Structure

    func damaged(_ name: String, _ why: String) -> Diagnostic {
        Diagnostic(Messages.zipDamaged(name, why: why))
    }

    /// The end-of-central-directory record: member count, directory offset and size.
    static func endRecord(_ data: Data, fileName: String, limits: Limits) throws -> (Int, Int, Int) {
        let bad = { (why: String) in
            Diagnostic(Messages.zipDamaged(fileName, why: why))
        }
        guard data.count >= 22 else { throw bad("too short") }
        var pos = data.count - 22
        let lowest = max(0, data.count - 22 - 0xFFFF)
        while pos >= lowest, data.readUInt32(at: pos) != 0x0605_4B50 { pos -= 1 }
        guard pos >= lowest else { throw bad("no end of central directory") }
        let count = Int(data.readUInt16(at: pos + 10))
        let size = Int(data.readUInt32(at: pos + 12))
        let offset = Int(data.readUInt32(at: pos + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            throw Diagnostic(Messages.zip64Refused(fileName, members: Int(limits.members), memberMebibytes: Int(limits.memberBytes >> 20)))
        }
        if count > limits.members {
            throw Diagnostic(Messages.zipTooManyMembers(fileName, count: count, limit: Int(limits.members)))
        }
        guard offset + size <= pos, size >= count * 46 else { throw bad("central directory out of place") }
        return (count, offset, size)
    }

    /// One central-directory header at `pos`, which moves past it.
    static func centralEntry(_ data: Data, at pos: inout Int, end: Int, fileName: String) throws -> Member {
        let bad = Diagnostic(Messages.zipDamaged(fileName, why: "bad central directory entry"))
        guard pos + 46 <= end, data.readUInt32(at: pos) == 0x0201_4B50 else { throw bad }
        let nameLength = Int(data.readUInt16(at: pos + 28))
        let extraLength = Int(data.readUInt16(at: pos + 30))
        let commentLength = Int(data.readUInt16(at: pos + 32))
        let next = pos + 46 + nameLength + extraLength + commentLength
        guard next <= end else { throw bad }
        let flags = data.readUInt16(at: pos + 8)
        let nameBytes = data[(pos + 46)..<(pos + 46 + nameLength)]
        let path = String(validating: nameBytes, as: UTF8.self)
            ?? String(data: nameBytes, encoding: TextDecoding.gb18030) ?? String(decoding: nameBytes, as: UTF8.self)
        let m = Member(path: path, method: data.readUInt16(at: pos + 10), flags: flags, crc32: data.readUInt32(at: pos + 16),
                       compressedSize: Int(data.readUInt32(at: pos + 20)), uncompressedSize: Int(data.readUInt32(at: pos + 24)),
                       localHeaderOffset: Int(data.readUInt32(at: pos + 42)))
        pos = next
        return m
    }

    /// Where `m`'s compressed bytes start, after its local header, checked to lie inside the archive.
    func dataOffset(_ m: Member, name: String) throws -> Int {
        let h = m.localHeaderOffset
        guard h + 30 <= data.count, data.readUInt32(at: h) == 0x0403_4B50 else { throw damaged(name, "bad local header") }
        let start = h + 30 + Int(data.readUInt16(at: h + 26)) + Int(data.readUInt16(at: h + 28))
        guard start + m.compressedSize <= data.count else { throw damaged(name, "member runs past the end of the file") }
        return start
    }
}

extension Data {
    /// Little-endian integers at an absolute index (callers check the bounds).
    func readUInt16(at i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func readUInt32(at i: Int) -> UInt32 {
        UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }
}
