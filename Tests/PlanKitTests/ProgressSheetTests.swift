import Foundation
import Testing
@testable import PlanKit

@Suite struct ProgressSheetTests {
    typealias S = StoreTestSupport

    let workspace: Workspace = {
        var w = Workspace()
        try? w.apply(.importPlans([S.plan("yy2025", tasks: 40), S.plan("sy2024", tasks: 10)], replace: false))
        return w
    }()

    func parse(_ text: String, bom: Bool = false) -> ProgressSheet.Result {
        ProgressSheet.parse((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8), displayName: "sheet.csv", in: workspace)
    }

    @Test func chineseHeadersWithBOMAndCRLF() throws {
        let r = parse("编号,状态,进度,备注\r\nyy2025:1.1.1,滞后,40,设备采购延迟\r\nyy2025:1.1.2,已完成,100,\r\n", bom: true)
        #expect(r.problems.isEmpty, "\(r.problems)")
        #expect(r.updates.count == 2)
        #expect(r.updates[0].plan == "yy2025" && r.updates[0].path == "1.1.1")
        #expect(r.updates[0].status == .behind && r.updates[0].progress == 40 && r.updates[0].note == "设备采购延迟")
        #expect(r.updates[0].source == "sheet sheet.csv:2")
        #expect(r.updates[1].status == .done && r.updates[1].note == nil)
    }

