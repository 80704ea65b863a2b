import Foundation
import Testing
@testable import PlanKit

/// The target ledger (SPEC §10, §11): `find targets … > FILE.xlsx` writes one row per target with
/// Chinese headers, frozen and filtered, light cells filled; filled in and saved by a spreadsheet
/// program, `import progress` reads its 指标编号 and 完成值 back.
@Suite struct TargetLedgerTests {
    static let asOf = XlsxRoundTripTests.asOf

    /// The demo with March's and April's sheets, actuals included.
    static func workspace() throws -> Workspace {
        var w = ProgressSheetFormatTests.workspace
        for (i, month) in ["2025-03", "2025-04"].enumerated() {
            let file = Fixtures.packageRoot.appendingPathComponent("examples/progress/\(month).csv")
            let updates = try ProgressSheet.updates(from: file, displayName: "\(month).csv", in: w)
            try w.apply(.updateProgress(updates, month: YearMonth(parsing: month), at: Int64(i + 1)))
        }
        return w
    }

    static func source(_ w: Workspace) -> RowSource { RowSource(.targets, workspace: w, context: QueryContext(asOf: asOf)) }

    /// Target rows of plan `plan`.
    static func rows(_ s: RowSource, plan: String) -> [Int] {
        (0..<s.count).filter { s.workspace.plans[Int(s.targets.planRow[$0])].id == plan }
    }

