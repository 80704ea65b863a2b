import Foundation
import PlanKit

/// `import demo`: the bundled demo plans with their monthly progress sheets and snapshots.
enum ImportDemoCommand {
    static let spec = CommandSpec(
        ["import", "demo"], summary: "load the bundled demo plans with their progress sheets",
        changesData: true,
        details: """
        Imports every examples/plans/*.txt (each named after its file), then applies each
        examples/progress/YYYY-MM.csv for its month and saves a snapshot named after the month,
        so `find`, `report` and `diff 2025-03 2025-04` have data at once. Refused when the demo
        plans or those snapshots are already in the store. $PLANSH_EXAMPLES points elsewhere.
        """,
        topic: "plans"
    ) { _, session in
        let examples = try ExamplesLocator.locate(workingDirectory: session.environment.workingDirectory)
        let s = try DemoData.load(into: session, examples: examples)
        // One fact a line, each well inside 120 columns.
        var text = "imported demo plans \(s.plans.joined(separator: ", ")): " + Lexicon.counted(s.tasks, .tasks).en
        if !s.months.isEmpty {
            text += "\nprogress of \(s.months.joined(separator: ", ")) applied (\(Lexicon.counted(s.updates, .updates).en)), "
                + "each month saved as a snapshot of its name"
        }
        text += "\ntry: find tasks where status = behind · report · diff"
        if s.months.count >= 2 { text += " \(s.months[s.months.count - 2]) \(s.months[s.months.count - 1])" }
        text += " · tutorial"
        return .message(text)
    }
}
