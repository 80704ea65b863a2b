/// RFC 4180 records from UTF-8 bytes: quoted fields with `""`, delimiters and line breaks
/// inside quotes, CRLF or LF line ends. Each record knows the line it starts on. Fields come
/// back without leading and trailing spaces (a sheet typed by hand often has them).
struct CSVReader {
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x3000, 0x2002...0x200B, 0xFEFF: return true
        default: return false
        }
    }

    /// The field's text with surrounding spaces removed: ASCII blanks and line breaks,
    /// no-break space (C2 A0) and ideographic space (E3 80 80) trimmed at the byte level.
    static func trimmedString(_ b: [UInt8]) -> String {
        var lo = 0, hi = b.count
        while true {
            if lo < hi, b[lo] == 0x20 || b[lo] == 0x09 || b[lo] == 0x0A || b[lo] == 0x0D { lo += 1; continue }
            if hi - lo >= 2, b[lo] == 0xC2, b[lo + 1] == 0xA0 { lo += 2; continue }
            if hi - lo >= 3, b[lo] == 0xE3, b[lo + 1] == 0x80, b[lo + 2] == 0x80 { lo += 3; continue }
            break
        }
        while true {
            if hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0A || b[hi - 1] == 0x0D { hi -= 1; continue }
            if hi - lo >= 2, b[hi - 2] == 0xC2, b[hi - 1] == 0xA0 { hi -= 2; continue }
            if hi - lo >= 3, b[hi - 3] == 0xE3, b[hi - 2] == 0x80, b[hi - 1] == 0x80 { hi -= 3; continue }
            break
        }
        return String(decoding: b[lo..<hi], as: UTF8.self)
    }

    struct Record {
        var fields: [String]
        var line: Int
        /// A malformed quote, reported against this record.
        var problem: String?
    }

    let bytes: [UInt8]
    private var pos: Int
    private var line = 1
    private var delimiter: UInt8 = 0x2C

    init(bytes: [UInt8], start: Int) {
        self.bytes = bytes
        self.pos = start
        // Tab-separated when the first line with a comma or tab has tabs and no commas (Excel's
        // "Unicode text"; a title line above the header may have neither).
        var i = start
        while i < bytes.count {
            var commas = 0, tabs = 0
            while i < bytes.count && bytes[i] != 0x0A {
                if bytes[i] == 0x2C { commas += 1 }
                if bytes[i] == 0x09 { tabs += 1 }
                i += 1
            }
            i += 1
            if commas + tabs == 0 { continue }
            if tabs > 0 && commas == 0 { delimiter = 0x09 }
            break
        }
    }

    mutating func next() -> Record? {
        guard pos < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var problem: String?
        var field: [UInt8] = []
        while true {
            // One field.
            field.removeAll(keepingCapacity: true)
            if pos < bytes.count && bytes[pos] == 0x22 {
                pos += 1
                var closed = false
                while pos < bytes.count {
                    let b = bytes[pos]
                    if b == 0x22 {
                        if pos + 1 < bytes.count && bytes[pos + 1] == 0x22 {
                            field.append(0x22)
                            pos += 2
                            continue
                        }
                        pos += 1
                        closed = true
                        break
                    }
                    if b == 0x0A { line += 1 }
                    field.append(b)
                    pos += 1
                }
                if !closed {
                    problem = problem ?? Messages.csvQuoteNotClosed().text
                }
                // Anything between the closing quote and the delimiter is kept, but reported.
                var stray = false
                while pos < bytes.count && bytes[pos] != delimiter && bytes[pos] != 0x0A && bytes[pos] != 0x0D {
                    if bytes[pos] != 0x20 { stray = true }
                    field.append(bytes[pos])
                    pos += 1
                }
                if stray { problem = problem ?? Messages.csvTextAfterQuote().text }
            } else {
                while pos < bytes.count && bytes[pos] != delimiter && bytes[pos] != 0x0A && bytes[pos] != 0x0D {
                    field.append(bytes[pos])
                    pos += 1
                }
            }
            fields.append(CSVReader.trimmedString(field))
            if pos < bytes.count && bytes[pos] == delimiter {
                pos += 1
                continue
            }
            // End of record.
            if pos < bytes.count && bytes[pos] == 0x0D { pos += 1 }
            if pos < bytes.count && bytes[pos] == 0x0A { pos += 1 }
            line += 1
            return Record(fields: fields, line: startLine, problem: problem)
        }
    }
}
