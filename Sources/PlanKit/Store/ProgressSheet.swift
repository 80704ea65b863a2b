import Foundation

/// A monthly progress sheet turned into progress updates. See SPEC §2 `import progress` and §10.
///
/// CSV (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK) and Excel .xlsx sheets become
/// the same rows of cell text, and one piece of logic reads them: the header row is found by its
/// column names (`SheetColumn`) among the first rows, below any title rows; each later row names
/// a task (`id`/任务编号, or `plan`+`path`) and carries new values (status, progress, note,
/// due; an empty cell changes nothing). Reading is all or nothing: every bad row is reported as
/// `FILE:ROW`, and then no row is applied.
public enum ProgressSheet {
    /// The updates of a sheet that read cleanly, and what the user should still be told.
    public struct Reading: Sendable {
        public var updates: [ProgressUpdate]
        /// `FILE:ROW: …` lines and notes about the file (its encoding), shown as warnings.
        public var warnings: [String]
    }

    /// Every row of `file` as an update, checked against `workspace`; all rows or an error listing
    /// every bad row as `FILE:ROW: …`. `sheet` picks a worksheet of an .xlsx (else the first).
    public static func read(from file: URL, displayName: String, sheet: String? = nil,
                            in workspace: Workspace) throws -> Reading {
        let data = try InputFile.read(file.path, displayName: displayName)
        let result = try parse(file: [UInt8](data), displayName: displayName, sheet: sheet, in: workspace)
        guard result.problems.isEmpty else { throw diagnostic(result.problems, displayName: displayName) }
        return Reading(updates: result.updates, warnings: result.fileWarnings + listed(result.warnings, displayName))
    }

    /// The updates of `file` (see `read`), without the warnings.
    public static func updates(from file: URL, displayName: String, in workspace: Workspace) throws -> [ProgressUpdate] {
        try read(from: file, displayName: displayName, in: workspace).updates
    }

    /// The most bad rows listed one by one; a sheet that is wrong throughout is summarised after that.
    public static let listedProblemLimit = 1000

    /// Rows in a run with the same message are one line, as a compiler folds repeats
    /// (`2025-05.xlsx:2–26: no plan "hewan2025" (25 rows)`): a sheet for a plan not imported
    /// reads as one cause, not a screenful.
    static func listed(_ problems: [Problem], _ displayName: String, limit: Int = listedProblemLimit) -> [String] {
        var runs: [(first: Int, last: Int, count: Int, message: String)] = []
        for p in problems {
            if let r = runs.last, r.message == p.message, p.row >= r.last, p.row <= r.last + 1 {
                runs[runs.count - 1].last = p.row
                runs[runs.count - 1].count += 1
            } else {
                runs.append((p.row, p.row, 1, p.message))
            }
        }
        var notes = runs.prefix(limit).map { r in
            Messages.sheetRows(displayName, first: r.first, last: r.last, count: r.count, r.message).text
        }
        if runs.count > limit { notes.append(Messages.moreProblems(runs.count - limit).text) }
        return notes
    }

    static func diagnostic(_ problems: [Problem], displayName: String) -> Diagnostic {
        let rows = Set(problems.map(\.row)).count
        return Diagnostic(Messages.sheetHasBadRows(displayName, rows: rows), notes: listed(problems, displayName))
    }

    /// A problem with one row (row 1 is the first line or spreadsheet row; CSV rows count physical
    /// lines, so a quoted cell spanning lines moves later rows down as a spreadsheet would show them).
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var row: Int
        public var message: String
        /// The catalogue name of the message (`Messages`), nil for text not from the catalogue.
        public var name: String?
        public var description: String { "\(row): \(message)" }

