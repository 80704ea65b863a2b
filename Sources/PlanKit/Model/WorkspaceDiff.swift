/// What changed between two working states: tasks added, removed, and changed in progress.
public struct WorkspaceDiff: Sendable {
    public struct FieldChange: Sendable, Hashable {
        public var field: String
        public var old: String
        public var new: String
    }

    public struct TaskChange: Sendable, Hashable {
        public var id: String
        public var heading: String
        public var changes: [FieldChange]
    }

    /// Tasks only in the newer state (id, heading).
    public var added: [PlanTask] = []
    /// Tasks only in the older state.
    public var removed: [PlanTask] = []
    /// Tasks in both whose status, progress, note or due differ.
    public var changed: [TaskChange] = []

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    /// Field changes across the changed tasks (a task changed in status and note counts 2).
    public var fieldChangeCount: Int { changed.reduce(0) { $0 + $1.changes.count } }

    /// Compares `old` with `new`, task by task, in natural id order.
    /// `include` filters by task (applied to the newer task, or the older one for removals).
    public static func compute(from old: Workspace, to new: Workspace,
                               include: (PlanTask) -> Bool = { _ in true }) -> WorkspaceDiff {
        var diff = WorkspaceDiff()
        var oldRows: [String: Int] = [:]
        for r in 0..<old.tasks.count { oldRows[old.taskID(row: r)] = r }
        var seen = Set<Int>()
        for r in 0..<new.tasks.count {
            let id = new.taskID(row: r)
            guard let o = oldRows[id] else {
                let t = new.task(row: r)
                if include(t) { diff.added.append(t) }
                continue
            }
            seen.insert(o)
            let a = old.tasks, b = new.tasks
            guard a.status[o] != b.status[r] || a.progress[o] != b.progress[r]
                    || a.notes[a.noteCode[o]] != b.notes[b.noteCode[r]] || a.due[o] != b.due[r] else { continue }
            let t = new.task(row: r)
            guard include(t) else { continue }
            let ot = old.task(row: o)
            var changes: [FieldChange] = []
            if ot.status != t.status { changes.append(FieldChange(field: "status", old: ot.status.keyword, new: t.status.keyword)) }
            if ot.progress != t.progress { changes.append(FieldChange(field: "progress", old: String(ot.progress), new: String(t.progress))) }
            if ot.note != t.note { changes.append(FieldChange(field: "note", old: ot.note, new: t.note)) }
            if ot.due != t.due {
                changes.append(FieldChange(field: "due", old: ot.due?.description ?? "", new: t.due?.description ?? ""))
            }
            diff.changed.append(TaskChange(id: t.id, heading: t.heading, changes: changes))
        }
        for r in 0..<old.tasks.count where !seen.contains(r) {
            let t = old.task(row: r)
            if include(t) { diff.removed.append(t) }
        }
        return diff
    }
}
