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
        let all = c.candidates(forLine: "")
        #expect(all.contains("quit") && all.contains("run"))
    }

    @Test func argumentsOfSetAndHelp() throws {
        let c = Completer(session: try session())
        #expect(c.candidates(forLine: "set format j") == ["json"])
        #expect(c.candidates(forLine: "set timer o") == ["off", "on"])
        #expect(c.candidates(forLine: "help ech") == ["echo"])
    }

    @Test func currentWordStopsAtSeparators() {
        #expect(Completer.currentWord("find tasks where office = \"医政") == "医政")
        #expect(Completer.currentWord("echo a;se") == "se")
        #expect(Completer.commonPrefix(["医政科", "医政科教科"]) == "医政科")
    }
}
