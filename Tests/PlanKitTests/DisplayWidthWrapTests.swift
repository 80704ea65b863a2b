import Testing
@testable import PlanKit

/// `DisplayWidth.wrap`: Chinese breaks anywhere, an ASCII word or date moves whole, punctuation
/// stays with its text (the report's red and yellow lists broke `mor|e` and `20|25-05-14`).
@Suite struct DisplayWidthWrapTests {
    @Test func asciiWordsAndDatesMoveWhole() {
        let lines = DisplayWidth.wrap("gap −54.6 → red (more than 30 points behind)", to: 22)
        #expect(lines == ["gap −54.6 → red (more", "than 30 points behind)"])
        for l in lines { #expect(DisplayWidth.of(l) <= 22) }
        #expect(DisplayWidth.wrap("临期任务 due 2025-05-14", to: 18) == ["临期任务 due", "2025-05-14"])
    }

    @Test func chineseBreaksAnywhereButNotBeforeClosingPunctuation() {
        #expect(DisplayWidth.wrap("推进癌症早诊早治，开展筛查", to: 16) == ["推进癌症早诊早", "治，开展筛查"])
        #expect(DisplayWidth.wrap("完成时限（2025-09-30）", to: 14) == ["完成时限", "（2025-09-30）"])
        #expect(DisplayWidth.wrap("三甲医院共建专科联盟", to: 8) == ["三甲医院", "共建专科", "联盟"])
    }

    @Test func aWordWiderThanTheLineIsCutAndNothingIsLost() {
        let id = "qingshan2025:2.1.4#1-and-more"
        let lines = DisplayWidth.wrap("指标 " + id, to: 10)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 10 })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == "指标" + id)
        #expect(DisplayWidth.wrap("", to: 5) == [""])
        #expect(DisplayWidth.wrap("abc", to: 0) == ["abc"])
    }
}

/// Lights are coloured on a terminal like statuses (SPEC §3), in English and Chinese.
@Suite struct PaletteLightTests {
    @Test func lightsHaveTheirColours() {
        #expect(Palette.tone(of: "red") == .red && Palette.tone(of: "红灯") == .red)
        #expect(Palette.tone(of: "yellow") == .yellow && Palette.tone(of: "黄灯") == .yellow)
        #expect(Palette.tone(of: "green") == .green && Palette.tone(of: "绿灯") == .green)
        let table = ResultTable(columns: [ResultTable.Column("id"), .toned("light")], rows: [["a:1", "yellow"]])
        let shown = table.render(.table, RenderContext(width: 80, isTerminal: true, usesColour: true))
        #expect(shown.contains("\u{1B}[33myellow"), "\(shown)")
        #expect(!table.render(.table, RenderContext(width: 80)).contains("\u{1B}["))
    }
}
