import Foundation
import Testing
@testable import PlanKit

@Suite struct RenderTests {
    /// Mixed CJK and ASCII, a long text column, numbers, a cell with `|`, `,`, quotes and a line break.
    static let sample = ResultTable(
        columns: [.init("id", minWidth: 20), .init("科室"), .init("status"), .init("progress"), .init("text", overflow: .truncate)],
        rows: [
            ["yy2025:2.1.1", .list(["医政科教科", "组织人事科"]), "on_track", 62,
             "全力打造高水平县级医院。深化紧密型县域医共体建设，力争出院患者手术占比达35%以上。"],
            ["yy2025:2.10", .list(["办公室"]), "behind", 5, "Plan B: \"quoted\", with | pipe\nand a second line"],
            ["sh-2024-00001:10.1.2", .list([]), "done", 100, "ＡＢＣ full-width 全角 text"],
        ])

    static let wrapping = ResultTable(
        columns: [.init("id"), .init("heading", overflow: .wrap), .init("count", alignment: .right)],
        rows: [
            ["a:1", "推进公立医院高质量发展，完善分级诊疗体系建设", 3],
            ["a:2", "short", 12],
        ])

    @Test(arguments: [40, 80, 120])
    func tableGoldenAtWidth(_ width: Int) {
        let text = RenderTests.sample.render(.table, RenderContext(width: width))
        Golden.check(text, named: "table-mixed-\(width).txt")
        for line in text.split(separator: "\n") {
            #expect(DisplayWidth.of(line) <= width, "line wider than \(width): \(line)")
        }
        let wrapped = RenderTests.wrapping.render(.table, RenderContext(width: width))
        Golden.check(wrapped, named: "table-wrap-\(width).txt")
        for line in wrapped.split(separator: "\n") {
            #expect(DisplayWidth.of(line) <= width, "line wider than \(width): \(line)")
        }
    }

    @Test func otherFormatsGolden() {
        let t = RenderTests.sample
        Golden.check(t.render(.csv, RenderContext()), named: "table-mixed.csv")
        Golden.check(t.render(.json, RenderContext()), named: "table-mixed.json")
        Golden.check(t.render(.markdown, RenderContext()), named: "table-mixed.md")
        Golden.check(t.render(.html, RenderContext()), named: "table-mixed.html")
    }

    @Test func columnsAlignByDisplayWidth() {
        let t = ResultTable(["名称", "n"], rows: [["医政科", 1], ["ab", 100]])
        let lines = t.render(.table, RenderContext(width: 80)).split(separator: "\n").map(String.init)
        #expect(lines[0] == "名称      n")
        #expect(lines[2] == "医政科    1")
        #expect(lines[3] == "ab      100")
        #expect(lines.last == "(2 rows)")
        #expect(ResultTable(["a"], rows: [["x"]]).render(.table, RenderContext()).hasSuffix("(1 row)\n"))
    }

    @Test func csvFollowsRFC4180() {
        #expect(ResultTable.csvField("plain") == "plain")
        #expect(ResultTable.csvField("a,b") == "\"a,b\"")
        #expect(ResultTable.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ResultTable.csvField("two\nlines") == "\"two\nlines\"")
        let csv = ResultTable(["a", "b"], rows: [["1", .null]]).render(.csv, RenderContext())
        #expect(csv == "a,b\r\n1,\r\n")
    }

    @Test func jsonIsParseableAndTyped() throws {
        let json = RenderTests.sample.render(.json, RenderContext())
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 3)
        #expect(parsed?[0]["progress"] as? Int == 62)
        #expect(parsed?[0]["科室"] as? [String] == ["医政科教科", "组织人事科"])
        #expect(parsed?[1]["text"] as? String == "Plan B: \"quoted\", with | pipe\nand a second line")
    }

    @Test func markdownAndHTMLEscape() {
        #expect(ResultTable.markdownEscape("a|b\nc") == "a\\|b<br>c")
        #expect(ResultTable.htmlEscape("<a & \"b\">") == "&lt;a &amp; &quot;b&quot;&gt;")
    }

    @Test func fitNeverGoesBelowMinimum() {
        let w = ResultTable.fit([10, 50, 8], minimums: [2, 4, 8], into: 20)
        #expect(w.reduce(0, +) <= 22)
        #expect(w[2] == 8)
    }
}

/// `find` and `count` results on the screen, golden at three widths.
@Suite struct QueryRenderTests {
    @Test(arguments: [40, 80, 120])
    func findAndCountTablesGolden(_ width: Int) throws {
        let find = try QueryFixture.run("find tasks order by plan desc, path")
        let count = try QueryFixture.run("count tasks by office, status")
        let text = find.render(.table, RenderContext(width: width)) + "\n" + count.render(.table, RenderContext(width: width))
        Golden.check(text, named: "find-count-\(width).txt")
        for line in text.split(separator: "\n") {
            #expect(DisplayWidth.of(line) <= width, "line wider than \(width): \(line)")
        }
    }

    @Test func findOtherFormatsGolden() throws {
        let find = try QueryFixture.run("find tasks where plan = yy2025 show id, heading, office, target, unit, progress, due, updated")
        Golden.check(find.render(.csv, RenderContext()), named: "find.csv")
        Golden.check(find.render(.json, RenderContext()), named: "find.json")
        Golden.check(find.render(.markdown, RenderContext()), named: "find.md")
        Golden.check(find.render(.html, RenderContext()), named: "find.html")
        let count = try QueryFixture.run("count by status")
        Golden.check(count.render(.json, RenderContext()) + count.render(.csv, RenderContext()), named: "count-by-status.txt")
    }
}