        public init(row: Int, message: String, name: String? = nil) {
            self.row = row
            self.message = message
            self.name = name
        }
        /// A catalogue message (`Messages`) about row `row`.
        public init(row: Int, _ message: Message) {
            self.init(row: row, message: message.text, name: message.name)
        }
        /// A diagnostic (its words and catalogue name) about row `row`.
        init(row: Int, _ d: Diagnostic) {
            self.init(row: row, message: d.message, name: d.name)
        }
    }

    public struct Result: Sendable {
        public var updates: [ProgressUpdate] = []
        public var problems: [Problem] = []
        /// Rows that were read past and said so (a row with only a task id).
        public var warnings: [Problem] = []
        /// Notes about the whole file (the encoding it was read in, columns ignored).
        public var fileWarnings: [String] = []
    }

    /// One row of a sheet as text cells, whatever file it came from.
    public struct Row: Sendable {
        /// The line (CSV) or spreadsheet row number, from 1.
        public var number: Int
        public var cells: [String]
        /// Something wrong with the row's syntax (an unclosed quote).
        public var problem: String?

        public init(number: Int, cells: [String], problem: String? = nil) {
            self.number = number
            self.cells = cells
            self.problem = problem
        }

        var isBlank: Bool { problem == nil && cells.allSatisfy { ProgressSheet.trim($0).isEmpty } }
    }

    /// Reads a sheet file's bytes: an .xlsx workbook, or CSV text in any encoding of §10; any
    /// other kind of file (legacy .xls, an encrypted workbook, a PDF …) is refused by its bytes.
    public static func parse(file bytes: [UInt8], displayName: String, sheet: String?,
                             in workspace: Workspace) throws -> Result {
        let data = Data(bytes)
        let kind = FileKind.sniff(data, fileName: displayName)
        if let refusal = kind.refusal(fileName: displayName, purpose: .sheet) { throw refusal }
        if kind == .xlsx {
            let rows = try XlsxReader(data: data, displayName: displayName).rows(ofSheet: sheet)
            return parse(rows: rows, displayName: displayName, in: workspace)
        }
        if let sheet {
            throw Diagnostic(Messages.csvHasNoSheets(displayName, sheet: sheet))
        }
        let decoded = try TextDecoding.decode(data, fileName: displayName)
        var result = parse(utf8: Array(decoded.text.utf8), displayName: displayName, in: workspace)
        if let w = decoded.warning { result.fileWarnings.insert(Messages.sheetFileNote(displayName, w).text, at: 0) }
        return result
    }

    /// Parses and checks a CSV sheet's bytes (UTF-8, GB18030 or UTF-16 with a BOM).
    public static func parse(_ bytes: [UInt8], displayName: String, in workspace: Workspace) -> Result {
        do {
            return try parse(file: bytes, displayName: displayName, sheet: nil, in: workspace)
        } catch let d as Diagnostic {
            var r = Result()
            r.problems.append(Problem(row: 1, message: d.message))
            return r
        } catch {
            var r = Result()
            r.problems.append(Problem(row: 1, message: "\(error)"))
            return r
        }
    }

    /// Parses CSV text already in UTF-8.
    static func parse(utf8 text: [UInt8], displayName: String, in workspace: Workspace) -> Result {
        var start = 0
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        var csv = CSVReader(bytes: text, start: start)
        var rows: [Row] = []
        while let r = csv.next() { rows.append(Row(number: r.line, cells: r.fields, problem: r.problem)) }
        return parse(rows: rows, displayName: displayName, in: workspace)
    }

    /// Checks rows of cells: finds the header, then reads every row after it.
    public static func parse(rows: [Row], displayName: String, in workspace: Workspace) -> Result {
        var result = Result()
        guard let (header, start) = findHeader(rows, &result) else { return result }
        if !header.unknown.isEmpty {
            result.fileWarnings.append(Messages.sheetColumnsIgnored(displayName, columns: header.unknown).text)
        }
        var reader = RowReader(header: header, lookup: TaskLookup(workspace: workspace), displayName: displayName)
        var count = 0
        for row in rows[start...] where !row.isBlank {
            count += 1
            reader.read(row, into: &result)
        }
        if count == 0 && result.problems.isEmpty {
            result.problems.append(Problem(row: header.row, Messages.sheetHeaderWithoutRows()))
        }
        if !result.problems.isEmpty { result.updates = [] }
        return result
    }

    /// The header among the first `SheetHeader.searchRows` rows that are not blank, and the index
    /// of the row after it; nil (with the problem recorded) when there is none or it is bad.
    static func findHeader(_ rows: [Row], _ result: inout Result) -> (SheetHeader, Int)? {
        var searched = 0
        var widest: Row?
        for (i, row) in rows.enumerated() where !row.isBlank {
            searched += 1
            if searched > SheetHeader.searchRows { break }
            let filled = row.cells.filter { !trim($0).isEmpty }
            if filled.count > (widest?.cells.filter { !trim($0).isEmpty }.count ?? 0) { widest = row }
            guard SheetHeader.isHeader(row.cells) else { continue }
            var (header, problems) = SheetHeader.read(row.cells, row: row.number)
            if let p = row.problem { problems.insert(p, at: 0) }
            guard problems.isEmpty else {
                result.problems += problems.map { Problem(row: row.number, message: $0) }
                return nil
            }
            header.row = row.number
            return (header, i + 1)
        }
        guard let widest else {
            result.problems.append(Problem(row: 1, Messages.sheetEmpty()))
            return nil
        }
        let seen = widest.cells.map(trim).filter { !$0.isEmpty }.map { "\"\(Suggest.excerpt($0, limit: 20))\"" }
        result.problems.append(Problem(row: widest.number,
                                       Messages.sheetWithoutHeader(searched: SheetHeader.searchRows, row: widest.number, seen: seen)))
        return nil
    }

    /// `s` without leading and trailing spaces (ASCII, ideographic, no-break) and line breaks.
    static func trim(_ s: String) -> String {
        let u = s.unicodeScalars
        var start = u.startIndex, end = u.endIndex
        while start < end, CSVReader.isSpace(u[start]) { start = u.index(after: start) }
        while end > start, CSVReader.isSpace(u[u.index(before: end)]) { end = u.index(before: end) }
        return start == u.startIndex && end == u.endIndex ? s : String(u[start..<end])
    }
}

