import Foundation

/// A change to the working state. Every data-changing command becomes one `Mutation`,
/// which the store journals and the workspace applies, so a replayed journal gives the same state.
public enum Mutation: Sendable, Hashable {
    /// Add plans (one file or a whole directory, all or nothing). With `replace`, existing plans
    /// of the same id are replaced and the progress of tasks whose path survives is kept.
    case importPlans([ImportedPlan], replace: Bool)
    case dropPlan(String)
    /// Progress changes; each carries its own source (command, script:line, sheet:row).
    case updateProgress([ProgressUpdate], month: YearMonth?, at: Int64)
    /// `set rule NAME = N`: one supervision rule (§9); refused when it breaks the rules' invariants.
    case setRule(String, Int)
}

/// New values for some progress fields of one task. Nil fields are left alone.
public struct ProgressUpdate: Sendable, Hashable {
    public var plan: String
    public var path: String
    public var status: TaskStatus?
    public var progress: Int?
    public var note: String?
    /// `.some(nil)` restores the default due date (latest deadline, else the plan's end).
    public var due: CalendarDay??
    /// `.some(nil)` restores the default start (the plan's start).
    public var start: CalendarDay??
    /// Actual values of the task's targets (SPEC §11); with an empty `path`, of the plan's indicators.
    public var actuals: [ActualUpdate]
    public var source: String

    public init(plan: String, path: String, status: TaskStatus? = nil, progress: Int? = nil,
                note: String? = nil, due: CalendarDay?? = nil, start: CalendarDay?? = nil,
                actuals: [ActualUpdate] = [], source: String) {
        self.start = start
        self.plan = plan
        self.path = path
        self.status = status
        self.progress = progress
        self.note = note
        self.due = due
        self.actuals = actuals
        self.source = source
    }
}

/// One history entry and the task it belongs to.
public struct TaskHistoryRecord: Sendable, Hashable {
    public var taskID: String
    public var entry: HistoryEntry
    public init(taskID: String, entry: HistoryEntry) {
        self.taskID = taskID
        self.entry = entry
    }
}

/// The in-memory model: plans, their tasks (columnar) and the history of progress changes.
public struct Workspace: Sendable {
    /// Plans sorted by natural id order; `tasks.planRow` indexes this array.
    public internal(set) var plans: [PlanInfo] = []
    /// `taskRanges[i]` = rows of `plans[i]` in `tasks`.
    public internal(set) var taskRanges: [Range<Int>] = []
    public internal(set) var tasks = TaskTable()
    /// Every progress change, oldest first (a collection of `TaskHistoryRecord`, stored compactly).
    public internal(set) var history = HistoryLog()
    /// The bureau's supervision rules (§9).
    public internal(set) var rules = Rules()

    public init() {}

    /// Assembles a workspace from stored parts (snapshot loading). Ranges are recomputed.
    public init(plans: [PlanInfo], tasks: TaskTable, history: HistoryLog, rules: Rules = Rules()) {
        self.plans = plans
        self.tasks = tasks
        self.history = history
        self.rules = rules
        self.taskRanges = Workspace.ranges(planCount: plans.count, planRow: tasks.planRow)
    }

    public init(plans: [PlanInfo], tasks: TaskTable, history: [TaskHistoryRecord], rules: Rules = Rules()) {
        self.init(plans: plans, tasks: tasks, history: HistoryLog(history), rules: rules)
    }

    static func ranges(planCount: Int, planRow: [UInt32]) -> [Range<Int>] {
        var starts = Array(repeating: -1, count: planCount)
        var ends = Array(repeating: 0, count: planCount)
        for (r, p) in planRow.enumerated() {
            if starts[Int(p)] < 0 { starts[Int(p)] = r }
            ends[Int(p)] = r + 1
        }
        var out: [Range<Int>] = []
        var last = 0
        for i in 0..<planCount {
            if starts[i] < 0 { out.append(last..<last) } else {
                out.append(starts[i]..<ends[i])
                last = ends[i]
            }
        }
        return out
    }

    public var taskCount: Int { tasks.count }

    public func planIndex(_ id: String) -> Int? { plans.firstIndex { $0.id == id } }
    public func plan(_ id: String) -> PlanInfo? { planIndex(id).map { plans[$0] } }

    /// The row of task `plan:path`, or nil.
    public func row(plan: String, path: String) -> Int? {
        guard let p = planIndex(plan) else { return nil }
        let target = Array(path.utf8)
        for r in taskRanges[p] where tasks.paths.bytes[tasks.paths.byteRange(r)].elementsEqual(target) {
            return r
        }
        return nil
    }

