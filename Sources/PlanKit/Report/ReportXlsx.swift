/// The report as a workbook (`report … > FILE.xlsx`): a back end of `ReportDocument` like the text,
/// Markdown and HTML ones, its sheets in the document's order — so the workbook opens on the
/// 通报, as the report does (§9). A section gives a sheet per table, per list of lights (light
/// cells filled with their colour) and for the status chart; a section with only sentences gives
/// one sheet of them. Bars are left out and numbers stay numbers; a last sheet lists every task
/// (no cap as on the screen).
enum ReportXlsx {
    static func workbook(_ d: ReportData, _ l: Language) -> XlsxWorkbook {
        var used = Set<String>()
        var sheets: [XlsxSheet] = []
        for section in ReportDocument(d, language: l).sections {
            var made = section.blocks.compactMap { sheet($0, l) }
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
        var tasks = XlsxWorkbook(table: ReportTables.taskRows(d), sheetName: Lexicon.Report.tasks[l]).sheets[0]
        tasks.name = sheetName(Lexicon.Report.tasks[l], &used)
        sheets.append(tasks)
        return XlsxWorkbook(sheets: sheets)
    }

    /// The sheet of one block (unnamed yet), or nil for a block a workbook leaves out.
    static func sheet(_ b: ReportDocument.Block, _ l: Language) -> XlsxSheet? {
        typealias W = Lexicon.Report
        switch b {
        case let .table(t), let .tasks(_, t):
            let keep = t.columns.indices.filter { !t.columns[$0].isBar }
            return XlsxSheet(name: "", headers: keep.map { t.columns[$0].name }, rows: t.rows.map { r in keep.map { cell(r[$0], l) } })
        case let .lights(items):
            let changes = items.contains { $0.lights.count > 1 }
            let headers = (changes ? [W.oldLight, W.newLight, W.task, W.heading] : [W.light, W.task, W.text, W.why]).map { $0[l] }
            return XlsxSheet(name: "", headers: headers, rows: items.map { i in
                i.lights.map { lightCell($0, l) } + [.text(i.id), .text(ReportText.plain(i.text))]
                    + (changes ? [] : [.text(i.detail.joined(separator: "\n"))])
            })
        case let .statusChart(counts, _, _):
            return XlsxSheet(name: "", headers: [W.status[l], W.tasks[l], W.sharePercent[l]], rows: counts.map {
                [.text(Lexicon.status($0.status, in: l)), .integer($0.count), .number(($0.percent * 10).rounded() / 10)]
            })
        case .paragraph, .list, .subheading, .officeChart, .more:
            return nil
        }
    }

    static func lightCell(_ light: Light, _ l: Language) -> XlsxCell { XlsxCell(.text(Lexicon.light(light, in: l)), fill: Ledger.fill(light)) }

    static func cell(_ c: ReportDocument.Cell, _ l: Language) -> XlsxCell {
        switch c {
        case let .number(n): .integer(n)
        case let .delta(v): v.map { .number($0) } ?? .empty
        case let .light(light): lightCell(light, l)
        // A plain decimal (an average gap) is a number; `41%` or `3个` stay text.
        case let .figure(s): Double(s).map { .number($0) } ?? .text(s)
        default: .text(c.text(l))
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
    public func workbook() -> XlsxWorkbook { ReportXlsx.workbook(data, language) }
}
