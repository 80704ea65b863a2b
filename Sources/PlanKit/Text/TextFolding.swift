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

    /// Case-insensitive fold for keywords: folded then lowercased.
    public static func keyword(_ s: String) -> String { fold(s).lowercased() }
}
