import Testing
import PlanKit
@testable import PlanShell

@Suite struct TutorialProseWrapTests {
    @Test func englishBreaksAtSpaces() {
        #expect(ProseWrap.wrap("the quick brown fox jumps over the lazy dog", width: 16)
                == ["the quick brown", "fox jumps over", "the lazy dog"])
    }

    @Test func chineseBreaksBetweenCharactersButNotBeforeClosingPunctuation() {
        let lines = ProseWrap.wrap("沙盒里已导入三份演示计划，和它们的进度表。", width: 24)
        #expect(lines == ["沙盒里已导入三份演示计", "划，和它们的进度表。"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 24 })
        #expect(ProseWrap.wrap("一二三四五六七八九，", width: 18) == ["一二三四五六七八", "九，"])
    }

    @Test func mixedTextIndentAndShortLines() {
        #expect(ProseWrap.wrap("short", width: 40) == ["short"])
        #expect(ProseWrap.wrap("a\nb", width: 40) == ["a", "b"])
        let mixed = ProseWrap.wrap("  用 find tasks where office = \"医政科\" 查找任务", width: 20)
        #expect(mixed.allSatisfy { $0.hasPrefix("  ") && DisplayWidth.of($0) <= 20 })
        #expect(mixed.joined(separator: " ").replacingOccurrences(of: "  ", with: " ").contains("find tasks"))
    }
}
