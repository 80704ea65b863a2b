/// A possible heading marker found in the text: `一、` `(一)` `1.` `(1)` `①` `一是`.
struct HeadingMarker {
    /// Item numbers up to this many digits are heading candidates (plans run past 99 and, generated, far beyond).
    static let maxItemDigits = 7
    /// The kinds nest in this order: a marker's parent is the nearest open node of a lower kind.
    enum Kind: Int, Comparable, CaseIterable {
        case section = 0      // 一、 / 第一部分
        case subsection = 1   // (一) （一）
        case item = 2         // 1. 1、 １．
        case subitem = 3      // (1) （1） ①
        case clause = 4       // 一是 二是 …

        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    var kind: Kind
    var number: Int
    /// Stream positions of the marker itself; the node's text starts at `end`.
    var start: Int
    var end: Int
    /// At the start of a line (after indentation).
    var atLineStart: Bool

    /// Every candidate marker in `s`, in order. Inline candidates must follow a separator;
    /// clauses after the first may follow anything (the sequence check decides). Inside an office
    /// tag whose closing bracket was lost, a marker needs no separator: the tag never runs past
    /// the next marker that continues the sequence (the parser warns about the tag).
    static func scan(_ s: [UInt32]) -> [HeadingMarker] {
        var out: [HeadingMarker] = []
        let n = s.count
        var i = 0
        let starts = markerStarts
        var unclosedTagEnd = -1
        while i < n {
            i = nextStart(s, from: i, starts: starts)
            guard i < n else { break }
            let u = s[i]
            if (u == 0x28 || u == 0xFF08) && i >= unclosedTagEnd, let end = unclosedTag(s, at: i) { unclosedTagEnd = end }
            let prev: UInt32 = i == 0 ? 0x0A : s[i - 1]
            let lineStart = prev == 0x0A
            let boundary = lineStart || isSeparator(prev)
                || (i < unclosedTagEnd && digitValue(prev) == nil && !ChineseNumeral.isNumeralScalar(prev))
            if boundary, let m = markerAt(s, i, lineStart: lineStart) {
                out.append(m)
                i = m.end
                continue
            }
            // 一是 … 二是: clauses (the first needs a boundary or a comma).
            if ChineseNumeral.isNumeralScalar(u), let (v, e) = ChineseNumeral.parse(s, at: i), e < n, s[e] == 0x662F {  // 是
                let prevIsNumeral = i > 0 && ChineseNumeral.isNumeralScalar(prev)
                if !prevIsNumeral && (v > 1 || boundary || prev == 0xFF0C || prev == 0x2C || prev == 0x3001) {
                    out.append(HeadingMarker(kind: .clause, number: v, start: i, end: e + 1, atLineStart: lineStart))
                    i = e + 1
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// The first scalar at or after `from` that may start a marker (`starts`: `markerStarts`), or `s.count`.
    @inline(__always)
    static func nextStart(_ s: [UInt32], from: Int, starts: [UInt64]) -> Int {
        s.withUnsafeBufferPointer { b in
            starts.withUnsafeBufferPointer { bits in
                var k = from
                while k < b.count {
                    let u = b[k]
                    if u <= 0xFFFF, bits[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0 { break }
                    k += 1
                }
                return k
            }
        }
    }

    /// When an office tag opens at `i` and is not closed before the next opening bracket or line
    /// end, where its content stops; nil for anything else.
    static func unclosedTag(_ s: [UInt32], at i: Int) -> Int? {
        var j = i + 1
        while j < s.count, isSpaceScalar(s[j]) { j += 1 }
        guard OfficeTag.keywords.contains(where: { k in j + k.count <= s.count && s[j] == k[0] && s[j..<(j + k.count)].elementsEqual(k) }) else {
            return nil
        }
        var k = j
        while k < s.count {
            switch s[k] {
            case 0x29, 0xFF09: return nil
            case 0x28, 0xFF08, 0x0A: return k
            default: k += 1
            }
        }
        return k
    }

    /// Every marker starts with one of these: a Chinese numeral, 第, a bracket, a circled number
    /// or a digit. Most of a plan's scalars are none of them and are passed over at once.
    @inline(__always) static func mayStartMarker(_ u: UInt32) -> Bool {
        if u < 0x80 { return (u >= 0x30 && u <= 0x39) || u == 0x28 }
        if u == 0x7B2C || u == 0xFF08 || (u >= 0x2460 && u <= 0x2473) || (u >= 0xFF10 && u <= 0xFF19) { return true }
        return ChineseNumeral.isNumeralScalar(u)
    }

    /// `mayStartMarker` for the Basic Multilingual Plane as a bit set (one test per scalar).
    static let markerStarts: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 1024)
        for u in 0..<UInt32(0x10000) where mayStartMarker(u) { bits[Int(u >> 6)] |= 1 << UInt64(u & 63) }
        return bits
    }()

    @inline(__always) static func isSeparator(_ u: UInt32) -> Bool {
        switch u {
        case 0x20, 0x3000, 0xA0, 0x09, 0x3002, 0xFF1B, 0x3B, 0x3A, 0xFF1A, 0x29, 0xFF09, 0x2002, 0x2003: return true
        default: return false
        }
    }

    @inline(__always) static func digitValue(_ u: UInt32) -> Int? {
        if u >= 0x30 && u <= 0x39 { return Int(u - 0x30) }
        if u >= 0xFF10 && u <= 0xFF19 { return Int(u - 0xFF10) }
        return nil
    }

    static func markerAt(_ s: [UInt32], _ i: Int, lineStart: Bool) -> HeadingMarker? {
        let n = s.count
        let u = s[i]
        // 一、
        if ChineseNumeral.isNumeralScalar(u), let (v, e) = ChineseNumeral.parse(s, at: i), e < n, s[e] == 0x3001 {
            return HeadingMarker(kind: .section, number: v, start: i, end: e + 1, atLineStart: lineStart)
        }
        // 第一部分
        if u == 0x7B2C, i + 1 < n, let (v, e) = ChineseNumeral.parse(s, at: i + 1), e + 1 < n, s[e] == 0x90E8, s[e + 1] == 0x5206 {
            var end = e + 2
            while end < n, s[end] == 0x3001 || s[end] == 0x3A || s[end] == 0xFF1A || isSpaceScalar(s[end]) { end += 1 }
            return HeadingMarker(kind: .section, number: v, start: i, end: end, atLineStart: lineStart)
        }
        // (一) (1)
        if u == 0x28 || u == 0xFF08, i + 2 < n {
            if let (v, e) = ChineseNumeral.parse(s, at: i + 1), e < n, s[e] == 0x29 || s[e] == 0xFF09 {
                return HeadingMarker(kind: .subsection, number: v, start: i, end: e + 1, atLineStart: lineStart)
            }
            var j = i + 1
            var v = 0
            while j < n, j - i <= Self.maxItemDigits, let d = digitValue(s[j]) { v = v * 10 + d; j += 1 }
            if j > i + 1, j < n, s[j] == 0x29 || s[j] == 0xFF09 {
                return HeadingMarker(kind: .subitem, number: v, start: i, end: j + 1, atLineStart: lineStart)
            }
            return nil
        }
        // ① … ⑳
        if u >= 0x2460 && u <= 0x2473 {
            return HeadingMarker(kind: .subitem, number: Int(u - 0x2460) + 1, start: i, end: i + 1, atLineStart: lineStart)
        }
        // 1. 1、 １．  (not 1.5: a decimal). Items may run into the thousands; a year such as
        // `2023.` is a candidate only, which the sequence rule then rejects.
        if digitValue(u) != nil {
            var j = i
            var v = 0
            while j < n, j - i <= Self.maxItemDigits, let d = digitValue(s[j]) { v = v * 10 + d; j += 1 }
            guard j < n, j - i <= Self.maxItemDigits else { return nil }
            let p = s[j]
            guard p == 0x2E || p == 0x3001 || p == 0xFF0E || p == 0xFF61 else { return nil }
            if j + 1 < n, digitValue(s[j + 1]) != nil { return nil }
            if j + 1 < n, s[j + 1] == 0x25 || s[j + 1] == 0xFF05 { return nil }
            return HeadingMarker(kind: .item, number: v, start: i, end: j + 1, atLineStart: lineStart)
        }
        return nil
    }
}
