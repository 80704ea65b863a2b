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

extension ReviewThirdPassTests {
    /// One of a thing is counted in the singular everywhere (`1 task`, `1 office`, `1 day`), because
    /// every count is worded by `Lexicon.counted`: import, show plan, save, load, drop, `why`, report.
    @Test func oneOfAThingIsCountedInTheSingular() throws {
        let sh = try Shell()
        try FileManager.default.createDirectory(at: sh.dir, withIntermediateDirectories: true)
        let plan = sh.dir.appendingPathComponent("one.txt")
        try Data("青山县2025年卫生健康工作要点\n一、医疗服务\n（一）提升质量\n1.推进胸痛中心建设，年底前完成。（责任科室：医政科）\n".utf8)
            .write(to: plan)
        var said = ""
        func run(_ line: String, _ expected: String) {
            #expect(sh.run(line), "\(line): \(sh.err)")
            #expect(sh.out.contains(expected), "\(line): \(sh.out)")
            said += sh.out
        }
        run("import plan \(plan.path) as one", ": 1 task, 1 office, 0 targets")
        run("show plan one", "1 task · 2 sections · 0 warnings")
        run("save s1", "saved snapshot s1: 1 plan, 1 task, ")
        run("load s1", "loaded snapshot s1: 1 plan, 1 task; ")
        run("update one:1.1.1 set progress = 50, status = on_track; set today = 2026-01-01; why one:1.1.1", "(1 day past its due date 2025-12-31")
        run("set today = 2025-06-30; set rule yellow = 1; set rule red = 1; why one:1.1.1", "(no more than 1 point behind)")
        run("update one:1.1.1 set progress = 10; why one:1.1.1", "(more than 1 point behind)")
        run("set rule remind = 1; report", "progress up for 1 task\n")
        #expect(said.contains("Due soon (within 1 day, 0)"), "\(said)")
        run("set lang zh; report", "进度提高 1 项")
        run("set lang en; drop plan one", "dropped plan one (1 task)")
        for wrong in ["1 tasks", "1 offices", "1 plans", "1 days", "1 points", "1 sections", "1 warnings"] {
            #expect(!said.contains(wrong), "\(wrong): \(said)")
        }
    }

    /// No count is given its plural by hand anywhere in Sources: `Lexicon.counted` is the one
    /// place for tables and summaries, `Messages.n` for the catalogue's English sentences; no
    /// `row(s)` either.
    @Test func noCountIsPluralisedByHand() throws {
        let root = LessonFiles.packageRoot.appendingPathComponent("Sources")
        var found: [String] = []
        // `row(s)` inside a string literal (interpolations allowed before it, no other brackets).
        let maybePlural = try Regex(#""(?:[^"(){}]|\\\([^()]*\))*[a-z]\(s\)"#)
        for folder in ["PlanShell", "PlanKit"] {
            let dir = root.appendingPathComponent(folder)
            for file in FileManager.default.enumerator(atPath: dir.path)?.compactMap({ $0 as? String }) ?? []
            where file.hasSuffix(".swift") {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where line.contains("== 1 ? \"\" : \"s\"") || line.contains("\"\\(k) \\(noun)") || line.contains(maybePlural) {
                    found.append("\(folder)/\(file):\(i + 1)")
                }
            }
        }
        #expect(found.isEmpty, "\(found)")
    }
}

extension ReviewThirdPassTests {
    /// `check` under `set lang zh` says its title, each file's state and what the file holds in
    /// Chinese (`3 个计划，84 项任务，3 条变更`: the demo's `save` folded its changes into the
    /// working file), on the screen and in CSV; JSON keeps English.
    @Test func checkSpeaksChineseUnderSetLangZh() throws {
        let sh = try demo()
        #expect(sh.run("set lang zh; check"), "\(sh.err)")
        let zh = sh.out
        for word in ["所有文件完好", "正常", "3 个计划，84 项任务，3 条变更", "条记录，", " 字节"] {
            #expect(zh.contains(word), "\(word): \(zh)")
        }
        for word in ["every file intact", " ok ", " plans", " tasks", " change", " records", " bytes"] {
            #expect(!zh.contains(word), "\(word): \(zh)")
        }
        #expect(sh.run("check > c.csv"), "\(sh.err)")
        let csv = try file(sh, "c.csv")
        #expect(csv.contains("working.plansnap,正常,3 个计划，84 项任务，3 条变更"), "\(csv)")
        #expect(sh.run("set format json; check"))
        #expect(sh.out.contains("\"ok\"") && sh.out.contains("3 plans, 84 tasks, 3 changes") && !sh.out.contains("项任务"), "\(sh.out)")
        #expect(sh.run("set format table; set lang en; check"))
        #expect(sh.out.contains("every file intact") && sh.out.contains("3 plans, 84 tasks, 3 changes") && sh.out.contains(" bytes"),
                "\(sh.out)")
    }
}

extension ReviewThirdPassTests {
    /// The formats help names are the formats the program takes, from their one declaration:
    /// `--format F` lists exactly what `--format` accepts (and says so when the name is missing),
    /// `> FILE` lists the extensions with a writer, `import plan DIR` the extensions it picks up.
    @Test func helpListsTheDeclaredFormats() throws {
        let sh = try Shell()
        #expect(sh.run("help find"))
        let help = sh.out.split(separator: "\n").joined(separator: " ").split(separator: " ").joined(separator: " ")
        let listed = try #require(help.range(of: #"--format F \(([a-z ]+)\)"#, options: .regularExpression).map { help[$0] },
                                  "\(help)")
        let names = listed.dropFirst("--format F (".count).dropLast().split(separator: " ").map(String.init)
        let accepted = ["table", "csv", "json", "markdown", "md", "html", "text", "txt", "xlsx", "tsv"].filter {
            sh.run("find tasks limit 1 --format \($0)")
        }
        #expect(Set(names).isSubset(of: Set(accepted)), "help \(names), accepted \(accepted)")
        #expect(Set(accepted).subtracting(names) == ["md"], "help \(names), accepted \(accepted)")
        #expect(help.contains("> FILE" + OutputFileKind.extensions.joined(separator: "|")), "\(help)")
        #expect(!sh.run("find tasks --format"))
        #expect(sh.err.contains(names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")), "\(sh.err)")
        #expect(sh.run("help import plan"))
        for ext in PlanDocument.extensions {
            #expect(sh.out.contains("*.\(ext)"), "\(ext): \(sh.out)")
        }
    }
}
