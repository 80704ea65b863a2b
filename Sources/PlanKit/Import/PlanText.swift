import Foundation

/// A plan document's text as Unicode scalars with the source line of each, after the
/// encoding checks every import needs (UTF-8, BOM, CRLF, no binary).
struct PlanText {
    var lines: [[UInt32]]
    /// 1-based source line number of each entry of `lines`.
    var lineNumbers: [Int]

    /// Decodes `data` or throws a diagnostic naming `fileName`.
    static func decode(_ data: Data, fileName: String) throws -> PlanText {
        if data.isEmpty { throw Diagnostic("\(fileName): the file is empty") }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            throw Diagnostic("\(fileName): looks like a binary file (NUL byte at offset \(nul)); plans are UTF-8 text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
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
        var lines: [[UInt32]] = []
        var numbers: [Int] = []
        var current: [UInt32] = []
        var n = 1
        for u in text.unicodeScalars {
            if u == "\n" {
                if current.last == 0x0D { current.removeLast() }
                lines.append(current)
                numbers.append(n)
                current = []
                n += 1
            } else {
                current.append(u.value)
            }
        }
        if current.last == 0x0D { current.removeLast() }
        if !current.isEmpty {
            lines.append(current)
            numbers.append(n)
        }
        return PlanText(lines: lines, lineNumbers: numbers)
    }
}

extension Array where Element == UInt32 {
    var string: String { scalarString(self) }
}

extension ArraySlice where Element == UInt32 {
    var string: String { scalarString(self) }
}

/// Scalars to a String through one UTF-8 buffer (appending scalar by scalar is several times slower).
func scalarString(_ scalars: some Collection<UInt32>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count * 3)
    for v in scalars {
        switch v {
        case 0..<0x80:
            bytes.append(UInt8(v))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | (v >> 6))); bytes.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            guard !(0xD800..<0xE000).contains(v) else { continue }
            bytes.append(UInt8(0xE0 | (v >> 12))); bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        case 0x10000..<0x110000:
            bytes.append(UInt8(0xF0 | (v >> 18))); bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F))); bytes.append(UInt8(0x80 | (v & 0x3F)))
        default:
            continue
        }
    }
    return String(decoding: bytes, as: UTF8.self)
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
