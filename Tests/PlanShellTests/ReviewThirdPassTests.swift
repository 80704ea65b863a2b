import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// A third reviewer's pass over "one source of truth" (issue 10): words that still bypassed the
/// Lexicon, counts worded by hand, a list of formats typed by hand. One test each, on the demo.
@Suite(.enabled(if: LessonFiles.sheetsReady, "needs examples/progress"))
struct ReviewThirdPassTests {
    typealias Shell = TutorialImportDemoTests.Shell

    func demo() throws -> Shell {
        let sh = try Shell()
        #expect(sh.run("import demo"), "\(sh.err)")
        return sh
    }

    func file(_ sh: Shell, _ name: String) throws -> String {
        let url = sh.session.resolve(path: name)
        defer { try? FileManager.default.removeItem(at: url) }
        return try String(contentsOf: url, encoding: .utf8)
    }
}

extension ReviewThirdPassTests {
    /// `history` under `set lang zh` names the fields, statuses and lights as every other table
    /// does (状态, 未启动 → 推进中) on the screen, in CSV, Markdown and HTML; JSON stays English.
    @Test func historySpeaksChineseUnderSetLangZh() throws {
        let sh = try demo()
        let id = "qingshan2025:2.1.1"
        #expect(sh.run("set lang zh; history \(id)"), "\(sh.err)")
        let screen = sh.out
        for word in ["状态", "进度", "备注", "未启动 → 推进中"] {
            #expect(screen.contains(word), "\(word): \(screen)")
        }
        for word in [" status ", " progress ", " note ", "not_started", "on_track"] {
            #expect(!screen.contains(word), "\(word): \(screen)")
        }
        #expect(sh.run("history \(id) > h.csv; history \(id) > h.md; history \(id) > h.html"), "\(sh.err)")
        let csv = try file(sh, "h.csv")
        #expect(csv.contains(",状态,未启动,推进中,") && !csv.contains("not_started"), "\(csv)")
        let md = try file(sh, "h.md")
        #expect(md.contains("| 状态 ") && md.contains("未启动 → 推进中") && !md.contains("status"), "\(md)")
        let html = try file(sh, "h.html")
        #expect(html.contains("<td>状态</td>") && html.contains("未启动 → 推进中") && !html.contains("on_track"), "\(html)")
        #expect(sh.run("set format json; history \(id)"))
        #expect(sh.out.contains("\"status\"") && sh.out.contains("\"not_started\"") && !sh.out.contains("状态"), "\(sh.out)")
        #expect(sh.run("set format table; set lang en; history \(id)"))
        #expect(sh.out.contains("status") && sh.out.contains("not_started → on_track"), "\(sh.out)")
    }
}
