import Foundation
import Testing
@testable import PlanKit

/// The ledger round-trips: exported by plansh, changed as a spreadsheet program saves it (Excel:
/// shared strings; openpyxl: inline strings), read back by `import progress` with only the real
/// changes recorded.
@Suite struct XlsxRoundTripTests {
    /// The demo plans with March's progress.
    static func workspace() throws -> Workspace {
        var w = ProgressSheetFormatTests.workspace
        let march = Fixtures.packageRoot.appendingPathComponent("examples/progress/2025-03.csv")
        let updates = try ProgressSheet.updates(from: march, displayName: "2025-03.csv", in: w)
        try w.apply(.updateProgress(updates, month: YearMonth(year: 2025, month: 3), at: 1))
        return w
    }

    enum Style { case sharedStrings, inlineStrings }

    /// A worksheet as a spreadsheet program writes it back: every non-empty cell with its
    /// reference, numbers as numbers, strings shared or inline, Excel's extra row attributes.
    static func sheetXML(_ rows: [[String]], numericColumns: Set<Int>, style: Style) -> (sheet: String, shared: String?) {
        var sst: [String] = []
        var index: [String: Int] = [:]
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        x += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        x += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#
        x += #"xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetData>"#
        for (r, row) in rows.enumerated() {
            x += #"<row r="\#(r + 1)" spans="1:\#(row.count)" x14ac:dyDescent="0.25">"#
            for (c, v) in row.enumerated() where !v.isEmpty {
                let ref = XlsxSheetXML.columnName(c) + String(r + 1)
                if r > 0 && numericColumns.contains(c), Double(v) != nil {
                    x += #"<c r="\#(ref)"><v>\#(v)</v></c>"#
                } else if style == .sharedStrings {
                    let i = index[v] ?? sst.count
                    if index[v] == nil { index[v] = i; sst.append(v) }
                    x += #"<c r="\#(ref)" t="s"><v>\#(i)</v></c>"#
                } else {
                    x += #"<c r="\#(ref)" t="inlineStr"><is>\#(XML.textElement("t", v))</is></c>"#
                }
            }
            x += "</row>"
        }
        x += "</sheetData></worksheet>"
        guard style == .sharedStrings else { return (x, nil) }
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        s += #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(sst.count)" uniqueCount="\#(sst.count)">"#
        for v in sst { s += "<si>" + XML.textElement("t", v) + "</si>" }
        return (x, s + "</sst>")
    }

    /// The exported ledger with `sheet1.xml` (and the shared strings) replaced.
    static func resaved(_ exported: [UInt8], rows: [[String]], style: Style) throws -> [UInt8] {
        let archive = try ZipArchive(data: Data(exported), fileName: "ledger.xlsx")
        let numeric = Set([Ledger.headers.firstIndex(of: "完成进度")].compactMap { $0 })
        let (sheet, shared) = sheetXML(rows, numericColumns: numeric, style: style)
        var parts: [(path: String, bytes: [UInt8])] = []
        for m in archive.members where m.path != "xl/sharedStrings.xml" || shared != nil {
            switch m.path {
            case "xl/worksheets/sheet1.xml": parts.append((m.path, Array(sheet.utf8)))
            case "xl/sharedStrings.xml": parts.append((m.path, Array((shared ?? "").utf8)))
            default: parts.append((m.path, [UInt8](try archive.read(m))))
            }
        }
        return try XlsxWriter.zip(parts)
    }

    @Test(arguments: [Style.sharedStrings, .inlineStrings])
    func aLedgerFilledInReadsBackWithOnlyTheRealChanges(style: Style) throws {
        var w = try Self.workspace()
        let exported = try XlsxWriter.data(Ledger.workbook(w, rows: Array(0..<w.tasks.count)))
        // Read back untouched: every task, no change at all.
        let untouched = try ProgressSheet.parse(file: exported, displayName: "ledger.xlsx", sheet: nil, in: w)
        #expect(untouched.problems.isEmpty, "\(untouched.problems)")
        #expect(untouched.updates.count == w.tasks.count)
        var copy = w
        let before = copy.history.count
        try copy.apply(.updateProgress(untouched.updates, month: YearMonth(year: 2025, month: 4), at: 2))
        #expect(copy.history.count == before, "an untouched ledger recorded \(copy.history.count - before) changes")

        // An office changes three cells, as Excel or openpyxl saves them.
        var grid = try XlsxReader(data: Data(exported), displayName: "ledger.xlsx").rows(ofSheet: nil).map(\.cells)
        let width = Ledger.headers.count
        grid = grid.map { $0 + Array(repeating: "", count: max(0, width - $0.count)) }
        let col = { (h: String) in try #require(Ledger.headers.firstIndex(of: h)) }
        let idCol = try col("任务编号"), statusCol = try col("状态"), progressCol = try col("完成进度"), noteCol = try col("进展情况")
        grid[3][statusCol] = "落后"
        grid[5][progressCol] = "55"
        grid[8][noteCol] = "5月：完成招标 & 签约 <一期>"
        let changedIDs = [grid[3][idCol], grid[5][idCol], grid[8][idCol]]
        let bytes = try Self.resaved(exported, rows: grid, style: style)

        let read = try ProgressSheet.parse(file: bytes, displayName: "ledger.xlsx", sheet: nil, in: w)
        #expect(read.problems.isEmpty, "\(read.problems)")
        let start = w.history.count
        try w.apply(.updateProgress(read.updates, month: YearMonth(year: 2025, month: 4), at: 3))
        let recorded = w.history[start...]
        #expect(Set(recorded.map(\.taskID)) == Set(changedIDs), "\(recorded.map { "\($0.taskID) \($0.entry.field)" })")
        #expect(recorded.count == 3)
        let byTask = Dictionary(grouping: recorded, by: \.taskID)
        #expect(byTask[changedIDs[0]]?.first?.entry.field == "status")
        #expect(byTask[changedIDs[0]]?.first?.entry.new == "behind")
        #expect(byTask[changedIDs[1]]?.first?.entry.new == "55")
        #expect(byTask[changedIDs[2]]?.first?.entry.new == "5月：完成招标 & 签约 <一期>")
        #expect(byTask[changedIDs[2]]?.first?.entry.source == "sheet ledger.xlsx:9")
    }
}