/// Reads the rows after a header into updates, one row at a time.
struct RowReader {
    let header: SheetHeader
    var lookup: TaskLookup
    let displayName: String
    /// The sheet row each task was first seen on (a task twice is an error).
    var firstRowOf: [Int: Int] = [:]

    init(header: SheetHeader, lookup: TaskLookup, displayName: String) {
        self.header = header
        self.lookup = lookup
        self.displayName = displayName
    }

    func cell(_ c: SheetColumn, _ row: ProgressSheet.Row) -> String? {
        guard let i = header.index[c], i < row.cells.count else { return nil }
        let v = ProgressSheet.trim(row.cells[i])
        return v.isEmpty ? nil : v
    }

    /// The task a row names: its id cell, else its plan and path cells; nil when it names none.
    func task(_ row: ProgressSheet.Row) -> Result<(plan: String, path: String), Diagnostic>? {
        if let id = cell(.id, row) { return SheetValues.taskID(id) }
        if let p = cell(.plan, row), let q = cell(.path, row) {
            return .success((ProgressSheet.trim(TextFolding.fold(p)), ProgressSheet.trim(TextFolding.fold(q))))
        }
        return nil
    }

    mutating func read(_ row: ProgressSheet.Row, into result: inout ProgressSheet.Result) {
        var problems: [Diagnostic] = []
        if let p = row.problem { problems.append(Diagnostic(p)) }
        if row.cells.count > header.columns.count && row.cells[header.columns.count...].contains(where: { !$0.isEmpty }) {
            problems.append(Diagnostic(Messages.rowTooWide(cells: row.cells.count, columns: header.columns.count)))
        }
        let hasValues = SheetColumn.allCases.contains { $0.role == .value && $0 != .actual && cell($0, row) != nil }
        let target = actual(row, problems: &problems)
        var plan = "", path = ""
        switch task(row) {
        case nil where target != nil || cell(.targetID, row) != nil && !hasValues:
            break
        case nil:
            // A row with no task and nothing to apply (a section line an office typed) is read past.
            if hasValues || !problems.isEmpty {
                problems.append(Diagnostic(Messages.rowWithoutTask(byID: header.index[.id] != nil)))
            } else {
                result.warnings.append(.init(row: row.number, Messages.rowSkipped()))
                return
            }
        case let .failure(d)?: problems.append(d)
        case let .success(t)?: (plan, path) = t
        }
        var taskRow: Int?
        if !plan.isEmpty || !path.isEmpty {
            switch lookup.row(plan: plan, path: path) {
            case let .success(r):
                taskRow = r
                // A task may head several rows of its targets (the target ledger); only one row
                // may change the task itself.
                if hasValues, let earlier = firstRowOf[r] {
                    problems.append(Diagnostic(Messages.rowTaskRepeated(plan + ":" + path, earlier: earlier)))
                } else if hasValues {
                    firstRowOf[r] = row.number
                }
            case let .failure(d): problems.append(d)
            }
        }
        var u = ProgressUpdate(plan: plan, path: path, source: "sheet \(displayName):\(row.number)")
        values(row, into: &u, problems: &problems)
        // A due date equal to the task's changes nothing: setting it would mark the date as set by
        // hand (kept over the plan's text by `replace`), and every ledger carries every due date.
        if let r = taskRow, case let .some(d?) = u.due, lookup.workspace.tasks.due[r] == d.ordinal { u.due = nil }
        if let (ref, a) = target, ref.plan == plan, ref.path == path { u.actuals.append(a) }
        if !problems.isEmpty {
            result.problems += problems.map { .init(row: row.number, $0) }
        } else if hasValues || target != nil {
            if hasValues || !u.actuals.isEmpty { result.updates.append(u) }
            if let (ref, a) = target, u.actuals.isEmpty {
                result.updates.append(ProgressUpdate(plan: ref.plan, path: ref.path, actuals: [a], source: u.source))
            }
        } else if cell(.targetID, row) != nil && header.index[.actual] != nil {
            // A target ledger's row with no 完成值 yet: an empty cell changes nothing (§10).
            return
        } else if plan.isEmpty && path.isEmpty {
            result.warnings.append(.init(row: row.number, Messages.rowOnlyTargetID()))
        } else {
            result.warnings.append(.init(row: row.number, Messages.rowOnlyTaskID(plan + ":" + path)))
        }
    }

