import Foundation
import PlanKit

/// `report [plan ID] [month YYYY-MM] [by office]`: the monthly status report (SPEC §6).
enum ReportCommand {
    static let spec = CommandSpec(
        ["report"], summary: "monthly report: status, offices, behind tasks, targets, changes",
        parameters: [.option("plan", .plan("ID"), aliases: ["计划"]), .option("month", .month("YYYY-MM"), aliases: ["月份"]),
                     .option("by", .oneOf("office", ["office", "科室"]))],
        details: """
        Reports on one plan (every plan when none is given) as of a month (the latest month with
        recorded progress when none is given): the 通报 paragraph (done, ahead, on pace, behind
        pace, red and yellow), the red, yellow and due-soon lists with why each is lit, the lead
        offices' scores, the lights changed, tasks by status, a table per office, the tasks that
        are behind or overdue with their notes, the targets with their actuals, and what changed
        since the previous snapshot (the snapshot named for the month before, else the newest
        earlier one). `by office` adds each office's tasks that need attention.
        Its words follow `set lang` (English by default; `set lang zh` for the Chinese report).
        End with `> FILE.html` for a self-contained page with SVG charts, `> FILE.md` for Markdown,
        `> FILE.csv` for one row per task, `> FILE.xlsx` for a workbook.
          report
          report plan qingshan2025 month 2025-04
          report month 2025-04 by office > report-2025-04.html
        """,
        topic: "reports"
    ) { args, session in
        let store = session.store
        let data: ReportData
        do {
            data = try ReportData.build(
                workspace: session.workspace, plan: args.planID("ID"), month: args.month("YYYY-MM") ?? session.setMonth,
                byOffice: args.word("office") != nil,
                previous: { month in
                    guard let snap = ReportData.previousSnapshot(for: month, among: try store.snapshots()) else { return nil }
                    return (snap.name, try store.snapshotWorkspace(named: snap.name))
                }, today: LocalTime.today(), asOf: session.setToday)
        } catch let e as ReportError {
            switch e {
            case .noPlans: throw Diagnostic(e.message, at: args.commandSpan)
            case .unknownPlan: throw Diagnostic(e.message, at: args.word("ID")?.span ?? args.commandSpan)
            case .noSuchMonth: throw Diagnostic(e.message, at: args.word("YYYY-MM")?.span ?? args.commandSpan)
            }
        }
        // Ctrl-C while the report was built: show nothing rather than part of it.
        try Cancellation.check()
        return .rendered(Report(data, language: session.settings.language))
    }
}
