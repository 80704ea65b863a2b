import Foundation
import Testing
@testable import PlanKit

/// The report over the demo plans and their March and April sheets (applied row by row here, so
/// this test does not depend on the sheet importer). Set PLANSH_REPORT_OUT=DIR to keep the
/// rendered April report (report.html, report.md, report.txt, report.csv) for a look.
@Suite struct ReportDemoTests {
    static func demo() throws -> (march: Workspace, april: Workspace) {
        var w = Workspace()
        try w.apply(.importPlans(try DemoPlanTests.names.map(DemoPlanTests.load), replace: false))
        let dir = Fixtures.packageRoot.appendingPathComponent("examples/progress")
        var march = w
        for (i, month) in ["2025-03", "2025-04"].enumerated() {
            // Rows with a task id (the rows naming only a target carry actuals, not progress).
            let rows = try DemoPlanTests.csvRows(dir.appendingPathComponent("\(month).csv")).dropFirst().filter { !$0[0].isEmpty }
            let updates = try rows.enumerated().map { n, row -> ProgressUpdate in
                let id = row[0]
                let colon = try #require(id.lastIndex(of: ":"))
                return ProgressUpdate(plan: String(id[..<colon]), path: String(id[id.index(after: colon)...]),
                                      status: TaskStatus(parsing: row[1]), progress: Int(row[2]), note: row[3],
                                      source: "sheet \(month).csv:\(n + 2)")
            }
            try w.apply(.updateProgress(updates, month: YearMonth(parsing: month), at: Int64(1_000 * (i + 1))))
            if i == 0 { march = w }
        }
        return (march, w)
    }

    @Test func aprilOverAllPlans() throws {
        let (march, april) = try Self.demo()
        let d = try ReportData.build(workspace: april, byOffice: true, previous: { _ in ("2025-03", march) },
                                     today: CalendarDay(year: 2025, month: 5, day: 6) ?? CalendarDay(containing: Date()))
        #expect(d.month.description == "2025-04")
        #expect(d.taskCount == 84)
        #expect(d.statusCounts.map(\.count) == [5, 67, 11, 1])
        #expect(abs(d.averageProgress - 2808.0 / 84) < 1e-9)
        #expect(d.offices.count == 11)
        #expect(d.offices.first?.office == "医政科")
        #expect(d.attention.count == 11)
        let c = try #require(d.changes)
        #expect(abs(c.previousAverage - 1830.0 / 84) < 1e-9)
        #expect(c.newlyDone.map(\.task.id) == ["hewan2025:1.3"])
        #expect(c.newlyBehind.map(\.task.id) == ["hewan2025:1.4", "songling2025:2.3.4"])
        #expect(c.recovered.isEmpty)
        // The one task no sheet reports stays not started.
        #expect(d.tasks.filter { $0.status == .notStarted }.map(\.id) == ["songling2025:3.3.3"])

        // March, rebuilt from history after April was applied.
        let m = try ReportData.build(workspace: april, month: YearMonth(parsing: "2025-03"),
                                    today: CalendarDay(year: 2025, month: 5, day: 6) ?? LocalTime.today())
        #expect(m.statusCounts.map(\.count) == [4, 62, 9, 9])

        if let out = ProcessInfo.processInfo.environment["PLANSH_REPORT_OUT"] {
            let dir = URL(fileURLWithPath: out)
            let report = Report(d, language: .zh)
            for (format, ext) in [(OutputFormat.html, "html"), (.markdown, "md"), (.table, "txt"), (.csv, "csv")] {
                try Data(report.render(format, RenderContext(width: 100, isTerminal: true)).utf8)
                    .write(to: dir.appendingPathComponent("report.\(ext)"))
            }
        }
    }
}
