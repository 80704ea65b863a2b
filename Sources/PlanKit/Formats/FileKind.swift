import Foundation

/// What a file really is, told from its bytes (the name only breaks ties between text and a web
/// page), and the one-line refusal for the kinds plansh does not read (SPEC §10).
///
/// Chinese government sites often serve a web page or an RTF file named `.doc`, and offices
/// rename files freely, so the bytes decide: a zip is opened to see which document it holds, an
/// OLE compound file is searched for its stream names.
public enum FileKind: String, Sendable, Equatable, CaseIterable {
    case text
    case html
    case docx
    case xlsx
    /// A password-protected .docx/.xlsx: an OLE file holding an `EncryptedPackage` stream.
    case encryptedOffice
    /// .doc / .wps (OLE with a `WordDocument` stream).
    case legacyWord
    /// .xls / .et (OLE with a `Workbook` or `Book` stream).
    case legacyExcel
    /// Any other OLE compound file (.ppt, .msg …).
    case legacyOffice
    case pdf
    case rtf
    /// OFD 版式文件 (a zip holding `OFD.xml`).
    case ofd
    /// OpenDocument text (.odt).
    case odt
    /// OpenDocument spreadsheet (.ods).
    case ods
    /// A zip that holds none of the above.
    case otherZip

    /// What a file is wanted for; the refusal points the other way when it is the wrong kind.
    public enum Purpose: Sendable {
        /// `import plan`: text, .docx, web pages.
        case plan
        /// `import progress`: .xlsx and CSV (text).
        case sheet
    }

    /// Sniffs `data`; `fileName` decides only between text and a web page.
    public static func sniff(_ data: Data, fileName: String) -> FileKind {
        let head = [UInt8](data.prefix(8))
        if ZipArchive.looksLikeZip(data) { return zipKind(data, fileName: fileName) }
        if head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] { return oleKind(data, fileName: fileName) }
        let start = [UInt8](leadingText(data).prefix(1024))
        if start.starts(with: Array("%PDF".utf8)) || data.prefix(1024).range(of: Data("%PDF-".utf8)) != nil { return .pdf }
        if start.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        let ext = (fileName as NSString).pathExtension.lowercased()
        if ["html", "htm", "xhtml", "shtml"].contains(ext) { return .html }
        if looksLikeHTML(start) { return .html }
        return .text
    }

    /// The refusal for a file of this kind wanted for `purpose`; nil when plansh reads it.
    public func refusal(fileName name: String, purpose: Purpose) -> Diagnostic? {
        let toDocx = "open it in Word or WPS and 另存为 .docx, or run `libreoffice --headless --convert-to docx \(name)`"
        let toXlsx = "open it in Excel or WPS and 另存为 .xlsx, or run `libreoffice --headless --convert-to xlsx \(name)`"
        let message: String
        switch (self, purpose) {
        case (.text, _), (.html, .plan), (.docx, .plan), (.xlsx, .sheet):
            return nil
        case (.html, .sheet), (.docx, .sheet):
            message = "is a plan document (\(self == .docx ? "Word .docx" : "web page")), not a progress sheet; "
                + "read it with `import plan`; progress sheets are .xlsx or .csv"
        case (.xlsx, .plan):
            message = "is an Excel workbook, not a plan document; read progress sheets with `import progress`; "
                + "plans are .docx, web pages or text"
        case (.encryptedOffice, _):
            message = "is a password-protected (encrypted) Office file; open it with its password in Word, Excel or WPS, "
                + "remove the password (文件 → 信息 → 保护 → 用密码进行加密, clear it) and save it again as .docx/.xlsx"
        case (.legacyWord, _):
            message = "is a legacy Word/WPS document (.doc/.wps), which plansh does not read; " + toDocx
        case (.legacyExcel, _):
            message = "is a legacy Excel/WPS workbook (.xls/.et), which plansh does not read; " + toXlsx
        case (.legacyOffice, _):
            message = "is an old-format (OLE) Office file that is neither Word nor Excel; save the plan as .docx "
                + "or the sheet as .xlsx (Word/WPS/Excel 另存为)"
        case (.pdf, _):
            message = "is a PDF, which plansh does not read; save the original document as .docx (Word/WPS 另存为), "
                + "or open the PDF in Word or WPS and 另存为 .docx"
        case (.rtf, _):
            message = "is an RTF document, which plansh does not read; " + toDocx
        case (.ofd, _):
            message = "is an OFD 版式文件, which plansh does not read; open it in WPS or an OFD reader (数科, 福昕) "
                + "and 另存为/导出 .docx, or save the original document as .docx"
        case (.odt, _):
            message = "is an OpenDocument text (.odt); " + toDocx
        case (.ods, _):
            message = "is an OpenDocument spreadsheet (.ods); " + toXlsx
        case (.otherZip, _):
            message = "is a zip archive that holds no Word or Excel document; unpack it and import the files inside"
        }
        return Diagnostic("\(name): \(message)")
    }

    // MARK: Sniffing

    static func zipKind(_ data: Data, fileName: String) -> FileKind {
        guard let archive = try? ZipArchive(data: data, fileName: fileName) else {
            // Damaged: the reader of the kind the name says reports the damage.
            switch (fileName as NSString).pathExtension.lowercased() {
            case "xlsx", "xlsm": return .xlsx
            case "ofd": return .ofd
            default: return .docx
            }
        }
        if archive.member("word/document.xml") != nil { return .docx }
        if archive.member("xl/workbook.xml") != nil { return .xlsx }
        if archive.member("OFD.xml") != nil { return .ofd }
        if let mime = try? archive.read("mimetype").map({ String(decoding: $0, as: UTF8.self) }) {
            if mime.hasPrefix("application/vnd.oasis.opendocument.text") { return .odt }
            if mime.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") { return .ods }
        }
        // An Office package whose main part is elsewhere: trust [Content_Types].xml.
        if let types = try? archive.read("[Content_Types].xml").map({ String(decoding: $0, as: UTF8.self) }) {
            if types.contains("wordprocessingml.document.main") { return .docx }
            if types.contains("spreadsheetml.sheet.main") { return .xlsx }
        }
        return .otherZip
    }

    /// Stream names of an OLE compound file sit in its directory as UTF-16LE; searching the bytes
    /// for them needs no full OLE reader.
    static func oleKind(_ data: Data, fileName: String) -> FileKind {
        func has(_ name: String) -> Bool {
            var bytes: [UInt8] = []
            for u in name.utf16 { bytes.append(UInt8(u & 0xFF)); bytes.append(UInt8(u >> 8)) }
            return data.range(of: Data(bytes)) != nil
        }
        if has("EncryptedPackage") || has("EncryptionInfo") { return .encryptedOffice }
        if has("WordDocument") { return .legacyWord }
        if has("Workbook") || has("Book\0") { return .legacyExcel }
        switch (fileName as NSString).pathExtension.lowercased() {
        case "doc", "wps", "dot": return .legacyWord
        case "xls", "et", "xlt": return .legacyExcel
        default: return .legacyOffice
        }
    }

    /// The bytes after a UTF-8 BOM and leading whitespace.
    static func leadingText(_ data: Data) -> Data {
        var d = data.prefix(4096)
        if d.starts(with: [0xEF, 0xBB, 0xBF]) { d = d.dropFirst(3) }
        while let b = d.first, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { d = d.dropFirst() }
        return d
    }

    static func looksLikeHTML(_ start: [UInt8]) -> Bool {
        guard start.first == 0x3C else { return false }  // <
        let lower = String(decoding: start, as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<head", "<body", "<meta", "<title"].contains { lower.contains($0) }
    }
}
