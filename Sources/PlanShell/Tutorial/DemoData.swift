import Foundation
import PlanKit

/// The bundled demo: `examples/plans/*.txt` with `examples/progress/YYYY-MM.csv` applied month
/// by month, a snapshot saved after each month, so `find`, `report` and `diff` have data at once.
enum DemoData {
    struct Summary {
        var plans: [String] = []
        var tasks = 0
        /// Months applied (each saved as a snapshot of that name), oldest first.
        var months: [String] = []
        var updates = 0
    }

    /// Imports the demo into `session`'s store: all or nothing for the plans and sheets (everything
    /// is read and checked before the first change).
    static func load(into session: Session, examples: URL, now: Int64 = Int64(Date().timeIntervalSince1970)) throws -> Summary {
        let fm = FileManager.default
        let plansDir = examples.appendingPathComponent("plans")
        let progressDir = examples.appendingPathComponent("progress")
        let display = { (url: URL) in ExamplesLocator.displayName(url, workingDirectory: session.environment.workingDirectory) }
        let planFiles = ((try? fm.contentsOfDirectory(atPath: plansDir.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted { NaturalOrder.less($0, $1) }
        guard !planFiles.isEmpty else {
            throw Diagnostic(Messages.noDemoPlans(display(plansDir)))
        }
        let sheetFiles = ((try? fm.contentsOfDirectory(atPath: progressDir.path)) ?? [])
            .filter { $0.hasSuffix(".csv") }.sorted()

        // Read and check everything on a copy first.
        var plans: [ImportedPlan] = []
        for name in planFiles {
            let plan = try PlanImporter.importFile(at: plansDir.appendingPathComponent(name), now: now)
            plans.append(plan)
        }
        let existing = plans.map(\.info.id).filter { session.workspace.planIndex($0) != nil }
        guard existing.isEmpty else {
            throw Diagnostic(Messages.demoAlreadyImported(existing))
        }
        // Only sheets named after their month belong to the demo (bad-2025-05.csv is there to
        // show a refused sheet).
        var months: [(YearMonth, URL)] = []
        for name in sheetFiles {
            let base = String(name.dropLast(4))
            guard base.count == 7, let month = YearMonth(parsing: base), month.description == base else { continue }
            months.append((month, progressDir.appendingPathComponent(name)))
        }
        let snapshotNames = Set(try session.store.snapshots().map(\.name))
        let clashing = months.map(\.0.description).filter { snapshotNames.contains($0) }
        guard clashing.isEmpty else {
            throw Diagnostic(Messages.demoSnapshotsClash(clashing))
        }
        var trial = session.workspace
        let importing = Mutation.importPlans(plans, replace: false)
        try trial.apply(importing)
        var monthly: [(YearMonth, Mutation)] = []
        for (month, url) in months {
            let updates = try ProgressSheet.updates(from: url, displayName: display(url), in: trial)
            let m = Mutation.updateProgress(updates, month: month, at: now)
            try trial.apply(m)
            monthly.append((month, m))
        }

        // Apply for real.
        var summary = Summary()
        session.reportProgress("importing the demo plans…")
        defer { session.finishProgress() }
        try session.commit(importing)
        summary.plans = plans.map(\.info.id)
        summary.tasks = plans.reduce(0) { $0 + $1.tasks.count }
        for (month, m) in monthly {
            session.reportProgress("applying progress of \(month)…")
            try session.commit(m)
            try session.store.save(name: month.description, overwrite: false, now: now)
            summary.months.append(month.description)
            if case let .updateProgress(u, _, _) = m { summary.updates += u.count }
        }
        return summary
    }
}