    @Test func planAndPathColumnsAndQuotedCells() throws {
        let text = #"""
        plan,path,status,progress,note
        yy2025,1.1.1,on_track,55,"缺人, 待补 ""急"""
        sy2024,1.1.2,behind,20%,"第一行
        第二行"
        yy2025,1.1.3,,,
        yy2025,1.1.4,not_started,0,plain

        """#
        let r = parse(text)
        #expect(r.problems.isEmpty, "\(r.problems)")
        #expect(r.updates.map(\.note) == ["缺人, 待补 \"急\"", "第一行\n第二行", "plain"])
        #expect(r.updates[1].progress == 20)
        // Row numbers count lines: the quoted line break moves the last row to line 6.
        #expect(r.updates[2].source == "sheet sheet.csv:6")
    }

    @Test func everyBadRowIsReportedAndNothingIsKept() throws {
        let text = #"""
        id,status,progress,note
        yy2025:1.1.1,behind,40,ok
        yy2025:9.9.9,behind,40,unknown task
        yy2025:1.1.2,lagging,40,bad status
        yy2025:1.1.3,done,120,too much
        yy2025:1.1.1,done,100,duplicate
        nosuch:1.1.1,done,100,unknown plan
        yy2025:1.1.4,done,abc,bad number
        yy2025:1.1.5,done,100,"unclosed
        """#
        let r = parse(text)
        #expect(r.updates.isEmpty)
        let byRow = Dictionary(grouping: r.problems, by: \.row).mapValues { $0.map(\.message).joined(separator: "; ") }
        #expect(byRow.keys.sorted() == [3, 4, 5, 6, 7, 8, 9], "\(r.problems)")
        #expect(byRow[3]?.contains("no task \"yy2025:9.9.9\"") == true)
        #expect(byRow[4]?.contains("unknown status \"lagging\"") == true)
        #expect(byRow[5]?.contains("progress 120 is out of range") == true)
        #expect(byRow[6]?.contains("already on row 2") == true)
        #expect(byRow[7]?.contains("no plan \"nosuch\"") == true)
        #expect(byRow[8]?.contains("progress is a whole number 0–100 or a percent (40, 40%), not \"abc\"") == true)
        #expect(byRow[9]?.contains("not closed") == true)

        // Through the public entry point: one diagnostic, every bad row as FILE:ROW.
        let url = S.temporaryDirectory("sheet").appendingPathExtension("csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        do {
            _ = try ProgressSheet.updates(from: url, displayName: "april.csv", in: workspace)
            Issue.record("a bad sheet was accepted")
        } catch let d as Diagnostic {
            #expect(d.message == "progress sheet april.csv has 7 bad rows; nothing was applied")
            #expect(d.notes.count == 7)
            #expect(d.notes.allSatisfy { $0.hasPrefix("april.csv:") })
            #expect(d.notes.contains("april.csv:5: progress 120 is out of range (0–100)"))
        }
    }

    /// A run of rows with the same problem is one line (a sheet for a plan not imported is one
    /// cause); rows apart, or with other messages, keep their own lines.
    @Test func repeatedProblemsOnNeighbouringRowsFoldIntoOneLine() {
        var text = "id,progress\n"
        for i in 1...5 { text += "zz2025:1.1.\(i),10\n" }
        text += "yy2025:1.1.1,200\nzz2025:1.1.9,10\n"
        let r = parse(text)
        let notes = ProgressSheet.diagnostic(r.problems, displayName: "s.csv").notes
        #expect(notes.count == 3, "\(notes)")
        #expect(notes.first?.hasPrefix("s.csv:2–6: ") == true && notes.first?.hasSuffix(" (5 rows)") == true, "\(notes)")
        #expect(notes.last?.hasPrefix("s.csv:8: ") == true && notes.last?.hasSuffix("rows)") == false, "\(notes)")
    }

    @Test func emptyAndHeaderOnlySheetsAreRefused() {
        for text in ["", "\u{FEFF}", "\n\n", "id,status\n", "id,status\r\n\r\n"] {
            let r = ProgressSheet.parse(Array(text.utf8), displayName: "e.csv", in: workspace)
            #expect(r.updates.isEmpty)
            #expect(r.problems.count == 1, "\(text.debugDescription): \(r.problems)")
        }
        let empty = parse("")
        #expect(empty.problems.first?.message.contains("empty") == true)
    }

    @Test func headerProblemsAreNamed() {
        let r = parse("id,stauts,progress\nyy2025:1.1.1,behind,3\n")
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.row == 1)
        #expect(r.problems.first?.message.contains("unknown column \"stauts\" — did you mean \"status\"?") == true)
        let noKey = parse("标题,状态\n某任务,滞后\n")
        #expect(noKey.problems.first?.message.contains("needs an id column") == true)
        let noValue = parse("编号,标题\nyy2025:1.1.1,x\n")
        #expect(noValue.problems.first?.message.contains("nothing to apply") == true)
    }

    @Test func tabsFullWidthAndExtraColumns() {
        let r = parse("编号\t标题\t状态\t进度\nyy2025：1.1.1\t某任务\t推进中\t４５\n")
        #expect(r.problems.isEmpty, "\(r.problems)")
        #expect(r.updates.first?.progress == 45 && r.updates.first?.status == .onTrack && r.updates.first?.path == "1.1.1")
        let wide = parse("id,status\nyy2025:1.1.1,done,extra\n")
        #expect(wide.problems.first?.message.contains("3 cells") == true)
        // Bytes that are not UTF-8 are GB18030 (what Chinese Excel and WPS save), said in a warning.
        let gbk = ProgressSheet.parse(Array("编号,状态\nyy2025:1.1.1,滞后\n".data(using: TextDecoding.gb18030) ?? Data()),
                                      displayName: "g.csv", in: workspace)
        #expect(gbk.problems.isEmpty, "\(gbk.problems)")
        #expect(gbk.updates.first?.status == .behind)
        #expect(gbk.fileWarnings == ["g.csv: read as GB18030 (the file is not UTF-8)"])
        let garbage = ProgressSheet.parse([0x69, 0x64, 0x0A, 0xFF], displayName: "g.csv", in: workspace)
        #expect(garbage.problems.first?.message.contains("neither UTF-8") == true, "\(garbage.problems)")
    }

    @Test func aBadSheetChangesNothingInTheStore() throws {
        let dir = S.temporaryDirectory("sheetstore")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([S.plan("yy2025", tasks: 10)], replace: false))
        let before = S.picture(store.workspace)
        let url = dir.appendingPathComponent("bad.csv")
        try Data("id,status\nyy2025:1.1.1,done\nyy2025:1.1.2,finished\n".utf8).write(to: url)
        #expect(throws: Diagnostic.self) { _ = try ProgressSheet.updates(from: url, displayName: "bad.csv", in: store.workspace) }
        #expect(S.picture(store.workspace) == before)
        let good = dir.appendingPathComponent("good.csv")
        try Data("id,status\nyy2025:1.1.1,done\nyy2025:1.1.2,behind\n".utf8).write(to: good)
        let updates = try ProgressSheet.updates(from: good, displayName: "good.csv", in: store.workspace)
        try store.commit(.updateProgress(updates, month: YearMonth(year: 2025, month: 4), at: 1))
        #expect(store.workspace.history(of: "yy2025:1.1.2").first?.source == "sheet good.csv:3")
    }
}
