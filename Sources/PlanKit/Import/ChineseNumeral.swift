/// Chinese numerals as written in headings: 一 … 十 … 九十九 (also 〇/零 and 两).
enum ChineseNumeral {
    static func digit(_ u: UInt32) -> Int? {
        switch u {
        case 0x4E00: return 1   // 一
        case 0x4E8C: return 2   // 二
        case 0x4E24: return 2   // 两
        case 0x4E09: return 3   // 三
        case 0x56DB: return 4   // 四
        case 0x4E94: return 5   // 五
        case 0x516D: return 6   // 六
        case 0x4E03: return 7   // 七
        case 0x516B: return 8   // 八
        case 0x4E5D: return 9   // 九
        case 0x3007, 0x96F6: return 0 // 〇 零
        default: return nil
        }
    }

    static let ten: UInt32 = 0x5341 // 十

    static func isNumeralScalar(_ u: UInt32) -> Bool { u == ten || digit(u) != nil }

    /// Parses `s[i...]` as a numeral up to 99; returns the value and the index after it.
    static func parse(_ s: [UInt32], at i: Int) -> (value: Int, end: Int)? {
        var j = i
        var chars: [UInt32] = []
        while j < s.count, isNumeralScalar(s[j]), chars.count < 3 {
            chars.append(s[j])
            j += 1
        }
        guard !chars.isEmpty else { return nil }
        // Try the longest prefix that forms a valid numeral.
        var n = chars.count
        while n > 0 {
            if let v = value(Array(chars.prefix(n))) { return (v, i + n) }
            n -= 1
        }
        return nil
    }

    static func value(_ c: [UInt32]) -> Int? {
        switch c.count {
        case 1:
            if c[0] == ten { return 10 }
            guard let d = digit(c[0]), d > 0, c[0] != 0x4E24 else { return nil }
            return d
        case 2:
            if c[0] == ten, let d = digit(c[1]), d > 0 { return 10 + d }
            if let d = digit(c[0]), d > 1, c[1] == ten { return d * 10 }
            return nil
        case 3:
            if let a = digit(c[0]), a > 1, c[1] == ten, let b = digit(c[2]), b > 0 { return a * 10 + b }
            return nil
        default:
            return nil
        }
    }
}
