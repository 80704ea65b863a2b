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

    var lines: [ArraySlice<UInt32>] { lineRanges.map { scalars[$0] } }

    /// Decodes `data` or throws a diagnostic naming `fileName`.
    static func decode(_ data: Data, fileName: String) throws -> PlanText {
        if data.isEmpty { throw Diagnostic("\(fileName): the file is empty") }
        return try data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            if let nul = bytes.firstIndex(of: 0) {
                throw Diagnostic("\(fileName): looks like a binary file (NUL byte at offset \(nul)); plans are UTF-8 text")
            }
            guard String(validating: bytes, as: UTF8.self) != nil else {
                // Find the first bad line for the message.
                var line = 1
                var start = 0
                for (i, b) in bytes.enumerated() where b == 0x0A {
                    if String(validating: bytes[start..<i], as: UTF8.self) == nil { break }
                    line += 1
                    start = i + 1
                }
                throw Diagnostic("\(fileName):\(line): not valid UTF-8 (plans must be UTF-8 text; convert GBK files with iconv -f GBK -t UTF-8)")
            }
            return split(validUTF8: bytes)
        }
    }

    /// Decodes bytes already known to be valid UTF-8 into lines.
    static func split(validUTF8 bytes: UnsafeBufferPointer<UInt8>) -> PlanText {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(bytes.count)
        var ranges: [Range<Int>] = []
        var numbers: [Int] = []
        var lineStart = 0
        var n = 1
        var i = 0
        let count = bytes.count
        while i < count {
            let b0 = UInt32(bytes[i])
            var v: UInt32
            if b0 < 0x80 {
                i += 1
                if b0 == 0x0A {
                    var end = scalars.count
                    if end > lineStart, scalars[end - 1] == 0x0D { scalars.removeLast(); end -= 1 }
                    ranges.append(lineStart..<end)
                    numbers.append(n)
                    lineStart = end
                    n += 1
                    continue
                }
                v = b0
            } else if b0 < 0xE0 {
                v = (b0 & 0x1F) << 6 | (UInt32(bytes[i + 1]) & 0x3F)
                i += 2
            } else if b0 < 0xF0 {
                v = (b0 & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | (UInt32(bytes[i + 2]) & 0x3F)
                i += 3
            } else {
                v = (b0 & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12 | (UInt32(bytes[i + 2]) & 0x3F) << 6
                    | (UInt32(bytes[i + 3]) & 0x3F)
                i += 4
            }
            scalars.append(v)
        }
        var end = scalars.count
        if end > lineStart, scalars[end - 1] == 0x0D { scalars.removeLast(); end -= 1 }
        if end > lineStart {
            ranges.append(lineStart..<end)
            numbers.append(n)
        }
        return PlanText(scalars: scalars, lineRanges: ranges, lineNumbers: numbers)
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
func scalarString(_ scalars: some Collection<UInt32>) -> String {
    let capacity = scalars.count * 4
    guard capacity > 0 else { return "" }
    return String(unsafeUninitializedCapacity: capacity) { buffer in
        var n = 0
        for v in scalars {
            switch v {
            case 0..<0x80:
                buffer[n] = UInt8(v); n += 1
            case 0x80..<0x800:
                buffer[n] = UInt8(0xC0 | (v >> 6)); buffer[n + 1] = UInt8(0x80 | (v & 0x3F)); n += 2
            case 0x800..<0x10000:
                guard !(0xD800..<0xE000).contains(v) else { continue }
                buffer[n] = UInt8(0xE0 | (v >> 12)); buffer[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                buffer[n + 2] = UInt8(0x80 | (v & 0x3F)); n += 3
            case 0x10000..<0x110000:
                buffer[n] = UInt8(0xF0 | (v >> 18)); buffer[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                buffer[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[n + 3] = UInt8(0x80 | (v & 0x3F)); n += 4
            default:
                continue
            }
        }
        return n
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

func isPlain(_ s: some Collection<UInt32>) -> Bool { s.allSatisfy(isPlainScalar) }
