import Foundation

/// A monthly progress sheet (CSV) turned into progress updates. See SPEC §2 `import progress`.
///
/// The sheet is RFC 4180 CSV in UTF-8 (with or without a BOM; commas, or tabs when the header
/// has no comma), one row a task. Columns are found by their header, in English or Chinese:
/// `id`/编号 or `plan`/计划 + `path`/路径 name the task; `status`/状态, `progress`/进度,
/// `note`/备注 and `due`/截止日期 carry the new values (an empty cell changes nothing).
/// Columns a sheet carries for people (标题, 责任科室, …) are ignored.
/// Reading is all or nothing: every bad row is reported, and then no row is applied.
public enum ProgressSheet {
    /// Every row of `file` as an update, checked against `workspace`; all rows or an error listing
    /// every bad row as `FILE:ROW: …`.
    public static func updates(from file: URL, displayName: String, in workspace: Workspace) throws -> [ProgressUpdate] {
        let data = try InputFile.read(file.path, displayName: displayName)
        let result = parse([UInt8](data), displayName: displayName, in: workspace)
        if result.problems.isEmpty { return result.updates }
        throw diagnostic(result.problems, displayName: displayName)
    }

    /// The most bad rows listed one by one; a sheet that is wrong throughout is summarised after that.
    public static let listedProblemLimit = 1000

    static func diagnostic(_ problems: [Problem], displayName: String) -> Diagnostic {
        let rows = Set(problems.map(\.row)).count
        var notes = problems.prefix(listedProblemLimit).map { "\(displayName):\($0.row): \($0.message)" }
        if problems.count > listedProblemLimit {
            notes.append("… and \(problems.count - listedProblemLimit) more problems")
        }
        let what = rows == 1 ? "1 bad row" : "\(rows) bad rows"
        return Diagnostic("progress sheet \(displayName) has \(what); nothing was applied", notes: notes)
    }

