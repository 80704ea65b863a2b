/// The 台账 (ledger) workbook `find … > FILE.xlsx` writes (SPEC §10): one row per task, Chinese
/// headers whatever `lang`, for an office to fill in and return. Its columns live in ONE table;
/// the columns `import progress` reads take their headers from `SheetColumn`, so a ledger
/// filled in and saved by Excel, WPS or LibreOffice reads back.
public enum Ledger {
    public static let sheetName = "台账"

    /// One column: its header and the cell of a task.
    struct Column: Sendable {
        var header: String
        var cell: @Sendable (Workspace, Int) -> XlsxCell
        /// The words a cell may hold, offered as a drop-down.
        var choices: [String]?

        init(_ header: String, choices: [String]? = nil, _ cell: @escaping @Sendable (Workspace, Int) -> XlsxCell) {
            self.header = header
            self.cell = cell
            self.choices = choices
        }
    }

    /// The ledger's columns, in order. 序时进度 and 灯 (expected progress and the traffic light of
    /// supervision, SPEC §9) stay empty until the model computes them.
    static let columns: [Column] = [
        Column(SheetColumn.id.ledgerHeader) { w, r in .text(w.taskID(row: r)) },
        Column(SheetColumn.plan.ledgerHeader) { w, r in .text(w.plans[Int(w.tasks.planRow[r])].id) },
        Column(SheetColumn.path.ledgerHeader) { w, r in .text(w.tasks.paths[r]) },
        Column("重点任务") { w, r in .text(w.tasks.texts[r]) },
        Column("牵头科室") { w, r in .text(offices(w, r).first ?? "") },
        Column("配合科室") { w, r in .text(offices(w, r).dropFirst().joined(separator: "、")) },
        Column(SheetColumn.due.ledgerHeader) { w, r in .date(CalendarDay(ordinal: w.tasks.due[r])) },
        Column("序时进度") { _, _ in .empty },
        Column("灯") { _, _ in .empty },
        Column(SheetColumn.status.ledgerHeader, choices: TaskStatus.allCases.map(\.chineseLabel)) { w, r in
            .text((TaskStatus(rawValue: w.tasks.status[r]) ?? .notStarted).chineseLabel)
        },
        Column(SheetColumn.progress.ledgerHeader) { w, r in .integer(Int(w.tasks.progress[r])) },
        Column(SheetColumn.note.ledgerHeader) { w, r in .text(w.tasks.notes[w.tasks.noteCode[r]]) },
    ]

    /// A task's offices, lead first (as written).
    static func offices(_ w: Workspace, _ r: Int) -> [String] {
        w.tasks.officeCodes(row: r).map { w.tasks.offices[$0] }
    }

    public static var headers: [String] { columns.map(\.header) }

    /// The ledger of `rows` (task rows of `workspace`, in order).
    public static func workbook(_ workspace: Workspace, rows: [Int]) -> XlsxWorkbook {
        let cols = columns
        let cells = rows.map { r in cols.map { $0.cell(workspace, r) } }
        var sheet = XlsxSheet(name: sheetName, headers: cols.map(\.header), rows: cells)
        for (i, c) in cols.enumerated() {
            if let choices = c.choices { sheet.validations.append((i, choices)) }
        }
        return XlsxWorkbook(sheets: [sheet])
    }
}

extension TaskList: WorkbookRenderable {
    /// `find … > FILE.xlsx`: the ledger of the tasks found, whatever `show` chose for the screen.
    public func workbook() -> XlsxWorkbook { Ledger.workbook(workspace, rows: rows) }
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
