/// Terminal column width of text: East Asian wide and full-width characters take two columns,
/// combining marks and zero-width characters none.
public enum DisplayWidth {
    public static func of(_ s: some StringProtocol) -> Int {
        var w = 0
        for u in s.unicodeScalars { w += of(u) }
        return w
    }

    public static func of(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v < 0x20 { return 0 }
        if v < 0x7F { return 1 }
        if v < 0xA0 { return 0 }
        // Combining marks and zero-width characters.
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFEFF
            || (0xFE00...0xFE0F).contains(v) || (0x20D0...0x20FF).contains(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix of `s` that fits in `width` columns, with `…` appended when cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard of(s) > width else { return s }
        guard width >= 1 else { return "" }
        var out = ""
        var w = 0
        for ch in s {
            let cw = of(String(ch))
            if w + cw > width - 1 { break }
            out.append(ch)
            w += cw
        }
        return out + "…"
    }

    /// Pads `s` with spaces to `width` columns (left-aligned, or right-aligned when `right`).
    public static func pad(_ s: String, to width: Int, right: Bool = false) -> String {
        let n = max(0, width - of(s))
        let fill = String(repeating: " ", count: n)
        return right ? fill + s : s + fill
    }

    /// Splits `s` into lines of at most `width` columns. Chinese text breaks between any two
    /// characters; a run of ASCII letters, digits and punctuation (a word, a date, an id) moves
    /// whole to the next line when it fits there, a space at a break is dropped, closing
    /// punctuation (`，` `。` `）` `,`) never starts a line and opening punctuation never ends one.
    public static func wrap(_ s: String, to width: Int) -> [String] {
        guard width > 0 else { return [s] }
        var lines: [String] = []
        var cur = ""
        var w = 0
        func breakLine() {
            while cur.last == " " { cur.removeLast() }
            lines.append(cur)
            cur = ""
            w = 0
        }
        for unit in wrapUnits(s) {
            let uw = of(unit)
            if unit == " " && cur.isEmpty && !lines.isEmpty { continue }
            if w + uw <= width {
                cur += unit
                w += uw
                continue
            }
            if unit == " " { breakLine(); continue }
            if !cur.isEmpty && uw <= width { breakLine() }
            // Wider than a line: cut by characters.
            for ch in unit {
                let cw = of(String(ch))
                if w + cw > width && !cur.isEmpty { breakLine() }
                cur.append(ch)
                w += cw
            }
        }
        if !cur.isEmpty || lines.isEmpty { lines.append(cur) }
        return lines
    }

    static let closing: Set<Character> = ["，", "。", "；", "：", "、", "）", "》", "」", "』", "】", "”", "’", "！", "？",
                                           ",", ".", ";", ":", ")", "!", "?", "%"]
    static let opening: Set<Character> = ["（", "《", "「", "『", "【", "“", "‘", "("]

    /// What `wrap` never breaks inside: an ASCII run, one other character, or a space; closing
    /// punctuation joined to what precedes it, opening punctuation to what follows.
    static func wrapUnits(_ s: String) -> [String] {
        var units: [String] = []
        var word = ""
        var pendingOpen = ""
        func push(_ u: String) {
            if let f = u.first, closing.contains(f), let last = units.last, last != " " {
                units[units.count - 1] += u
            } else if u.count == 1, let f = u.first, opening.contains(f) {
                pendingOpen += u
            } else if u == " " {
                if !pendingOpen.isEmpty { units.append(pendingOpen); pendingOpen = "" }
                units.append(u)
            } else {
                units.append(pendingOpen + u)
                pendingOpen = ""
            }
        }
        for ch in s {
            if ch.isASCII && ch != " " && !(word.isEmpty && opening.contains(ch)) {
                word.append(ch)
                continue
            }
            if !word.isEmpty { push(word); word = "" }
            push(String(ch))
        }
        if !word.isEmpty { push(word) }
        if !pendingOpen.isEmpty { units.append(pendingOpen) }
        return units
    }
}