    /// The row of task id `plan:path`, or nil.
    public func row(id: String) -> Int? {
        guard let colon = id.lastIndex(of: ":") else { return nil }
        return row(plan: String(id[..<colon]), path: String(id[id.index(after: colon)...]))
    }

    public func task(row: Int) -> PlanTask {
        tasks.task(row: row, planID: plans[Int(tasks.planRow[row])].id)
    }

    public func taskID(row: Int) -> String {
        plans[Int(tasks.planRow[row])].id + ":" + tasks.paths[row]
    }

    public func tasks(ofPlan id: String) -> [PlanTask] {
        guard let p = planIndex(id) else { return [] }
        return taskRanges[p].map { task(row: $0) }
    }

    public func history(of taskID: String) -> [HistoryEntry] {
        history.entries(of: taskID)
    }

    // MARK: Applying mutations

    /// Applies `m`, or throws without changing anything.
    /// `m` is consumed: an import's parsed tasks are let go plan by plan as the table is built.
    public mutating func apply(_ m: consuming Mutation) throws {
        switch consume m {
        case let .importPlans(new, replace):
            try importPlans(consume new, replace: replace)
        case let .dropPlan(id):
            guard planIndex(id) != nil else {
                throw Diagnostic(Messages.noPlan(id, suggestion: Suggest.nearest(id, in: plans.map(\.id))))
            }
            rebuild(removing: [id], adding: [])
            history.removeAll { $0.taskID.hasPrefix(id + ":") || $0.taskID == id }
        case let .updateProgress(updates, month, at):
            try updateProgress(updates, month: month, at: at)
        case let .setRule(name, value):
            rules = try rules.setting(name, to: value)
        }
    }

    mutating func importPlans(_ new: consuming [ImportedPlan], replace: Bool) throws {
        var carried = consume new
        var seen = Set<String>()
        for p in carried {
            guard seen.insert(p.info.id).inserted else {
                throw Diagnostic(Messages.planIDTwice(p.info.id))
            }
            if !replace && planIndex(p.info.id) != nil {
                throw Diagnostic(Messages.planExists(p.info.id))
            }
        }
        // Carry progress of surviving paths into replacements. Plans journaled before tasks had a
        // calendar get theirs from the text.
        for i in carried.indices where carried[i].tasks.contains(where: { $0.start == nil || $0.due == nil }) {
            Schedule.apply(to: &carried[i])
        }
        for (i, p) in carried.enumerated() {
            guard let old = planIndex(p.info.id) else { continue }
            var byPath: [String: Int] = [:]
            for r in taskRanges[old] { byPath[tasks.paths[r]] = r }
            for (j, t) in p.tasks.enumerated() {
                guard let r = byPath[t.path] else { continue }
                var t2 = t
                t2.status = TaskStatus(rawValue: tasks.status[r]) ?? .notStarted
                t2.progress = Int(tasks.progress[r])
                t2.note = tasks.notes[tasks.noteCode[r]]
                // Dates set by hand survive; the others come from the new text.
                if tasks.flags[r] & TaskTable.flagDueByHand != 0 {
                    t2.due = CalendarDay(ordinal: tasks.due[r])
                    t2.dueByHand = true
                }
                if tasks.flags[r] & TaskTable.flagStartByHand != 0 {
                    t2.start = CalendarDay(ordinal: tasks.start[r])
                    t2.startByHand = true
                }
                t2.updated = tasks.updated[r] < 0 ? nil : YearMonth(ordinal: Int(tasks.updated[r]))
                t2.targets = Self.carryActuals(from: tasks.targetRange(row: r).map(tasks.target(at:)), into: t2.targets)
                carried[i].tasks[j] = t2
            }
            carried[i].info.indicators = Self.carryActuals(from: plans[old].indicators.map(\.target),
                                                           into: p.info.indicators.map(\.target))
                .enumerated().map { k, t in
                    var x = p.info.indicators[k]
                    x.target = t
                    return x
                }
        }
        let replacedIDs = Set(carried.map(\.info.id))
        if replace {
            let surviving = Set(carried.flatMap { p in p.tasks.map { p.info.id + ":" + $0.path } })
            history.removeAll { rec in
                guard let c = rec.taskID.lastIndex(of: ":") else { return false }
                return replacedIDs.contains(String(rec.taskID[..<c])) && !surviving.contains(rec.taskID)
            }
        }
        rebuild(removing: replacedIDs, adding: consume carried)
    }

