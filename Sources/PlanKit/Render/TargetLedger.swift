/// The target ledger (指标台账) `find targets … > FILE.xlsx` writes (SPEC §10, §11): one row per
/// target, Chinese headers whatever `lang`, header frozen and filtered, light cells filled. An
/// office fills in 完成值 and returns it; `import progress` reads it back by 指标编号 and 完成值
/// (the headers of those columns, and of 任务编号, come from `SheetColumn`; the others are
/// columns the sheet reader reads past).
public enum TargetLedger {
    public static let sheetName = "指标台账"

    /// One target as the ledger sees it.
    struct Row {
        let s: RowSource
        let k: Int
        var w: Workspace { s.workspace }
        var target: Target { s.targets.target(k, in: s.workspace) }
        var taskRow: Int { Int(s.targets.taskRow[k]) }
    }

    struct Column: Sendable {
        var header: String
        var cell: @Sendable (Row) -> XlsxCell

        init(_ header: String, _ cell: @escaping @Sendable (Row) -> XlsxCell) {
            self.header = header
            self.cell = cell
        }
    }

    /// The ledger's columns, in order. 完成率 and 灯 are judged as of the query's day with the
    /// store's rules; 序时进度 is the calendar a quantity's light is judged against.
    static let columns: [Column] = [
        Column(SheetColumn.targetID.ledgerHeader) { .text($0.s.targets.ref($0.k, in: $0.w).description) },
        Column(SheetColumn.id.ledgerHeader) { x in x.taskRow < 0 ? .empty : .text(x.w.taskID(row: x.taskRow)) },
        Column("指标名称") { .text($0.target.metric) },
        Column("目标") { .text($0.target.raw) },
        Column("比较") { .text(comparator($0.target.comparator)) },
        Column("目标值") { x in x.target.value.map { .number($0) } ?? .empty },
        Column("上限") { x in x.target.comparator == .range ? x.target.high.map { .number($0) } ?? .empty : .empty },
        Column("单位") { .text($0.target.unit) },
        Column(SheetColumn.actual.ledgerHeader) { x in x.target.actual.map { .number($0) } ?? .empty },
        Column("完成率(%)") { x in
            let a = x.s.judged.attainment[x.k]
            return a.isFinite ? .number((a * 1000).rounded() / 10) : .empty
        },
        Column("灯") { x in x.s.judged.light(x.k).map { XlsxCell(.text($0.chineseLabel), fill: Ledger.fill($0)) } ?? .empty },
        Column("牵头科室") { .text($0.s.targets.offices($0.k, in: $0.w).first ?? "") },
        Column("配合科室") { .text($0.s.targets.offices($0.k, in: $0.w).dropFirst().joined(separator: "、")) },
        Column("序时进度") { x in
            let c = TargetJudgements.calendar(task: x.taskRow, plan: Int(x.s.targets.planRow[x.k]), in: x.w, asOf: x.s.context.asOf)
            // In tenths, rounded half up as the judge rounds (both counts are whole days ≥ 0).
            guard c.totalDays > 0 else { return .empty }
            return .number(Double((c.elapsedDays * 2000 + c.totalDays) / (2 * c.totalDays)) / 10)
        },
        Column("月份") { x in x.target.actualMonth.map { .text($0.description) } ?? .empty },
    ]

    static func comparator(_ c: Comparator) -> String {
        switch c {
        case .atLeast: "≥"
        case .atMost: "≤"
        case .equal: "="
        case .range: "范围"
        }
    }

    public static var headers: [String] { columns.map(\.header) }

    /// The ledger of target rows `rows` of `source` (in order).
    public static func workbook(_ source: RowSource, rows: [Int]) -> XlsxWorkbook {
        let cols = columns
        let cells = rows.map { k in
            let row = Row(s: source, k: k)
            return cols.map { $0.cell(row) }
        }
        return XlsxWorkbook(sheets: [XlsxSheet(name: sheetName, headers: cols.map(\.header), rows: cells)])
    }
}
