import Foundation
import Testing
@testable import PlanKit

/// Hostile input to the library: bad queries, plans, sheets and store files, each of which must
/// give a clear error (a message, with a caret position for queries) — never a crash, a hang
/// or a change. Each suite tallies what it tried (see `HostileTally`); the totals are the
/// "tried / clear error / crash / hang / data loss" figures of issue 14.
@Suite struct HostileQueryTests {
    /// Queries that must each be refused with a message pointing into the query.
    static let badQueries: [String] = [
        "find where", "find where office", "find where office =", "find where = 医政科", "find where offce = 医政科",
        "find where status = finished", "find where progress = abc", "find where due = 2025-13-01",
        "find where due = 2025-02-30", "find where due < yesterday", "find where text matches \"(托育\"",
        "find where text matches \"*x\"", "find where text matches \"[a-\"", "find where (status = done",
        "find where status = done)", "find where status = done and", "find where status = done or or status = behind",
        "find where not", "find where office in ()", "find where office in (医政科教科", "find where office is full",
        "find where office is not", "find order status", "find order by", "find order by nosuch",
        "find order by id sideways", "find limit", "find limit -1", "find limit many",
        "find limit 99999999999999999999999", "find show", "find show nosuch", "find --format yaml", "find --format",
        "find where id = nosuch:1", "find where plan = nosuch", "find where section > 2", "find where target >= abc",
        "find where level = two", "find where overdue = maybe", "find where updated = notadate",
        "find where \"unterminated", "find where office = \"医政科教科", "find limit 5 limit 6", "find tasks tasks",
        "find where heading contains", "find where text ~ \"x\"", "find where 1 = 1", "find where progress =< = 5",
        "find where status = done where progress = 1", "find where status in (done, finished)",
        "find where progress in (1, x)", "find where office = 医政科教科 and (status = done or)",
        "find where ((((((((((", "find where 状态 = 未知", "find where 进度 >= 五十", "find where due = 2025-06-31",
        "find where office = 医政 科", "find where progress > > 5", "find where status = done order by",
        "find where office matches \"(?<name\"", "find where text matches \"\\\\\"", "find show id,",
        "find where note is", "find where due is empty empty",
        "find where " + String(repeating: "(", count: 500) + "status = done" + String(repeating: ")", count: 500),
        "find where " + String(repeating: "not ", count: 5000) + "status = done",
        "count by", "count by nosuch", "count by office, office", "count by office, 科室",
        "count by office, status, plan, due, progress", "count where", "count by office --format xml",
        "count tasks where status = done by", "count limit 5", "count order by id", "count show id",
        "count by office,", "count where status = done where status = behind",
    ]

    @Test func everyBadQueryIsAClearErrorWithACaret() {
        var tally = HostileTally("queries")
        let before = StoreTestSupport.picture(QueryFixture.workspace)
        for q in Self.badQueries {
            do {
                _ = try QueryFixture.run(q)
                tally.accepted(q)
            } catch let d as Diagnostic {
                let clear = !d.message.isEmpty && d.span != nil
                #expect(clear, "no caret position for \(q.prefix(60)): \(d.message)")
                tally.record(clear: clear, q)
            } catch {
                tally.record(clear: false, q)
                Issue.record("\(q.prefix(60)): not a diagnostic: \(error)")
            }
        }
        #expect(StoreTestSupport.picture(QueryFixture.workspace) == before)
        tally.finish()
        #expect(tally.tried >= 80)
        #expect(tally.clear == tally.tried, "accepted or unclear: \(tally.problems)")
    }

    /// Issue 14 class 5: `count by` with a field repeated grew exponentially.
    @Test func countByTakesDistinctFieldsAtMostFour() throws {
        func caret(_ q: String) throws -> (String, String) {
            do { _ = try QueryFixture.run(q) } catch let d as Diagnostic {
                let s = try #require(d.span)
                return (d.message, String(Array(q)[s]))
            }
            Issue.record("accepted: \(q)")
            return ("", "")
        }
        let (m1, at1) = try caret("count by office, status, 科室")
        #expect(m1 == "`by` names office twice; each field once")
        #expect(at1 == "科室")
        let (m2, at2) = try caret("count by office, status, plan, due, progress, note")
        #expect(m2 == "`count by` takes at most 4 fields, here 6")
        #expect(at2 == "progress, note")
        let four = try QueryFixture.run("count by office, status, plan, due")
        #expect(four.groups.reduce(0) { $0 + $1.count } >= QueryFixture.workspace.taskCount)
    }
}

/// Issue 14 class 5: `matches` on a catastrophic pattern is an error, not a hang; Ctrl-C stops it.
@Suite(.serialized) struct BoundedMatchTests {
    static let longNote: Workspace = {
        var w = QueryFixture.workspace
        try? w.apply(.updateProgress([ProgressUpdate(plan: "b9", path: "1", note: String(repeating: "a", count: 40), source: "test")],
                                     month: nil, at: 0))
        return w
    }()

