/// How a progress sheet's cells become values: task ids, statuses, progress, dates.
enum SheetValues {
    /// `40`, `40%`, `４０`, `40.0` → 40; anything else, or outside 0–100, is a message.
    static func progress(_ s: String) -> Result<Int, SheetValueError> {
        var t = ProgressSheet.trim(TextFolding.fold(s))
        if t.hasSuffix("%") { t.removeLast() }
        if let v = Int(ProgressSheet.trim(t)) {
            guard (0...100).contains(v) else { return .failure(SheetValueError(Messages.progressOutOfRange(String(v)))) }
            return .success(v)
        }
        if let d = Double(t), d.isFinite, d == d.rounded() {
            guard (0...100).contains(d) else { return .failure(SheetValueError(Messages.progressOutOfRange(s))) }
            return .success(Int(d))
        }
        return .failure(SheetValueError(Messages.sheetBadProgress(s)))
    }

    /// A status word of `TaskStatus` (keyword, Chinese label or synonym); an unknown one names the
    /// nearest valid word.
    static func status(_ s: String) -> Result<TaskStatus, SheetValueError> {
        if let st = TaskStatus(parsing: s) { return .success(st) }
        let synonyms = TaskStatus.synonyms.map(\.word).filter { !$0.allSatisfy(\.isASCII) }
        return .failure(SheetValueError(Messages.sheetUnknownStatus(s, nearest: TaskStatus.nearestWord(to: s), synonyms: synonyms)))
    }

    /// `2025-06-30`, `2025/6/30`, `2025.6.30`, `2025年6月30日`, or a month (`2025-06`: its last day).
    static func due(_ s: String) -> Result<CalendarDay, SheetValueError> {
        var t = ""
        for ch in ProgressSheet.trim(TextFolding.fold(s)) {
            switch ch {
            case "/", ".", "年", "月": t.append("-")
            case "日": continue
            default: t.append(ch)
            }
        }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false).map { p in
            p.count == 1 ? "0" + p : String(p)
        }
        if let day = CalendarDay(parsing: parts.joined(separator: "-")) { return .success(day) }
        return .failure(SheetValueError(Messages.sheetBadDueDate(s)))
    }

    /// `PLAN:PATH` split at its last colon (full-width colons folded).
    static func taskID(_ s: String) -> Result<(plan: String, path: String), SheetValueError> {
        let id = TextFolding.fold(s)
        guard let colon = id.lastIndex(of: ":") else {
            return .failure(SheetValueError(Messages.sheetBadTaskID(id)))
        }
        return .success((ProgressSheet.trim(String(id[..<colon])), ProgressSheet.trim(String(id[id.index(after: colon)...]))))
    }
}

struct SheetValueError: Error, CustomStringConvertible {
    var description: String
    init(_ m: Message) { description = m.text }
}

/// Finds task rows by plan and path, building one dictionary per plan on first use.
struct TaskLookup {
    let workspace: Workspace
    private var byPlan: [String: [String: Int]] = [:]

    init(workspace: Workspace) { self.workspace = workspace }

    mutating func row(plan: String, path: String) -> Result<Int, LookupError> {
        if byPlan[plan] == nil {
            guard let p = workspace.planIndex(plan) else {
                return .failure(LookupError(Messages.noPlan(plan, suggestion: Suggest.nearest(plan, in: workspace.plans.map(\.id)))))
            }
            var m: [String: Int] = [:]
            for r in workspace.taskRanges[p] { m[workspace.tasks.paths[r]] = r }
            byPlan[plan] = m
        }
        let paths = byPlan[plan] ?? [:]
        guard let r = paths[path] else {
            return .failure(LookupError(Messages.noTask(plan + ":" + path, suggestion: Suggest.nearest(path, in: paths.keys.sorted()))))
        }
        return .success(r)
    }

    struct LookupError: Error, CustomStringConvertible {
        var description: String
        init(_ m: Message) { description = m.text }
    }
}

