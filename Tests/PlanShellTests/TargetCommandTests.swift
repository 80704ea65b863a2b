import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// Targets in the shell (SPEC §11): `update TASK#n set actual`, the bad inputs of issue 13 (each a
/// one-line error at the word, nothing changed), ids and actuals through `import plan … replace`,
/// and `find targets > FILE` in every format, the .xlsx ledger reading back.
@Suite struct TargetCommandTests {
    typealias Shell = TutorialImportDemoTests.Shell

    static let plan = """
    测试区2025年卫生健康工作要点
    一、重点工作
    1.完善家庭医生签约服务，签约覆盖率达xx%以上，新建标准化站点3个。（牵头科室：医政科）
    2.推进慢病管理，管理率达到60%。（牵头科室：疾控科）

    """

    /// A shell working in a fresh directory holding `t.txt`.
    static func shell() throws -> (Shell, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-targets-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Self.plan.write(to: dir.appendingPathComponent("t.txt"), atomically: true, encoding: .utf8)
        return (try Shell(workingDirectory: dir), dir)
    }

    /// Every target's actual and the history, to show nothing changed.
    static func picture(_ w: Workspace) -> String {
        let rows = TargetRows(w)
        return (0..<rows.count).map { "\(rows.ref($0, in: w)) \(rows.target($0, in: w).actual.map { "\($0)" } ?? "-")" }
            .joined(separator: "\n") + "\n\(w.history.count)"
    }

