import Foundation

/// A plan document's text as Unicode scalars with the source line of each, after the
/// encoding checks every import needs (UTF-8, BOM, CRLF, no binary).
///
/// All lines share one scalar buffer (line ends left out): one allocation per document
/// instead of one per line.
struct PlanText {
    var scalars: [UInt32]
    /// Each line's scalars within `scalars`, a final `\r` removed.
    var lineRanges: [Range<Int>]
    /// 1-based source line number of each entry of `lineRanges`.
    var lineNumbers: [Int]
    /// Whether each line holds an opening bracket, `(` or `（` (noted while decoding, so that later
    /// passes looking for bracketed text skip the other lines without reading them again).
    var lineHasBracket: [Bool]
    /// Whether the text holds a pipe, `|` or `｜` (without one there is no table to look for).
    var hasPipe: Bool

    var lines: [ArraySlice<UInt32>] { lineRanges.map { scalars[$0] } }

    /// Decodes `data` or throws a diagnostic naming `fileName`.
    static func decode(_ data: Data, fileName: String) throws -> PlanText {
        if let text = try decodeIfUTF8(data, fileName: fileName) { return text }
        return try data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            // Find the first bad line for the message.
            var line = 1
            var start = 0
            for (i, b) in bytes.enumerated() where b == 0x0A {
                if String(validating: bytes[start..<i], as: UTF8.self) == nil { break }
                line += 1
                start = i + 1
            }
            throw Diagnostic(Messages.planNotUTF8(fileName, line: line))
        }
    }

    /// Decodes `data` when it is UTF-8 (a BOM skipped); nil when it is not, so another encoding
    /// may be tried. An empty file or one with a NUL byte (binary) is an error either way.
    static func decodeIfUTF8(_ data: Data, fileName: String) throws -> PlanText? {
        if data.isEmpty { throw Diagnostic(Messages.emptyFile(fileName)) }
        return try data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            if let base = bytes.baseAddress, let hit = memchr(base, 0, bytes.count) {
                let nul = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                throw Diagnostic(Messages.binaryFile(fileName, nulAt: nul))
            }
            return split(utf8: bytes)
        }
    }

    /// Decodes UTF-8 into lines, checking it as it goes (the same rules as `String(validating:)`:
    /// no overlong forms, surrogates, values past U+10FFFF or cut sequences); nil when invalid.
    /// Scalars are written straight into the buffer (never more scalars than bytes).
    static func split(utf8 bytes: UnsafeBufferPointer<UInt8>) -> PlanText? {
        var ranges: [Range<Int>] = []
        var numbers: [Int] = []
        var brackets: [Bool] = []
        var bracket = false, pipe = false
        var valid = true
        let scalars = [UInt32](unsafeUninitializedCapacity: bytes.count) { buffer, written in
            guard let out = buffer.baseAddress, let p = bytes.baseAddress else { written = 0; return }
            var w = 0
            var lineStart = 0
            var n = 1
            var i = 0
            let count = bytes.count
            decoding: while i < count {
                guard decodeThreeByteRun(p, count, &i, out, &w, &bracket, &pipe) else { valid = false; break decoding }
                guard i < count else { break }
                let b0 = UInt32(p[i])
                var v: UInt32
                if b0 < 0x80 {
                    i += 1
                    if b0 == 0x0A {
                        if w > lineStart, out[w - 1] == 0x0D { w -= 1 }
                        ranges.append(lineStart..<w)
                        numbers.append(n)
                        brackets.append(bracket)
                        bracket = false
                        lineStart = w
                        n += 1
                        continue
                    }
                    if b0 == 0x28 { bracket = true } else if b0 == 0x7C { pipe = true }
                    v = b0
                } else if b0 &- 0xE0 < 0x10 && i &+ 2 < count {
                    // Three bytes (CJK, full-width forms): the common case, both continuations checked at
                    // once, and the overlong (E0) and surrogate (ED) leads checked on their value.
                    let b1 = UInt32(p[i &+ 1]), b2 = UInt32(p[i &+ 2])
                    guard (b1 | b2 << 8) & 0xC0C0 == 0x8080 else { valid = false; break }
                    v = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
                    if b0 == 0xE0 || b0 == 0xED { guard v >= 0x800, v < 0xD800 else { valid = false; break } }
                    if v == 0xFF08 { bracket = true } else if v == 0xFF5C { pipe = true }
                    i &+= 3
                } else if b0 < 0xC2 {
                    valid = false; break  // a continuation byte, or the lead of an overlong pair
                } else if b0 < 0xE0 {
                    guard i + 1 < count, let c1 = continuation(p[i + 1]) else { valid = false; break }
                    v = (b0 & 0x1F) << 6 | c1
                    i += 2
                } else if b0 < 0xF0 {
                    valid = false; break  // a three-byte sequence cut short
                } else if b0 < 0xF5 {
                    guard i + 3 < count, let c1 = continuation(p[i + 1]), let c2 = continuation(p[i + 2]),
                          let c3 = continuation(p[i + 3]) else { valid = false; break }
                    v = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
                    guard v >= 0x10000, v <= 0x10FFFF else { valid = false; break }
                    i += 4
                } else {
                    valid = false; break
                }
                out[w] = v
                w &+= 1
            }
            if valid {
                if w > lineStart, out[w - 1] == 0x0D { w -= 1 }
                if w > lineStart {
                    ranges.append(lineStart..<w)
                    numbers.append(n)
                    brackets.append(bracket)
                }
            }
            written = w
        }
        guard valid else { return nil }
        return PlanText(scalars: scalars, lineRanges: ranges, lineNumbers: numbers, lineHasBracket: brackets, hasPipe: pipe)
    }

    /// Decodes a run of three-byte sequences (CJK, full-width forms: nearly all of a plan) four
    /// bytes at a time: lead and both continuations checked with one mask, then the overlong (E0)
    /// and surrogate (ED) values refused on the value. Stops before anything else (or the last
    /// three bytes); false when the run holds an invalid sequence.
    @inline(__always) static func decodeThreeByteRun(_ p: UnsafePointer<UInt8>, _ count: Int, _ i: inout Int,
                                                     _ out: UnsafeMutablePointer<UInt32>, _ w: inout Int,
                                                     _ bracket: inout Bool, _ pipe: inout Bool) -> Bool {
        while i &+ 4 <= count {
            let x = UInt32(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self))
            guard x & 0x00C0_C0F0 == 0x0080_80E0 else { return true }
            let v = (x & 0x0F) << 12 | (x >> 2) & 0x0FC0 | (x >> 16) & 0x3F
            guard v >= 0x800, v & 0xF800 != 0xD800 else { return false }
            if v | 0x54 == 0xFF5C {  // true only for FF08 （, FF5C ｜ and a few neighbours
                if v == 0xFF08 { bracket = true } else if v == 0xFF5C { pipe = true }
            }
            out[w] = v
            w &+= 1
            i &+= 3
        }
        return true
    }

    @inline(__always) static func continuation(_ b: UInt8) -> UInt32? {
        b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
    }
}

