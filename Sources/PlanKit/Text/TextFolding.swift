import Foundation

/// How strings are made comparable: Unicode NFC, then full-width ASCII folded to half-width
/// (`ＡＢＣ１２３（）：` → `ABC123():`) and the ideographic space to a space.
public enum TextFolding {
    public static func fold(_ s: String) -> String {
        var needs = false
        for u in s.unicodeScalars where u.value >= 0x80 {
            needs = true
            break
        }
        guard needs else { return s }
        let nfc = s.precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        for u in nfc.unicodeScalars {
            out.append(foldScalar(u))
        }
        return String(out)
    }

    @inline(__always) public static func foldScalar(_ u: Unicode.Scalar) -> Unicode.Scalar {
        switch u.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(u.value - 0xFEE0) ?? u
        case 0x3000: return " "
        default: return u
        }
    }

    /// `s` in NFC — the string itself when none of its characters can change, which a look at
    /// its bytes tells (the lead bytes of combining marks, jamo, kana voicing marks and CJK
    /// compatibility ideographs); full-width forms are left to the caller's folded pattern.
    public static func canonical(_ s: String) -> String {
        var it = s.utf8.makeIterator()
        var previous: UInt8 = 0
        var candidate = false
        while let b = it.next() {
            if previous == 0xCC || previous == 0xCD || previous == 0xE1 || (previous == 0xE2 && b == 0x83)
                || (previous == 0xE3 && b == 0x82) || (previous == 0xEF && b >= 0xA4 && b <= 0xAB) || (previous == 0xF0 && b == 0xAF) {
                candidate = true
                break
            }
            previous = b
        }
        if !candidate, previous == 0xCC || previous == 0xCD { candidate = true }
        return candidate ? s.precomposedStringWithCanonicalMapping : s
    }

    /// Case-insensitive fold for keywords: folded then lowercased.
    public static func keyword(_ s: String) -> String { fold(s).lowercased() }
}
