import Testing
@testable import PlanKit

/// Stored text is compared after the same folding as the query (NFC, full-width ASCII), and
/// `count by` groups values equal after folding once (SPEC §3 settled details).
@Suite struct FoldingBothSidesTests {
    static let decomposed = "Cafe\u{301} 调研"        // é as e + combining acute
    static let compatibility = "\u{F900}山计划"          // CJK compatibility ideograph 豈 (NFC: U+8C48)

    static let workspace: Workspace = {
        var w = Workspace()
        let plan = ImportedPlan(info: PlanInfo(id: "f1", title: "折叠"), tasks: [
            PlanTask(plan: "f1", path: "1", heading: decomposed, text: decomposed + "。", offices: ["ＩＴ科"]),
            PlanTask(plan: "f1", path: "2", heading: compatibility, text: compatibility + "。", offices: ["IT科"]),
            PlanTask(plan: "f1", path: "3", heading: "Cafe 普通", text: "Cafe 普通。", offices: ["e\u{301}科"]),
            PlanTask(plan: "f1", path: "4", heading: "其他", text: "其他。", offices: ["\u{E9}科"]),
        ])
        try? w.apply(.importPlans([plan], replace: false))
        try? w.apply(.updateProgress([ProgressUpdate(plan: "f1", path: "4", note: "Cafe\u{301}", source: "test")],
                                     month: YearMonth(year: 2025, month: 4), at: 0))
        return w
    }()

    func ids(_ expr: String) throws -> [String] {
        let w = Self.workspace
        return try QueryEngine.filterRows(expr, in: w, context: QueryContext(asOf: LocalTime.today())).map { w.taskID(row: $0) }
    }

    @Test func decomposedStoredTextMatchesItsComposedSpelling() throws {
        #expect(try ids("heading contains \"Café\"") == ["f1:1"])
        #expect(try ids("text contains \"Café\"") == ["f1:1"])
        #expect(try ids("heading = \"Café 调研\"") == ["f1:1"])
        #expect(try ids("note = \"Café\"") == ["f1:4"])
        // Nothing matches what it should not: the decomposed é is no plain e.
        #expect(try ids("heading contains \"Cafe\"") == ["f1:3"])
        #expect(try ids("text contains \"Cafe \"") == ["f1:3"])
        // Row by row (after an indexed operand) gives the same answer as the scan.
        #expect(try ids("plan = f1 and heading contains \"Café\"") == ["f1:1"])
    }

    @Test func compatibilityIdeographMatchesTheUnifiedOne() throws {
        #expect(try ids("heading contains \"\u{8C48}山\"") == ["f1:2"])
        #expect(try ids("text matches \"^\u{8C48}\"") == ["f1:2"])
    }

    @Test func officeNamesFoldToo() throws {
        #expect(try ids("office = \"é科\"") == ["f1:3", "f1:4"])
        #expect(try ids("office = \"IT科\"") == ["f1:1", "f1:2"])
    }

    /// `count by office` splits no office that is one after folding.
    @Test func countByGroupsFoldedValuesOnce() throws {
        let r = try QueryEngine.run("count by office", in: Self.workspace, context: QueryContext(asOf: LocalTime.today()))
        #expect(r.groups.map(\.count) == [2, 2])
        // Each group under its first spelling.
        #expect(Set(r.groups.map { Array(($0.values.first?.text ?? "").utf8) }) == [Array("ＩＴ科".utf8), Array("e\u{301}科".utf8)])
        let byHeading = try QueryEngine.run("count by office, status", in: Self.workspace, context: QueryContext(asOf: LocalTime.today()))
        #expect(byHeading.groups.map(\.count) == [2, 2])
    }
}