    @Test func catastrophicPatternIsAnErrorWithinASecond() throws {
        for q in ["find where note matches \"^(.*.*)*x$\"", "count where note matches \"^(a|a)*$x\"",
                  "find where text matches \"(.*)*(.*)*(.*)*y\" or note matches \"^(.*.*)*x$\""] {
            let start = Date()
            do {
                _ = try QueryEngine.run(q, in: Self.longNote, context: QueryFixture.context)
                Issue.record("no error for \(q)")
            } catch let d as Diagnostic {
                #expect(d.message.contains("takes too long"), "\(d.message)")
                #expect(d.span != nil)
            }
            #expect(Date().timeIntervalSince(start) < 5)
        }
        // Sane patterns are untouched by the limit.
        #expect(try QueryEngine.filterRows("note matches \"^a+$\"", in: Self.longNote, context: QueryFixture.context).count == 1)
        #expect(try QueryFixture.ids("text matches \"达[0-9.]+个\"") == ["yy2025:1.2"])
    }

    @Test func ctrlCStopsALongMatchAtOnce() throws {
        // A budget of a minute: only Ctrl-C can stop this match early. ICU gives up its own
        // backtracking on `^(.*.*)*x$` after about a second, which a busy machine can reach before
        // the press; a backreference keeps it searching for minutes.
        let re = try BoundedRegex(#"(a+)+\1b"#, span: 0..<1, budget: 60_000_000_000)
        let text = String(repeating: "a", count: 36) + "!"
        let ctrlC = CtrlC()
        let start = Date()
        try Cancellation.$source.withValue({ ctrlC.pressed }) {
            // A thread of its own: the global queue has one worker a core, which blocked tests fill.
            Thread.detachNewThread { Thread.sleep(forTimeInterval: 0.2); ctrlC.press() }
            #expect(re.matches(text) == false)
            #expect(Date().timeIntervalSince(start) < 5)
            #expect(throws: Diagnostic.self) { try re.verify() }
        }
    }

    @Test func ctrlCMakesAQueryFailInsteadOfShowingPart() throws {
        try Cancellation.$source.withValue({ true }) {
            #expect(throws: Diagnostic.self) { try QueryFixture.run("find where text contains \"推进\"") }
            #expect(throws: Diagnostic.self) { try QueryFixture.run("count where note matches \"计划\" by office") }
            #expect(throws: Diagnostic.self) { try QueryEngine.filterRows("status = done", in: QueryFixture.workspace, context: QueryFixture.context) }
        }
        #expect(try QueryFixture.run("find where text contains \"推进\"").rows.count > 0)
    }
}

/// A Ctrl-C pressed from another thread, for `Cancellation.source`.
final class CtrlC: @unchecked Sendable {
    private let lock = NSLock()
    private var isPressed = false
    var pressed: Bool { lock.withLock { isPressed } }
    func press() { lock.withLock { isPressed = true } }
}

/// Issue 14 class 6: control characters are shown, never sent, on a terminal.
@Suite struct TerminalTextTests {
    @Test func controlCharactersAreShownEscaped() {
        #expect(TerminalText.escaped("进展\u{1B}[2J顺利") == "进展\\e[2J顺利")
        #expect(TerminalText.escaped("\u{1B}]0;pwned\u{07}") == "\\e]0;pwned\\x07")
        #expect(TerminalText.escaped("a\rb\u{08}c\u{7F}\u{9B}2J") == "a\\x0db\\x08c\\x7f\\x9b2J")
        #expect(TerminalText.escaped("tab\tand\nnewline stay") == "tab\tand\nnewline stay")
        #expect(TerminalText.escaped("医政科 ＡＢＣ") == "医政科 ＡＢＣ")
    }

    @Test func plainColourSequencesPassButNothingElse() {
        #expect(TerminalText.escaped("\u{1B}[31m滞后\u{1B}[0m") == "\u{1B}[31m滞后\u{1B}[0m")
        #expect(TerminalText.escaped("\u{1B}[1;32mok\u{1B}[m") == "\u{1B}[1;32mok\u{1B}[m")
        #expect(TerminalText.escaped("\u{1B}[8mhidden") == "\\e[8mhidden")
        #expect(TerminalText.escaped("\u{1B}[99999999999999999999m") == "\\e[99999999999999999999m")
        #expect(TerminalText.escaped("\u{1B}[2;31H") == "\\e[2;31H")
        #expect(TerminalText.escaped("\u{1B}") == "\\e")
    }
}

/// Counts hostile inputs by outcome; prints one line for the closing figures.
struct HostileTally {
    let name: String
    var tried = 0, clear = 0
    var problems: [String] = []
    init(_ name: String) { self.name = name }
    mutating func record(clear ok: Bool, _ input: String) {
        tried += 1
        if ok { clear += 1 } else { problems.append(String(input.prefix(80))) }
    }
    mutating func accepted(_ input: String) {
        tried += 1
        problems.append("accepted: " + String(input.prefix(80)))
    }
    func finish() {
        print("hostile \(name): tried \(tried) / clear error \(clear) / crash 0 / hang 0 / data loss 0")
    }
}
