import Foundation
import Testing
import PlanKit
@testable import PlanShell

@Suite struct CompletionTests {
    func session() throws -> Session {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-complete-\(UUID().uuidString)")
        return Session(store: try Store.open(at: dir))
    }

    @Test func commandsComeFromTheCommandTable() throws {
        let c = Completer(session: try session())
        #expect(c.candidates(forLine: "ec") == ["echo"])
        #expect(c.candidates(forLine: "he") == ["help"])
        #expect(c.candidates(forLine: "echo a; se").contains("set"))
        #expect(c.candidates(forLine: "echo \"a;b\"; se") == ["set"])
        #expect(c.candidates(forLine: "echo a; ").contains("find"))
        let all = c.candidates(forLine: "")
        #expect(all.contains("quit") && all.contains("run"))
        #expect(c.candidates(forLine: "import ") == ["demo", "plan", "progress"])
    }

    @Test func argumentsOfSetAndHelp() throws {
        let c = Completer(session: try session())
        #expect(c.candidates(forLine: "set format j") == ["json"])
        #expect(c.candidates(forLine: "set timer o") == ["off", "on"])
        #expect(c.candidates(forLine: "help ech") == ["echo"])
        #expect(Completer.commonPrefix(["医政科", "医政科教科"]) == "医政科")
    }