    /// A problem with one row (row 1 is the header line; rows count physical lines, so a quoted
    /// cell spanning lines moves later rows down as a spreadsheet would show them).
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var row: Int
        public var message: String
        public var description: String { "\(row): \(message)" }
    }

    public struct Result: Sendable {
        public var updates: [ProgressUpdate] = []
        public var problems: [Problem] = []
    }

    enum Column: String, CaseIterable {
        case id, plan, path, status, progress, note, due, ignored
    }

    static let headerNames: [String: Column] = {
        var m: [String: Column] = [:]
        let table: [(Column, [String])] = [
            (.id, ["id", "task", "task id", "task_id", "taskid", "编号", "任务编号", "任务id", "任务 id"]),
            (.plan, ["plan", "plan id", "plan_id", "计划", "计划编号", "计划id"]),
            (.path, ["path", "路径", "任务路径"]),
            (.status, ["status", "状态", "进展状态", "完成状态"]),
            (.progress, ["progress", "进度", "完成进度", "进度(%)", "进度%", "progress(%)", "progress %"]),
            (.note, ["note", "notes", "备注", "说明"]),
            (.due, ["due", "due date", "due_date", "截止日期", "截止时间", "完成时限", "期限"]),
            (.ignored, ["heading", "title", "标题", "任务名称", "office", "offices", "科室", "责任科室", "责任单位",
                        "text", "内容", "任务内容", "level", "序号", "month", "月份", "updated"]),
        ]
        for (c, names) in table { for n in names { m[n] = c } }
        return m
    }()

    static func normalizeHeader(_ s: String) -> String {
        trim(TextFolding.fold(s)).lowercased()
    }

    /// Parses and checks a whole sheet.
    public static func parse(_ bytes: [UInt8], displayName: String, in workspace: Workspace) -> Result {
        var result = Result()
        guard String(validating: bytes, as: UTF8.self) != nil else {
            result.problems.append(Problem(row: firstInvalidLine(bytes), message:
                "the sheet is not UTF-8 text (in Excel save it as “CSV UTF-8”)"))
            return result
        }
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        var csv = CSVReader(bytes: bytes, start: start)
        // Header: the first record that is not blank.
        var headerRecord: CSVReader.Record?
        while let r = csv.next() {
            if r.fields.allSatisfy(\.isEmpty) && r.problem == nil { continue }
            headerRecord = r
            break
        }
        guard let header = headerRecord else {
            result.problems.append(Problem(row: 1, message: "the sheet is empty (it needs a header row: id, status, progress, note)"))
            return result
        }
        if let p = header.problem { result.problems.append(Problem(row: header.line, message: p)) }
        var columns: [Column?] = []
        var seen: [Column: Int] = [:]
        for (i, cell) in header.fields.enumerated() {
            let name = normalizeHeader(cell)
            guard let c = headerNames[name] else {
                if name.isEmpty {
                    columns.append(nil)
                    continue
                }
                result.problems.append(Problem(row: header.line, message:
                    "unknown column \"\(cell)\"" + Suggest.phrase(name, in: headerNames.keys.sorted())
                    + " (columns: id or plan + path, status, progress, note, due; 编号, 计划, 路径, 状态, 进度, 备注)"))
                columns.append(nil)
                continue
            }
            if c != .ignored, let j = seen[c] {
                result.problems.append(Problem(row: header.line, message:
                    "column \"\(cell)\" repeats column \(j + 1) (\(c.rawValue))"))
            }
            seen[c] = i
            columns.append(c)
        }
        let hasID = seen[.id] != nil, hasPlanPath = seen[.plan] != nil && seen[.path] != nil
        if !hasID && !hasPlanPath {
            result.problems.append(Problem(row: header.line, message:
                "the sheet needs an id column (编号), or plan and path columns (计划, 路径)"))
        }
        if [Column.status, .progress, .note, .due].allSatisfy({ seen[$0] == nil }) {
            result.problems.append(Problem(row: header.line, message:
                "the sheet has nothing to apply: no status, progress, note or due column (状态, 进度, 备注)"))
        }
        guard result.problems.isEmpty else { return result }

        var lookup = TaskLookup(workspace: workspace)
        var firstRowOf: [Int: Int] = [:]
        var rows = 0
        while let record = csv.next() {
            let fields = record.fields
            if fields.allSatisfy(\.isEmpty) && record.problem == nil { continue }
            rows += 1
            var problems: [String] = []
            if let p = record.problem { problems.append(p) }
            if fields.count > columns.count {
                problems.append("\(fields.count) cells, but the header has \(columns.count) columns")
            }
            func cell(_ c: Column) -> String? {
                guard let i = seen[c], i < fields.count else { return nil }
                let v = fields[i]
                return v.isEmpty ? nil : v
            }
            // Which task.
            var plan = "", path = ""
            if let id = cell(.id).map(TextFolding.fold) {
                if let colon = id.lastIndex(of: ":") {
                    plan = trim(String(id[..<colon]))
                    path = trim(String(id[id.index(after: colon)...]))
                } else {
                    problems.append("task id \"\(id)\" is not PLAN:PATH (e.g. yy2025:2.1.1)")
                }
            } else if let p = cell(.plan), let q = cell(.path) {
                plan = TextFolding.fold(p)
                path = TextFolding.fold(q)
            } else {
                problems.append(hasID ? "no task id" : "plan or path is empty")
            }
            var row: Int?
            if !plan.isEmpty || !path.isEmpty {
                switch lookup.row(plan: plan, path: path) {
                case let .success(r): row = r
                case let .failure(message): problems.append("\(message)")
                }
            }
            if let r = row {
                if let earlier = firstRowOf[r] {
                    problems.append("task \(plan):\(path) is already on row \(earlier)")
                } else {
                    firstRowOf[r] = record.line
                }
            }
            // New values.
            var u = ProgressUpdate(plan: plan, path: path, source: "sheet \(displayName):\(record.line)")
            if let s = cell(.status) {
                if let st = TaskStatus(parsing: s) { u.status = st } else {
                    problems.append("bad status \"\(s)\"" + Suggest.phrase(s, in: TaskStatus.allCases.map(\.keyword))
                                    + " (not_started, on_track, behind, done; 未启动, 推进中, 滞后, 已完成)")
                }
            }
            if let p = cell(.progress) {
                switch parseProgress(p) {
                case let .success(v): u.progress = v
                case let .failure(message): problems.append("\(message)")
                }
            }
            if let n = cell(.note) { u.note = n }
            if let d = cell(.due) {
                if let day = CalendarDay(parsing: TextFolding.fold(d)) { u.due = .some(day) } else {
                    problems.append("bad due date \"\(d)\" (YYYY-MM-DD or YYYY-MM)")
                }
            }
            if problems.isEmpty {
                if u.status != nil || u.progress != nil || u.note != nil || u.due != nil { result.updates.append(u) }
            } else {
                for p in problems { result.problems.append(Problem(row: record.line, message: p)) }
            }
        }
        if rows == 0 && result.problems.isEmpty {
            result.problems.append(Problem(row: header.line, message: "the sheet has a header but no rows"))
        }
        if !result.problems.isEmpty { result.updates = [] }
        return result
    }

    /// `40`, `40%`, `４０` → 40; anything else, or outside 0–100, is a message.
    static func parseProgress(_ s: String) -> Swift.Result<Int, ProgressValueError> {
        var t = trim(TextFolding.fold(s))
        if t.hasSuffix("%") { t.removeLast() }
        if let v = Int(trim(t)) {
            guard (0...100).contains(v) else { return .failure(ProgressValueError("progress \(v) is out of range (0–100)")) }
            return .success(v)
        }
        if let d = Double(t), d.isFinite, d == d.rounded() {
            guard (0...100).contains(d) else { return .failure(ProgressValueError("progress \(s) is out of range (0–100)")) }
            return .success(Int(d))
        }
        return .failure(ProgressValueError("bad progress \"\(s)\" (a whole number 0–100)"))
    }

    struct ProgressValueError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// `s` without leading and trailing spaces (ASCII, ideographic, no-break) and line breaks.
    static func trim(_ s: String) -> String {
        let u = s.unicodeScalars
        var start = u.startIndex, end = u.endIndex
        while start < end, CSVReader.isSpace(u[start]) { start = u.index(after: start) }
        while end > start, CSVReader.isSpace(u[u.index(before: end)]) { end = u.index(before: end) }
        return start == u.startIndex && end == u.endIndex ? s : String(u[start..<end])
    }

    static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1, lineStart = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if String(validating: bytes[lineStart..<i], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = i + 1
        }
        return line
    }
}

