import Testing
import PlanKit
@testable import PlanShell

@Suite struct CommandSplittingTests {
    @Test func semicolonsSeparateCommandsOutsideQuotesAndParentheses() {
        let r = CommandSplitter.split(#"echo a; echo "b; c"; find tasks where office in ("甲"; "乙")"#)
        #expect(r.segments.map(\.text) == [#"echo a"#, #"echo "b; c""#, #"find tasks where office in ("甲"; "乙")"#])
        #expect(r.segments.map(\.offset) == [0, 8, 21])
        #expect(!r.isIncomplete)
    }

    @Test func fullWidthSemicolonAndCommentsAreUnderstood() {
        let r = CommandSplitter.split("echo 甲；echo 乙 # 备注; not a command")
        #expect(r.segments.map(\.text) == ["echo 甲", "echo 乙"])
        #expect(CommandSplitter.split("# only a comment").segments.isEmpty)
        // `#` inside a word or a string is text.
        #expect(CommandSplitter.split("echo a#b \"#c\"").segments.map(\.text) == ["echo a#b \"#c\""])
    }

    @Test func openQuotesAndParenthesesAreIncomplete() {
        #expect(CommandSplitter.split("echo \"abc").isIncomplete)
        #expect(CommandSplitter.split("find tasks where (status = behind").isIncomplete)
        #expect(CommandSplitter.split("find tasks where （status = behind").isIncomplete)
        #expect(!CommandSplitter.split("echo \"a\\\"b\"").isIncomplete)
    }

    @Test func redirectIsTheLastUnquotedGreaterThan() throws {
        let r = try #require(CommandSplitter.redirect(in: "find tasks where progress > 50 > out.csv"))
        #expect(r.command == "find tasks where progress > 50")
        #expect(r.file == "out.csv")
        #expect(CommandSplitter.redirect(in: "find tasks where progress > 50") == nil)
        #expect(CommandSplitter.redirect(in: "echo \"a > b.txt\"") == nil)
    }
}

@Suite struct InterpolationTests {
    @Test func variablesPositionalsAndBraces() throws {
        let i = try Interpolation.expand("echo $month ${office}科 $1 $$5", variables: ["month": "2025-04", "office": "医政", "1": "x"])
        #expect(i.text == "echo 2025-04 医政科 x $5")
    }

    @Test func singleQuotesKeepDollarsLiteral() throws {
        #expect(try Interpolation.expand("echo '$month'", variables: [:]).text == "echo '$month'")
    }

    @Test func unknownVariableIsAnErrorAtItsSpanWithASuggestion() {
        do {
            _ = try Interpolation.expand("echo $mnth", variables: ["month": "2025-04"])
            Issue.record("expected an error")
        } catch let d as Diagnostic {
            #expect(d.span == 5..<10)
            #expect(d.message.contains("did you mean \"month\""))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func spansMapBackToTheSource() throws {
        let i = try Interpolation.expand("echo ${x} 乙", variables: ["x": "甲甲甲"])
        #expect(i.text == "echo 甲甲甲 乙")
        #expect(i.sourceSpan(9..<10) == 10..<11)   // 乙
        #expect(i.sourceSpan(5..<8) == 5..<6)      // the value maps to the `$`
    }
}