    @Test func oneRowPerTargetWithChineseHeadersFrozenFilteredAndLit() throws {
        let w = try Self.workspace()
        let s = Self.source(w)
        let rows = Self.rows(s, plan: "qingshan2025")
        let book = TargetLedger.workbook(s, rows: rows)
        let sheet = try #require(book.sheets.first)
        #expect(book.sheets.count == 1 && sheet.name == "指标台账")
        #expect(sheet.headers == ["指标编号", "任务编号", "指标名称", "目标", "比较", "目标值", "上限", "单位", "完成值", "完成率(%)",
                                  "灯", "牵头科室", "配合科室", "序时进度", "月份"])
        #expect(sheet.rows.count == rows.count && rows.count > 20)
        let byID = Dictionary(uniqueKeysWithValues: sheet.rows.map { ($0[0].displayText, $0) })
        let r = try #require(byID["qingshan2025:2.1.4#1"])
        #expect(r[1] == .text("qingshan2025:2.1.4") && r[2] == .text("二级以上医院预约诊疗率") && r[3] == .text("达60%以上"))
        #expect(r[4] == .text("≥") && r[5] == .number(60) && r[6] == .empty && r[7] == .text("%"))
        #expect(r[8] == .number(44) && r[9] == .number(73.3) && r[10] == XlsxCell(.text("黄灯"), fill: .yellow))
        #expect(r[11] == .text("医政科") && r[12] == .text("规划信息科") && r[13] == .number(32.9) && r[14] == .text("2025-04"))
        // A target with no actual yet: no 完成值, 完成率 or light.
        let open = try #require(sheet.rows.first { $0[8] == .empty })
        #expect(open[9] == .empty && open[10] == .empty)
        // Every light cell agrees with `find targets`' light and is filled with its colour.
        for (k, row) in zip(rows, sheet.rows) {
            let light = s.judged.light(k)
            #expect(row[10] == (light.map { XlsxCell(.text($0.chineseLabel), fill: Ledger.fill($0)) } ?? .empty))
        }
        // A real workbook: header frozen, filter over every row.
        let archive = try ZipArchive(data: Data(try XlsxWriter.data(book)), fileName: "t.xlsx")
        let xml = try XlsxWriterTests.part(archive, "xl/worksheets/sheet1.xml")
        #expect(xml.first("pane")?["state"] == "frozen" && xml.first("pane")?["ySplit"] == "1")
        #expect(xml.first("autoFilter")?["ref"] == "A1:O\(rows.count + 1)")
    }

    /// The exported ledger as `[[String]]` (what a spreadsheet program shows).
    static func shown(_ bytes: [UInt8]) throws -> [[String]] {
        try XlsxReader(data: Data(bytes), displayName: "t.xlsx").rows(ofSheet: nil).map(\.cells)
    }

    @Test(arguments: [XlsxRoundTripTests.Style.sharedStrings, .inlineStrings])
    func theLedgerRoundTrips(style: XlsxRoundTripTests.Style) throws {
        var w = try Self.workspace()
        let s = Self.source(w)
        let exported = try XlsxWriter.data(TargetLedger.workbook(s, rows: Self.rows(s, plan: "qingshan2025")))
        var rows = try Self.shown(exported)
        let id = try #require(rows[0].firstIndex(of: "指标编号")), actual = try #require(rows[0].firstIndex(of: "完成值"))

        // Read back unchanged: nothing to apply, nothing said.
        let same = ProgressSheet.parse(rows: try XlsxReader(data: Data(exported), displayName: "t.xlsx").rows(ofSheet: nil),
                                       displayName: "t.xlsx", in: w)
        #expect(same.problems.isEmpty && same.warnings.isEmpty && same.fileWarnings.isEmpty, "\(same.warnings) \(same.fileWarnings)")
        let before = w.history.count
        try w.apply(.updateProgress(same.updates, month: YearMonth(year: 2025, month: 5), at: 9))
        #expect(w.history.count == before)

        // An office fills in two actuals (one new, one changed) and saves it.
        for i in rows.indices.dropFirst() {
            if rows[i][id] == "qingshan2025:2.1.1#1" { rows[i][actual] = "85" }
            if rows[i][id] == "qingshan2025:2.1.4#1" { rows[i][actual] = "52.5" }
        }
        let numeric = Set(["目标值", "上限", "完成值", "完成率(%)", "序时进度"].compactMap { rows[0].firstIndex(of: $0) })
        let (sheetXML, shared) = XlsxRoundTripTests.sheetXML(rows, numericColumns: numeric, style: style)
        let archive = try ZipArchive(data: Data(exported), fileName: "t.xlsx")
        var parts: [(path: String, bytes: [UInt8])] = []
        for m in archive.members where m.path != "xl/sharedStrings.xml" || shared != nil {
            switch m.path {
            case "xl/worksheets/sheet1.xml": parts.append((m.path, Array(sheetXML.utf8)))
            case "xl/sharedStrings.xml": parts.append((m.path, Array((shared ?? "").utf8)))
            default: parts.append((m.path, [UInt8](try archive.read(m))))
            }
        }
        let filled = try XlsxWriter.zip(parts)
        let r = try ProgressSheet.parse(file: filled, displayName: "t.xlsx", sheet: nil, in: w)
        #expect(r.problems.isEmpty && r.warnings.isEmpty, "\(r.problems) \(r.warnings)")
        try w.apply(.updateProgress(r.updates, month: YearMonth(year: 2025, month: 5), at: 10))
        func actualOf(_ id: String) throws -> Double? { w.target(try w.targetRef(id))?.actual }
        #expect(try actualOf("qingshan2025:2.1.1#1") == 85)
        #expect(try actualOf("qingshan2025:2.1.4#1") == 52.5)
        #expect(try actualOf("qingshan2025:2.1.4#2") == 35)
        let recorded = w.history.dropFirst(before).map { "\($0.taskID) \($0.entry.field) \($0.entry.old)→\($0.entry.new) \($0.entry.source)" }
        #expect(recorded.count == 2)
        #expect(recorded.contains { $0.hasPrefix("qingshan2025:2.1.1 actual#1 →85 sheet t.xlsx:") })
        #expect(recorded.contains { $0.hasPrefix("qingshan2025:2.1.4 actual#1 44→52.5 sheet t.xlsx:") })
    }

    /// A ledger row naming a task where the target id goes, or an actual in another unit, is a
    /// problem of its row; nothing of the sheet is applied.
    @Test func badLedgerRowsRefuseTheSheet() throws {
        let w = try Self.workspace()
        let s = Self.source(w)
        let exported = try XlsxWriter.data(TargetLedger.workbook(s, rows: Self.rows(s, plan: "qingshan2025")))
        var rows = try Self.shown(exported)
        let id = try #require(rows[0].firstIndex(of: "指标编号")), actual = try #require(rows[0].firstIndex(of: "完成值"))
        let a = try #require(rows.firstIndex { $0[id] == "qingshan2025:2.1.1#1" })
        let b = try #require(rows.firstIndex { $0[id] == "qingshan2025:2.1.4#2" })
        rows[a][id] = "qingshan2025:2.1.1"
        rows[a][actual] = "85"
        rows[b][actual] = "30人"
        let csv = rows.map { $0.map { "\"" + $0 + "\"" }.joined(separator: ",") }.joined(separator: "\n")
        let r = ProgressSheet.parse(Array(csv.utf8), displayName: "t.csv", in: w)
        #expect(r.problems.map(\.row) == [a + 1, b + 1])
        #expect(r.problems.first?.message.hasPrefix("\"qingshan2025:2.1.1\" is a task, not a target") == true)
        #expect(r.problems.last?.message.contains("an actual in 人 cannot be compared with a target in 分钟") == true)
    }
}
