import Foundation

/// Bytes to text the way Chinese offices' files really arrive (SPEC §10): UTF-8 with or
/// without a BOM, UTF-16 with a BOM, and GB18030 — the superset of GBK and GB2312 that
/// Chinese Windows, WPS and Excel write — when the bytes are not valid UTF-8.
///
/// Foundation has no auto-detection and its GBK/EUC-CN converters miss characters, so the
/// order is fixed: a BOM wins, then a charset the document declares (web pages), then UTF-8
/// when the bytes are valid UTF-8, then GB18030.
public enum TextDecoding {
    /// The encodings plansh reads.
    public enum Encoding: String, Sendable, Equatable, CaseIterable {
        case utf8 = "UTF-8"
        case utf16LE = "UTF-16LE"
        case utf16BE = "UTF-16BE"
        case gb18030 = "GB18030"

        /// Foundation's value for this encoding.
        public var foundation: String.Encoding {
            switch self {
            case .utf8: return .utf8
            case .utf16LE: return .utf16LittleEndian
            case .utf16BE: return .utf16BigEndian
            case .gb18030: return TextDecoding.gb18030
            }
        }
    }

    /// A decoded document and what it was read as.
    public struct Decoded: Sendable, Equatable {
        public var text: String
        public var encoding: Encoding
        /// True when the encoding came from a byte-order mark.
        public var hadBOM: Bool
        /// A warning for the plan's list when the file was not UTF-8 (`read as GB18030`); nil for UTF-8.
        public var warning: String? {
            encoding == .utf8 ? nil : Messages.readAsEncoding(encoding.rawValue).text
        }
    }

    /// GB18030-2000 as a `String.Encoding`: Core Foundation's `kCFStringEncodingGB_18030_2000`
    /// (0x0632) in the NSStringEncoding form `CFStringConvertEncodingToNSStringEncoding` gives,
    /// 0x8000_0000 | 0x0632 (that function is not exported by Foundation on Linux).
    public static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The encoding named by a charset label (`<meta charset>`, `http-equiv`, an XML declaration);
    /// nil for a label plansh does not know. GB2312, GBK, CP936 and their aliases read as GB18030.
    public static func encoding(forCharset label: String) -> Encoding? {
        let l = label.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'")))
            .lowercased()
        switch l {
        case "utf-8", "utf8", "unicode-1-1-utf-8": return .utf8
        case "gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "csgb2312", "chinese", "iso-ir-58",
             "windows-936", "ms936", "gb_2312-80", "x-euc-cn", "hz-gb-2312":
            return .gb18030
        case "utf-16le": return .utf16LE
        case "utf-16be", "utf-16": return .utf16BE
        default: return nil
        }
    }

    /// Decodes `data`; `declared` is a charset the document itself names (ignored when a BOM
    /// says otherwise, and when it says UTF-8 of bytes that are not). Throws a diagnostic naming
    /// `fileName` when nothing reads the bytes.
    public static func decode(_ data: Data, fileName: String, declared: Encoding? = nil) throws -> Decoded {
        if let (encoding, bomLength) = byteOrderMark(data) {
            let body = data.dropFirst(bomLength)
            guard encoding == .utf8 || body.count % 2 == 0, let text = String(data: body, encoding: encoding.foundation) else {
                throw Diagnostic(Messages.badByteOrderMark(fileName, encoding: encoding.rawValue))
            }
            return Decoded(text: text, encoding: encoding, hadBOM: true)
        }
        if let declared, declared != .utf8, let text = String(data: data, encoding: declared.foundation) {
            return Decoded(text: text, encoding: declared, hadBOM: false)
        }
        if let text = String(validating: data, as: UTF8.self) {
            return Decoded(text: text, encoding: .utf8, hadBOM: false)
        }
        if let text = String(data: data, encoding: gb18030), !text.isEmpty || data.isEmpty {
            return Decoded(text: text, encoding: .gb18030, hadBOM: false)
        }
        throw Diagnostic(Messages.unknownEncoding(fileName))
    }

    /// The encoding a byte-order mark at the start of `data` names, and the mark's length.
    public static func byteOrderMark(_ data: Data) -> (Encoding, Int)? {
        var it = data.makeIterator()
        let b0 = it.next(), b1 = it.next(), b2 = it.next()
        if b0 == 0xEF, b1 == 0xBB, b2 == 0xBF { return (.utf8, 3) }
        if b0 == 0xFF, b1 == 0xFE { return (.utf16LE, 2) }
        if b0 == 0xFE, b1 == 0xFF { return (.utf16BE, 2) }
        return nil
    }
}