    /// Actuals of the old targets moved to the new ones with the same number (`TASK#n`), when the
    /// unit is the same: a re-imported plan keeps what was reported against targets that survive.
    static func carryActuals(from old: [Target], into new: [Target]) -> [Target] {
        let before = old.filter(\.isTarget)
        var out = new
        var n = 0
        for i in out.indices where out[i].isTarget {
            defer { n += 1 }
            guard n < before.count, before[n].unit == out[i].unit, before[n].actual != nil, !out[i].isRedacted else { continue }
            out[i].actual = before[n].actual
            out[i].actualMonth = before[n].actualMonth
        }
        return out
    }

    /// Rebuilds the plan list and task table without `removing` and with `adding`, in natural order.
    /// Each added plan's tasks are let go once in the table (a million parsed tasks take several
    /// times the table's memory), and what they held is given back to the system as it goes.
    mutating func rebuild(removing: Set<String>, adding: consuming [ImportedPlan]) {
        var adding = consume adding
        enum Source { case existing(Int), new(Int) }
        var entries: [(id: String, source: Source)] = []
        for (i, p) in plans.enumerated() where !removing.contains(p.id) { entries.append((p.id, .existing(i))) }
        for (i, p) in adding.enumerated() { entries.append((p.info.id, .new(i))) }
        entries.sort { NaturalOrder.less($0.id, $1.id) }

        var newPlans: [PlanInfo] = []
        var given = 0
        var builder = TaskTable.Builder(reservingRows: tasks.count + adding.reduce(0) { $0 + $1.tasks.count })
        for (row, e) in entries.enumerated() {
            switch e.source {
            case let .existing(i):
                newPlans.append(plans[i])
                builder.append(rowsOf: tasks, taskRanges[i], planRow: row)
            case let .new(i):
                newPlans.append(adding[i].info)
                let parsed = adding[i].tasks
                adding[i].tasks = []
                for k in Self.pathOrder(parsed) { builder.append(parsed[k], planRow: row) }
                given += 1
                if given % 256 == 0 { FreedMemory.giveBack() }
            }
        }
        if given > 0 { FreedMemory.giveBack() }
        let table = builder.finish()
        self = Workspace(plans: newPlans, tasks: table, history: history, rules: rules)
    }

    /// The positions of `tasks` in natural order of their paths: a parsed plan's tasks come in
    /// document order, which is that order already unless the numbering was repaired, so the
    /// sort is skipped when nothing is out of place.
    static func pathOrder(_ tasks: [PlanTask]) -> [Int] {
        let order = Array(0..<tasks.count)
        // By index: iterating the tasks themselves would copy each one.
        var k = 1
        while k < tasks.count, NaturalOrder.less(tasks[k - 1].path, tasks[k].path) { k += 1 }
        if k >= tasks.count { return order }
        return order.sorted { NaturalOrder.less(tasks[$0].path, tasks[$1].path) }
    }

    mutating func updateProgress(_ updates: [ProgressUpdate], month: YearMonth?, at: Int64) throws {
        // Validate everything first: all or nothing.
        var rows: [Int] = []
        rows.reserveCapacity(updates.count)
        var rowCache: [String: [String: Int]] = [:]
        for u in updates {
            if u.path.isEmpty {
                try validateIndicatorUpdate(u)
                rows.append(-1)
                continue
            }
            if rowCache[u.plan] == nil, let p = planIndex(u.plan) {
                var m: [String: Int] = [:]
                for r in taskRanges[p] { m[tasks.paths[r]] = r }
                rowCache[u.plan] = m
            }
            guard let r = rowCache[u.plan]?[u.path] else {
                throw Diagnostic(Messages.noTask(u.plan + ":" + u.path, suggestion: nil))
            }
            if let p = u.progress, !(0...100).contains(p) {
                throw Diagnostic(Messages.progressOutOfRange(String(p)))
            }
            if u.start != nil || u.due != nil { try checkCalendar(u, row: r) }
            for a in u.actuals {
                let ref = TargetRef(plan: u.plan, path: u.path, number: a.number)
                guard let i = tasks.targetIndex(row: r, number: a.number) else { throw Diagnostic(TargetRows.missing(ref, in: self)) }
                try Self.checkActual(a, of: tasks.target(at: i), ref: ref)
            }
            rows.append(r)
        }
        for (u, r) in zip(updates, rows) {
            if r < 0 {
                applyIndicatorUpdate(u, month: month, at: at)
                continue
            }
            let id = plans[Int(tasks.planRow[r])].id + ":" + tasks.paths[r]
            func record(_ field: String, _ old: String, _ new: String) {
                guard old != new else { return }
                history.append(TaskHistoryRecord(taskID: id, entry: HistoryEntry(
                    when: at, month: month, field: field, old: old, new: new, source: u.source)))
            }
            if let s = u.status {
                record("status", (TaskStatus(rawValue: tasks.status[r]) ?? .notStarted).keyword, s.keyword)
                tasks.setStatus(s, row: r)
            }
            if let p = u.progress {
                record("progress", String(tasks.progress[r]), String(p))
                tasks.setProgress(p, row: r)
            }
            if let n = u.note {
                record("note", tasks.notes[tasks.noteCode[r]], n)
                tasks.setNote(n, row: r)
            }
            let plan = plans[Int(tasks.planRow[r])]
            if let d = u.due {
                let old = CalendarDay(ordinal: tasks.due[r])?.description ?? ""
                tasks.setDue(d, row: r, planEnd: plan.periodEnd)
                record("due", old, CalendarDay(ordinal: tasks.due[r])?.description ?? "")
            }
            if let d = u.start {
                let old = CalendarDay(ordinal: tasks.start[r])?.description ?? ""
                tasks.setStart(d, row: r, planStart: plan.periodStart)
                record("start", old, CalendarDay(ordinal: tasks.start[r])?.description ?? "")
            }
            for a in u.actuals {
                guard let i = tasks.targetIndex(row: r, number: a.number) else { continue }
                let old = tasks.targetActual[i]
                record(TargetRef(plan: u.plan, path: u.path, number: a.number).historyField,
                       old.isNaN ? "" : JSON.number(old), a.value.map { JSON.number($0) } ?? "")
                tasks.setActual(a.value, month: month, target: i)
            }
            if let m = month { tasks.setUpdated(m, row: r) }
        }
    }

