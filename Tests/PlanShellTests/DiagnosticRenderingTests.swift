import Testing
import PlanKit
@testable import PlanShell

@Suite struct DiagnosticRenderingTests {
    @Test func caretIsPlacedByDisplayWidth() {
        let source = #"find tasks where 科室 = "医政科" and stauts = behind"#
        let start = Array(source).firstIndex(of: "s").map { _ in source.distance(from: source.startIndex, to: source.range(of: "stauts")!.lowerBound) } ?? 0
        let d = Diagnostic("unknown field \"stauts\" — did you mean \"status\"?", at: start..<(start + 6))
        let text = DiagnosticRenderer.render(d, source: source, span: d.span, file: "monthly.plansh", firstLine: 7)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "monthly.plansh:7:\(start + 1): error: unknown field \"stauts\" — did you mean \"status\"?")
        #expect(lines[1] == "    " + source)
        // 科室 and 医政科 are two columns per character: 2 + 3 extra columns before the span.
        let expectedPad = DisplayWidth.of(String(source.prefix(start)))
        #expect(expectedPad == start + 5)
        #expect(lines[2] == "    " + String(repeating: " ", count: expectedPad) + "^^^^^^")
    }

    @Test func spanOnALaterPhysicalLineReportsThatLine() {
        let source = "echo \"甲\n乙\" ; bogus"
        let off = Array(source).count - 5
        let d = Diagnostic("unknown command \"bogus\"", at: off..<(off + 5))
        let text = DiagnosticRenderer.render(d, source: source, span: d.span, file: "a.plansh", firstLine: 3)
        #expect(text.hasPrefix("a.plansh:4:6: error: unknown command \"bogus\"\n    乙\" ; bogus\n"))
        #expect(text.hasSuffix("\n          ^^^^^"))  // 乙 is two columns
    }

    @Test func aHugeLineIsShownAsAWindow() {
        let source = String(repeating: "甲", count: 500_000) + " bad"
        let off = 500_001
        let d = Diagnostic("x", at: off..<(off + 3))
        let text = DiagnosticRenderer.render(d, source: source, span: d.span, file: nil, firstLine: 1)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1].count < 200)
        #expect(lines[1].hasSuffix(" bad"))
        #expect(lines[2].hasSuffix("^^^"))
        // The caret sits under "bad": same display column.
        let caretColumn = lines[2].prefix { $0 == " " }.count
        let badColumn = DisplayWidth.of(String(lines[1][..<lines[1].range(of: "bad")!.lowerBound]))
        #expect(caretColumn == badColumn)
    }
}
