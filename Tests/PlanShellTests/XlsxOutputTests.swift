import Foundation
import Testing
import PlanKit

/// Sheets and output files through the real binary: `> FILE` by extension, `import progress`
/// of office files, and the refusals a script stops on (exit 1, nothing applied).
@Suite(.enabled(if: Plansh.isBuilt, Comment(rawValue: Plansh.notBuilt)))
struct XlsxOutputTests {
    static let fixtures = Plansh.packageRoot.appendingPathComponent("Tests/Fixtures/sheets")

    /// A store holding the demo plans, and a working directory for files.
    static func store() throws -> (store: URL, dir: URL) {
        let store = Plansh.temporaryStore("xlsx")
        let dir = store.appendingPathExtension("files")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let plans = Plansh.packageRoot.appendingPathComponent("examples/plans").path
        let r = try Plansh.run(["--store", store.path, "-c", "import plan \(plans)"])
        #expect(r.status == 0, "\(r.stderr)")
        return (store, dir)
    }

    static func cleanUp(_ s: (store: URL, dir: URL)) {
        try? FileManager.default.removeItem(at: s.store)
        try? FileManager.default.removeItem(at: s.dir)
    }

    @Test func outputFilesFollowTheirExtension() throws {
        let s = try Self.store()
        defer { Self.cleanUp(s) }
        let r = try Plansh.run(["--store", s.store.path, "-c",
                                "find tasks > ledger.xlsx; find tasks where plan = qingshan2025 > all.txt; find tasks limit 3 > page.html; "
                                + "count tasks by office > count.xlsx; report > report.xlsx"], directory: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        // A workbook, not text.
        let ledger = try Data(contentsOf: s.dir.appendingPathComponent("ledger.xlsx"))
        #expect(FileKind.sniff(ledger, fileName: "ledger.xlsx") == .xlsx)
        let archive = try ZipArchive(data: ledger, fileName: "ledger.xlsx")
        let sheet = try #require(try archive.read("xl/worksheets/sheet1.xml"))
        #expect(String(decoding: sheet, as: UTF8.self).contains(#"state="frozen""#))
        let report = try ZipArchive(data: Data(contentsOf: s.dir.appendingPathComponent("report.xlsx")), fileName: "r")
        #expect(report.members.filter { $0.path.hasPrefix("xl/worksheets/") }.count >= 5)
        #expect(try ZipArchive(data: Data(contentsOf: s.dir.appendingPathComponent("count.xlsx")), fileName: "c").member("xl/workbook.xml") != nil)
        // Text in full: no `…`, every long heading whole.
        let text = try String(contentsOf: s.dir.appendingPathComponent("all.txt"), encoding: .utf8)
        #expect(!text.contains("…"))
        #expect(text.contains("(30 tasks)"))
        // A complete page.
        let page = try String(contentsOf: s.dir.appendingPathComponent("page.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains(#"<meta charset="utf-8">"#))
        #expect(page.contains("<table>") && page.hasSuffix("</html>\n"))
    }

    @Test(arguments: ["x.docx", "x.foo"])
    func anExtensionWithNoWriterIsAnError(name: String) throws {
        let s = try Self.store()
        defer { Self.cleanUp(s) }
        let r = try Plansh.run(["--store", s.store.path, "-c", "find tasks > \(name)"], directory: s.dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("no writer for \"\(name)\""), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.dir.appendingPathComponent(name).path))
    }

    @Test func anOfficeLedgerApplies() throws {
        let s = try Self.store()
        defer { Self.cleanUp(s) }
        let sheet = Self.fixtures.appendingPathComponent("progress-twin-libreoffice.xlsx").path
        let r = try Plansh.run(["--store", s.store.path, "-c", "import progress \(sheet) sheet 5月进展 month 2025-05; "
                                + "find tasks where status != not_started show id, status, progress --format csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("applied \(sheet) for 2025-05: 8 tasks"))
        #expect(r.stdout.contains("qingshan2025:2.2.4,done,100"))
        #expect(r.stderr.contains("only a task id (songling2025:2.1.3)"))
    }

    /// Each refused file stops a script with exit 1 and a one-line reason; nothing is applied.
    @Test(arguments: [("no-header.xlsx", "no header row"), ("unknown-status.xlsx", "unknown status \"进展顺利\""),
                      ("encrypted.xlsx", "password-protected"), ("legacy.xls", "legacy Excel"),
                      ("corrupt.xlsx", "corrupt.xlsx")])
    func aBadSheetStopsAScript(name: String, words: String) throws {
        let s = try Self.store()
        defer { Self.cleanUp(s) }
        let script = s.dir.appendingPathComponent("apply.plansh")
        let sheet = Self.fixtures.appendingPathComponent(name).path
        try Data("import progress \(sheet) month 2025-05\necho not reached\n".utf8).write(to: script)
        let r = try Plansh.run(["--store", s.store.path, script.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("apply.plansh:1:17: error: ") && r.stderr.contains(words), "\(r.stderr)")
        #expect(!r.stdout.contains("not reached"))
        let after = try Plansh.run(["--store", s.store.path, "-c", "count tasks where status != not_started"])
        #expect(after.stdout == "0\n")
    }

    @Test func aSheetNamedWithoutItsExtension() throws {
        let s = try Self.store()
        defer { Self.cleanUp(s) }
        let csv = try Data(contentsOf: Self.fixtures.appendingPathComponent("progress-twin-gbk.csv"))
        try csv.write(to: s.dir.appendingPathComponent("2025-05.csv"))
        let r = try Plansh.run(["--store", s.store.path, "-c", "import progress 2025-05 month 2025-05"], directory: s.dir)
        #expect(r.status == 0 && r.stdout.hasPrefix("applied 2025-05.csv for 2025-05: 8 tasks"), "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("2025-05.csv: read as GB18030"))
        try Data(contentsOf: Self.fixtures.appendingPathComponent("progress-twin-openpyxl.xlsx"))
            .write(to: s.dir.appendingPathComponent("2025-05.xlsx"))
        let both = try Plansh.run(["--store", s.store.path, "-c", "import progress 2025-05"], directory: s.dir)
        #expect(both.status == 1 && both.stderr.contains("both 2025-05.xlsx and 2025-05.csv are there"), "\(both.stderr)")
    }
}
