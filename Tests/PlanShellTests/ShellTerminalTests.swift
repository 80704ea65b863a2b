import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// The shell in a real terminal (tmux) on the demo plans: Tab in an open quote, resizing,
/// colour on and off, Backspace over CJK, and the built-in demo and lessons from `/`.
@Suite(.serialized, .enabled(if: TerminalSession.tmuxAvailable, Comment(rawValue: TerminalSession.tmuxMissing)),
       .enabled(if: Plansh.isBuilt, Comment(rawValue: Plansh.notBuilt)))
struct ShellTerminalTests {
    /// A store holding the demo, made with `plansh -c 'import demo'` from `/`.
    static func demoStore(_ tag: String) throws -> URL {
        let store = Plansh.temporaryStore(tag)
        let r = try Plansh.run(["--store", store.path, "-c", "import demo"], directory: URL(fileURLWithPath: "/"),
                               environment: ["XDG_CACHE_HOME": cache.path])
        #expect(r.status == 0, "\(r.stderr)")
        return store
    }

    static let cache = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-test-cache-\(getpid())")
    /// The demo as of 2025-04-30 (its reporting month): 5 red and 1 due-soon task in the prompt.
    let prompt = "plansh[3 plans · 5 红灯 · 1 临期]> "
    var promptWidth: Int { DisplayWidth.of(prompt) }

    func start(_ store: URL, width: Int = 100, environment: [String: String] = [:]) throws -> TerminalSession {
        // The test runner's own environment may ask for no colour; each test says what it wants.
        var env = ["XDG_CACHE_HOME": Self.cache.path, "NO_COLOR": ""]
        for (k, v) in environment { env[k] = v }
        let t = try TerminalSession(arguments: ["--store", store.path], width: width, directory: URL(fileURLWithPath: "/"),
                                    environment: env)
        try t.wait(for: String(prompt.dropLast()))
        return t
    }

