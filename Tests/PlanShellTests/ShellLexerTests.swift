import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// The one shell lexer: segments, words, redirect, comments, variables, each with its span.
@Suite struct ShellLexerTests {
    func commands(_ text: String, _ variables: [String: String] = [:]) throws -> [ExpandedCommand] {
        let lexed = ShellLexer.lex(text)
        if let d = lexed.incomplete { throw d }
        return try lexed.segments.map { try ExpandedCommand($0, source: text, variables: variables) }
    }

    @Test func semicolonsSeparateCommandsOutsideQuotesAndParentheses() throws {
        let text = #"echo a; echo "b; c"; find tasks where office in ("甲"; "乙")"#
        let lexed = ShellLexer.lex(text)
        #expect(lexed.segments.map(\.span.lowerBound) == [0, 8, 21])
        #expect(try commands(text).map(\.text) == [#"echo a"#, #"echo "b; c""#, #"find tasks where office in ("甲"; "乙")"#])
        #expect(!lexed.isIncomplete)
    }

    @Test func fullWidthSemicolonNewlinesAndComments() throws {
        #expect(try commands("echo 甲；echo 乙 # 备注; not a command").map(\.text) == ["echo 甲", "echo 乙"])
        #expect(try commands("# only a comment").isEmpty)
        #expect(try commands("echo a\necho b").map(\.text) == ["echo a", "echo b"])
        // `#` inside a word or a string is text: TASK#2 is a word.
        let c = try commands("echo a#b \"#c\" TASK#2")
        #expect(c.map(\.text) == ["echo a#b \"#c\" TASK#2"])
        #expect(c[0].words.map(\.value) == ["echo", "a#b", "#c", "TASK#2"])
        // A comment inside open parentheses is left out of the command text.
        #expect(try commands("find where (status = behind # 滞后\n or status = done)").map(\.text)
                == ["find where (status = behind \n or status = done)"])
    }

    @Test func openQuotesParenthesesAndBracesAreIncomplete() {
        #expect(ShellLexer.lex("echo \"abc").isIncomplete)
        #expect(ShellLexer.lex("echo \"abc").openQuote?.open == "\"")
        #expect(ShellLexer.lex("find tasks where (status = behind").isIncomplete)
        #expect(ShellLexer.lex("find tasks where （status = behind").isIncomplete)
        #expect(ShellLexer.lex("echo ${month").isIncomplete)
        #expect(!ShellLexer.lex("echo \"a\\\"b\"").isIncomplete)
    }

    @Test func everyQuoteOfTheTableAndCurlyClosedByStraight() throws {
        let c = try commands(#"echo "a b" 'c d' “e f” ‘g h’ “i j" ‘k l'"#)
        #expect(c[0].words.dropFirst().map(\.value) == ["a b", "c d", "e f", "g h", "i j", "k l"])
        #expect(c[0].words.dropFirst().filter { !$0.quoted }.isEmpty)
        // The query lexer reads the same table.
        let tokens = try PlanKit.Lexer.tokens(#"office = “医政科" and note = ‘x'"#)
        #expect(tokens.filter { $0.kind == .string }.map(\.value) == ["医政科", "x"])
    }

    @Test func wordsKeepSpansAndJoinQuotedParts() throws {
        let c = try commands(#"set note="a b"  x"#)
        #expect(c[0].words.map(\.value) == ["set", "note=a b", "x"])
        #expect(c[0].words.map(\.span) == [0..<3, 4..<14, 16..<17])
    }

    @Test func redirectIsTheLastUnquotedGreaterThanBeforeAFileWord() throws {
        let r = try commands("find tasks where progress > 50 > out.csv")[0]
        #expect(r.text == "find tasks where progress > 50")
        #expect(r.redirect?.file == "out.csv")
        #expect(r.redirect?.span == 33..<40)
        #expect(try commands("find tasks where progress > 50")[0].redirect == nil)
        #expect(try commands("find tasks where progress >= 5.5")[0].redirect == nil)
        #expect(try commands("echo \"a > b.txt\"")[0].redirect == nil)
        #expect(try commands("report >r.html")[0].redirect?.file == "r.html")
        #expect(try commands("report > \"my report.md\"")[0].redirect?.file == "my report.md")
        #expect(try commands("report month $1 > report-$1.md", ["1": "2025-04"])[0].redirect?.file == "report-2025-04.md")
    }

    @Test func variablesPositionalsBracesAndDollars() throws {
        let c = try commands("echo $month ${office}科 $1 $$5", ["month": "2025-04", "office": "医政", "1": "x"])[0]
        #expect(c.text == "echo 2025-04 医政科 x $5")
        #expect(c.words.map(\.value) == ["echo", "2025-04", "医政科", "x", "$5"])
        #expect(try commands("echo '$month'")[0].text == "echo '$month'")
        // A value is one word, whatever it holds.
        #expect(try commands("echo $v", ["v": "a b"])[0].words.map(\.value) == ["echo", "a b"])
    }

    @Test func unknownVariableIsAnErrorAtItsSpanWithASuggestion() {
        do {
            _ = try commands("echo $mnth", ["month": "2025-04"])
            Issue.record("expected an error")
        } catch let d as Diagnostic {
            #expect(d.span == 5..<10)
            #expect(d.name == "unknown-variable")
            #expect(d.message.contains("did you mean \"month\""))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func spansMapBackToTheSource() throws {
        let c = try commands("echo ${x} 乙", ["x": "甲甲甲"])[0]
        #expect(c.text == "echo 甲甲甲 乙")
        #expect(c.sourceSpan(9..<10) == 10..<11)   // 乙
        #expect(c.sourceSpan(5..<8) == 5..<9)      // the value maps to `${x}`
        #expect(c.words[1].span == 5..<8)
        // In a later command of the line, spans count from the start of the line.
        let d = try commands("echo a; echo $x 乙", ["x": "甲"])[1]
        #expect(d.sourceSpan(7..<8) == 16..<17)
    }

    /// A long line costs time in proportion to its length (issue 14: linear cost for long
    /// lines): ten times the line takes about ten times as long, far from the hundred times a
    /// quadratic scan would. The two sizes are measured in turn, best of five each, so a busy
    /// machine slows both alike instead of deciding the ratio.
    @Test func costIsLinearInLineLength() throws {
        func line(_ n: Int) -> String { "echo \"" + String(repeating: "医政科 abc ", count: n) + "\" # x" }
        func time(_ line: String) throws -> Double {
            let t = DispatchTime.now().uptimeNanoseconds
            let c = try commands(line)
            #expect(c[0].words.count == 2)
            return Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
        }
        let (short, long) = (line(10_000), line(100_000))   // 0.13 MB and 1.3 MB
        var small = Double.infinity, large = Double.infinity
        for _ in 0..<5 {
            small = min(small, try time(short))
            large = min(large, try time(long))
        }
        #expect(large < max(small, 0.005) * 40, "10× the line took \(large / small)× the time")
    }

    /// Doubling a variable stops at 1 MB with a clear error (issue 14, class 5).
    @Test func aVariableHoldsAtMostOneMegabyte() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-var-\(UUID().uuidString.prefix(8))")
        let s = Session(store: try Store.open(at: dir))
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        var err = ""
        s.errorOutput = { err += $0 }
        s.output = { _ in }
        #expect(s.execute("set x = " + String(repeating: "ab", count: 1024)))
        var doublings = 0
        while s.execute("set x = $x$x") { doublings += 1 }
        #expect(doublings == 9, "2 KB doubled 9 times is 1 MB")
        #expect(s.settings.variables["x"]?.utf8.count == 1 << 20)
        #expect(err.contains("error: $x would hold 2048 KB; a variable holds at most 1 MB"), "\(err.prefix(300))")
    }
}
