import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// `update ID set start = DATE` in the shell (SPEC §1): the message, the caret on a bad date,
/// the journal (another process sees it), `find` and `why` judging from it, `replace` keeping it.
@Suite struct StartDateCommandTests {
    typealias C = CrashTestSupport

    func shell(_ dir: URL) throws -> (Session, Captured) {
        try CapturedShell.session(dir.appendingPathComponent("store"), workingDirectory: dir)
    }

    @Test func startIsSetJournaledJudgedAndKeptByReplace() throws {
        let dir = C.temporaryDirectory("start")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try C.seedStore(at: dir.appendingPathComponent("store"), plans: [("yy2025", 2, 3)])
        do {
            let (s, c) = try shell(dir)
            defer { s.store.close() }
            #expect(s.execute("update yy2025:1.1 set start = 2025-03-01, month = 2025-04"))
            #expect(c.take().0 == "updated yy2025:1.1: start 2025-03-01\n")
            #expect(s.execute("set today = 2025-04-30; find tasks where start > 2025-01-01 show id, start, due, expected"))
            // 61 of 306 days (2025-03-01 → 2025-12-31) have passed: 19.9.
            #expect(c.take().0.contains("yy2025:1.1  2025-03-01  2025-12-31      19.9"))
            #expect(s.execute("set lang zh; why yy2025:1.1"))
            #expect(c.take().0.contains("序时进度 19.9%（2025-03-01→2025-12-31，已过 61/306 天，截至 2025-04-30）"))
        }
        do {
            // Another process: the journal carries the start and its history.
            let (s, c) = try shell(dir)
            defer { s.store.close() }
            let t = try #require(s.workspace.row(id: "yy2025:1.1").map { s.workspace.task(row: $0) })
            #expect(t.start?.description == "2025-03-01" && t.startByHand)
            #expect(s.execute("history yy2025:1.1"))
            #expect(c.take().0.contains("  start  2025-01-01 → 2025-03-01  command"))
            // Re-imported with replace: the hand-set start survives.
            let file = dir.appendingPathComponent("yy2025.txt")
            try C.planText(title: "yy2025 2025年卫生健康工作要点", sections: 2, items: 3).write(to: file, atomically: true, encoding: .utf8)
            #expect(s.execute("import plan yy2025.txt as yy2025 replace"), "\(c.err)")
            let again = try #require(s.workspace.row(id: "yy2025:1.1").map { s.workspace.task(row: $0) })
            #expect(again.start?.description == "2025-03-01" && again.startByHand)
            // none restores the plan's start, and says which day that is.
            _ = c.take()
            #expect(s.execute("update yy2025:1.1 set start = none"))
            #expect(c.take().0 == "updated yy2025:1.1: start 2025-01-01 (the plan's start)\n")
        }
    }

    @Test func badStartsAreOneLineErrorsAndChangeNothing() throws {
        let dir = C.temporaryDirectory("startbad")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try C.seedStore(at: dir.appendingPathComponent("store"), plans: [("yy2025", 2, 3)])
        let (s, c) = try shell(dir)
        defer { s.store.close() }
        let before = C.fingerprint(s.workspace)
        let starts = (0..<s.workspace.taskCount).map { s.workspace.task(row: $0).start }
        let cases: [(String, String, String)] = [
            ("update yy2025:1.1 set start = 2026-02-01",
             "yy2025:1.1 would start on 2026-02-01, after its due date 2025-12-31", "2026-02-01"),
            ("update yy2025:1.1 set due = 2025-02-15, start = 2025-03-01",
             "yy2025:1.1 would start on 2025-03-01, after its due date 2025-02-15", "2025-03-01"),
            ("update yy2025:1.1 set start = 2025-02-30", "a start date is YYYY-MM-DD or YYYY-MM (or none), not \"2025-02-30\"", "2025-02-30"),
            ("update yy2025:1.1 set start = soon", "a start date is YYYY-MM-DD or YYYY-MM (or none), not \"soon\"", "soon"),
        ]
        for (line, message, word) in cases {
            #expect(!s.execute(line), "\(line)")
            let err = c.take().1
            #expect(err.hasPrefix("error: " + message), "\(line): \(err)")
            let lines = err.split(separator: "\n").map(String.init)
            let caret = try #require(lines.last)
            let at = try #require(line.range(of: word, options: .backwards))
            #expect(caret == String(repeating: " ", count: 4 + line.distance(from: line.startIndex, to: at.lowerBound))
                    + String(repeating: "^", count: word.count), "\(line)")
        }
        #expect(C.fingerprint(s.workspace) == before)
        #expect((0..<s.workspace.taskCount).map { s.workspace.task(row: $0).start } == starts)
        #expect(s.workspace.history(of: "yy2025:1.1").isEmpty)
    }
}
