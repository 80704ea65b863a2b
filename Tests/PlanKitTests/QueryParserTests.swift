import Testing
@testable import PlanKit

@Suite struct QueryLexerTests {
    @Test func tokensCarryCharacterSpans() throws {
        let toks = try Lexer.tokens("office=\"医政科教科\" and target>=90%")
        #expect(toks.map(\.kind) == [.word, .op, .string, .word, .word, .op, .word, .end])
        #expect(toks[0].span == 0..<6)
        #expect(toks[1].span == 6..<7)
        #expect(toks[2].span == 7..<14)
        #expect(toks[2].value == "医政科教科")
        #expect(toks[3].span == 15..<18)
        #expect(toks[5].text == ">=")
        #expect(toks[5].span == 25..<27)
        #expect(toks[6].text == "90%")
    }

    @Test func fullWidthFormsFold() throws {
        let toks = try Lexer.tokens("（进度＞＝５０）、内容 包含 “托育”")
        #expect(toks.map(\.kind) == [.leftParen, .word, .op, .word, .rightParen, .comma, .word, .word, .string, .end])
        #expect(toks[2].text == ">=")
        #expect(toks[3].text == "50")
        #expect(toks[8].value == "托育")
    }

    @Test func operatorsNormalise() throws {
        let ops = try Lexer.tokens("= == != <> < <= > >= ≠ ≤ ≥").filter { $0.kind == .op }.map(\.text)
        #expect(ops == ["=", "=", "!=", "!=", "<", "<=", ">", ">=", "!=", "<=", ">="])
    }

    @Test func escapesInsideDoubleQuotes() throws {
        let toks = try Lexer.tokens(#"text contains "say \"hi\"""#)
        #expect(toks[2].value == "say \"hi\"")
    }

    @Test func unterminatedStringIsIncomplete() {
        expectDiagnostic("text contains \"托育", at: "\"托育", message: "unterminated string", kind: .incomplete) {
            _ = try Lexer.tokens($0)
        }
    }

    @Test func loneBangIsAWordNotAHang() throws {
        let toks = try Lexer.tokens("a ! b")
        #expect(toks.map(\.text) == ["a", "!", "b", ""])
    }
}

@Suite struct QueryParserTests {
    @Test func precedenceAndBindsTighterThanOr() throws {
        let e = try Parser.parseFilter("status = behind or office = 办公室 and progress < 50")
        guard case let .or(terms) = e, terms.count == 2, case .and = terms[1] else {
            Issue.record("wrong tree: \(e)")
            return
        }
        #expect(e.span == 0..<49)
    }

    @Test func parenthesesNotInAndIsEmpty() throws {
        let e = try Parser.parseFilter("not (status in (behind, 滞后) or note is not empty)")
        guard case let .not(inner, notSpan) = e, case let .or(xs) = inner else {
            Issue.record("wrong tree: \(e)")
            return
        }
        #expect(notSpan == 0..<3)
        guard case let .inList(f, values, inSpan) = xs[0] else { Issue.record("no in"); return }
        #expect(f.field == .status)
        #expect(f.span == 5..<11)
        #expect(inSpan == 12..<14)
        #expect(values.map(\.text) == ["behind", "滞后"])
        guard case let .isEmpty(g, negated, span) = xs[1] else { Issue.record("no is empty"); return }
        #expect(g.field == .note && negated)
        #expect(span == 36..<48)
    }

    @Test func chineseAliases() throws {
        let e = try Parser.parseFilter("科室 = 医政科教科 and 状态 = 滞后 and 内容 包含 托育 and 责任科室 != 办公室")
        guard case let .and(xs) = e else { Issue.record("\(e)"); return }
        let fields = xs.compactMap { x -> Field? in if case let .compare(f, _, _, _) = x { return f.field }; return nil }
        #expect(fields == [.office, .status, .text, .office])
        if case let .compare(_, op, _, v) = xs[2] {
            #expect(op == .contains)
            #expect(v.text == "托育")
        }
    }

    @Test func findClauses() throws {
        let c = try Parser.parseCommand("FIND Tasks WHERE status = on_track ORDER BY progress DESC, id LIMIT 20 SHOW id, progress --format json")
        guard case let .find(q) = c else { Issue.record("not find"); return }
        #expect(q.order.map(\.field.field) == [.progress, .id])
        #expect(q.order.map(\.descending) == [true, false])
        #expect(q.limit == 20)
        #expect(q.show == [.id, .progress])
        #expect(q.format == .json)
        guard case let .find(q2) = try Parser.parseCommand("find --format=csv") else { Issue.record("not find"); return }
        #expect(q2.format == .csv)
        guard case let .count(cq) = try Parser.parseCommand("count by office, status") else { Issue.record("not count"); return }
        #expect(cq.groups.map(\.field) == [.office, .status])
        #expect(cq.filter == nil)
    }

    @Test func valuesKeepTheirSpans() throws {
        let e = try Parser.parseFilter("target >= 90% and due < 2025-06")
        guard case let .and(xs) = e, case let .compare(_, _, opSpan, v) = xs[0], case let .compare(_, _, _, d) = xs[1] else {
            Issue.record("\(e)")
            return
        }
        #expect(opSpan == 7..<9)
        #expect(v.span == 10..<13 && v.text == "90%")
        #expect(d.text == "2025-06" && d.span == 24..<31)
    }

    @Test func nestingWithinTheLimitParses() throws {
        let text = String(repeating: "(", count: 90) + "status = done" + String(repeating: ")", count: 90)
        #expect(try Parser.parseFilter(text).span == 90..<103)
    }
}
