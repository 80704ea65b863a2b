/// The report as CSV: one row per task with its standing this month and in the previous snapshot,
/// so a spreadsheet can sort and pivot what the other formats summarise.
///
/// The columns `id,status,progress,note` come first, as in a progress sheet.
enum ReportCSV {
    static let header = ["id", "status", "progress", "note", "plan", "path", "heading", "offices",
                         "due", "overdue", "updated", "previous_status", "previous_progress", "targets"]

    static func render(_ d: ReportData) -> String {
        var moves: [String: TaskMove] = [:]
        for m in d.changes?.moves ?? [] { moves[m.task.id] = m }
        let added = Set(d.changes?.added.map(\.id) ?? [])
        var lines = [header.joined(separator: ",")]
        for t in d.tasks {
            var previousStatus = "", previousProgress = ""
            if d.changes != nil && !added.contains(t.id) {
                let m = moves[t.id]
                previousStatus = (m?.oldStatus ?? t.status).keyword
                previousProgress = String(m?.oldProgress ?? t.progress)
            }
            let row = [t.id, t.status.keyword, String(t.progress), t.note, t.plan, t.path, t.heading,
                       t.offices.joined(separator: "、"), t.due?.description ?? "", t.overdue ? "true" : "false",
                       t.updated?.description ?? "", previousStatus, previousProgress,
                       t.targets.map(\.raw).joined(separator: "；")]
            lines.append(row.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting when needed.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
