/// The report's one-row-per-task table (the CSV report); the other tables are in `ReportDocument`.
enum ReportTables {
    /// One row per task with its standing now and in the previous snapshot (the CSV report).
    /// `id,status,progress,note` come first, as in a progress sheet.
    static func taskRows(_ d: ReportData) -> ResultTable {
        var moves: [String: TaskMove] = [:]
        for m in d.changes?.moves ?? [] { moves[m.task.id] = m }
        let added = Set(d.changes?.added.map(\.id) ?? [])
        let names = ["id", "status", "progress", "note", "plan", "path", "heading", "offices", "due", "overdue", "updated",
                     "previous_status", "previous_progress", "targets"]
        let rows: [[ResultTable.Cell]] = d.tasks.map { t in
            var previousStatus: ResultTable.Cell = .null, previousProgress: ResultTable.Cell = .null
            if d.changes != nil && !added.contains(t.id) {
                let m = moves[t.id]
                previousStatus = .text((m?.oldStatus ?? t.status).keyword)
                previousProgress = .integer(m?.oldProgress ?? t.progress)
            }
            return [.text(t.id), .text(t.status.keyword), .integer(t.progress), .text(t.note), .text(t.plan), .text(t.path),
                    .text(t.heading), .list(t.offices), t.due.map { .text($0.description) } ?? .null, .bool(t.overdue),
                    t.updated.map { .text($0.description) } ?? .null, previousStatus, previousProgress,
                    .text(ReportFormat.targets(t))]
        }
        return ResultTable(columns: names.map { ResultTable.Column($0) }, rows: rows, showsRowCount: false, rowNoun: .tasks)
    }
}
