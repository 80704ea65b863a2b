import Foundation
import Testing
@testable import PlanKit

/// Sheets made by real office software (Tests/Fixtures/sheets, from scripts/make-sheet-fixtures)
/// read the same whatever the file: xlsx from openpyxl and LibreOffice, GBK and UTF-16 text, and
/// their plain UTF-8 CSV twin.
@Suite struct ProgressSheetFormatTests {
    static let sheets = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/sheets")

    /// The demo plans, with no progress yet.
    static let workspace: Workspace = {
        var w = Workspace()
        let plans = DemoPlanTests.names.compactMap { try? DemoPlanTests.load($0) }
        try? w.apply(.importPlans(plans, replace: false))
        return w
    }()

    static func read(_ name: String, sheet: String? = nil) throws -> ProgressSheet.Reading {
        try ProgressSheet.read(from: sheets.appendingPathComponent(name), displayName: name, sheet: sheet, in: workspace)
    }

    /// An update without its source (row numbers differ when a CSV note spans lines).
    struct Change: Hashable, CustomStringConvertible {
        var id: String, status: TaskStatus?, progress: Int?, note: String?, due: CalendarDay??
        init(_ u: ProgressUpdate) {
            (id, status, progress, note, due) = (u.plan + ":" + u.path, u.status, u.progress, u.note, u.due)
        }
        var description: String { "\(id) \(status?.keyword ?? "-") \(progress.map(String.init) ?? "-") \(note ?? "-") \(String(describing: due))" }
    }

    @Test func theUTF8TwinReadsAsWritten() throws {
        let r = try Self.read("progress-twin.csv")
        let changes = r.updates.map(Change.init)
        #expect(changes.count == 8, "\(changes)")
        let byID = Dictionary(uniqueKeysWithValues: changes.map { ($0.id, $0) })
        let a = try #require(byID["qingshan2025:2.1.1"])
        #expect(a.status == .onTrack && a.progress == 45 && a.note == "卒中中心通过省级现场核查")
        #expect(a.due == .some(CalendarDay(year: 2025, month: 6, day: 30)))
        #expect(byID["qingshan2025:2.1.2"]?.note == "目录执行，抽查3次, 发现\"2\"项问题")
        #expect(byID["qingshan2025:2.1.4"]?.status == .behind)
        #expect(byID["qingshan2025:2.1.4"]?.note == "接口改造合同已签订\n6月底上线")
        #expect(byID["qingshan2025:2.1.4"]?.due == .some(CalendarDay(year: 2025, month: 9, day: 30)))
        #expect(byID["qingshan2025:2.2.4"]?.status == .done && byID["qingshan2025:2.2.4"]?.progress == 100)
        #expect(byID["songling2025:2.1.2"]?.status == .notStarted && byID["songling2025:2.1.2"]?.progress == 0)
        // An empty progress cell changes nothing.
        #expect(byID["songling2025:2.2.1"]?.progress == nil && byID["songling2025:2.2.1"]?.status == .onTrack)
        #expect(byID["hewan2025:1.1"]?.progress == 60)
        // The row with only an id and the section line are reported, not silently dropped.
        #expect(r.warnings.contains { $0.contains(":13: only a task id (songling2025:2.1.3)") }, "\(r.warnings)")
        #expect(r.warnings.contains { $0.contains("no task id and nothing to apply") }, "\(r.warnings)")
        #expect(r.warnings.contains { $0.contains("columns ignored: 联系人") }, "\(r.warnings)")
    }

    @Test(arguments: ["progress-twin-gbk.csv", "progress-twin-utf16.txt",
                      "progress-twin-openpyxl.xlsx", "progress-twin-libreoffice.xlsx"])
    func eachFormatAppliesTheSameChangesAsItsTwin(name: String) throws {
        let twin = try Self.read("progress-twin.csv").updates.map(Change.init)
        let r = try Self.read(name)
        #expect(r.updates.map(Change.init) == twin)
        #expect(r.warnings.contains { $0.contains("only a task id (songling2025:2.1.3)") }, "\(r.warnings)")
        if name.hasSuffix(".xlsx") {
            // Spreadsheet rows: the header is row 3, the first task row 4.
            #expect(r.updates.first?.source == "sheet \(name):4")
        }
    }

    @Test func gbkIsReadAsGB18030AndSaysSo() throws {
        let r = try Self.read("progress-twin-gbk.csv")
        #expect(r.warnings.contains { $0.contains("GB18030") }, "\(r.warnings)")
        let utf8 = try Self.read("progress-twin.csv")
        #expect(!utf8.warnings.contains { $0.contains("GB18030") })
    }

    @Test func aSheetIsPickedByName() throws {
        let r = try Self.read("progress-twin-openpyxl.xlsx", sheet: "5月进展")
        #expect(r.updates.count == 8)
        do {
            _ = try Self.read("progress-twin-openpyxl.xlsx", sheet: "说明")
            Issue.record("a sheet with no header was accepted")
        } catch let d as Diagnostic {
            #expect("\(d.message) \(d.notes)".contains("no header row"))
        }
        do {
            _ = try Self.read("progress-twin-openpyxl.xlsx", sheet: "5月近展")
            Issue.record("an unknown sheet was accepted")
        } catch let d as Diagnostic {
            #expect(d.message.contains("no sheet \"5月近展\""))
            #expect(d.message.contains("\"5月进展\", \"说明\""))
        }
        #expect(throws: Diagnostic.self) { _ = try Self.read("progress-twin.csv", sheet: "x") }
    }

    // MARK: Bad input: one clear error each, nothing applied

    static func error(_ name: String) -> String? {
        do {
            _ = try read(name)
            return nil
        } catch let d as Diagnostic {
            return ([d.message] + d.notes).joined(separator: "\n")
        } catch {
            return "\(error)"
        }
    }

    @Test func noHeaderRowListsTheColumnsSeen() throws {
        let e = try #require(Self.error("no-header.xlsx"))
        #expect(e.contains("no-header.xlsx:2: no header row in the first 20 rows"), "\(e)")
        #expect(e.contains("\"序号\", \"任务\", \"科室\", \"情况\""), "\(e)")
    }

    @Test func anUnknownStatusNamesTheNearest() throws {
        let e = try #require(Self.error("unknown-status.xlsx"))
        #expect(e.contains("unknown-status.xlsx:3: unknown status \"进展顺利\" — did you mean \"进行中\"?"), "\(e)")
        #expect(e.contains("nothing was applied"))
    }

    @Test(arguments: [("encrypted.xlsx", "password"), ("legacy.xls", "legacy Excel"), ("corrupt.xlsx", "corrupt")])
    func refusedFiles(name: String, words: String) throws {
        let e = try #require(Self.error(name))
        #expect(e.lowercased().contains(words.lowercased()), "\(e)")
        #expect(!e.contains("\n"), "one line: \(e)")
    }
}
