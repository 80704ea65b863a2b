import Testing
@testable import PlanKit

/// `update … set …` is part of the query grammar: the parser returns the rows and the set list
/// with spans, and each value is parsed by the one `ProgressValue` parser sheets use too.
@Suite struct UpdateParserTests {
    func span(_ text: String, _ marked: String) -> Range<Int> {
        let chars = Array(text), m = Array(marked)
        for i in 0...(chars.count - m.count) where Array(chars[i..<(i + m.count)]) == m { return i..<(i + m.count) }
        return 0..<0
    }

    @Test func idsAndAssignmentsKeepTheirSpans() throws {
        let text = #"update yy2025:1.1，yy2025:2.1 set 状态=已完成, progress = 100%, note = “设备, 待招标”, month = 2025-04 force"#
        let u = try Parser.parseUpdate(text)
        guard case let .ids(ids) = u.rows else { Issue.record("expected ids"); return }
        #expect(ids.map(\.text) == ["yy2025:1.1", "yy2025:2.1"])
        #expect(ids[1].span == span(text, "yy2025:2.1"))
        #expect(u.assignments.map(\.name) == ["status", "progress", "note", "month"])
        #expect(u.assignments.map(\.value.text) == ["已完成", "100%", "设备, 待招标", "2025-04"])
        #expect(u.assignments[0].nameSpan == span(text, "状态"))
        #expect(u.assignments[2].value.span == span(text, "“设备, 待招标”"))
        #expect(u.force)
        #expect(u.setSpan == span(text, "set"))
    }

    @Test func whereTakesAFullCondition() throws {
        let u = try Parser.parseUpdate(#"update tasks where office = "医政科教科" and (status = behind or progress < 10) set due = none"#)
        guard case let .filter(e) = u.rows else { Issue.record("expected a filter"); return }
        #expect(e.depth == 3)
        #expect(u.assignments.first?.field == .due && !u.force)
    }

    @Test func errorsPointAtTheWord() {
        expectDiagnostic("update yy2025:1.1 set colour = red", at: "colour", message: "unknown field \"colour\"") {
            _ = try Parser.parseUpdate($0)
        }
        expectDiagnostic("update yy2025:1.1 set heading = x", at: "heading", message: "update cannot set \"heading\"") {
            _ = try Parser.parseUpdate($0)
        }
        expectDiagnostic("update yy2025:1.1 set status behind", at: "behind", message: "expected `=` after status") {
            _ = try Parser.parseUpdate($0)
        }
        expectDiagnostic("update yy2025:1.1 status = done", at: "status", message: "expected `set F = V`") {
            _ = try Parser.parseUpdate($0)
        }
        expectDiagnostic("update yy2025:1.1 set status = done progress = 5", at: "progress",
                         message: "expected `,` between assignments") { _ = try Parser.parseUpdate($0) }
        // An open quote asks for a continuation line, like the rest of the query language.
        #expect(throws: Diagnostic.self) { _ = try Parser.parseUpdate("update yy2025:1.1 set note = \"open") }
        do {
            _ = try Parser.parseUpdate("update yy2025:1.1 set note = \"open")
        } catch let d as Diagnostic {
            #expect(d.kind == .incomplete)
        } catch {}
    }

    /// `due = none` clears in `update` and in a sheet alike: one parser.
    @Test func progressValuesParseOnce() throws {
        #expect(try ProgressValue.due("none").get() == nil)
        #expect(try ProgressValue.due("无").get() == nil)
        #expect(try ProgressValue.due("2025-06").get() == CalendarDay(year: 2025, month: 6, day: 30))
        #expect(try ProgressValue.progress("４０％").get() == 40)
        #expect(try ProgressValue.progress(" 40.0 ").get() == 40)
        #expect(ProgressValue.progress("120").failureText == "progress 120 is out of range (0–100)")
        #expect(ProgressValue.status("滞後").failureText?.hasPrefix("unknown status") == true)
        #expect(try ProgressValue.status("已完成").get() == .done)
        #expect(try ProgressValue.month("2025-04").get() == YearMonth(year: 2025, month: 4))
    }
}

extension Result where Failure == ProgressValue.Problem {
    var failureText: String? {
        if case let .failure(p) = self { return p.description }
        return nil
    }
}

/// `update … set start = D` (SPEC §1): through the one update grammar, a month meaning its first day.
@Suite struct UpdateStartParserTests {
    @Test func startIsSettableWithItsChineseName() throws {
        let u = try Parser.parseUpdate("update yy2025:1.1 set 开始 = 2025-03-01, due = 2025-09")
        #expect(u.assignments.map(\.field) == [.start, .due])
        #expect(u.assignments.map(\.name) == ["start", "due"])
        #expect(try ProgressValue.start("2025-03-01").get() == CalendarDay(year: 2025, month: 3, day: 1))
        // A month is its first day for a start (its last day for a due date).
        #expect(try ProgressValue.start("2025-03").get() == CalendarDay(year: 2025, month: 3, day: 1))
        #expect(try ProgressValue.start("none").get() == nil)
        #expect(try ProgressValue.start("无").get() == nil)
        #expect(throws: ProgressValue.Problem.self) { try ProgressValue.start("2025-02-30").get() }
        #expect(throws: ProgressValue.Problem.self) { try ProgressValue.start("soon").get() }
    }
}
