import Foundation
import Testing
@testable import PlanKit

/// Workbooks plansh writes are real .xlsx packages: every part present and well-formed, the
/// ledger's header frozen and filtered, widths by display width, a list on 状态, lights filled.
@Suite struct XlsxWriterTests {
    /// Collects the elements of a part (local names with attributes) and its text.
    final class Elements: XMLEventHandler {
        var list: [(name: String, attributes: [String: String])] = []
        var text = ""
        func startElement(_ name: String, attributes: SafeXML.Attributes) { list.append((name, attributes.all)) }
        func endElement(_ name: String) {}
        func characters(_ t: String) { text += t }
        func first(_ name: String) -> [String: String]? { list.first { $0.name == name }?.attributes }
        func all(_ name: String) -> [[String: String]] { list.filter { $0.name == name }.map(\.attributes) }
    }

    static func part(_ archive: ZipArchive, _ path: String) throws -> Elements {
        let data = try #require(try archive.read(path), "no \(path)")
        let e = Elements()
        try SafeXML.parse(data, source: path, handler: e)
        return e
    }

    @Test func theLedgerIsAValidWorkbook() throws {
        let w = try XlsxRoundTripTests.workspace()
        let bytes = try XlsxWriter.data(Ledger.workbook(w, rows: Array(0..<w.tasks.count)))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(FileKind.sniff(Data(bytes), fileName: "x.bin") == .xlsx)
        let archive = try ZipArchive(data: Data(bytes), fileName: "ledger.xlsx")
        let paths = Set(archive.members.map(\.path))
        #expect(paths == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                          "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
        // Every part is well-formed XML; every part but the content types is declared in them.
        let types = try Self.part(archive, "[Content_Types].xml")
        let overrides = Set(types.all("Override").compactMap { $0["PartName"] })
        for p in paths where p.hasPrefix("xl/") && !p.hasSuffix(".rels") { #expect(overrides.contains("/" + p), "\(p) undeclared") }
        let book = try Self.part(archive, "xl/workbook.xml")
        #expect(book.first("sheet")?["name"] == "台账")
        #expect(book.first("definedName")?["name"] == "_xlnm._FilterDatabase")
        #expect(book.text.contains("'台账'!$A$1:$L$\(w.tasks.count + 1)"))

        let sheet = try Self.part(archive, "xl/worksheets/sheet1.xml")
        #expect(sheet.first("pane")?["state"] == "frozen" && sheet.first("pane")?["ySplit"] == "1")
        #expect(sheet.first("autoFilter")?["ref"] == "A1:L\(w.tasks.count + 1)")
        let validation = try #require(sheet.first("dataValidation"))
        #expect(validation["type"] == "list" && validation["sqref"]?.hasPrefix("J2:J") == true)
        #expect(sheet.text.contains("\"未启动,推进中,滞后,已完成\""))
        // Widths by display width: 任务编号 (8 columns wide) + padding; 重点任务 capped; CJK counts 2.
        let widths = sheet.all("col").compactMap { $0["width"].flatMap(Double.init) }
        #expect(widths.count == 12)
        #expect(widths[3] == 60)
        let offices = (0..<w.tasks.count).map { r in w.tasks.officeCodes(row: r).first.map { w.tasks.offices[$0] } ?? "" }
        #expect(widths[4] == Double(max(DisplayWidth.of("牵头科室") + 4, (offices.map { DisplayWidth.of($0) }.max() ?? 0) + 2)))
        #expect(sheet.all("row").count == w.tasks.count + 1)
        // Header cells use the bold header style; the shared strings hold the headers.
        let strings = try Self.part(archive, "xl/sharedStrings.xml")
        #expect(strings.all("si").count > 12)
        #expect(strings.text.hasPrefix(Ledger.headers.joined()))
    }

    @Test func cellsKeepTheirTypesAndLightsTheirFills() throws {
        var sheet = XlsxSheet(name: "a/b:c", headers: ["名称", "数", "日期", "灯"], rows: [
            [.text(" 前后有空格 "), .integer(42), .date(CalendarDay(year: 2025, month: 6, day: 30)), XlsxCell(.text("红"), fill: .red)],
            [.text("控制\u{1}字符 _x0041_"), .number(0.5), .empty, XlsxCell(.text("绿"), fill: .green)],
        ])
        sheet.validations = []
        let bytes = try XlsxWriter.data(XlsxWorkbook(sheets: [sheet, XlsxSheet(name: "A/B:C", headers: ["x"], rows: [])]))
        let archive = try ZipArchive(data: Data(bytes), fileName: "t.xlsx")
        let book = try Self.part(archive, "xl/workbook.xml")
        #expect(book.all("sheet").compactMap { $0["name"] } == ["a_b_c", "A_B_C (2)"])
        let xml = try Self.part(archive, "xl/worksheets/sheet1.xml")
        let cells = xml.all("c")
        #expect(cells.first { $0["r"] == "C2" }?["s"] == String(XlsxStyle.date.rawValue))
        #expect(cells.first { $0["r"] == "D2" }?["s"] == String(XlsxStyle.red.rawValue))
        #expect(cells.first { $0["r"] == "D3" }?["s"] == String(XlsxStyle.green.rawValue))
        #expect(cells.first { $0["r"] == "B2" }?["t"] == nil)
        // Read back by plansh's own reader: the values a person sees.
        let rows = try XlsxReader(data: Data(bytes), displayName: "t.xlsx").rows(ofSheet: nil)
        #expect(rows.map(\.cells) == [["名称", "数", "日期", "灯"],
                                      [" 前后有空格 ", "42", "2025-06-30", "红"],
                                      ["控制\u{1}字符 _x0041_", "0.5", "", "绿"]])
        let styles = try Self.part(archive, "xl/styles.xml")
        #expect(styles.all("fgColor").compactMap { $0["rgb"] }.contains("FFFFC7CE"))
    }
}