    @Test func tabInAnOpenQuoteClosesItAndListsOnlyOnTheSecondTab() throws {
        let store = try Self.demoStore("e2e-quote")
        defer { try? FileManager.default.removeItem(at: store) }
        let t = try start(store)
        defer { t.close() }
        // One office starts with 医政: Tab completes it and closes the quote.
        try t.type("count tasks where 科室 = \"医政")
        try t.press("Tab")
        var s = try t.wait { $0.contains(#"科室 = "医政科" "#) || $0.contains(#"科室 = "医政科""#) }
        #expect(s.contains(#"count tasks where 科室 = "医政科""#), "screen:\n\(s)")
        #expect(try t.cursorColumn() == promptWidth + DisplayWidth.of(#"count tasks where 科室 = "医政科" "#))
        try t.press("Enter")
        s = try t.wait { $0.range(of: "\n[0-9]+\n", options: .regularExpression) != nil }
        #expect(!s.contains("...>"), "no continuation line; screen:\n\(s)")

        // Many candidates: the first Tab that adds nothing beeps, the second lists, a third does not reprint.
        try t.type("count tasks where status = ")
        try t.press("Tab")
        usleep(300_000)
        #expect(!(try t.screen()).contains("not_started"))
        try t.press("Tab")
        s = try t.wait { $0.contains("not_started") }
        #expect(s.contains("on_track"), "screen:\n\(s)")
        try t.press("Tab")
        usleep(400_000)
        s = try t.screen()
        #expect(s.components(separatedBy: "not_started").count - 1 == 1, "listed again; screen:\n\(s)")
        try t.press("C-c")
        try t.wait { $0.hasSuffix("^C\n" + self.prompt.trimmingCharacters(in: .whitespaces)) }
        try t.pressCtrlDAtPrompt()
        #expect(try t.exitStatus() == 0)
    }

    @Test func tablesFollowTheWindowWhenItIsResized() throws {
        let store = try Self.demoStore("e2e-resize")
        defer { try? FileManager.default.removeItem(at: store) }
        let t = try start(store, width: 120)
        defer { t.close() }
        try t.resize(width: 60)
        usleep(300_000)
        try t.type("find tasks where plan = hewan2025 limit 3")
        try t.press("Enter")
        let s = try t.wait { $0.contains("(3 tasks)") }
        let table = s.components(separatedBy: "limit 3").last ?? s
        let widest = table.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
        #expect(widest <= 60, "a row is \(widest) columns wide in a 60-column window; screen:\n\(s)")
        #expect(table.contains("…"), "long headings are cut to the new width; screen:\n\(s)")
        try t.pressCtrlDAtPrompt()
        #expect(try t.exitStatus() == 0)
    }

    @Test func statusesAreColouredOnATerminalUnlessNoColor() throws {
        let store = try Self.demoStore("e2e-colour")
        defer { try? FileManager.default.removeItem(at: store) }
        let red = "\u{1B}[31mbehind"
        do {
            let t = try start(store)
            defer { t.close() }
            try t.type("find tasks where status = behind limit 2")
            try t.press("Enter")
            try t.wait(for: "(2 tasks)")
            let s = try t.screenWithEscapes()
            #expect(s.contains(red), "screen:\n\(s)")
            try t.pressCtrlDAtPrompt()
        }
        do {
            let t = try start(store, environment: ["NO_COLOR": "1"])
            defer { t.close() }
            try t.type("find tasks where status = behind limit 2")
            try t.press("Enter")
            try t.wait(for: "(2 tasks)")
            let s = try t.screenWithEscapes()
            #expect(!s.contains("\u{1B}[31m"), "screen:\n\(s)")
            #expect(s.contains("behind"))
            try t.pressCtrlDAtPrompt()
        }
        // A pipe never gets escape codes.
        let piped = try Plansh.run(["--store", store.path, "-c", "find tasks where status = behind limit 2"])
        #expect(!piped.stdout.contains("\u{1B}["))
        #expect(piped.stdout.contains("behind"))
    }

    @Test func backspaceOverChineseKeepsTheCursorInPlace() throws {
        let store = try Self.demoStore("e2e-backspace")
        defer { try? FileManager.default.removeItem(at: store) }
        let t = try start(store)
        defer { t.close() }
        try t.type("echo 甲乙丙")
        try t.wait { $0.contains("echo 甲乙丙") }
        #expect(try t.cursorColumn() == promptWidth + 5 + 6)
        try t.press("BSpace")
        usleep(200_000)
        #expect(try t.cursorColumn() == promptWidth + 5 + 4)
        try t.press("Left", "BSpace")
        usleep(200_000)
        #expect(try t.cursorColumn() == promptWidth + 5)
        try t.type("丁")
        usleep(200_000)
        #expect(try t.cursorColumn() == promptWidth + 5 + 2)
        try t.press("Enter")
        let s = try t.wait { $0.contains("\n丁乙") }
        #expect(s.contains("\n丁乙"), "screen:\n\(s)")
        try t.pressCtrlDAtPrompt()
        #expect(try t.exitStatus() == 0)
    }

    /// Issue 10 §8 said the cursor drifted one column after Backspace over a CJK character until
    /// the next redraw. Through the real libedit it does not (checked again in 2026-12): after
    /// every Backspace the cursor stands where the line's display width says, also when a
    /// character in the middle goes and the rest moves left, when the line wraps and a wide
    /// character did not fit in the last column, and in a plain `LANG=C` locale (plansh falls
    /// back to C.UTF-8 before libedit starts).
    @Test(arguments: ["C.UTF-8", "C"]) func backspaceOverChineseAcrossAWrapAndInTheMiddle(lang: String) throws {
        let store = try Self.demoStore("e2e-backspace-wrap")
        defer { try? FileManager.default.removeItem(at: store) }
        // The prompt leaves 6 columns: `a一二` fills 5, `三` cannot start in the last one and wraps.
        let width = promptWidth + 6
        let t = try start(store, width: width, environment: ["LANG": lang])
        defer { t.close() }
        func settle() { usleep(200_000) }
        try t.type("a一二三四")
        try t.wait { $0.hasSuffix("三四") }
        #expect(try t.cursorColumn() == 4)
        try t.press("BSpace")
        settle()
        #expect(try t.cursorColumn() == 2)
        try t.press("BSpace")
        settle()
        #expect(try t.cursorColumn() == promptWidth + 5)
        #expect(try t.screen().hasSuffix("a一二"))
        // In the middle: delete 一, the rest moves left, the cursor stays after `a`.
        try t.press("Left", "BSpace")
        settle()
        #expect(try t.cursorColumn() == promptWidth + 1)
        let screen = try t.screen()
        #expect(screen.hasSuffix("a二"), "screen:\n\(screen)")
        // Mixed text: `x，y` with the full-width comma deleted from between.
        try t.press("End")
        try t.type("x，y")
        try t.press("Left", "BSpace")
        settle()
        #expect(try t.screen().hasSuffix("a二xy"))
        #expect(try t.cursorColumn() == promptWidth + 1 + 2 + 1)
        try t.press("C-u", "C-d")
        #expect(try t.exitStatus() == 0)
    }

    /// `import demo` (above) and a lesson work from `/`, far from any checkout.
    @Test func aLessonRunsFromTheRootDirectory() throws {
        let store = Plansh.temporaryStore("e2e-root-lesson")
        defer { try? FileManager.default.removeItem(at: store) }
        let t = try TerminalSession(arguments: ["--store", store.path], directory: URL(fileURLWithPath: "/"),
                                    environment: ["XDG_CACHE_HOME": Self.cache.path])
        defer { t.close() }
        try t.wait(for: "plansh[no plans]>")
        try t.type("tutorial 1")
        try t.press("Enter")
        var s = try t.wait(timeout: 20) { $0.contains("tutorial 1 [1/5]>") }
        #expect(s.contains("Step 1 of 5"), "screen:\n\(s)")
        #expect(!s.contains("第1/5步"), "English only by default; screen:\n\(s)")
        try t.type("count")
        try t.press("Enter")
        s = try t.wait(timeout: 20) { $0.contains("tutorial 1 [2/5]>") }
        #expect(s.contains("✓ Correct!"), "screen:\n\(s)")
        try t.type("more")
        try t.press("Enter")
        // `more` shows the step once in Chinese.
        s = try t.wait { $0.range(of: "→ [\u{4E00}-\u{9FFF}]", options: .regularExpression) != nil }
        #expect(s.range(of: "→ [\u{4E00}-\u{9FFF}]", options: .regularExpression) != nil, "screen:\n\(s)")
        try t.type("quit")
        try t.press("Enter")
        try t.wait { $0.contains("plansh[no plans]>") }
        try t.pressCtrlDAtPrompt()
        #expect(try t.exitStatus() == 0)
    }
}