    @Test func actualsAndTheirBadInputs() throws {
        let (sh, dir) = try Self.shell()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(sh.run("import plan t.txt as t"), "\(sh.err)")
        #expect(sh.run("set month = 2025-04; update t:1.1#2 set actual = 2"))
        #expect(sh.out == "updated t:1.1#2 actual — → 2个 (2025-04)\n")
        let before = Self.picture(sh.session.workspace)
        let cases: [(String, String, String)] = [
            // An unknown target id.
            ("update t:1.1#9 set actual = 2", "no target t:1.1#9 (task t:1.1 has 2 targets, #1–#2)", "t:1.1#9"),
            // An actual in another unit.
            ("update t:1.1#2 set actual = 2人", "t:1.1#2: an actual in 人 cannot be compared with a target in 个", "2人"),
            // An actual on a redacted target.
            ("update t:1.1#1 set actual = 50%", "t:1.1#1: the target value is redacted (达xx%以上)", "50%"),
            // A task where a target id goes, alone or among targets.
            ("update t:1.1 set actual = 2", "actual is set on targets: update TASK#n set actual = V", "actual"),
            ("update t:1.1#2, t:1.2 set actual = 2", "\"t:1.2\" is a task; update tasks and targets in separate commands", "t:1.2"),
            ("update t:1.1#2 set actual = 二", "an actual is a number with an optional unit", "二"),
        ]
        for (line, message, word) in cases {
            #expect(!sh.run(line), "\(line)")
            #expect(sh.err.hasPrefix("error: " + message), "\(line): \(sh.err)")
            let lines = sh.err.split(separator: "\n").map(String.init)
            #expect(lines.count == 3, "\(line): one message, the line, the caret")
            // Carets are counted in display columns (a CJK character is two).
            let at = try #require(line.range(of: word, options: .backwards))
            #expect(lines.last == String(repeating: " ", count: 4 + DisplayWidth.of(String(line[..<at.lowerBound])))
                    + String(repeating: "^", count: DisplayWidth.of(word)), "\(line)")
        }
        #expect(Self.picture(sh.session.workspace) == before)
    }

    /// `show task` and `find targets` head their shared columns alike, in either language, and
    /// right-align attainment the same way (one registry entry, not two hand-written tables).
    @Test func showTaskHeadsTargetsAsFindTargetsDoes() throws {
        let (sh, dir) = try Self.shell()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(sh.run("import plan t.txt as t; set month = 2025-04; update t:1.1#2 set actual = 2"), "\(sh.err)")
        for lang in ["en", "zh"] {
            #expect(sh.run("set lang \(lang); show task t:1.1"))
            let show = sh.out.split(separator: "\n").map(String.init)
            let header = try #require(show.firstIndex { $0.hasPrefix("#  ") }, "\(sh.out)")
            #expect(sh.run("find targets where task = \"t:1.1\" show metric, comparator, value, unit, actual, attainment, light"))
            let find = sh.out.split(separator: "\n").map(String.init)
            let words = { (line: String) in line.split(separator: " ").map(String.init) }
            #expect(Array(words(show[header]).dropFirst(2)) == words(find[0]), "\(lang): \(show[header]) vs \(find[0])")
            // The 2 of 3 row: attainment ends where its header ends, in both tables.
            let row = try #require(show.first { $0.hasPrefix("#2") })
            #expect(DisplayWidth.of(String(row[..<(try #require(row.range(of: "66.7%"))).upperBound]))
                    == DisplayWidth.of(String(show[header][..<(try #require(show[header].range(of: lang == "zh" ? "完成率" : "attainment"))).upperBound])))
        }
    }

    @Test(.enabled(if: LessonFiles.sheetsReady)) func idsAndActualsSurviveReplace() throws {
        let sh = try Shell()
        #expect(sh.run("import demo"))
        sh.session.settings.format = .csv
        let query = "find targets where plan = qingshan2025 show id, metric, value, unit, actual, month"
        #expect(sh.run(query))
        let before = sh.out
        #expect(before.contains("qingshan2025:2.1.4#1,二级以上医院预约诊疗率,60,%,44,2025-04"))
        let file = LessonFiles.packageRoot.appendingPathComponent("examples/plans/qingshan2025.txt").path
        #expect(sh.run("import plan \(file) as qingshan2025 replace"), "\(sh.err)")
        #expect(sh.run(query))
        #expect(sh.out == before)
        #expect(sh.run("history qingshan2025:2.1.4"))
        #expect(sh.out.contains("actual#1"), "history survives the replace")
    }

    @Test(.enabled(if: LessonFiles.sheetsReady)) func findTargetsWritesEveryFormatAndTheLedgerReadsBack() throws {
        let (sh, dir) = try Self.shell()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(sh.run("import demo"))
        let query = "set today = 2025-04-30; find targets where plan = qingshan2025"
        for ext in ["csv", "json", "md", "html", "xlsx"] {
            #expect(sh.run("\(query) > t.\(ext)"), "\(ext): \(sh.err)")
        }
        func text(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        let bytes = try Data(contentsOf: dir.appendingPathComponent("t.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(csv.hasPrefix("id,lead,metric,comparator,value,unit,actual,attainment,light\r\n"))
        #expect(csv.contains("qingshan2025:2.1.4#1,医政科,二级以上医院预约诊疗率,>=,60,%,44,73.3%,yellow"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try text("t.json").utf8)) as? [[String: Any]])
        let first = try #require(json.first { $0["id"] as? String == "qingshan2025:2.1.4#1" })
        #expect(first["actual"] as? Double == 44 && first["light"] as? String == "yellow" && first["kind"] as? String == "target")
        #expect(try text("t.md").contains("| qingshan2025:2.1.4#1 | 医政科 | 二级以上医院预约诊疗率 | >= | 60 | % | 44 | 73.3% | yellow |"))
        #expect(try text("t.html").contains("<td>qingshan2025:2.1.4#1</td>"))
        let rows = csv.split(whereSeparator: \.isNewline).count - 1
        // The ledger: one row per target, and unchanged it reads back with nothing to apply or say.
        let book = try ZipArchive(data: Data(contentsOf: dir.appendingPathComponent("t.xlsx")), fileName: "t.xlsx")
        let sheet = String(decoding: try #require(try book.read("xl/worksheets/sheet1.xml")), as: UTF8.self)
        #expect(sheet.components(separatedBy: "<row ").count - 1 == rows + 1)
        #expect(sheet.contains("state=\"frozen\"") && sheet.contains("<autoFilter ref=\"A1:O\(rows + 1)\"/>"))
        #expect(sh.run("import progress t.xlsx month 2025-04"), "\(sh.err)")
        #expect(sh.out.hasPrefix("applied t.xlsx for 2025-04: ") && sh.out.contains(" 0 changes recorded"))
        #expect(sh.err.isEmpty, "\(sh.err)")
    }
}
