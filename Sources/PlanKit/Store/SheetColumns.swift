/// The columns a progress sheet may carry (SPEC §10), in ONE table: every header name a column
/// is known by, in English and Chinese, and what the column does.
///
/// CSV and xlsx sheets are read through the same table, and the ledger plansh writes
/// (`find … > FILE.xlsx`) takes its headers from it, so a ledger always reads back.
/// Targets (§11) add their columns here: a `.key` column that names a target and a `.value`
/// column for its actual, then a `SheetColumn.keys` entry for the new key.
public enum SheetColumn: String, CaseIterable, Sendable {
    case id, plan, path, status, progress, note, due
    /// A target id (TASK#n, PLAN#In) and the actual value it reached (SPEC §11).
    case targetID, actual
    /// A column a sheet carries for people (序号, 重点任务, 牵头科室 …): read past.
    case ignored

    /// What a column is for.
    public enum Role: Sendable { case key, value, ignored }

    public var role: Role {
        switch self {
        case .id, .plan, .path, .targetID: .key
        case .status, .progress, .note, .due, .actual: .value
        case .ignored: .ignored
        }
    }

    /// Header names, as compared after `normalize` (folded, lowercased, no spaces). The first
    /// Chinese name is the one the ledger writes.
    static let names: [(column: SheetColumn, names: [String])] = [
        (.id, ["任务编号", "编号", "id", "task", "taskid", "task_id", "任务id"]),
        (.plan, ["计划", "plan", "planid", "plan_id", "计划编号", "计划id"]),
        (.path, ["路径", "path", "任务路径"]),
        (.status, ["状态", "status", "完成情况", "进展状态", "完成状态"]),
        (.progress, ["完成进度", "progress", "进度", "进度(%)", "进度%", "完成进度(%)", "progress(%)", "progress%", "完成比例"]),
        (.note, ["进展情况", "note", "notes", "备注", "说明", "月度进展", "进展"]),
        (.due, ["完成时限", "due", "duedate", "due_date", "期限", "截止日期", "截止时间"]),
        (.targetID, ["指标编号", "target_id", "targetid", "target", "指标id"]),
        (.actual, ["完成值", "actual", "actualvalue", "实际值"]),
        (.ignored, ["序号", "重点任务", "牵头科室", "配合科室", "序时进度", "灯", "预警", "heading", "title", "标题",
                    "任务名称", "任务内容", "office", "offices", "lead", "科室", "责任科室", "责任单位", "牵头单位",
                    "配合单位", "text", "内容", "level", "month", "月份", "updated", "expected", "light",
                    // The target ledger's own columns (TargetLedger).
                    "指标名称", "目标", "比较", "目标值", "上限", "单位", "完成率"]),
    ]

    /// The column sets that identify a row's task, in order of preference (an id column wins over
    /// plan + path).
    static let keys: [[SheetColumn]] = [[.id], [.plan, .path], [.targetID]]

    /// The name the ledger writes for this column.
    public var ledgerHeader: String {
        SheetColumn.names.first { $0.column == self }?.names.first ?? rawValue
    }

    static let byName: [String: SheetColumn] = {
        var m: [String: SheetColumn] = [:]
        for (c, names) in names { for n in names { m[normalize(n)] = c } }
        return m
    }()

    /// A header cell made comparable: folded (full-width ASCII), lowercased, with spaces and
    /// line breaks removed (`完成\n时限`, `Due Date`).
    static func normalize(_ s: String) -> String {
        let folded = TextFolding.fold(s).lowercased()
        return String(folded.unicodeScalars.filter { !CSVReader.isSpace($0) }.map(Character.init))
    }

    /// The column a header cell names: exactly, or once a trailing note in brackets is dropped
    /// (`状态(下拉选择)`, `完成进度（%）`); nil when unknown.
    static func named(_ cell: String) -> SheetColumn? {
        let n = normalize(cell)
        if let c = byName[n] { return c }
        if n.hasSuffix(")"), let open = n.lastIndex(of: "("), open > n.startIndex {
            return byName[String(n[..<open])]
        }
        return nil
    }

    /// A Latin header that is not a column but is a letter or two from a value column's name
    /// (`stauts`): that name, so the sheet is refused rather than the column silently ignored.
    /// Unknown Chinese headers are other columns an office added (负责人, 联系电话) and are ignored.
    static func misspelt(_ cell: String) -> String? {
        let n = normalize(cell)
        guard n.count >= 4, n.allSatisfy(\.isASCII) else { return nil }
        let w = Array(n)
        for (column, list) in names where column.role != .ignored {
            for name in list where name.allSatisfy(\.isASCII) && Suggest.distance(w, Array(name)) <= 2 { return name }
        }
        return nil
    }

}

/// Where a sheet's header row is and what each of its cells names.
struct SheetHeader {
    /// The row number of the header (a CSV line or a spreadsheet row).
    var row: Int
    /// The column of each cell, nil for an empty or ignored one.
    var columns: [SheetColumn?]
    /// Cell index of each named column.
    var index: [SheetColumn: Int]
    /// Header cells not known as columns (ignored, and said so).
    var unknown: [String]

    /// How many leading rows are searched for the header.
    static let searchRows = 20

    /// Whether the cells of a row name a task key (so the row is the header).
    static func isHeader(_ cells: [String]) -> Bool {
        let named = Set(cells.compactMap(SheetColumn.named))
        return SheetColumn.keys.contains { $0.allSatisfy(named.contains) }
    }

    /// The header of `cells` on `row`, with a message for each problem in it.
    static func read(_ cells: [String], row: Int) -> (SheetHeader, [String]) {
        var h = SheetHeader(row: row, columns: [], index: [:], unknown: [])
        var problems: [String] = []
        for (i, cell) in cells.enumerated() {
            let trimmed = ProgressSheet.trim(cell)
            guard !trimmed.isEmpty else { h.columns.append(nil); continue }
            guard let c = SheetColumn.named(trimmed) else {
                if let near = SheetColumn.misspelt(trimmed) {
                    problems.append(Messages.sheetColumnMisspelt(trimmed, suggestion: near).text)
                } else {
                    h.unknown.append(trimmed)
                }
                h.columns.append(nil)
                continue
            }
            if c != .ignored, let j = h.index[c] {
                problems.append(Messages.sheetColumnRepeated(trimmed, earlier: j + 1, column: c.rawValue).text)
            }
            if c != .ignored && h.index[c] == nil { h.index[c] = i }
            h.columns.append(c == .ignored ? nil : c)
        }
        if SheetColumn.allCases.filter({ $0.role == .value }).allSatisfy({ h.index[$0] == nil }) {
            problems.append(Messages.sheetNothingToApply().text)
        }
        return (h, problems)
    }
}
