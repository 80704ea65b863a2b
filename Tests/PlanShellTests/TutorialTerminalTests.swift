import Foundation
import Testing
@testable import PlanShell

/// The real binary in a real terminal (tmux): a new user's banner, then lesson 1 completed by
/// typing its answers, with one wrong answer that gets a hint.
@Suite(.serialized, .enabled(if: TerminalSession.tmuxAvailable, Comment(rawValue: TerminalSession.tmuxMissing)),
       .enabled(if: Plansh.isBuilt, Comment(rawValue: Plansh.notBuilt)))
struct TutorialTerminalTests {
    /// The last non-empty screen line is `prompt` (capture-pane drops its trailing space).
    static func at(_ prompt: String) -> (String) -> Bool {
        { screen in
            let last = screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            return last.map { $0.trimmingCharacters(in: .whitespaces) } == prompt.trimmingCharacters(in: .whitespaces)
        }
    }

    @Test(.enabled(if: LessonFiles.runnable.contains("01-first-find.lesson"), "lesson 1's commands are not all in this build"))
    func lessonOneByTyping() throws {
        let store = Plansh.temporaryStore("e2e-tutorial")
        defer { try? FileManager.default.removeItem(at: store) }
        let t = try TerminalSession(arguments: ["--store", store.path], width: 120, directory: Plansh.packageRoot)
        defer { t.close() }

        // A new user's first plansh: the banner says how to begin.
        var s = try t.wait(until: Self.at("plansh[no plans]> "))
        #expect(s.contains("import plan FILE [as ID]"), "screen:\n\(s)")
        #expect(s.contains("import demo") && s.contains("find, report and diff have data at once"), "screen:\n\(s)")
        #expect(s.contains("tutorial"), "screen:\n\(s)")

        /// Types `text`, waits for its echo (so the next screen cannot be the old one), presses
        /// Enter and waits for `prompt`.
        func answer(_ text: String, thenAt prompt: String) throws -> String {
            try t.type(text)
            let echoed = try t.wait { screen in
                let last = screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                return last.map { $0.trimmingCharacters(in: .whitespaces).hasSuffix(text) } ?? false
            }
            #expect(echoed.contains(text), "`\(text)` was not echoed; screen:\n\(echoed)")
            try t.press("Enter")
            let screen = try t.wait(timeout: 20, until: Self.at(prompt))
            #expect(Self.at(prompt)(screen), "after `\(text)` expected the prompt \(prompt); screen:\n\(screen)")
            return screen
        }

        s = try answer("tutorial 1", thenAt: "tutorial 1 [1/5]> ")
        #expect(s.contains("Step 1 of 5"), "screen:\n\(s)")

        // A wrong answer: a cross and the first hint; the step stays.
        s = try answer("count tasks where plan = hewan2025", thenAt: "tutorial 1 [1/5]> ")
        #expect(s.contains("✗ Not quite"), "screen:\n\(s)")
        #expect(s.contains("Hint: Just two words: count tasks."), "screen:\n\(s)")
        #expect(!s.contains("只需两个词"), "English only by default; screen:\n\(s)")

        s = try answer("count", thenAt: "tutorial 1 [2/5]> ")
        #expect(s.contains("✓ Correct!"), "screen:\n\(s)")
        _ = try answer("find tasks where plan = songling2025", thenAt: "tutorial 1 [3/5]> ")
        // An equivalent query, with a Chinese field name and an unquoted value, passes by its result.
        _ = try answer("find where 科室 = 妇幼健康科", thenAt: "tutorial 1 [4/5]> ")
        _ = try answer("find tasks where status = 滞后 order by id desc", thenAt: "tutorial 1 [5/5]> ")
        s = try answer("find where status = behind and office = \"医政科\"", thenAt: "plansh[no plans]> ")
        #expect(s.contains("Lesson 1 complete. Type `tutorial 2` for the next lesson."), "screen:\n\(s)")

        // Back in the learner's own shell: the store is still empty, the progress is remembered.
        s = try answer("tutorial", thenAt: "plansh[no plans]> ")
        #expect(s.contains("✓ 已完成 done"), "screen:\n\(s)")
        let progress = try String(contentsOf: store.appendingPathComponent("tutorial-progress"), encoding: .utf8)
        #expect(progress.contains("01-first-find.lesson\tdone"))
        try t.type("quit")
        try t.press("Enter")
        #expect(try t.exitStatus() == 0)
    }
}
