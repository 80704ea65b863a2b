import PlanKit

/// `plans`: every imported plan with its task and warning counts.
enum PlansCommand {
    static let spec = CommandSpec(
        ["plans"], summary: "list the imported plans",
        details: "Each plan's id, title, year, tasks, warnings, when it was imported and from which file.",
        topic: "plans"
    ) { _, session in
        let w = session.workspace
        if w.plans.isEmpty { return .message(Messages.noPlansYet().text) }
        let rows: [[ResultTable.Cell]] = w.plans.enumerated().map { i, p in
            [.text(p.id), .text(p.title), p.year.map { .integer($0) } ?? .null, .integer(w.taskRanges[i].count),
             .integer(p.warnings.count), .text(LocalTime.minutes(p.importedAt)), .text(p.sourceFile)]
        }
        return .rendered(ResultTable(
            columns: [.init("id", minWidth: 12), .init("title"), .init("year"), .init("tasks"), .init("warnings"),
                      .init("imported"), .init("source")],
            rows: rows, rowNoun: .plans))
    }
}