/// Pieces of the reader that office files rely on.
@Suite struct XlsxReaderTests {
    @Test func numberFormatsDecideDatesAndPercents() {
        #expect(XlsxNumberFormat.builtIn(14) == .date && XlsxNumberFormat.builtIn(22) == .date)
        #expect(XlsxNumberFormat.builtIn(31) == .date && XlsxNumberFormat.builtIn(9) == .percent)
        #expect(XlsxNumberFormat.builtIn(0) == .number && XlsxNumberFormat.builtIn(2) == .number)
        #expect(XlsxNumberFormat.code(#"yyyy"年"m"月"d"日""#) == .date)
        #expect(XlsxNumberFormat.code("[$-804]yyyy/m/d;@") == .date)
        #expect(XlsxNumberFormat.code("h:mm") == .number)
        #expect(XlsxNumberFormat.code("0.0%") == .percent)
        #expect(XlsxNumberFormat.code(#"0"天""#) == .number)
        #expect(XlsxNumberFormat.code("General") == .number)
        #expect(XlsxNumberFormat.code(#"[Red]0.00;"day""#) == .number)
    }

    @Test func serialNumbersAreDays() {
        #expect(XlsxNumberFormat.day(serial: 45838, date1904: false)?.description == "2025-06-30")
        #expect(XlsxNumberFormat.day(serial: 1, date1904: false)?.description == "1900-01-01")
        #expect(XlsxNumberFormat.day(serial: 61, date1904: false)?.description == "1900-03-01")
        #expect(XlsxNumberFormat.day(serial: 0, date1904: true)?.description == "1904-01-01")
        #expect(XlsxNumberFormat.serial(of: CalendarDay(year: 2025, month: 6, day: 30) ?? CalendarDay(containing: Date())) == 45838)
        #expect(XlsxNumberFormat.percent.text(0.4, date1904: false) == "40")
        #expect(XlsxNumberFormat.percent.text(0.355, date1904: false) == "35.5")
        #expect(XlsxNumberFormat.number.text(0.1 + 0.2, date1904: false) == "0.3")
    }

    @Test func sparseRowsArePlacedByReference() throws {
        let part = XlsxSheetPart(shared: ["编号", "状态"], formats: [.number, .percent], date1904: false)
        let xml = #"""
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        <row r="2"><c r="B2" t="s"><v>0</v></c><c r="E2" t="s"><v>1</v></c></row>
        <row><c r="C3" s="1"><v>0.45</v></c><c t="str"><f>A1&amp;"x"</f><v>ax</v></c><c r="AA3" t="b"><v>1</v></c></row>
        <row r="7"><c r="A7" t="inlineStr"><is><r><t>分</t></r><r><t xml:space="preserve">段 </t></r><rPh><t>ぶん</t></rPh></is></c></row>
        </sheetData></worksheet>
        """#
        try SafeXML.parse(Data(xml.utf8), source: "t", handler: part)
        #expect(part.rows.map(\.number) == [2, 3, 7])
        #expect(part.rows[0].cells == ["", "编号", "", "", "状态"])
        #expect(part.rows[1].cells.count == 27 && part.rows[1].cells[2] == "45" && part.rows[1].cells[3] == "ax")
        #expect(part.rows[1].cells[26] == "TRUE")
        #expect(part.rows[2].cells == ["分段 "])
        #expect(XlsxSheetPart.column(ofReference: "$AB$12") == 27)
        #expect(XlsxSheetPart.column(ofReference: "12") == nil)
    }
}