extension Array where Element == UInt32 {
    var string: String { scalarString(self) }
}

extension ArraySlice where Element == UInt32 {
    var string: String { scalarString(self) }
}

/// Scalars to a String, encoded as UTF-8 straight into the String's own storage (appending
/// scalar by scalar, or going through an intermediate byte array, is several times slower).
/// The storage is made exactly as long as the UTF-8 (a million tasks' texts are held at once
/// during an import: four bytes a scalar would keep a third more than Chinese text needs, and
/// a short string fits in the String itself).
func scalarString(_ scalars: some Collection<UInt32>) -> String {
    // Arrays and their slices (every caller) are encoded through a pointer: no index checks.
    scalars.withContiguousStorageIfAvailable { encodedString($0) } ?? Array(scalars).withUnsafeBufferPointer { encodedString($0) }
}

/// Scalars to UTF-8 bytes (what `scalarString` writes, without making a String of it).
func scalarUTF8(_ scalars: UnsafeBufferPointer<UInt32>) -> [UInt8] {
    withEncodedUTF8(scalars) { utf8 in [UInt8](utf8) }
}

@inline(__always) private func encodedString(_ scalars: UnsafeBufferPointer<UInt32>) -> String {
    withEncodedUTF8(scalars) { utf8 in
        guard let bytes = utf8.baseAddress, !utf8.isEmpty else { return "" }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            buffer.baseAddress.map { $0.update(from: bytes, count: utf8.count) }
            return utf8.count
        }
    }
}

/// Encodes the scalars as UTF-8 in one pass into a scratch buffer sized for the worst case (four
/// bytes a scalar, and one spare for the four-byte stores below) and hands `body` the bytes
/// written; the caller copies them out at their exact length (a copy costs far less than a
/// second pass counting them). A surrogate or a value past U+10FFFF (never made by the decoder)
/// is left out.
@inline(__always) private func withEncodedUTF8<R>(_ scalars: UnsafeBufferPointer<UInt32>,
                                                 _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scalars.count &* 4 &+ 4) { scratch in
        guard let out = scratch.baseAddress else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: out, count: encodeUTF8(scalars, into: out)))
    }
}

/// Writes the scalars' UTF-8 at `out` (room for four bytes a scalar and one more); returns the
/// bytes written. A three-byte sequence is written with one four-byte store whose last byte the
/// next scalar overwrites (or that lies past the bytes written).
@inline(__always) private func encodeUTF8(_ scalars: UnsafeBufferPointer<UInt32>, into out: UnsafeMutablePointer<UInt8>) -> Int {
    var n = 0
    for v in scalars {
        if v &- 0x800 < 0xF800, v & 0xF800 != 0xD800 {
            let word = 0x0080_80E0 | v >> 12 | (v << 2) & 0x3F00 | (v << 16) & 0x3F_0000
            UnsafeMutableRawPointer(out + n).storeBytes(of: word.littleEndian, as: UInt32.self)
            n &+= 3
        } else if v < 0x80 {
            out[n] = UInt8(truncatingIfNeeded: v); n &+= 1
        } else if v < 0x800 {
            out[n] = UInt8(truncatingIfNeeded: 0xC0 | (v >> 6)); out[n &+ 1] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)); n &+= 2
        } else if v >= 0x10000 && v < 0x110000 {
            out[n] = UInt8(truncatingIfNeeded: 0xF0 | (v >> 18)); out[n &+ 1] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F))
            out[n &+ 2] = UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)); out[n &+ 3] = UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)); n &+= 4
        }
    }
    return n
}

