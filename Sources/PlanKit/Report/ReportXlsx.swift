/// The report as a workbook (`report … > FILE.xlsx`): a back end of `ReportDocument` like the text,
/// Markdown and HTML ones — one sheet per table of the document (bars left out, numbers as
/// numbers), then every task (no cap as on the screen).
enum ReportXlsx {
    static func workbook(_ d: ReportData) -> XlsxWorkbook {
        var used = Set<String>()
        var sheets = ReportDocument(d).tables.map { section, table -> XlsxSheet in
            let keep = table.columns.indices.filter { !table.columns[$0].isBar }
            return XlsxSheet(name: sheetName(section, &used), headers: keep.map { table.columns[$0].name },
                             rows: table.rows.map { r in keep.map { cell(r[$0]) } })
        }
        var tasks = XlsxWorkbook(table: ReportTables.taskRows(d), sheetName: "任务").sheets[0]
        tasks.name = sheetName("任务", &used)
        sheets.append(tasks)
        return XlsxWorkbook(sheets: sheets)
    }

    static func cell(_ c: ReportDocument.Cell) -> XlsxCell {
        switch c {
        case let .number(n): .integer(n)
        case let .delta(v): v.map { .number($0) } ?? .empty
        default: .text(c.text)
        }
    }

    /// A sheet name Excel accepts (≤ 31 characters, none of `[]:*?/\`), unique in the workbook.
    static func sheetName(_ title: String, _ used: inout Set<String>) -> String {
        let clean = String(title.filter { !"[]:*?/\\".contains($0) }.prefix(28))
        var name = clean.isEmpty ? "表" : clean
        var n = 2
        while used.contains(name) { name = "\(clean.prefix(26))\(n)"; n += 1 }
        used.insert(name)
        return name
    }
}

extension Report: WorkbookRenderable {
    public func workbook() -> XlsxWorkbook { ReportXlsx.workbook(data) }
}
