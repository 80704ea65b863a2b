/// The 台账 (ledger) workbook `find … > FILE.xlsx` writes (SPEC §10): one row per task, Chinese
/// headers whatever `lang`, for an office to fill in and return. Its columns live in ONE table;
/// the columns `import progress` reads take their headers from `SheetColumn`, so a ledger
/// filled in and saved by Excel, WPS or LibreOffice reads back.
public enum Ledger {
    public static let sheetName = "台账"

    /// One task as the ledger sees it: its row, and the judge of its light (SPEC §9).
    struct Row {
        let w: Workspace
        let r: Int
        let judge: Judge
        var t: TaskTable { w.tasks }
    }

    /// One column: its header and the cell of a task.
    struct Column: Sendable {
        var header: String
        var cell: @Sendable (Row) -> XlsxCell
        /// The words a cell may hold, offered as a drop-down.
        var choices: [String]?

        init(_ header: String, choices: [String]? = nil, _ cell: @escaping @Sendable (Row) -> XlsxCell) {
            self.header = header
            self.cell = cell
            self.choices = choices
        }
    }

    /// The ledger's columns, in order. 序时进度 and 灯 are judged as of the query's day with the
    /// store's rules; a light cell is filled with its colour.
    static let columns: [Column] = [
        Column(SheetColumn.id.ledgerHeader) { .text($0.w.taskID(row: $0.r)) },
        Column(SheetColumn.plan.ledgerHeader) { .text($0.w.plans[Int($0.t.planRow[$0.r])].id) },
        Column(SheetColumn.path.ledgerHeader) { .text($0.t.paths[$0.r]) },
        Column("重点任务") { .text($0.t.texts[$0.r]) },
        Column("牵头科室") { .text(offices($0.w, $0.r).first ?? "") },
        Column("配合科室") { .text(offices($0.w, $0.r).dropFirst().joined(separator: "、")) },
        Column(SheetColumn.due.ledgerHeader) { .date(CalendarDay(ordinal: $0.t.due[$0.r])) },
        Column("序时进度") { x in
            x.t.due[x.r] > 0 ? .number(Double(x.judge.expectedTenths(row: x.r, in: x.t)) / 10) : .empty
        },
        Column("灯") { x in
            guard x.t.due[x.r] > 0 else { return .empty }
            let light = x.judge.light(row: x.r, in: x.t)
            return XlsxCell(.text(light.chineseLabel), fill: fill(light))
        },
        Column(SheetColumn.status.ledgerHeader, choices: TaskStatus.allCases.map(\.chineseLabel)) {
            .text((TaskStatus(rawValue: $0.t.status[$0.r]) ?? .notStarted).chineseLabel)
        },
        Column(SheetColumn.progress.ledgerHeader) { .integer(Int($0.t.progress[$0.r])) },
        Column(SheetColumn.note.ledgerHeader) { .text($0.t.notes[$0.t.noteCode[$0.r]]) },
    ]

    static func fill(_ light: Light) -> XlsxCell.Fill {
        switch light {
        case .red: .red
        case .yellow: .yellow
        case .green: .green
        }
    }

    /// A task's offices, lead first (as written).
    static func offices(_ w: Workspace, _ r: Int) -> [String] {
        w.tasks.officeCodes(row: r).map { w.tasks.offices[$0] }
    }

    public static var headers: [String] { columns.map(\.header) }

    /// The ledger of `rows` (task rows of `workspace`, in order), judged as of `asOf`.
    public static func workbook(_ workspace: Workspace, rows: [Int], asOf: CalendarDay) -> XlsxWorkbook {
        let cols = columns
        let judge = Judge(asOf: asOf, rules: workspace.rules)
        let cells = rows.map { r in
            let row = Row(w: workspace, r: r, judge: judge)
            return cols.map { $0.cell(row) }
        }
        var sheet = XlsxSheet(name: sheetName, headers: cols.map(\.header), rows: cells)
        for (i, c) in cols.enumerated() {
            if let choices = c.choices { sheet.validations.append((i, choices)) }
        }
        return XlsxWorkbook(sheets: [sheet])
    }
}

extension TaskList: WorkbookRenderable {
    /// `find … > FILE.xlsx`: the ledger of the tasks found, whatever `show` chose for the screen;
    /// `find targets … > FILE.xlsx` the target ledger, one row per target.
    public func workbook() -> XlsxWorkbook {
        switch source.kind {
        case .tasks: Ledger.workbook(workspace, rows: rows, asOf: source.context.asOf)
        case .targets: TargetLedger.workbook(source, rows: rows)
        }
    }
}

extension CountResult: WorkbookRenderable {
    public func workbook() -> XlsxWorkbook { XlsxWorkbook(table: table(), sheetName: "计数") }
}

extension ResultTable: WorkbookRenderable {
    public func workbook() -> XlsxWorkbook { XlsxWorkbook(table: self, sheetName: title ?? "Sheet1") }
}

extension QueryResult: WorkbookRenderable {
    public func workbook() -> XlsxWorkbook {
        switch content {
        case let .tasks(list): list.workbook()
        case let .count(count): count.workbook()
        }
    }
}
