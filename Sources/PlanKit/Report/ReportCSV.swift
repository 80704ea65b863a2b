/// The report as CSV: one row per task with its standing this month and in the previous snapshot,
/// so a spreadsheet can sort and pivot what the other formats summarise (RFC 4180, via `ResultTable`).
enum ReportCSV {
    static func render(_ d: ReportData) -> String {
        ReportTables.taskRows(d).render(.csv, RenderContext())
    }
}