/// The Unicode scalars of `text`, decoded from its UTF-8 in one pass (a `String` is valid UTF-8,
/// so nothing is checked; `text.unicodeScalars.map(\.value)` is several times slower).
func scalars(of text: String) -> [UInt32] {
    var text = text
    return text.withUTF8 { u in
        [UInt32](unsafeUninitializedCapacity: u.count) { buffer, written in
            guard let out = buffer.baseAddress, let p = u.baseAddress else { written = 0; return }
            var i = 0, w = 0
            let n = u.count
            while i < n {
                let b0 = UInt32(p[i])
                if b0 < 0x80 {
                    out[w] = b0; i += 1
                } else if b0 < 0xE0 {
                    out[w] = (b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F); i += 2
                } else if b0 < 0xF0 {
                    out[w] = (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F); i += 3
                } else {
                    out[w] = (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
                    i += 4
                }
                w += 1
            }
            written = w
        }
    }
}

@inline(__always) func isSpaceScalar(_ u: UInt32) -> Bool {
    u == 0x20 || u == 0x09 || u == 0x3000 || u == 0xA0 || u == 0x2002 || u == 0x2003 || u == 0x2009 || u == 0x200B || u == 0xFEFF
}

func trimmed(_ s: ArraySlice<UInt32>) -> ArraySlice<UInt32> {
    var lo = s.startIndex, hi = s.endIndex
    while lo < hi, isSpaceScalar(s[lo]) || s[lo] == 0x0A { lo += 1 }
    while hi > lo, isSpaceScalar(s[hi - 1]) || s[hi - 1] == 0x0A { hi -= 1 }
    return s[lo..<hi]
}

/// A scalar that is a whole `Character` beside any other plain scalar, has no canonical
/// decomposition and no case mapping outside ASCII: ASCII, CJK ideographs and punctuation,
/// full-width forms, general punctuation, circled numbers. In text made only of these,
/// scalar-by-scalar work gives exactly what the `String` (and Foundation) operations give,
/// so the importer takes its fast paths there and keeps the `String` ones for anything else.
@inline(__always) func isPlainScalar(_ u: UInt32) -> Bool {
    if u < 0x80 { return u >= 0x20 && u != 0x7F }
    if u >= 0x4E00 { return u <= 0x9FFF || (u >= 0xFF01 && u <= 0xFF60) }
    return (u >= 0x3000 && u <= 0x3029) || (u >= 0x3030 && u <= 0x303F) || (u >= 0x3400 && u <= 0x4DBF)
        || (u >= 0x2010 && u <= 0x2027) || (u >= 0x2030 && u <= 0x205E) || (u >= 0x2460 && u <= 0x24FF)
}

func isPlain(_ s: some Collection<UInt32>) -> Bool {
    s.withContiguousStorageIfAvailable { $0.allSatisfy(isPlainScalar) } ?? s.allSatisfy(isPlainScalar)
}

extension String {
    /// `contains(word)` as Foundation answers it (canonically equivalent text matches), worked out
    /// on the UTF-8 when both strings are plain (`isPlainScalar`: no decompositions, every scalar a
    /// whole character, so equivalence is identity) and left to Foundation otherwise, which costs
    /// some 35,000 instructions a call on Linux.
    func holds(_ word: String) -> Bool {
        var text = self, needle = word
        let fast: Bool? = text.withUTF8 { t in
            needle.withUTF8 { n -> Bool? in
                guard let tb = t.baseAddress, let nb = n.baseAddress, isPlainUTF8(t), isPlainUTF8(n) else { return nil }
                guard n.count <= t.count else { return false }
                let first = n[0]
                for i in 0...(t.count - n.count) where tb[i] == first && memcmp(tb + i, nb, n.count) == 0 { return true }
                return false
            }
        }
        return fast ?? contains(word)
    }
}

/// Whether every scalar of valid UTF-8 `u` is plain (`isPlainScalar`).
func isPlainUTF8(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = u.count
    while i < n {
        let b0 = UInt32(u[i])
        let v: UInt32
        if b0 < 0x80 {
            v = b0; i += 1
        } else if b0 < 0xE0 {
            v = (b0 & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F); i += 2
        } else if b0 < 0xF0 {
            v = (b0 & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F); i += 3
        } else {
            return false  // beyond the BMP: never plain
        }
        if !isPlainScalar(v) { return false }
    }
    return true
}
