/// The report as a workbook (`report … > FILE.xlsx`): one sheet per report table, the numbers as
/// numbers, every task listed (no cap as on the screen).
enum ReportXlsx {
    static func workbook(_ d: ReportData) -> XlsxWorkbook {
        let right = ReportTables.right
        var sheets: [(String, ResultTable)] = []
        var overview = d.statusCounts.map { s -> [ResultTable.Cell] in
            [.text(s.status.chineseLabel), .integer(s.count), .number((s.percent * 10).rounded() / 10)]
        }
        overview.append([.text("平均进度"), .null, .number((d.averageProgress * 10).rounded() / 10)])
        sheets.append(("概况", ReportTables.table([ResultTable.Column("状态"), right("任务"), right("占比%")], overview)))
        sheets.append(("计划", ReportTables.plans(d, bars: false, code: false)))
        if !d.offices.isEmpty { sheets.append(("科室", ReportTables.offices(d, bars: false))) }
        sheets.append(("滞后和逾期", ReportTables.tasks(d.attention, code: false)))
        if !d.targets.byUnit.isEmpty { sheets.append(("指标", ReportTables.units(d.targets))) }
        if let c = d.changes { sheets.append(("状态变化", ReportTables.statusMoves(c, code: false))) }
        sheets.append(("任务", ReportTables.taskRows(d)))
        return XlsxWorkbook(sheets: sheets.map { name, table in
            XlsxWorkbook(table: table, sheetName: name).sheets[0]
        })
    }
}

extension Report: WorkbookRenderable {
    public func workbook() -> XlsxWorkbook { ReportXlsx.workbook(data) }
}
