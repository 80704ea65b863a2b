/// Text made safe to show on a terminal: control characters in data are shown, never obeyed.
///
/// A note, heading or office name can hold any character a sheet or `update` put there; sent
/// raw, `ESC[2J` would clear the analyst's screen and `ESC]0;…BEL` retitle the window. Every C0
/// control but tab and newline, DEL and every C1 control is written as a visible escape: ESC as
/// `\e`, the others as `\xHH` (the code point in hex): `\e[2J`, `\x07`, `\x9b`.
///
/// One exception keeps plansh's own colours working: a complete SGR colour sequence
/// (`ESC [` digits and `;` `m`) whose parameters only set or reset colours and bold passes
/// through. It cannot move the cursor, clear, retitle or hide text; anything else after an ESC
/// (or an SGR with other parameters, such as 8 "conceal") is escaped.
public enum TerminalText {
    /// `s` with every control character but tab and newline written as a visible escape.
    public static func escaped(_ s: String) -> String {
        guard needsEscaping(s) else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if u == "\u{1B}", let end = colourSequenceEnd(scalars, from: i) {
                out.append(contentsOf: scalars[i..<end])
                i = end
                continue
            }
            if isControl(u) {
                out.append(contentsOf: visible(u).unicodeScalars)
            } else {
                out.append(u)
            }
            i += 1
        }
        return String(out)
    }

    /// The visible form of one control character.
    public static func visible(_ u: Unicode.Scalar) -> String {
        if u == "\u{1B}" { return "\\e" }
        let hex = String(u.value, radix: 16)
        return "\\x" + (hex.count < 2 ? "0" + hex : hex)
    }

    /// C0 controls but tab and newline, DEL, and C1 controls.
    @inline(__always)
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x09 && v != 0x0A) || (v >= 0x7F && v <= 0x9F)
    }

    /// Whether any byte of `s` starts a control character (one pass over UTF-8; most text has none).
    static func needsEscaping(_ s: String) -> Bool {
        var previous: UInt8 = 0
        for b in s.utf8 {
            if (b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x7F { return true }
            // C1 controls are U+0080…U+009F: C2 80…C2 9F in UTF-8.
            if previous == 0xC2 && b >= 0x80 && b <= 0x9F { return true }
            previous = b
        }
        return false
    }

    /// SGR parameters that only choose colours or boldness.
    static let colourParameters: Set<Int> = Set([0, 1, 2, 22, 39, 49]).union(30...37).union(40...47).union(90...97)

    /// The end of an SGR colour sequence starting at `i` (an ESC), nil when it is anything else.
    static func colourSequenceEnd(_ scalars: [Unicode.Scalar], from i: Int) -> Int? {
        guard i + 2 < scalars.count, scalars[i + 1] == "[" else { return nil }
        var j = i + 2
        var number = 0, digits = 0
        while j < scalars.count, j - i < 32 {
            let u = scalars[j]
            if u.value >= 0x30 && u.value <= 0x39 {
                guard digits < 3 else { return nil }
                number = number * 10 + Int(u.value - 0x30)
                digits += 1
            } else if u == ";" || u == "m" {
                guard digits > 0 || u == "m", colourParameters.contains(number) else { return nil }
                if u == "m" { return j + 1 }
                number = 0
                digits = 0
            } else {
                return nil
            }
            j += 1
        }
        return nil
    }
}
