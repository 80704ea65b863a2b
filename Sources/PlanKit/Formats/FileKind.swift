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
        let message: Message
        switch (self, purpose) {
        case (.text, _), (.html, .plan), (.docx, .plan), (.xlsx, .sheet):
            return nil
        case (.html, .sheet), (.docx, .sheet):
            message = Messages.planDocumentNotSheet(name, kind: self == .docx ? "Word .docx" : "web page")
        case (.xlsx, .plan): message = Messages.workbookNotPlan(name)
        case (.encryptedOffice, _): message = Messages.encryptedOffice(name)
        case (.legacyWord, _): message = Messages.legacyWord(name)
        case (.legacyExcel, _): message = Messages.legacyExcel(name)
        case (.legacyOffice, _): message = Messages.legacyOffice(name)
        case (.pdf, _): message = Messages.pdfNotRead(name)
        case (.rtf, _): message = Messages.rtfNotRead(name)
        case (.ofd, _): message = Messages.ofdNotRead(name)
        case (.odt, _): message = Messages.openDocumentText(name)
        case (.ods, _): message = Messages.openDocumentSheet(name)
        case (.otherZip, _): message = Messages.zipWithoutDocument(name)
        }
        return Diagnostic(message)
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
