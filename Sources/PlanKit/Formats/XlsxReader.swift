import Foundation

/// Reads the worksheets of an .xlsx workbook as rows of cell text (SPEC §10): sheets by name
/// from `xl/workbook.xml` and its relationships, shared and inline strings, numbers shown as
/// their number format says (dates as `YYYY-MM-DD`, a percent cell 0.4 as `40`), formulas by
/// their cached value, sparse rows placed by cell reference.
struct XlsxReader {
    let displayName: String
    let archive: ZipArchive

    /// Opens the workbook in `data` (a zip; damage and the archive limits of §10 are errors).
    init(data: Data, displayName: String) throws {
        self.displayName = displayName
        archive = try ZipArchive(data: data, fileName: displayName)
    }

    /// The bytes of an archive member by its path, nil when there is none.
    private func member(_ path: String) throws -> Data? { try archive.read(path) }

    /// The rows of the sheet named `name` (compared after folding, case-insensitively), else of
    /// the first sheet.
    func rows(ofSheet name: String?) throws -> [ProgressSheet.Row] {
        guard let workbookBytes = try member("xl/workbook.xml") else {
            throw Diagnostic(Messages.zipNotWorkbook(displayName))
        }
        let workbook = XlsxWorkbookPart()
        try parse(workbookBytes, "xl/workbook.xml", workbook)
        guard !workbook.sheets.isEmpty else { throw Diagnostic(Messages.workbookWithoutSheets(displayName)) }
        let sheet = try pick(name, from: workbook.sheets)
        let rels = XlsxRelationshipsPart(base: "xl")
        if let bytes = try member("xl/_rels/workbook.xml.rels") { try parse(bytes, "xl/_rels/workbook.xml.rels", rels) }
        // A workbook whose relationships are missing still names its sheets sheetN.xml in tab order.
        let index = workbook.sheets.firstIndex(of: sheet) ?? 0
        let path = rels.targets[sheet.relationship] ?? "xl/worksheets/sheet\(index + 1).xml"
        guard let sheetBytes = try member(path) else {
            throw Diagnostic(Messages.sheetMissingFromWorkbook(displayName, sheet: sheet.name, path: path))
        }
        let shared = XlsxSharedStringsPart()
        if let p = rels.targets.values.first(where: { $0.hasSuffix("sharedStrings.xml") }) ?? Optional("xl/sharedStrings.xml"),
           let bytes = try member(p) {
            try parse(bytes, p, shared)
        }
        let styles = XlsxStylesPart()
        if let p = rels.targets.values.first(where: { $0.hasSuffix("styles.xml") }) ?? Optional("xl/styles.xml"),
           let bytes = try member(p) {
            try parse(bytes, p, styles)
        }
        let part = XlsxSheetPart(shared: shared.strings, formats: styles.formats, date1904: workbook.date1904)
        try parse(sheetBytes, path, part)
        if part.tooManyCells { throw Diagnostic(Messages.sheetTooManyCells(displayName, sheet: sheet.name, limit: XlsxSheetPart.maxCells)) }
        return part.rows
    }

    /// The sheet `name` asks for, or the first; an unknown name lists the sheets there are.
    func pick(_ name: String?, from sheets: [XlsxWorkbookPart.Sheet]) throws -> XlsxWorkbookPart.Sheet {
        guard let name else { return sheets[0] }
        if let s = sheets.first(where: { $0.name == name }) { return s }
        let key = TextFolding.keyword(name).trimmingCharacters(in: .whitespaces)
        if let s = sheets.first(where: { TextFolding.keyword($0.name).trimmingCharacters(in: .whitespaces) == key }) { return s }
        let names = sheets.map(\.name)
        throw Diagnostic(Messages.noSheetNamed(displayName, sheet: name, sheets: names))
    }

    /// Feeds `bytes` (the part at `path`) to `handler`; malformed XML is an error naming the part.
    private func parse(_ bytes: Data, _ path: String, _ handler: some XMLEventHandler) throws {
        try SafeXML.parse(bytes, source: "\(displayName) (\(path))", handler: handler)
    }
}
