import Foundation

/// The store's own compact binary encoding: little-endian fixed-width numbers, LEB128 varints,
/// length-prefixed UTF-8 strings, and raw arrays of fixed-width numbers copied in one go.
///
/// Everything the store writes (journal records, snapshot blobs) goes through these two types,
/// so a damaged byte can only ever surface as a `StoreCorruption` thrown by `BinaryReader`,
/// never as a crash.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity n: Int = 0) {
        bytes.reserveCapacity(n)
    }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func u32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func f64(_ v: Double) { u64(v.bitPattern) }

    /// Unsigned LEB128.
    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func count(_ n: Int) { varint(UInt64(max(0, n))) }

    /// Signed values zig-zag encoded so small negatives stay short.
    mutating func zigzag(_ v: Int64) {
        varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            count(buf.count)
            bytes.append(contentsOf: buf)
        }
    }

    mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    mutating func strings(_ list: [String]) {
        count(list.count)
        for s in list { string(s) }
    }

    mutating func raw(_ b: some Collection<UInt8>) { bytes.append(contentsOf: b) }
}

/// Reads what `BinaryWriter` wrote; every read is bounds-checked and throws `StoreCorruption`.
struct BinaryReader {
    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int
    /// What is being read, for error messages ("journal record 12").
    let context: String

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil, context: String) {
        self.bytes = bytes
        self.position = start
        self.end = min(end ?? bytes.count, bytes.count)
        self.context = context
    }

    var isAtEnd: Bool { position >= end }
    var remaining: Int { end - position }

    func corrupt(_ what: String) -> StoreCorruption {
        StoreCorruption(Messages.bytesDamaged(context, what, at: position))
    }

    mutating func u8() throws -> UInt8 {
        guard position < end else { throw corrupt("unexpected end") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func bool() throws -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw corrupt("bad flag")
        }
    }

    mutating func u32() throws -> UInt32 {
        guard remaining >= 4 else { throw corrupt("unexpected end") }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[position + i]) << (8 * UInt32(i)) }
        position += 4
        return v
    }

    mutating func u64() throws -> UInt64 {
        guard remaining >= 8 else { throw corrupt("unexpected end") }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += 8
        return v
    }

    mutating func f64() throws -> Double { Double(bitPattern: try u64()) }

    mutating func varint() throws -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try u8()
            guard shift < 64 else { throw corrupt("varint too long") }
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return v }
            shift += 7
        }
    }

    /// A count that cannot exceed the bytes left (each element takes at least `minimumSize` bytes),
    /// so a damaged length never makes us allocate gigabytes.
    mutating func count(minimumSize: Int = 1) throws -> Int {
        let v = try varint()
        guard v <= UInt64(remaining / max(1, minimumSize)) else { throw corrupt("count \(v) too large") }
        return Int(v)
    }

    /// A plain number (not a count of following bytes) that must fit an `Int`.
    mutating func int() throws -> Int {
        let v = try varint()
        guard v <= UInt64(Int.max) else { throw corrupt("number too large") }
        return Int(v)
    }

    mutating func zigzag() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { position += n }
        return String(decoding: bytes[position..<(position + n)], as: UTF8.self)
    }

    mutating func optionalString() throws -> String? {
        try bool() ? try string() : nil
    }

    mutating func strings() throws -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    mutating func raw(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, remaining >= n else { throw corrupt("unexpected end") }
        defer { position += n }
        return bytes[position..<(position + n)]
    }
}

/// A file or record of the store that cannot be read: damaged, truncated, or from a newer plansh.
public struct StoreCorruption: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The catalogue name of the message (`Messages`).
    public var name: String
    public init(_ message: Message) {
        self.message = message.text
        self.name = message.name
    }
    public var description: String { message }
    /// The same words as a diagnostic, keeping the message's name.
    public var diagnostic: Diagnostic {
        var d = Diagnostic(message)
        d.name = name
        return d
    }
}

