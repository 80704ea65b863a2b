import Foundation
import Testing

/// The real binary on the real libedit in a real terminal (tmux).
@Suite(.serialized, .enabled(if: TerminalSession.tmuxAvailable, Comment(rawValue: TerminalSession.tmuxMissing)),
       .enabled(if: Plansh.isBuilt, Comment(rawValue: Plansh.notBuilt)))
struct EndToEndTerminalTests {
    let prompt = "plansh[no plans]> "
    /// capture-pane drops trailing spaces, so an empty prompt line shows without its space.
    var bareprompt: String { String(prompt.dropLast()) }

    @Test func chineseInputCompletionInterruptAndExit() throws {
        let store = Plansh.temporaryStore("e2e")
        defer { try? FileManager.default.removeItem(at: store) }
        let t = try TerminalSession(arguments: ["--store", store.path])
        defer { t.close() }
        try t.wait(for: bareprompt)

        // Chinese typed in arrives intact.
        try t.type("echo 医政科教科")
        try t.press("Enter")
        var s = try t.wait { $0.contains("\n医政科教科") }
        #expect(s.contains("\n医政科教科"), "screen:\n\(s)")

        // Cursor movement over CJK text: two Lefts step over two wide characters.
        try t.type("echo 甲乙丙")
        try t.press("Left", "Left", "BSpace")
        try t.type("X")
        try t.press("Enter")
        s = try t.wait { $0.contains("\nX乙丙") }
        #expect(s.contains("\nX乙丙"), "screen:\n\(s)")

        // Tab completes a command from the data-driven candidates.
        try t.type("fi")
        try t.press("Tab")
        s = try t.wait { $0.contains(prompt + "find") }
        #expect(s.contains(prompt + "find"), "screen:\n\(s)")

        // Ctrl-C cancels the line and the shell keeps going.
        try t.press("C-c")
        try t.type("echo still-here")
        try t.press("Enter")
        s = try t.wait { $0.contains("\nstill-here") }
        #expect(s.contains("^C"), "screen:\n\(s)")
        #expect(s.contains("\nstill-here"), "screen:\n\(s)")

        // An open quote continues on the next line.
        try t.type("echo \"甲")
        try t.press("Enter")
        try t.wait(for: "...>")
        try t.type("乙\"")
        try t.press("Enter")
        s = try t.wait { $0.contains("\n甲\n乙") }
        #expect(s.contains("\n甲\n乙"), "screen:\n\(s)")

        // Ctrl-D leaves with status 0.
        try t.pressCtrlDAtPrompt()
        #expect(try t.exitStatus() == 0)
    }

    @Test func historyComesBackInTheNextSession() throws {
        let store = Plansh.temporaryStore("e2e-history")
        defer { try? FileManager.default.removeItem(at: store) }
        do {
            let t = try TerminalSession(arguments: ["--store", store.path])
            defer { t.close() }
            try t.wait(for: bareprompt)
            try t.type("echo 上一次会话")
            try t.press("Enter")
            try t.wait(for: "\n上一次会话")
            try t.pressCtrlDAtPrompt()
            #expect(try t.exitStatus() == 0)
        }
        let t = try TerminalSession(arguments: ["--store", store.path])
        defer { t.close() }
        try t.wait(for: bareprompt)
        try t.press("Up")
        var s = try t.wait { $0.contains(prompt + "echo 上一次会话") }
        #expect(s.contains(prompt + "echo 上一次会话"), "screen:\n\(s)")
        try t.press("Enter")
        s = try t.wait { $0.contains("\n上一次会话") }
        #expect(s.contains("\n上一次会话"), "screen:\n\(s)")
        try t.pressCtrlDAtPrompt()
        #expect(try t.exitStatus() == 0)
    }

    /// A long directory import shows a progress line and Ctrl-C stops it with nothing imported.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Plansh.shared.appendingPathComponent("bench/gen_corpus.py").path),
                   "needs ../shared/bench/gen_corpus.py beside the checkout"))
    func ctrlCStopsALongImportWithNothingImported() throws {
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-e2e-corpus-\(getpid())")
        defer { try? FileManager.default.removeItem(at: corpus) }
        let gen = Process()
        gen.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gen.arguments = ["python3", Plansh.shared.appendingPathComponent("bench/gen_corpus.py").path,
                         "--tasks", "60000", "--out", corpus.path, "--quiet"]
        try gen.run()
        try #require(gen.exitStatus() == 0)

        let store = Plansh.temporaryStore("e2e-cancel")
        defer { try? FileManager.default.removeItem(at: store) }
        let t = try TerminalSession(arguments: ["--store", store.path])
        defer { t.close() }
        try t.wait(for: bareprompt)
        try t.type("import plan \(corpus.appendingPathComponent("docs").path)")
        try t.press("Enter")
        var s = try t.wait(timeout: 30) { $0.contains("importing ") && $0.contains("MB/s") }
        #expect(s.contains("files"), "screen:\n\(s)")
        try t.press("C-c")
        s = try t.wait(timeout: 30) { $0.contains("import cancelled") }
        #expect(s.contains("nothing was imported"), "screen:\n\(s)")
        try t.type("plans")
        try t.press("Enter")
        s = try t.wait { $0.contains("no plans yet") }
        #expect(s.contains("no plans yet"), "screen:\n\(s)")
        try t.pressCtrlDAtPrompt()
        #expect(try t.exitStatus() == 0)
    }
}
