import Foundation
import Testing
@testable import PlanKit

/// The demo plans in examples/plans import as written: task counts, offices, warnings, targets.
@Suite struct DemoPlanTests {
    static let names = ["qingshan2025", "hewan2025", "songling2025"]
    /// The office names the demo plans share, so cross-plan queries meet the same offices.
    static let offices: Set<String> = ["办公室", "医政科", "疾病预防控制科", "基层卫生科", "妇幼健康科", "规划信息科",
                                       "中医药科", "财务科", "人事科教科", "老龄健康科", "综合监督科"]

    static func load(_ name: String) throws -> ImportedPlan {
        try PlanImporter.importFile(at: Fixtures.packageRoot.appendingPathComponent("examples/plans/\(name).txt"))
    }

    static func task(_ plan: ImportedPlan, _ path: String) throws -> PlanTask {
        try #require(plan.tasks.first { $0.path == path }, "no task \(plan.info.id):\(path)")
    }

    @Test func everyPlanFileIsCovered() throws {
        let dir = Fixtures.packageRoot.appendingPathComponent("examples/plans")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(files.map { String($0.dropLast(4)) }) == Set(Self.names))
    }

    @Test(arguments: zip(names, [30, 25, 29])) func taskCount(name: String, count: Int) throws {
        let plan = try Self.load(name)
        #expect(plan.info.id == name)
        #expect(plan.info.year == 2025)
        #expect(plan.tasks.count == count)
    }

    @Test(arguments: names) func everyTaskHasKnownOffices(name: String) throws {
        for t in try Self.load(name).tasks {
            #expect(!t.offices.isEmpty, "\(t.id) has no office")
            #expect(Set(t.offices).isSubset(of: Self.offices), "\(t.id): \(t.offices)")
        }
    }

    /// The only warning each plan gives is its closing paragraph, which belongs to no task.
    @Test(arguments: zip(names, [48, 36, 22])) func onlyTheClosingParagraphWarns(name: String, line: Int) throws {
        let plan = try Self.load(name)
        #expect(plan.info.warnings.map(\.line) == [line])
        #expect(plan.info.warnings.first?.message.contains("closing paragraph") == true)
        #expect(plan.info.extras.contains { $0.hasPrefix("各") || $0.hasPrefix("以上") })
    }

    @Test func qingshanThreeLevels() throws {
        let plan = try Self.load("qingshan2025")
        #expect(plan.info.title == "青山县卫生健康局2025年卫生健康工作要点")
        #expect(plan.info.issuer == "青山县卫生健康局")
        // 一、总体要求 has no children: preamble, not a task.
        #expect(plan.tasks.first?.path == "2.1.1")
        #expect(plan.tasks.last?.path == "3.3.2")
        #expect(try Self.task(plan, "2.1.2").offices == ["医政科", "基层卫生科", "财务科"])
        // (五)'s tag applies to its untagged children.
        for path in ["2.5.1", "2.5.2", "2.5.3"] {
            #expect(try Self.task(plan, path).offices == ["中医药科"])
        }
        let mch = try Self.task(plan, "2.4.1").targets
        #expect(mch.map(\.unit) == ["/10万", "‰"])
        #expect(mch.map(\.value) == [10, 4])
        #expect(mch.allSatisfy { $0.comparator == .atMost })
        let range = try Self.task(plan, "2.2.1").targets[0]
        #expect(range.comparator == .range && range.low == 1 && range.high == 2 && range.unit == "家")
        let ddd = try Self.task(plan, "2.1.3").targets
        #expect(ddd.map(\.unit) == ["%", "DDDs"])
        #expect(ddd.map(\.comparator) == [.atLeast, .atMost])
        #expect(try Self.task(plan, "3.1.2").targets.isEmpty)
    }

    @Test func hewanRunOnNumbering() throws {
        let plan = try Self.load("hewan2025")
        #expect(plan.info.issuer == "河湾区卫生健康委员会")
        // Items are numbered 1–25 straight through five sections.
        #expect(plan.tasks.map(\.path).prefix(6) == ["1.1", "1.2", "1.3", "1.4", "2.5", "2.6"])
        #expect(plan.tasks.last?.path == "5.25")
        // 牵头单位 first, then 配合单位, in the order written.
        #expect(try Self.task(plan, "1.1").offices == ["医政科", "财务科", "规划信息科"])
        let open = try Self.task(plan, "1.4")
        #expect(open.offices == ["医政科", "规划信息科"] && open.officesOpen)
        #expect(plan.tasks.filter(\.officesOpen).map(\.path) == ["1.4", "3.13", "5.25"])
        #expect(try Self.task(plan, "3.10").targets.map(\.unit) == ["/10万"])
        let money = try Self.task(plan, "5.20").targets
        #expect(money.count == 1 && money[0].value == 850 && money[0].unit == "万元" && money[0].comparator == .atMost)
        let span = try Self.task(plan, "1.4").targets[0]
        #expect(span.low == 3 && span.high == 5 && span.unit == "个")
        // “C级以上” has no number: no target.
        #expect(try Self.task(plan, "3.12").targets.isEmpty)
    }

    @Test func songlingClausesAndInlineSections() throws {
        let plan = try Self.load("songling2025")
        // Each 一是/二是 clause is a task under its numbered item.
        #expect(plan.tasks.filter { $0.path.hasPrefix("2.2.") }.count == 4)
        // 三、 runs as one paragraph with (一)(二)(三) inline.
        #expect(plan.tasks.filter { $0.path.hasPrefix("3.") }.map(\.path)
                == ["3.1.1", "3.1.2", "3.2.1", "3.2.2", "3.3.1", "3.3.2", "3.3.3"])
        // 【责任科室】 after the last clause applies to every clause.
        for path in ["2.2.1", "2.2.2", "2.2.3", "2.2.4"] {
            #expect(try Self.task(plan, path).offices == ["基层卫生科", "财务科"])
        }
        let open = try Self.task(plan, "2.5.2")
        #expect(open.offices == ["老龄健康科", "中医药科"] && open.officesOpen)
        #expect(try Self.task(plan, "3.3.3").offices == ["财务科", "办公室"])
        let people = try Self.task(plan, "2.5.1").targets
        #expect(people.map(\.value) == [2.8] && people.map(\.unit) == ["万人"])
        #expect(try Self.task(plan, "3.3.1").targets.map(\.unit) == ["万元"])
    }

    /// SPEC §2: 不低于 reads as `>=` (the longest comparator word wins over its bare form 低于).
    @Test func notLessThanIsAtLeast() throws {
        let plan = try Self.load("qingshan2025")
        let renewal = try Self.task(plan, "2.2.2").targets
        try #require(renewal.count == 2)
        #expect(renewal[1].comparator == .atLeast)
        #expect(renewal[1].raw == "不低于85%")
    }

    /// The demo sheets name only tasks that exist, with statuses and progress the sheet format accepts;
    /// the bad sheet has exactly three bad rows.
    @Test func progressSheetsMatchThePlans() throws {
        var ids = Set<String>()
        for name in Self.names { ids.formUnion(try Self.load(name).tasks.map(\.id)) }
        let dir = Fixtures.packageRoot.appendingPathComponent("examples/progress")
        var covered: [String: Int] = [:]
        for month in ["2025-03", "2025-04", "bad-2025-05"] {
            let rows = try Self.csvRows(dir.appendingPathComponent("\(month).csv"))
            var bad = 0
            // Task rows first; the rows after them name only a target (TASK#n) and its actual.
            let taskRows = rows.dropFirst().filter { !$0[0].isEmpty }
            for row in taskRows {
                let ok = (row.count == 4 || row.count == 6) && ids.contains(row[0]) && TaskStatus(parsing: row[1]) != nil
                    && (Int(row[2]).map { (0...100).contains($0) } ?? false)
                if !ok { bad += 1 }
            }
            for row in rows.dropFirst() where row[0].isEmpty {
                let task = row.count == 6 ? String(row[4].split(separator: "#").first ?? "") : ""
                if !ids.contains(task) || row[5].isEmpty { bad += 1 }
            }
            covered[month] = taskRows.count
            #expect(bad == (month.hasPrefix("bad") ? 3 : 0), "\(month): \(bad) bad rows")
        }
        #expect(covered["2025-03"] == 79 && covered["2025-04"] == 83 && ids.count == 84)
    }

    /// Rows of a small CSV file (BOM, CRLF and quoted fields accepted).
    static func csvRows(_ url: URL) throws -> [[String]] {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var rows: [[String]] = []
        var row: [String] = [], field = "", quoted = false
        for c in text {
            if quoted {
                if c == "\"" { quoted = false } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