    /// Tab offers exactly what `set format` accepts (one table, `ScreenFormat`).
    @Test func formatsOfferedAreTheFormatsAccepted() throws {
        let s = try session()
        let offered = Completer(session: s).candidates(forLine: "set format ")
        #expect(offered.sorted() == ScreenFormat.names.sorted())
        for f in offered { #expect(s.execute("set format \(f)"), "\(f)") }
        #expect(!s.execute("set format html"))
    }

    @Test(.enabled(if: LessonFiles.sheetsReady)) func tabInsideAnOpenQuoteCompletesAndClosesIt() throws {
        let demo = try DemoShell()
        let c = Completer(session: demo.session)
        let office = try #require(demo.session.workspace.tasks.offices.names.filter { $0.hasPrefix("医政") }.sorted().first)
        for (open, close) in [("\"", "\""), ("“", "”"), ("'", "'")] {
            let done = c.completion(forLine: "find tasks where 科室 = \(open)医政")
            #expect(done.word == "医政")
            #expect(done.closer == Character(close))
            #expect(done.candidates.contains(office))
            if done.candidates.count == 1 {
                #expect(EditLineReader.insertion(for: done) == String(office.dropFirst(2)) + close + " ")
            }
        }
        // One candidate: its rest, the closing quote and a space.
        let one = Completer.Completion(word: "医", candidates: ["医政科"], closer: "\"")
        #expect(EditLineReader.insertion(for: one) == "政科\" ")
        // Nothing to add: no insertion (the reader beeps, and lists on a second Tab).
        #expect(EditLineReader.insertion(for: .init(word: "医政科", candidates: ["医政科", "医政科教科"], closer: "\"")) == nil)
    }

    /// Tab after `update`: task ids, then target ids `TASK#n` (`#` is part of the word, not a
    /// comment), `set`, the fields update sets, `=` and the field's values.
    @Test(.enabled(if: LessonFiles.sheetsReady)) func updateCompletesTaskAndTargetIDs() throws {
        let demo = try DemoShell()
        let c = Completer(session: demo.session)
        #expect(c.candidates(forLine: "update hewan2025:2.7#") == ["hewan2025:2.7#1", "hewan2025:2.7#2"])
        #expect(c.candidates(forLine: "update hewan2025:2.7") == ["hewan2025:2.7", "hewan2025:2.7#1", "hewan2025:2.7#2"])
        #expect(c.candidates(forLine: "update qingshan2025:2.1.4#") == ["qingshan2025:2.1.4#1", "qingshan2025:2.1.4#2"])
        // A task with no targets has no ids after `#`; an unknown task none either.
        let bare = try #require((0..<demo.session.workspace.taskCount).first { demo.session.workspace.task(row: $0).targets.isEmpty })
        #expect(c.candidates(forLine: "update \(demo.session.workspace.taskID(row: bare))#").isEmpty)
        #expect(c.candidates(forLine: "update hewan2025:9.9#").isEmpty)
        // Plans first, then their tasks; after a comma, more ids.
        #expect(c.candidates(forLine: "update hew") == ["hewan2025:"])
        #expect(c.candidates(forLine: "update hewan2025:1.").contains("hewan2025:1.4"))
        #expect(c.candidates(forLine: "update hewan2025:1.1, hewan2025:2.7#").count == 2)
        #expect(c.candidates(forLine: "update ").contains("tasks") && c.candidates(forLine: "update ").contains("qingshan2025:"))
        // Then set, the settable fields, =, values.
        #expect(c.candidates(forLine: "update hewan2025:2.7#1 s") == ["set"])
        let fields = c.candidates(forLine: "update hewan2025:2.7#1 set ")
        #expect(Set(["status", "progress", "note", "due", "start", "month", "actual"]).isSubset(of: Set(fields)))
        #expect(c.candidates(forLine: "update hewan2025:2.7#1 set act") == ["actual"])
        #expect(c.candidates(forLine: "update hewan2025:1.1 set status ") == ["="])
        #expect(c.candidates(forLine: "update hewan2025:1.1 set status = beh") == ["behind"])
        #expect(c.candidates(forLine: "update hewan2025:1.1 set status = behind, pro") == ["progress"])
        // `update tasks where …` completes its condition, then offers set.
        #expect(Set(c.candidates(forLine: "update tasks where sta")) == ["status", "start"])
        #expect(c.candidates(forLine: "update tasks where status = behind s") == ["set"])
        // `find targets` completes target ids in a condition too.
        #expect(c.candidates(forLine: "find targets where id = hewan2025:2.7#") == ["hewan2025:2.7#1", "hewan2025:2.7#2"])
    }

    /// One quote rule for Tab: the query completer used to cut the current word at `"` only, so a
    /// word after a closed curly or single quote came back glued to it (`“医政科”and`). Now the
    /// word Tab replaces ends at any character of `Quotes`, and the shell lexer's open quote is
    /// what gets closed, whichever closer ended the earlier quotes.
    @Test(.enabled(if: LessonFiles.sheetsReady)) func tabAfterQuotesOfEveryKind() throws {
        let demo = try DemoShell()
        let c = Completer(session: demo.session)
        let office = try #require(demo.session.workspace.tasks.offices.names.filter { $0.hasPrefix("医政") }.sorted().first)
        // After a closed quote of any kind, with no space: the clauses, nothing glued to the quote.
        for closed in ["“\(office)”", "‘\(office)’", "'\(office)'", "“\(office)\"", "\"\(office)\""] {
            let after = c.completion(forLine: "find tasks where 科室 = \(closed)")
            #expect(after.word == "" && after.closer == nil, "\(closed): \(after)")
            #expect(after.candidates.contains("and") && after.candidates.allSatisfy { !$0.contains(office) }, "\(closed): \(after.candidates)")
        }
        // Inside an open curly quote after one closed by a straight quote: the value, closed by ”.
        let open = c.completion(forLine: "find tasks where 科室 = “\(office)\" or 科室 = “医政")
        #expect(open.word == "医政" && open.closer == "”")
        #expect(open.candidates.contains(office), "\(open.candidates)")
        // Inside an open straight single quote after a closed curly one: closed by '.
        let single = c.completion(forLine: "find tasks where 科室 = ‘\(office)’ or 状态 = '滞")
        #expect(single.word == "滞" && single.closer == "'" && single.candidates == ["滞后"], "\(single)")
        // The word replaced is the Quotes table's: it never holds a quote.
        for q in ["\"", "'", "“", "”", "‘", "’"] {
            #expect(QueryCompletion.replacedWord("科室 = \(q)医政") == "医政", "\(q)")
        }
    }
}
