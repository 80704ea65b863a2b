import Foundation
import PlanKit

/// `report [plan ID] [month YYYY-MM] [by office]`: the monthly status report (SPEC §6).
enum ReportCommand {
    static let spec = CommandSpec(
        ["report"], summary: "monthly report: status, offices, behind tasks, targets, changes",
        usage: "report [plan ID] [month YYYY-MM] [by office]",
        details: """
        Reports on one plan (every plan when none is given) as of a month (the latest month with
        recorded progress when none is given): tasks by status, a table per office, the tasks that
        are behind or overdue with their notes, a summary of the quantitative targets, and what
        changed since the previous snapshot (the snapshot named for the month before, else the
        newest earlier one). `by office` adds each office's tasks that need attention.
        End with `> FILE.html` for a self-contained page with SVG charts, `> FILE.md` for Markdown,
        `> FILE.csv` for one row per task.
          report
          report plan qingshan2025 month 2025-04
          report month 2025-04 by office > report-2025-04.html
        """,
        topic: "reports"
    ) { input, session in
        let request = try parse(input, workspace: session.workspace)
        let store = session.store
        let data: ReportData
        do {
            data = try ReportData.build(
                workspace: session.workspace, plan: request.plan?.value, month: request.month?.value ?? session.setMonth,
                byOffice: request.byOffice,
                previous: { month in
                    guard let snap = ReportData.previousSnapshot(for: month, among: try store.snapshots()) else { return nil }
                    return (snap.name, try store.snapshotWorkspace(named: snap.name))
                }, today: LocalTime.today(), asOf: session.setToday)
        } catch let e as ReportError {
            switch e {
            case .noPlans: throw Diagnostic(e.description, at: input.words[0].span)
            case .unknownPlan: throw Diagnostic(e.description, at: request.plan?.span ?? input.words[0].span)
            case .noSuchMonth: throw Diagnostic(e.description, at: request.month?.span ?? input.words[0].span)
            }
        }
        // Ctrl-C while the report was built: show nothing rather than part of it.
        try Cancellation.check()
        return .rendered(Report(data))
    }

    struct Request {
        var plan: (value: String, span: Range<Int>)?
        var month: (value: YearMonth, span: Range<Int>)?
        var byOffice = false
    }

    static let keywords = ["plan", "month", "by"]

    /// `plan ID`, `month YYYY-MM` and `by office`, in any order, each at most once.
    static func parse(_ input: CommandInput, workspace: Workspace) throws -> Request {
        var r = Request()
        let words = Array(input.arguments)
        var i = 0
        func value(after w: Word, _ what: String) throws -> Word {
            guard i + 1 < words.count else {
                throw Diagnostic("`\(w.value)` needs \(what)", at: w.span)
            }
            i += 1
            return words[i]
        }
        while i < words.count {
            let w = words[i]
            switch TextFolding.keyword(w.value) {
            case "plan", "计划":
                guard r.plan == nil else { throw Diagnostic("`plan` given twice", at: w.span) }
                let v = try value(after: w, "a plan id, e.g. `plan \(workspace.plans.first?.id ?? "qingshan2025")`")
                r.plan = (v.value, v.span)
            case "month", "月份":
                guard r.month == nil else { throw Diagnostic("`month` given twice", at: w.span) }
                let v = try value(after: w, "a month YYYY-MM, e.g. `month 2025-04`")
                guard let m = YearMonth(parsing: TextFolding.fold(v.value)) else {
                    throw Diagnostic("\"\(v.value)\" is not a month; write YYYY-MM, e.g. 2025-04", at: v.span)
                }
                r.month = (m, v.span)
            case "by":
                let v = try value(after: w, "`office`")
                guard ["office", "offices", "科室"].contains(TextFolding.keyword(v.value)) else {
                    throw Diagnostic("a report can be broken down `by office` only, not by \"\(v.value)\"", at: v.span)
                }
                r.byOffice = true
            default:
                if workspace.plan(w.value) != nil, r.plan == nil {
                    throw Diagnostic("write `plan \(w.value)` to report on one plan", at: w.span)
                }
                throw Diagnostic("unexpected \"\(w.value)\" — `report` takes plan ID, month YYYY-MM, by office"
                                 + Suggest.phrase(w.value, in: keywords), at: w.span)
            }
            i += 1
        }
        return r
    }
}
