/// Readers of the XML parts of an .xlsx workbook, each fed the events of one part by `SafeXML`
/// (element names without namespace prefixes). SpreadsheetML: ECMA-376 Part 1, §18.

/// `xl/workbook.xml`: the sheets in tab order with their relationship ids, and the date system.
final class XlsxWorkbookPart: XMLEventHandler {
    struct Sheet: Equatable {
        var name: String
        var relationship: String
    }
    var sheets: [Sheet] = []
    var date1904 = false

    func startElement(_ name: String, attributes: SafeXML.Attributes) {
        switch name {
        case "sheet":
            // The relationship id is `r:id` in the officeDocument relationships namespace,
            // whatever its prefix.
            let rel = attributes["id"] ?? ""
            sheets.append(Sheet(name: attributes["name"] ?? "", relationship: rel))
        case "workbookPr":
            let v = attributes["date1904"] ?? ""
            date1904 = v == "1" || v == "true"
        default: break
        }
    }

    func endElement(_ name: String) {}
    func characters(_ s: String) {}
}

/// `xl/_rels/workbook.xml.rels`: relationship id → part path inside the archive.
final class XlsxRelationshipsPart: XMLEventHandler {
    /// Where relative targets are resolved from (`xl/`).
    let base: String
    var targets: [String: String] = [:]

    init(base: String) { self.base = base }

    func startElement(_ name: String, attributes: SafeXML.Attributes) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = XlsxRelationshipsPart.resolve(target, base: base)
    }

    func endElement(_ name: String) {}
    func characters(_ s: String) {}

    /// `worksheets/sheet1.xml` from `xl/` → `xl/worksheets/sheet1.xml`; `/xl/…` is from the root;
    /// `..` segments climb. Only used to look a member up by name, never to write a file.
    static func resolve(_ target: String, base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for seg in target.split(separator: "/") {
            switch seg {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(seg)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// `xl/sharedStrings.xml`: the text of each `<si>`, its runs joined, phonetic guides left out.
final class XlsxSharedStringsPart: XMLEventHandler {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    func startElement(_ name: String, attributes: SafeXML.Attributes) {
        switch name {
        case "si": current = ""
        case "t": inText = phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }

    func characters(_ s: String) { if inText { current += s } }

    func endElement(_ name: String) {
        switch name {
        case "t": inText = false
        case "rPh": phonetic -= 1
        case "si": strings.append(XML.unescapeSpreadsheet(current))
        default: break
        }
    }
}

/// `xl/styles.xml`: what number format each cell style (`<c s="N">`) shows.
final class XlsxStylesPart: XMLEventHandler {
    private var custom: [Int: XlsxNumberFormat] = [:]
    private var formatIDs: [Int] = []
    private var inCellXfs = false

    /// The format kind of each cell style index.
    var formats: [XlsxNumberFormat] {
        formatIDs.map { custom[$0] ?? XlsxNumberFormat.builtIn($0) }
    }

    func startElement(_ name: String, attributes: SafeXML.Attributes) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                custom[id] = XlsxNumberFormat.code(code)
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default: break
        }
    }

    func endElement(_ name: String) { if name == "cellXfs" { inCellXfs = false } }
    func characters(_ s: String) {}
}

/// A worksheet: its rows as text cells placed by their references (`B7`), so sparse rows keep
/// their columns; shared and inline strings, numbers shown as their format says (dates, percents),
/// formulas by their cached value, booleans as TRUE/FALSE.
final class XlsxSheetPart: XMLEventHandler {
    var rows: [ProgressSheet.Row] = []
    /// Cells further right than this are dropped (a sheet's last column is XFD, 16,384).
    static let maxColumns = 16384
    /// Larger row numbers are read as this one.
    static let maxRows = 1 << 30
    /// Cells a sheet may hold, counting the empty ones a value far to the right pads its row
    /// with (a few hundred bytes of XML could otherwise ask for gigabytes).
    static let maxCells = 10_000_000
    /// Set when the sheet holds more than `maxCells`: the cells past it were dropped.
    private(set) var tooManyCells = false
    private var cellsHeld = 0

    private let shared: [String]
    private let formats: [XlsxNumberFormat]
    private let date1904: Bool
    private var cells: [String] = []
    private var rowNumber = 0
    private var column = -1
    private var type = ""
    private var style = 0
    private var value = ""
    private var inValue = false
    private var inInline = false
    private var phonetic = 0
    private var inRow = false

    private let cellLimit: Int

    init(shared: [String], formats: [XlsxNumberFormat], date1904: Bool, cellLimit: Int = XlsxSheetPart.maxCells) {
        self.shared = shared
        self.formats = formats
        self.date1904 = date1904
        self.cellLimit = cellLimit
    }

    func startElement(_ name: String, attributes: SafeXML.Attributes) {
        switch name {
        case "row":
            // Excel's last row is 1,048,576; a larger number is clamped so counting on cannot overflow.
            rowNumber = min(attributes["r"].flatMap { Int($0) } ?? rowNumber + 1, XlsxSheetPart.maxRows)
            cells = []
            column = -1
            inRow = true
        case "c":
            column = attributes["r"].flatMap(XlsxSheetPart.column(ofReference:)) ?? column + 1
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
        case "v": inValue = true
        case "is": inInline = true
        case "t": inValue = inInline && phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }

    func characters(_ s: String) { if inValue { value += s } }

    func endElement(_ name: String) {
        switch name {
        case "v", "t": inValue = false
        case "is": inInline = false
        case "rPh": phonetic -= 1
        case "c": place()
        case "row":
            if inRow { rows.append(ProgressSheet.Row(number: rowNumber, cells: cells)) }
            inRow = false
        default: break
        }
    }

    /// The finished cell into its column.
    private func place() {
        guard column >= 0, column < XlsxSheetPart.maxColumns else { return }
        let text: String
        switch type {
        case "s": text = Int(value).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? ""
        case "inlineStr", "str": text = XML.unescapeSpreadsheet(value)
        case "e", "d": text = value
        case "b": text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        default:
            let format = style >= 0 && style < formats.count ? formats[style] : .number
            text = Double(value).map { format.text($0, date1904: date1904) } ?? value
        }
        if text.isEmpty { return }
        if cells.count <= column {
            let grow = column + 1 - cells.count
            guard cellsHeld + grow <= cellLimit else {
                tooManyCells = true
                return
            }
            cellsHeld += grow
            cells += Array(repeating: "", count: grow)
        }
        cells[column] = text
    }

    /// `BC12` → 54 (A is 0); nil when the reference has no column letters.
    static func column(ofReference ref: String) -> Int? {
        var n = 0, letters = 0
        for u in ref.utf8 {
            switch u {
            case 0x41...0x5A: n = n * 26 + Int(u - 0x40)
            case 0x61...0x7A: n = n * 26 + Int(u - 0x60)
            case 0x24: continue
            default:
                return letters == 0 ? nil : n - 1
            }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : n - 1
    }
}
