import PlanKit

/// `history ID`: every recorded change of one task.
enum HistoryCommand {
    static let spec = CommandSpec(
        ["history"], summary: "every change of a task's progress, with when and where it came from",
        parameters: [.task("ID")],
        details: """
        Lists when, the month the progress refers to, the field, old → new, and the source:
        `command` (typed), `script FILE:LINE`, or `sheet FILE:ROW` (import progress).
          history qingshan2025:2.1.1
        """,
        topic: "progress"
    ) { args, session in
        let w = session.workspace
        let row = args.taskRow("ID") ?? 0
        let id = w.taskID(row: row)
        let entries = w.history(of: id)
        if entries.isEmpty {
            return .message("no changes recorded for \(id)")
        }
        var table = RecordTable(
            columns: [.init(title: "when"), .init(title: "month"), .init(title: "field"),
                      .init(title: "old", shrinkable: true), .init(title: "new", shrinkable: true),
                      .init(title: "source", shrinkable: true)],
            rows: entries.map { e in
                [LocalTime.minutes(e.when), e.month?.description ?? "", e.field, e.old, e.new, e.source]
            },
            title: "\(id) \(w.tasks.heading(row: row))", rowNoun: .changes, arrow: (old: 3, new: 4))
        table.subjects = [id]
        // when, month, field, old, new, source: the field and its values in the language, as `diff` words them.
        table.words = { row, language in
            guard row.count == 6 else { return row }
            let field = row[2]
            return [row[0], row[1], Lexicon.Diff.field(field, in: language),
                    Lexicon.Diff.value(row[3], of: field, in: language), Lexicon.Diff.value(row[4], of: field, in: language), row[5]]
        }
        return .rendered(table)
    }
}
