import Foundation
import Testing
import PlanKit

/// `import plan` of Word files, web pages and refused formats, run as a user runs plansh:
/// `plansh -c 'import plan X'` (exit 1 and one error line for a refusal, nothing imported),
/// and `import plan DIR` over a directory of mixed formats.
@Suite(.enabled(if: Plansh.isBuilt, Comment(rawValue: Plansh.notBuilt)))
struct FormatsImportCommandTests {
    static let fixtures = Plansh.packageRoot.appendingPathComponent("Tests/Fixtures/formats")
    let store = Plansh.temporaryStore("formats")

    func plansh(_ command: String) throws -> Plansh.Result {
        try Plansh.run(["--store", store.path, "-c", command], directory: Self.fixtures)
    }

    @Test(arguments: ["bomb.docx", "corrupt.docx", "images-only.docx", "no-plan.html", "encrypted.docx", "encrypted.xlsx",
                      "legacy.doc", "legacy.xls", "plan.pdf", "plan.rtf", "plan.ofd"])
    func refusedFilesExitOneWithOneLineAndImportNothing(_ name: String) throws {
        let r = try plansh("import plan \(name) as x")
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.first?.hasPrefix("error: \(name)") == true, "\(r.stderr)")
        // One message line, then the command with a caret under the file name.
        #expect(lines.count == 3 && lines[1].contains("import plan \(name)") && lines[2].contains("^"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let plans = try plansh("plans")
        #expect(!plans.stdout.contains("x "), "\(plans.stdout)")
        #expect(plans.stdout.contains("0 plans") || plans.stdout.contains("no plans") || !plans.stdout.contains(" x"))
    }

    @Test func aWordFileAndAWebPageImportLikeTheirText() throws {
        let r = try plansh("import plan qingshan2025.docx as qsdocx; import plan qingshan2025.html as qshtml; "
                           + "import plan ../../../examples/plans/qingshan2025.txt as qstxt; count tasks by plan")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("imported plan qsdocx (青山县卫生健康局2025年卫生健康工作要点): 30 tasks, 11 offices, 47 targets"))
        #expect(r.stdout.contains("imported plan qshtml (青山县卫生健康局2025年卫生健康工作要点): 30 tasks, 11 offices, 47 targets"))
        #expect(r.stdout.contains("imported plan qstxt (青山县卫生健康局2025年卫生健康工作要点): 30 tasks, 11 offices, 47 targets"))
        let show = try plansh("show plan qshtml")
        #expect(show.stdout.contains("line 0: read as GB18030 (the file is not UTF-8)"))
    }

    @Test func aDirectoryTakesEveryFormatAndCountsThemAll() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-formats-dir-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.copyItem(at: Self.fixtures.appendingPathComponent("qingshan2025.docx"), to: dir.appendingPathComponent("a-docx.docx"))
        try fm.copyItem(at: Self.fixtures.appendingPathComponent("qingshan2025.html"), to: dir.appendingPathComponent("b-page.htm"))
        try fm.copyItem(at: Plansh.packageRoot.appendingPathComponent("examples/plans/songling2025.txt"),
                        to: dir.appendingPathComponent("c-text.txt"))
        // A GBK text file: read as GB18030 with a warning.
        let gbk = try #require(String(contentsOf: Plansh.packageRoot.appendingPathComponent("examples/plans/hewan2025.txt"), encoding: .utf8)
            .data(using: TextDecoding.gb18030))
        try gbk.write(to: dir.appendingPathComponent("d-gbk.txt"))
        try Data("ignored".utf8).write(to: dir.appendingPathComponent("notes.md"))
        let r = try plansh("import plan \(dir.path); plans")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("imported 4 plans"))
        for id in ["a-docx", "b-page", "c-text", "d-gbk"] { #expect(r.stdout.contains(id)) }
        let show = try plansh("show plan d-gbk")
        #expect(show.stdout.contains("read as GB18030"))
        // A refused file in the directory fails the batch, and nothing is imported.
        try fm.copyItem(at: Self.fixtures.appendingPathComponent("encrypted.docx"), to: dir.appendingPathComponent("e-locked.docx"))
        let again = Plansh.temporaryStore("formats-again")
        let bad = try Plansh.run(["--store", again.path, "-c", "import plan \(dir.path)"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("1 of 5 files cannot be imported; nothing was imported"))
        #expect(bad.stderr.contains("e-locked.docx: is a password-protected (encrypted) Office file"))
    }
}
