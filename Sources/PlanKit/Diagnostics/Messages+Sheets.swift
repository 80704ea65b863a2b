// MARK: - Progress sheets (`import progress`): the file, its header, each row, each cell

extension Messages {
    /// Followed by one `sheetRows` note per run of bad rows.
    public static func sheetHasBadRows(_ file: String, rows: Int) -> Message {
        Message("sheet-bad-rows", .error, "progress sheet \(file) has \(n(rows, "bad row")); nothing was applied")
    }
    /// `FILE:ROW: problem`, or for a run of rows with the same problem `FILE:FIRST–LAST: problem (N rows)`.
    public static func sheetRows(_ file: String, first: Int, last: Int, count: Int, _ problem: String) -> Message {
        Message("sheet-row", .error, count == 1 ? "\(file):\(first): \(problem)" : "\(file):\(first)–\(last): \(problem) (\(count) rows)")
    }
    public static func csvHasNoSheets(_ file: String, sheet: String) -> Message {
        Message("csv-has-no-sheets", .error, "\(file) is a CSV file, which has no sheets (`sheet \(sheet)` is for .xlsx workbooks)")
    }
    /// A note about the whole file (its encoding), said before its rows.
    public static func sheetFileNote(_ file: String, _ note: String) -> Message {
        Message("sheet-file-note", .warning, "\(file): \(note)")
    }
    public static func sheetColumnsIgnored(_ file: String, columns: [String]) -> Message {
        Message("sheet-columns-ignored", .warning, "\(file): columns ignored: " + columns.joined(separator: ", "))
    }

    // The header row

    public static func sheetEmpty() -> Message {
        Message("sheet-empty", .error, "the sheet is empty (it needs a header row: id, status, progress, note)")
    }
    public static func sheetHeaderWithoutRows() -> Message {
        Message("sheet-no-rows", .error, "the sheet has a header but no rows")
    }
    /// `seen`: the cells of the widest row among the first `searched`, already quoted.
    public static func sheetWithoutHeader(searched: Int, row: Int, seen: [String]) -> Message {
        Message("sheet-no-header", .error,
                "no header row in the first \(searched) rows: the sheet needs an id column (任务编号/编号), "
                + "or plan and path columns (计划, 路径); columns seen (row \(row)): " + seen.joined(separator: ", ")
                + " — a header row names the task (id/任务编号/编号, or plan+path/计划+路径) and what to apply "
                + "(status/状态/完成情况, progress/进度/完成进度, note/备注/进展情况/月度进展, due/完成时限/期限; "
                + "a target's actual: target_id/指标编号 with actual/完成值)")
    }
    public static func sheetColumnMisspelt(_ cell: String, suggestion: String) -> Message {
        Message("sheet-column-misspelt", .error, "unknown column \"\(cell)\"" + Suggest.didYouMean(suggestion))
    }
    /// `column` is the column's own name (status, progress …); `earlier` counts from 1.
    public static func sheetColumnRepeated(_ cell: String, earlier: Int, column: String) -> Message {
        Message("sheet-column-repeated", .error, "column \"\(cell)\" repeats column \(earlier) (\(column))")
    }
    public static func sheetNothingToApply() -> Message {
        Message("sheet-nothing-to-apply", .error, "the sheet has nothing to apply: no status, progress, note or due column "
                + "(状态/完成情况, 进度/完成进度, 备注/进展情况, 完成时限)")
    }

    // A row

    public static func rowTooWide(cells: Int, columns: Int) -> Message {
        Message("row-too-wide", .error, "\(cells) cells, but the header has \(columns) columns")
    }
    /// A row with values but no task: `byID` when the sheet names tasks by an id column.
    public static func rowWithoutTask(byID: Bool) -> Message {
        Message("row-without-task", .error, byID ? "no task id" : "plan or path is empty")
    }
    public static func rowTaskRepeated(_ task: String, earlier: Int) -> Message {
        Message("row-task-repeated", .error, "task \(task) is already on row \(earlier)")
    }
    public static func actualWithoutTarget() -> Message {
        Message("actual-without-target", .error, "an actual (完成值) needs its target id (指标编号, TASK#n) on the same row")
    }
    public static func rowSkipped() -> Message {
        Message("row-skipped", .warning, "no task id and nothing to apply; row skipped")
    }
    public static func rowOnlyTargetID() -> Message {
        Message("row-only-id", .warning, "only a target id, nothing to apply")
    }
    public static func rowOnlyTaskID(_ task: String) -> Message {
        Message("row-only-id", .warning, "only a task id (\(task)), nothing to apply")
    }

    // A cell (CSV syntax, then each value)

    public static func csvQuoteNotClosed() -> Message {
        Message("csv-quote-not-closed", .error, "a quoted cell is not closed (a \" is missing)")
    }
    public static func csvTextAfterQuote() -> Message {
        Message("csv-text-after-quote", .error, "text after a closing quote (write \"\" for a quote inside a quoted cell)")
    }
    public static func sheetBadTaskID(_ id: String) -> Message {
        Message("not-task-id", .error, "task id \"\(Suggest.excerpt(id))\" is not PLAN:PATH (e.g. yy2025:2.1.1)")
    }
}
