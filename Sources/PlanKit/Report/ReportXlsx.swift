/// The report as a workbook (`report … > FILE.xlsx`): a back end of `ReportDocument` like the text,
/// Markdown and HTML ones, its sheets in the document's order — so the workbook opens on the
/// 通报, as the report does (§9). A section gives a sheet per table, per list of lights (light
/// cells filled with their colour) and for the status chart; a section with only sentences gives
/// one sheet of them. Bars are left out and numbers stay numbers; a last sheet lists every task
/// (no cap as on the screen).
enum ReportXlsx {
    static func workbook(_ d: ReportData) -> XlsxWorkbook {
        var used = Set<String>()
        var sheets: [XlsxSheet] = []
        for section in ReportDocument(d).sections {
            var made = section.blocks.compactMap(sheet)
            if made.isEmpty {
                let sentences = section.blocks.compactMap { b -> String? in
                    if case let .paragraph(p) = b { return ReportText.plain(p) } else { return nil }
                }
                if !sentences.isEmpty { made.append(XlsxSheet(name: "", headers: [section.title], rows: sentences.map { [.text($0)] })) }
            }
            for var s in made {
                s.name = sheetName(section.title, &used)
                sheets.append(s)
            }
        }
        var tasks = XlsxWorkbook(table: ReportTables.taskRows(d), sheetName: "任务").sheets[0]
        tasks.name = sheetName("任务", &used)
        sheets.append(tasks)
        return XlsxWorkbook(sheets: sheets)
    }

    /// The sheet of one block (unnamed yet), or nil for a block a workbook leaves out.
    static func sheet(_ b: ReportDocument.Block) -> XlsxSheet? {
        switch b {
        case let .table(t), let .tasks(_, t):
            let keep = t.columns.indices.filter { !t.columns[$0].isBar }
            return XlsxSheet(name: "", headers: keep.map { t.columns[$0].name }, rows: t.rows.map { r in keep.map { cell(r[$0]) } })
        case let .lights(items):
            let changes = items.contains { $0.lights.count > 1 }
            let headers = changes ? ["原灯", "现灯", "任务", "标题"] : ["灯", "任务", "内容", "说明"]
            return XlsxSheet(name: "", headers: headers, rows: items.map { i in
                i.lights.map(lightCell) + [.text(i.id), .text(ReportText.plain(i.text))]
                    + (changes ? [] : [.text(i.detail.joined(separator: "\n"))])
            })
        case let .statusChart(counts, _, _):
            return XlsxSheet(name: "", headers: ["状态", "任务", "占比(%)"], rows: counts.map {
                [.text($0.status.chineseLabel), .integer($0.count), .number(($0.percent * 10).rounded() / 10)]
            })
        case .paragraph, .list, .subheading, .officeChart, .more:
            return nil
        }
    }

    static func lightCell(_ l: Light) -> XlsxCell { XlsxCell(.text(l.chineseLabel), fill: Ledger.fill(l)) }

    static func cell(_ c: ReportDocument.Cell) -> XlsxCell {
        switch c {
        case let .number(n): .integer(n)
        case let .delta(v): v.map { .number($0) } ?? .empty
        case let .light(l): lightCell(l)
        // A plain decimal (an average gap) is a number; `41%` or `3个` stay text.
        case let .figure(s): Double(s).map { .number($0) } ?? .text(s)
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
