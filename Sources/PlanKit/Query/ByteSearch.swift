import Foundation

/// Substring search over UTF-8 bytes, the way `contains` and `=` on text are answered:
/// one pass over a `StringColumn`'s contiguous bytes instead of grapheme by grapheme.
enum ByteSearch {
    /// The first offset `≥ from` and `≤ to - needle.count` where `needle` occurs in `base`, or nil.
    /// Compares the needle's first and last bytes 32 positions at a time, then verifies with memcmp.
    @inline(__always)
    static func find(_ needle: UnsafeRawBufferPointer, in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        let m = needle.count
        guard m > 0 else { return from <= to ? from : nil }
        guard let nb = needle.baseAddress, to - from >= m else { return nil }
        let k = m - 1
        let f0 = nb.load(as: UInt8.self)
        let fk = nb.load(fromByteOffset: k, as: UInt8.self)
        let first = SIMD32<UInt8>(repeating: f0)
        let last = SIMD32<UInt8>(repeating: fk)
        var i = from
        let limit = to - m  // last valid start
        while i + 31 <= limit {
            let a = base.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
            let b = base.loadUnaligned(fromByteOffset: i + k, as: SIMD32<UInt8>.self)
            let hit = (a .== first) .& (b .== last)
            // The mask as four 64-bit words (`any` on a mask is a call per vector here).
            let w = unsafeBitCast(hit, to: SIMD4<UInt64>.self)
            if (w[0] | w[1] | w[2] | w[3]) != 0 {
                for j in 0..<32 where hit[j] {
                    if m <= 2 || memcmp(base + i + j + 1, nb + 1, m - 2) == 0 { return i + j }
                }
            }
            i += 32
        }
        while i <= limit {
            if base.load(fromByteOffset: i, as: UInt8.self) == f0, base.load(fromByteOffset: i + k, as: UInt8.self) == fk,
               m <= 2 || memcmp(base + i + 1, nb + 1, m - 2) == 0 {
                return i
            }
            i += 1
        }
        return nil
    }
}

/// A folded search string and how to find it in unfolded UTF-8 text.
///
/// The query language compares strings after NFC and full-width folding of ASCII. The needle is
/// folded once; in the data, each of its ASCII characters also matches its full-width form
/// (`(` matches `（`, `5` matches `５`, space matches `　`), so the stored text needs no folded copy.
/// Needles without such characters (most Chinese words) use the plain byte search.
struct FoldedPattern: Sendable {
    let bytes: [UInt8]
    /// The needle holds ASCII characters that have full-width forms.
    let hasFoldable: Bool

    init(_ s: String) {
        bytes = Array(TextFolding.fold(s).utf8)
        hasFoldable = bytes.contains { $0 >= 0x20 && $0 <= 0x7E }
    }

    var isEmpty: Bool { bytes.isEmpty }

    /// Whether `data[range]` contains the needle.
    func occurs(in data: UnsafeRawPointer, _ range: Range<Int>) -> Bool {
        if bytes.isEmpty { return true }
        if !hasFoldable {
            return bytes.withUnsafeBytes { ByteSearch.find($0, in: data, from: range.lowerBound, to: range.upperBound) } != nil
        }
        var p = range.lowerBound
        while p < range.upperBound {
            if matchLength(data, at: p, end: range.upperBound) != nil { return true }
            p += 1
        }
        return false
    }

    /// Whether `data[range]` equals the needle (after folding).
    func equals(_ data: UnsafeRawPointer, _ range: Range<Int>) -> Bool {
        if !hasFoldable {
            return range.count == bytes.count && bytes.withUnsafeBytes { memcmp(data + range.lowerBound, $0.baseAddress!, bytes.count) == 0 }
        }
        return matchLength(data, at: range.lowerBound, end: range.upperBound) == range.count
    }

    /// The data bytes a match starting at `p` spans, or nil when none starts there.
    @inline(__always)
    func matchLength(_ data: UnsafeRawPointer, at p: Int, end: Int) -> Int? {
        var j = p
        for b in bytes {
            guard j < end else { return nil }
            let d = data.load(fromByteOffset: j, as: UInt8.self)
            if d == b { j += 1; continue }
            guard b >= 0x20 && b <= 0x7E, j + 3 <= end else { return nil }
            // Full-width form: U+FF01…U+FF5E for ! … ~, U+3000 for space.
            let d1 = data.load(fromByteOffset: j + 1, as: UInt8.self)
            let d2 = data.load(fromByteOffset: j + 2, as: UInt8.self)
            if b == 0x20 {
                guard d == 0xE3, d1 == 0x80, d2 == 0x80 else { return nil }
            } else {
                let cp = 0xFF00 + UInt32(b) - 0x20
                let e0 = UInt8(0xE0 | (cp >> 12)), e1 = UInt8(0x80 | ((cp >> 6) & 0x3F)), e2 = UInt8(0x80 | (cp & 0x3F))
                guard d == e0, d1 == e1, d2 == e2 else { return nil }
            }
            j += 3
        }
        return j - p
    }

    /// Every row of `column` containing the needle, ascending, searching only the rows whose
    /// `signature` (of this column) has every non-ASCII character of the needle.
    func rows(containingIn column: StringColumn, signature: TextSignature) -> [UInt32] {
        let bits = TextSignature.bits(of: bytes)
        guard !bits.isEmpty, signature.rows == column.count else { return rows(containingIn: column) }
        var out: [UInt32] = []
        column.bytes.withUnsafeBytes { raw in
            column.offsets.withUnsafeBufferPointer { offsets in
                guard let data = raw.baseAddress else { return }
                signature.candidates(bits) { r in
                    if occurs(in: data, offsets[r]..<offsets[r + 1]) { out.append(UInt32(r)) }
                }
            }
        }
        return out
    }

    /// Every row of `column` containing the needle, ascending.
    func rows(containingIn column: StringColumn) -> [UInt32] {
        var out: [UInt32] = []
        let offsets = column.offsets
        column.bytes.withUnsafeBytes { raw in
            guard let data = raw.baseAddress else { return }
            let total = raw.count
            if bytes.isEmpty {
                out = (0..<column.count).map { UInt32($0) }
                return
            }
            if !hasFoldable {
                bytes.withUnsafeBytes { needle in
                    var p = 0
                    while let hit = ByteSearch.find(needle, in: data, from: p, to: total) {
                        let row = column.row(containing: hit)
                        let rowEnd = offsets[row + 1]
                        if hit + needle.count <= rowEnd {
                            out.append(UInt32(row))
                            p = rowEnd
                        } else {
                            p = hit + 1
                        }
                    }
                }
            } else {
                for row in 0..<column.count where occurs(in: data, offsets[row]..<offsets[row + 1]) {
                    out.append(UInt32(row))
                }
            }
        }
        return out
    }
}