/// XXH64 (Yann Collet's xxHash, 64-bit): the checksum of every snapshot section and journal
/// record. Fast enough (several GB/s) that verifying a million-task snapshot costs little.
enum Checksum {
    static let p1: UInt64 = 11_400_714_785_074_694_791
    static let p2: UInt64 = 14_029_467_366_897_019_727
    static let p3: UInt64 = 1_609_587_929_392_839_161
    static let p4: UInt64 = 9_650_029_242_287_828_579
    static let p5: UInt64 = 2_870_177_450_012_600_261

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        (acc ^ round(0, v)) &* p1 &+ p4
    }

    static func xxh64(_ buffer: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let len = buffer.count
        guard let base = buffer.baseAddress, len > 0 else { return avalanche(seed &+ p5) }
        var i = 0
        var h: UInt64
        if len >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            let limit = len - 32
            while i <= limit {
                v1 = round(v1, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                v2 = round(v2, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
                v3 = round(v3, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)))
                v4 = round(v4, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)))
                i += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1)
            h = merge(h, v2)
            h = merge(h, v3)
            h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(len)
        while i + 8 <= len {
            let k = round(0, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            h = rotl(h ^ k, 27) &* p1 &+ p4
            i += 8
        }
        if i + 4 <= len {
            let k = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
            h = rotl(h ^ (k &* p1), 23) &* p2 &+ p3
            i += 4
        }
        while i < len {
            let k = UInt64(base.load(fromByteOffset: i, as: UInt8.self))
            h = rotl(h ^ (k &* p5), 11) &* p1
            i += 1
        }
        return avalanche(h)
    }

    static func xxh64(_ bytes: some ContiguousBytes, seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { xxh64($0, seed: seed) }
    }

    static func avalanche(_ h0: UInt64) -> UInt64 {
        var h = h0
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }
}

/// XXH64 over bytes that arrive in pieces (a section streamed through a small buffer): the same
/// value `Checksum.xxh64` gives for all of them at once.
struct StreamingChecksum {
    private var v1 = Checksum.p1 &+ Checksum.p2, v2 = Checksum.p2, v3: UInt64 = 0, v4: UInt64 = 0 &- Checksum.p1
    private var total = 0
    /// Up to 31 bytes not yet folded into a 32-byte stripe.
    private var pending: [UInt8] = []

    mutating func update(_ piece: UnsafeRawBufferPointer) {
        guard let base = piece.baseAddress, !piece.isEmpty else { return }
        total += piece.count
        var i = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, piece.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: piece[0..<take]))
            i = take
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { stripes($0.baseAddress.map { UnsafeRawPointer($0) }, 32) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (piece.count - i) / 32 * 32
        stripes(base + i, whole)
        i += whole
        if i < piece.count { pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: piece[i...])) }
    }

    private mutating func stripes(_ p: UnsafeRawPointer?, _ n: Int) {
        guard let p else { return }
        var i = 0
        while i + 32 <= n {
            v1 = Checksum.round(v1, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            v2 = Checksum.round(v2, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
            v3 = Checksum.round(v3, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)))
            v4 = Checksum.round(v4, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)))
            i += 32
        }
    }

    func finish() -> UInt64 {
        var h: UInt64
        if total >= 32 {
            h = Checksum.rotl(v1, 1) &+ Checksum.rotl(v2, 7) &+ Checksum.rotl(v3, 12) &+ Checksum.rotl(v4, 18)
            h = Checksum.merge(h, v1)
            h = Checksum.merge(h, v2)
            h = Checksum.merge(h, v3)
            h = Checksum.merge(h, v4)
        } else {
            h = Checksum.p5
        }
        h = h &+ UInt64(total)
        let tail = pending
        var i = 0
        while i + 8 <= tail.count {
            let k = tail.withUnsafeBytes { Checksum.round(0, UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: i, as: UInt64.self))) }
            h = Checksum.rotl(h ^ k, 27) &* Checksum.p1 &+ Checksum.p4
            i += 8
        }
        if i + 4 <= tail.count {
            let k = tail.withUnsafeBytes { UInt64(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: i, as: UInt32.self))) }
            h = Checksum.rotl(h ^ (k &* Checksum.p1), 23) &* Checksum.p2 &+ Checksum.p3
            i += 4
        }
        while i < tail.count {
            h = Checksum.rotl(h ^ (UInt64(tail[i]) &* Checksum.p5), 11) &* Checksum.p1
            i += 1
        }
        return Checksum.avalanche(h)
    }
}
