import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// `import plan`, `plans`, `show plan`, `show task`, `drop plan`, `offices` on a real store,
/// with the demo plans from examples/plans and deliberately bad files.
@Suite struct PlanCommandTests {
    let dir: URL
    let session: Session
    let c: Captured
    static let plans = Plansh.packageRoot.appendingPathComponent("examples/plans")

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-plancmd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        (session, c) = try CapturedShell.session(dir.appendingPathComponent("store"), workingDirectory: dir)
    }

    func file(_ name: String, _ bytes: Data) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try bytes.write(to: url)
        return url
    }

    func reopen() throws -> Session {
        session.store.close()
        return Session(store: try Store.open(at: dir.appendingPathComponent("store")))
    }

    @Test func importADirectoryThenListShowAndDrop() throws {
        #expect(session.execute("import plan \(Self.plans.path)"))
        #expect(c.take().out.hasPrefix("imported 3 plans: 84 tasks, 3 warnings"))
        #expect(session.workspace.plans.map(\.id) == ["hewan2025", "qingshan2025", "songling2025"])

        #expect(session.execute("plans --format csv") || session.execute("plans"))
        _ = c.take()
        session.settings.format = .csv
        #expect(session.execute("plans"))
        let csv = c.take().out
        #expect(csv.contains("qingshan2025,青山县卫生健康局2025年卫生健康工作要点,2025,30,1,"))
        session.settings.format = .table

        #expect(session.execute("show plan qingshan2025"))
        let outline = c.take().out
        #expect(outline.hasPrefix("plan qingshan2025 — 青山县卫生健康局2025年卫生健康工作要点\n"))
        #expect(outline.contains("30 tasks"))
        #expect(outline.contains("warnings:\n  line "))

        #expect(session.execute("show task qingshan2025:2.2.2"))
        let task = c.take().out
        #expect(task.contains("不低于85%"))
        #expect(task.contains(">="))

        session.settings.format = .json
        #expect(session.execute("show task qingshan2025:2.2.2"))
        let json = try JSONSerialization.jsonObject(with: Data(c.take().out.utf8)) as? [String: Any]
        #expect(json?["id"] as? String == "qingshan2025:2.2.2")
        #expect((json?["targets"] as? [[String: Any]])?.count == 2)
        #expect(json?["history"] is [Any])
        session.settings.format = .table

        #expect(session.execute("offices"))
        let offices = c.take().out
        #expect(offices.contains("医政科"))
        #expect(offices.hasSuffix("(11 offices)\n"))

        #expect(session.execute("drop plan hewan2025"))
        #expect(c.take().out == "dropped plan hewan2025 (25 tasks)\n")
        // Durable: a new session on the store sees the same plans.
        let again = try reopen()
        defer { again.store.close() }
        #expect(again.workspace.plans.map(\.id) == ["qingshan2025", "songling2025"])
        #expect(again.workspace.taskCount == 59)
    }

    @Test func anIdThatIsTakenNeedsReplaceAndReplaceKeepsProgress() throws {
        let file = Self.plans.appendingPathComponent("qingshan2025.txt").path
        #expect(session.execute("import plan \(file)"))
        #expect(session.execute("update qingshan2025:2.2.2 set status = behind, progress = 30"))
        _ = c.take()
        #expect(!session.execute("import plan \(file)"))
        #expect(c.take().err.contains("plan \"qingshan2025\" exists; add `replace`"))
        #expect(session.execute("import plan \(file) replace"))
        #expect(c.take().out.hasPrefix("replaced plan qingshan2025"))
        let t = session.workspace.task(row: session.workspace.row(id: "qingshan2025:2.2.2") ?? -1)
        #expect(t.status == .behind && t.progress == 30)
        #expect(session.execute("import plan \(file) as qs2"))
        #expect(session.workspace.plans.map(\.id) == ["qingshan2025", "qs2"])
        #expect(!session.execute("import plan \(file) as QS!"))
        #expect(c.take().err.contains("is not valid"))
    }

    @Test func badFilesAreRefusedWithAClearErrorAndNothingImported() throws {
        var binary = Data((0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        binary[100] = 0
        let cases: [(String, Data, String)] = [
            ("empty.txt", Data(), "the file is empty"),
            ("binary.txt", binary, "binary file"),
            ("bad.txt", Data("一、总体\n".utf8) + Data([0xFF, 0xFF, 0x0A]), "bad.txt: the text is neither UTF-8"),
            ("prose.txt", Data("这是一段没有编号的说明文字。\n另一段也没有编号。\n".utf8), "no plan structure found"),
        ]
        for (name, bytes, message) in cases {
            _ = try file(name, bytes)
            #expect(!session.execute("import plan \(name)"), "\(name)")
            let err = c.take().err
            #expect(err.contains(message), "\(name): \(err)")
            #expect(err.hasPrefix("error: "), "\(name): \(err)")
        }
        #expect(session.workspace.plans.isEmpty)
        #expect(!session.execute("import plan missing.txt"))
        #expect(c.take().err.hasPrefix("error: no such file or directory: missing.txt"))
    }

    @Test func anUnbalancedOfficeTagIsAWarningWithItsLine() throws {
        _ = try file("tag.txt", Data("一、重点工作\n1.完善急救网络(责任科室:医政科、财务科。\n2.做好疫苗接种工作(责任科室:疾病预防控制科)\n".utf8))
        #expect(session.execute("import plan tag.txt"))
        // The tag, and the year missing from the title and file name.
        #expect(c.take().out.contains("2 warnings"))
        #expect(session.execute("show plan tag"))
        let shown = c.take().out
        #expect(shown.contains("line 2: office tag is not closed"))
        #expect(shown.contains("line 1: \(PlanYear.missingWarningPrefix)"))
        #expect(session.workspace.taskCount == 2)
    }

    @Test func aDirectoryWithOneBadFileImportsNothing() throws {
        let d = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        for name in ["hewan2025.txt", "qingshan2025.txt"] {
            try FileManager.default.copyItem(at: Self.plans.appendingPathComponent(name), to: d.appendingPathComponent(name))
        }
        try Data([0x00, 0x01, 0x02]).write(to: d.appendingPathComponent("broken.txt"))
        #expect(!session.execute("import plan docs"))
        let err = c.take().err
        #expect(err.contains("1 of 3 files cannot be imported; nothing was imported"))
        #expect(err.contains("broken.txt: looks like a binary file"))
        #expect(session.workspace.plans.isEmpty)
        try FileManager.default.removeItem(at: d.appendingPathComponent("broken.txt"))
        #expect(session.execute("import plan docs"))
        #expect(session.workspace.plans.count == 2)
    }

    @Test func aFiftyMegabyteFileImports() throws {
        // One long plan: a section of many numbered items, repeated to 50 MB.
        var text = "大型测试计划\n一、重点任务\n"
        var n = 0
        let item = "加强县域医共体建设，推进检查检验结果互认，力争县域就诊率达90%以上(责任科室:医政科、基层卫生科)。"
        while text.utf8.count < 50_000_000 {
            n += 1
            text += "\(n).\(item)\n"
        }
        _ = try file("big.txt", Data(text.utf8))
        #expect(session.execute("import plan big.txt"))
        #expect(c.take().out.hasPrefix("imported plan big"))
        #expect(session.workspace.taskCount == n)
        let last = session.workspace.task(row: session.workspace.row(id: "big:1.\(n)") ?? -1)
        #expect(last.offices == ["医政科", "基层卫生科"])
        #expect(last.targets.first?.value == 90)
    }

    @Test func wrongArgumentsPointAtTheWord() throws {
        #expect(!session.execute("import plan x.txt az y"))
        #expect(c.take().err.contains("unexpected \"az\" — did you mean \"as\"?"))
        #expect(!session.execute("show plan"))
        #expect(c.take().err.contains("expected a plan id — usage: show plan ID"))
        #expect(session.execute("import plan \(Self.plans.appendingPathComponent("hewan2025.txt").path)"))
        #expect(!session.execute("show plan hewan2024"))
        #expect(c.take().err.contains("no plan \"hewan2024\" — did you mean \"hewan2025\"?"))
        #expect(!session.execute("show task hewan2025:9.9"))
        #expect(c.take().err.contains("no task \"hewan2025:9.9\""))
    }
}