    /// A row's target id and actual (SPEC §11): the target and its new value in the target's unit.
    func actual(_ row: ProgressSheet.Row, problems: inout [Diagnostic]) -> (TargetRef, ActualUpdate)? {
        guard let value = cell(.actual, row) else { return nil }
        guard let id = cell(.targetID, row) else {
            problems.append(Diagnostic(Messages.actualWithoutTarget()))
            return nil
        }
        do {
            let ref = try lookup.workspace.targetRef(id)
            let a = try lookup.workspace.actualUpdate(ref, value)
            // A value equal to the target's changes nothing (§10): not even its month.
            if let t = lookup.workspace.target(ref), t.actual == a.value { return nil }
            return (ref, a)
        } catch let d as Diagnostic {
            problems.append(d)
        } catch {
            problems.append(Diagnostic(Messages.unexpected(error)))
        }
        return nil
    }

    /// The value cells of `row` into `u`, each read by the reader `update` uses (`ProgressValue`);
    /// an empty cell is never read (it changes nothing).
    func values(_ row: ProgressSheet.Row, into u: inout ProgressUpdate, problems: inout [Diagnostic]) {
        func take<T>(_ c: SheetColumn, _ parse: (String) -> Result<T, ProgressValue.Problem>, _ set: (T) -> Void) {
            guard let s = cell(c, row) else { return }
            switch parse(s) {
            case let .success(v): set(v)
            case let .failure(p): problems.append(Diagnostic(p.message))
            }
        }
        take(.status, ProgressValue.status) { u.status = $0 }
        take(.progress, ProgressValue.progress) { u.progress = $0 }
        take(.note, { .success($0) }) { u.note = $0 }
        take(.due, ProgressValue.due) { u.due = .some($0) }
    }
}
