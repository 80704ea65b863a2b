/// How a progress sheet's key cells become a task: its id. Values (status, progress, due, actual)
/// are read by `ProgressValue`, the reader `update` uses too.
enum SheetValues {
    /// `PLAN:PATH` split at its last colon (full-width colons folded).
    static func taskID(_ s: String) -> Result<(plan: String, path: String), Diagnostic> {
        let id = TextFolding.fold(s)
        guard let colon = id.lastIndex(of: ":") else {
            return .failure(Diagnostic(Messages.sheetBadTaskID(id)))
        }
        return .success((ProgressSheet.trim(String(id[..<colon])), ProgressSheet.trim(String(id[id.index(after: colon)...]))))
    }
}

/// Finds task rows by plan and path, building one dictionary per plan on first use.
struct TaskLookup {
    let workspace: Workspace
    private var byPlan: [String: [String: Int]] = [:]

    init(workspace: Workspace) { self.workspace = workspace }

    mutating func row(plan: String, path: String) -> Result<Int, Diagnostic> {
        if byPlan[plan] == nil {
            guard let p = workspace.planIndex(plan) else {
                return .failure(Diagnostic(Messages.noPlan(plan, suggestion: Suggest.nearest(plan, in: workspace.plans.map(\.id)))))
            }
            var m: [String: Int] = [:]
            for r in workspace.taskRanges[p] { m[workspace.tasks.paths[r]] = r }
            byPlan[plan] = m
        }
        let paths = byPlan[plan] ?? [:]
        guard let r = paths[path] else {
            return .failure(Diagnostic(Messages.noTask(plan + ":" + path, suggestion: Suggest.nearest(path, in: paths.keys.sorted()))))
        }
        return .success(r)
    }
}