    /// A task's start may not fall after its due date once the update is applied (§1, §9).
    func checkCalendar(_ u: ProgressUpdate, row r: Int) throws {
        let plan = plans[Int(tasks.planRow[r])]
        let due = u.due.map { $0?.ordinal ?? tasks.defaultDue(row: r, planEnd: plan.periodEnd) } ?? tasks.due[r]
        let start = u.start.map { ($0 ?? plan.periodStart).ordinal } ?? tasks.start[r]
        guard start > 0, due > 0, start > due, let s = CalendarDay(ordinal: start), let d = CalendarDay(ordinal: due) else { return }
        throw Diagnostic(Messages.startAfterDue(u.plan + ":" + u.path, start: s, due: d))
    }

    /// An actual must be a finite number and its target must have a value to judge it by.
    static func checkActual(_ a: ActualUpdate, of t: Target, ref: TargetRef) throws {
        if let v = a.value, !v.isFinite { throw Diagnostic(Messages.actualNotNumber(ref.description)) }
        if a.value != nil, t.isRedacted {
            throw Diagnostic(Messages.targetRedacted(ref.description, raw: t.raw))
        }
    }

    /// A plan-level update (empty path) carries only actuals of the plan's indicators.
    func validateIndicatorUpdate(_ u: ProgressUpdate) throws {
        guard let p = planIndex(u.plan) else { throw Diagnostic(Messages.noPlan(u.plan, suggestion: nil)) }
        guard u.status == nil, u.progress == nil, u.note == nil, u.due == nil else {
            throw Diagnostic(Messages.planHasOnlyIndicators(u.plan))
        }
        let list = plans[p].indicators
        for a in u.actuals {
            let ref = TargetRef(plan: u.plan, path: "", number: a.number)
            guard a.number >= 1, a.number <= list.count else { throw Diagnostic(TargetRows.missing(ref, in: self)) }
            try Self.checkActual(a, of: list[a.number - 1].target, ref: ref)
        }
    }

    mutating func applyIndicatorUpdate(_ u: ProgressUpdate, month: YearMonth?, at: Int64) {
        guard let p = planIndex(u.plan) else { return }
        for a in u.actuals where a.number >= 1 && a.number <= plans[p].indicators.count {
            let ref = TargetRef(plan: u.plan, path: "", number: a.number)
            let old = plans[p].indicators[a.number - 1].target.actual
            let oldText = old.map { JSON.number($0) } ?? "", newText = a.value.map { JSON.number($0) } ?? ""
            if oldText != newText {
                history.append(TaskHistoryRecord(taskID: u.plan, entry: HistoryEntry(
                    when: at, month: month, field: ref.historyField, old: oldText, new: newText, source: u.source)))
            }
            plans[p].indicators[a.number - 1].target.actual = a.value
            plans[p].indicators[a.number - 1].target.actualMonth = a.value == nil ? nil : month
        }
    }
}
