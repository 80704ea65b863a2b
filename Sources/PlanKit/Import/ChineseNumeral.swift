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
        // At most three numeral scalars; the longest prefix that forms a valid numeral wins.
        guard i < s.count, isNumeralScalar(s[i]) else { return nil }
        let a = s[i]
        var count = 1
        var b: UInt32 = 0, c: UInt32 = 0
        if i + 1 < s.count, isNumeralScalar(s[i + 1]) {
            b = s[i + 1]
            count = 2
            if i + 2 < s.count, isNumeralScalar(s[i + 2]) {
                c = s[i + 2]
                count = 3
            }
        }
        if count == 3, let v = value(a, b, c) { return (v, i + 3) }
        if count >= 2, let v = value(a, b) { return (v, i + 2) }
        if let v = value(a) { return (v, i + 1) }
        return nil
    }

    static func value(_ a: UInt32) -> Int? {
        if a == ten { return 10 }
        guard let d = digit(a), d > 0, a != 0x4E24 else { return nil }
        return d
    }

    static func value(_ a: UInt32, _ b: UInt32) -> Int? {
        if a == ten, let d = digit(b), d > 0 { return 10 + d }
        if let d = digit(a), d > 1, b == ten { return d * 10 }
        return nil
    }

    static func value(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> Int? {
        if let x = digit(a), x > 1, b == ten, let y = digit(c), y > 0 { return x * 10 + y }
        return nil
    }
}
