import Foundation
import ZIPFoundation

/// Writes an `XlsxWorkbook` as the parts of an .xlsx package (SpreadsheetML, ECMA-376), then
/// zips them in memory: what Excel, WPS and LibreOffice open without a repair prompt.
///
/// Strings go to a shared string table (as Excel writes them); dates are serial numbers in a
/// `yyyy-mm-dd` cell style; text that XML 1.0 cannot carry (C0 controls) is escaped as `_xHHHH_`,
/// the spreadsheet convention.
public enum XlsxWriter {
    /// The .xlsx file of `book`: its parts deflated into a zip built in memory.
    public static func data(_ book: XlsxWorkbook) throws -> [UInt8] {
        try zip(parts(book))
    }

    /// A zip of `parts`, deflated, in the order given.
    static func zip(_ parts: [(path: String, bytes: [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        let now = Date()
        for part in parts {
            let data = Data(part.bytes)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: now,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        guard let bytes = archive.data else { throw Diagnostic(Messages.cannotBuildWorkbook()) }
        return [UInt8](bytes)
    }

    /// The package's parts, in the order they are zipped.
    static func parts(_ book: XlsxWorkbook) -> [(path: String, bytes: [UInt8])] {
        var shared = SharedStrings()
        var sheets: [[UInt8]] = []
        let names = sheetNames(book.sheets.map(\.name))
        for sheet in book.sheets {
            sheets.append(XlsxSheetXML.render(sheet, shared: &shared))
        }
        var out: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes(sheetCount: sheets.count).utf8)),
            ("_rels/.rels", Array(rootRelationships.utf8)),
            ("xl/workbook.xml", Array(workbook(book, names: names).utf8)),
            ("xl/_rels/workbook.xml.rels", Array(workbookRelationships(sheetCount: sheets.count).utf8)),
            ("xl/styles.xml", Array(XlsxStyle.stylesXML.utf8)),
        ]
        for (i, s) in sheets.enumerated() { out.append(("xl/worksheets/sheet\(i + 1).xml", s)) }
        out.append(("xl/sharedStrings.xml", shared.xml()))
        return out
    }

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"

    static func contentTypes(sheetCount: Int) -> String {
        let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var s = header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="\#(ct).sheet.main+xml"/>"#
        for i in 1...max(1, sheetCount) where i <= sheetCount {
            s += #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="\#(ct).worksheet+xml"/>"#
        }
        s += #"<Override PartName="/xl/styles.xml" ContentType="\#(ct).styles+xml"/>"#
        s += #"<Override PartName="/xl/sharedStrings.xml" ContentType="\#(ct).sharedStrings+xml"/>"#
        return s + "</Types>"
    }

    static let rootRelationships = header + #"<Relationships xmlns="\#(packageRelNS)">"#
        + #"<Relationship Id="rId1" Type="\#(relNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#

    static func workbookRelationships(sheetCount: Int) -> String {
        var s = header + #"<Relationships xmlns="\#(packageRelNS)">"#
        for i in 0..<sheetCount {
            s += #"<Relationship Id="rId\#(i + 1)" Type="\#(relNS)/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        s += #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(relNS)/styles" Target="styles.xml"/>"#
        s += #"<Relationship Id="rId\#(sheetCount + 2)" Type="\#(relNS)/sharedStrings" Target="sharedStrings.xml"/>"#
        return s + "</Relationships>"
    }

    static func workbook(_ book: XlsxWorkbook, names: [String]) -> String {
        var s = header + #"<workbook xmlns="\#(mainNS)" xmlns:r="\#(relNS)">"#
        s += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (i, name) in names.enumerated() {
            s += #"<sheet name="\#(XML.escape(name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        s += "</sheets>"
        // Excel keeps an autofilter's range as a hidden defined name; without it Excel repairs the file.
        var defined = ""
        for (i, sheet) in book.sheets.enumerated() where sheet.autoFilter && !sheet.headers.isEmpty {
            let quoted = "'" + names[i].replacingOccurrences(of: "'", with: "''") + "'"
            defined += #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(i)" hidden="1">"#
                + XML.escape(quoted + "!" + XlsxSheetXML.absoluteRange(sheet)) + "</definedName>"
        }
        if !defined.isEmpty { s += "<definedNames>" + defined + "</definedNames>" }
        return s + "</workbook>"
    }

    /// Sheet names as a spreadsheet accepts them: at most 31 characters, none of `[]:*?/\`, not
    /// empty, unique regardless of case (a repeat gets ` (2)`).
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used = Set<String>()
        return wanted.enumerated().map { i, w in
            var base = String(w.map { "[]:*?/\\".contains($0) ? "_" : $0 })
            base = String(base.prefix(31)).trimmingCharacters(in: .whitespaces)
            if base.isEmpty || base.hasPrefix("'") { base = "Sheet\(i + 1)" }
            var name = base, n = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }
}

/// The shared string table: each distinct short string once, referred to by index. Long text
/// (a task, a note) is almost always unique, so it is added without the lookup, whose String
/// hashing (NFC) would cost more than the whole sheet; a table may repeat a string.
struct SharedStrings {
    private var index: [String: Int] = [:]
    private var ordered: [String] = []
    private(set) var references = 0
    static let longText = 40

    mutating func id(_ s: String) -> Int {
        references += 1
        if s.utf8.count > SharedStrings.longText {
            ordered.append(s)
            return ordered.count - 1
        }
        if let i = index[s] { return i }
        index[s] = ordered.count
        ordered.append(s)
        return ordered.count - 1
    }

    func xml() -> [UInt8] {
        var out = Array((XlsxWriter.header + #"<sst xmlns="\#(XlsxWriter.mainNS)" count="\#(references)" uniqueCount="\#(ordered.count)">"#).utf8)
        out.reserveCapacity(ordered.reduce(out.count) { $0 + $1.utf8.count + 16 })
        for s in ordered {
            out += Array("<si>".utf8)
            out += Array(XML.textElement("t", s).utf8)
            out += Array("</si>".utf8)
        }
        out += Array("</sst>".utf8)
        return out
    }
}

/// Escaping for the XML the writer emits.
enum XML {
    /// `&`, `<`, `>` and `"` as entities; C0 controls other than tab and line breaks as `_xHHHH_`
    /// (XML 1.0 cannot carry them), and a literal `_xHHHH_` protected as `_x005F_xHHHH_`.
    static func escape(_ s: String) -> String {
        var clean = true
        for b in s.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b < 0x20 || b == 0x5F {
            clean = false
            break
        }
        if clean { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        let scalars = Array(s.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n": out.unicodeScalars.append(u)
            case "\r": out += "&#13;"
            case "_" where looksEscaped(scalars, from: i): out += "_x005F_"
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += String(format: "_x%04X_", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// Whether `_xHHHH_` starts at `i` (so its underscore must itself be escaped).
    static func looksEscaped(_ s: [Unicode.Scalar], from i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// `<t>text</t>`, keeping leading and trailing spaces (`xml:space="preserve"`).
    static func textElement(_ name: String, _ s: String) -> String {
        let e = escape(s)
        let padded = s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true
        return padded ? "<\(name) xml:space=\"preserve\">\(e)</\(name)>" : "<\(name)>\(e)</\(name)>"
    }

    /// Spreadsheet text with its `_xHHHH_` escapes turned back into characters (what Excel shows).
    static func unescapeSpreadsheet(_ s: String) -> String {
        // A byte scan: Foundation's `contains` on String folds characters and costs more than
        // the whole sheet's XML parse.
        var underscore = false, escaped = false
        for b in s.utf8 {
            if underscore && b == 0x78 { escaped = true; break }
            underscore = b == 0x5F
        }
        guard escaped else { return s }
        let u = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < u.count {
            if u[i] == "_", looksEscaped(u, from: i),
               let v = UInt32(String(String.UnicodeScalarView(u[(i + 2)...(i + 5)])), radix: 16),
               let scalar = Unicode.Scalar(v) {
                out.append(scalar)
                i += 7
                continue
            }
            out.append(u[i])
            i += 1
        }
        return String(out)
    }
}