/// Finds task rows by plan and path, building one dictionary per plan on first use.
struct TaskLookup {
    let workspace: Workspace
    private var byPlan: [String: [String: Int]] = [:]

    init(workspace: Workspace) { self.workspace = workspace }

    mutating func row(plan: String, path: String) -> Result<Int, LookupError> {
        if byPlan[plan] == nil {
            guard let p = workspace.planIndex(plan) else {
                return .failure(LookupError("no plan \"\(plan)\"" + Suggest.phrase(plan, in: workspace.plans.map(\.id))))
            }
            var m: [String: Int] = [:]
            for r in workspace.taskRanges[p] { m[workspace.tasks.paths[r]] = r }
            byPlan[plan] = m
        }
        let paths = byPlan[plan] ?? [:]
        guard let r = paths[path] else {
            return .failure(LookupError("no task \"\(plan):\(path)\"" + Suggest.phrase(path, in: paths.keys.sorted())))
        }
        return .success(r)
    }

    struct LookupError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}

/// RFC 4180 records from UTF-8 bytes: quoted fields with `""`, delimiters and line breaks
/// inside quotes, CRLF or LF line ends. Each record knows the line it starts on. Fields come
/// back without leading and trailing spaces (a sheet typed by hand often has them).
struct CSVReader {
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x3000, 0x2002...0x200B, 0xFEFF: return true
        default: return false
        }
    }

    /// The field's text with surrounding spaces removed: ASCII blanks and line breaks,
    /// no-break space (C2 A0) and ideographic space (E3 80 80) trimmed at the byte level.
    static func trimmedString(_ b: [UInt8]) -> String {
        var lo = 0, hi = b.count
        while true {
            if lo < hi, b[lo] == 0x20 || b[lo] == 0x09 || b[lo] == 0x0A || b[lo] == 0x0D { lo += 1; continue }
            if hi - lo >= 2, b[lo] == 0xC2, b[lo + 1] == 0xA0 { lo += 2; continue }
            if hi - lo >= 3, b[lo] == 0xE3, b[lo + 1] == 0x80, b[lo + 2] == 0x80 { lo += 3; continue }
            break
        }
        while true {
            if hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0A || b[hi - 1] == 0x0D { hi -= 1; continue }
            if hi - lo >= 2, b[hi - 2] == 0xC2, b[hi - 1] == 0xA0 { hi -= 2; continue }
            if hi - lo >= 3, b[hi - 3] == 0xE3, b[hi - 2] == 0x80, b[hi - 1] == 0x80 { hi -= 3; continue }
            break
        }
        return String(decoding: b[lo..<hi], as: UTF8.self)
    }

    struct Record {
        var fields: [String]
        var line: Int
        /// A malformed quote, reported against this record.
        var problem: String?
    }

    let bytes: [UInt8]
    private var pos: Int
    private var line = 1
    private var delimiter: UInt8 = 0x2C

    init(bytes: [UInt8], start: Int) {
        self.bytes = bytes
        self.pos = start
        // Tab-separated when the first line has tabs and no commas (Excel's "Unicode text").
        var i = start, commas = 0, tabs = 0
        while i < bytes.count && bytes[i] != 0x0A {
            if bytes[i] == 0x2C { commas += 1 }
            if bytes[i] == 0x09 { tabs += 1 }
            i += 1
        }
        if tabs > 0 && commas == 0 { delimiter = 0x09 }
    }

    mutating func next() -> Record? {
        guard pos < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var problem: String?
        var field: [UInt8] = []
        while true {
            // One field.
            field.removeAll(keepingCapacity: true)
            if pos < bytes.count && bytes[pos] == 0x22 {
                pos += 1
                var closed = false
                while pos < bytes.count {
                    let b = bytes[pos]
                    if b == 0x22 {
                        if pos + 1 < bytes.count && bytes[pos + 1] == 0x22 {
                            field.append(0x22)
                            pos += 2
                            continue
                        }
                        pos += 1
                        closed = true
                        break
                    }
                    if b == 0x0A { line += 1 }
                    field.append(b)
                    pos += 1
                }
                if !closed {
                    problem = problem ?? "a quoted cell is not closed (a \" is missing)"
                }
                // Anything between the closing quote and the delimiter is kept, but reported.
                var stray = false
                while pos < bytes.count && bytes[pos] != delimiter && bytes[pos] != 0x0A && bytes[pos] != 0x0D {
                    if bytes[pos] != 0x20 { stray = true }
                    field.append(bytes[pos])
                    pos += 1
                }
                if stray { problem = problem ?? "text after a closing quote (write \"\" for a quote inside a quoted cell)" }
            } else {
                while pos < bytes.count && bytes[pos] != delimiter && bytes[pos] != 0x0A && bytes[pos] != 0x0D {
                    field.append(bytes[pos])
                    pos += 1
                }
            }
            fields.append(CSVReader.trimmedString(field))
            if pos < bytes.count && bytes[pos] == delimiter {
                pos += 1
                continue
            }
            // End of record.
            if pos < bytes.count && bytes[pos] == 0x0D { pos += 1 }
            if pos < bytes.count && bytes[pos] == 0x0A { pos += 1 }
            line += 1
            return Record(fields: fields, line: startLine, problem: problem)
        }
    }
}
