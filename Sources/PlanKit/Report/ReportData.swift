import Foundation

/// A task as a report sees it: its plan fields and its progress as of the report's month.
public struct ReportTask: Sendable, Hashable {
    public var plan: String
    public var path: String
    public var heading: String
    public var offices: [String]
    public var targets: [Target]
    public var status: TaskStatus
    public var progress: Int
    public var note: String
    public var due: CalendarDay?
    /// The latest month (up to the report's) in which the task's progress was recorded.
    public var updated: YearMonth?
    /// `due` has passed by the report's reference day and the task is not done.
    public var overdue: Bool
    /// When the calendar of the task starts (§9).
    public var start: CalendarDay?

    public var id: String { "\(plan):\(path)" }

    public init(plan: String, path: String, heading: String, offices: [String], targets: [Target],
                status: TaskStatus, progress: Int, note: String, due: CalendarDay?, updated: YearMonth?, overdue: Bool,
                start: CalendarDay? = nil) {
        self.start = start
        self.plan = plan
        self.path = path
        self.heading = heading
        self.offices = offices
        self.targets = targets
        self.status = status
        self.progress = progress
        self.note = note
        self.due = due
        self.updated = updated
        self.overdue = overdue
    }
}

extension ReportTask {
    /// Row `r` of `workspace` as it stands now, read from the columns (the task text is not needed).
    public init(row r: Int, of w: Workspace) {
        let t = w.tasks
        self.init(plan: w.plans[Int(t.planRow[r])].id, path: t.paths[r], heading: t.headings[r],
                  offices: t.officeCodes(row: r).map { t.offices[$0] },
                  targets: t.targetRange(row: r).map(t.target(at:)),
                  status: TaskStatus(rawValue: t.status[r]) ?? .notStarted, progress: Int(t.progress[r]),
                  note: t.notes[t.noteCode[r]], due: CalendarDay(ordinal: t.due[r]),
                  updated: t.updated[r] < 0 ? nil : YearMonth(ordinal: Int(t.updated[r])), overdue: false,
                  start: CalendarDay(ordinal: t.start[r]))
    }
}

/// A task's progress in the snapshot a report compares with.
struct PreviousTask {
    var status: TaskStatus
    var progress: Int
    var note: String
}

/// How many tasks stand at one status, and their share of all tasks in the report.
public struct StatusCount: Sendable, Hashable {
    public var status: TaskStatus
    public var count: Int
    /// 0–100.
    public var percent: Double
}

/// One office's line of the per-office table.
public struct OfficeSummary: Sendable, Hashable {
    public var office: String
    public var tasks: Int
    public var done: Int
    public var onTrack: Int
    public var behind: Int
    public var notStarted: Int
    public var overdue: Int
    /// Mean progress (0–100) of the office's tasks.
    public var averageProgress: Double
    /// The same mean in the previous snapshot, over the office's tasks present there; nil without one.
    public var previousAverage: Double?
}

/// One plan's line of the per-plan table (reports over several plans).
public struct PlanSummary: Sendable, Hashable {
    public var plan: String
    public var title: String
    public var tasks: Int
    public var done: Int
    public var onTrack: Int
    public var behind: Int
    public var notStarted: Int
    public var overdue: Int
    public var averageProgress: Double
    /// The mean in the previous snapshot, over the plan's tasks present there; nil without one.
    public var previousAverage: Double?
}

/// Targets of the tasks in the report, counted by unit and comparator.
public struct TargetSummary: Sendable, Hashable {
    public struct UnitCount: Sendable, Hashable {
        public var unit: String
        public var atLeast: Int
        public var atMost: Int
        public var equal: Int
        public var range: Int
        public var total: Int { atLeast + atMost + equal + range }
    }

    public var tasksWithTargets: Int
    public var targetCount: Int
    /// Figures whose value is redacted (`xx.x%`).
    public var redacted: Int
    /// Most frequent unit first (ties by unit).
    public var byUnit: [UnitCount]
    /// Tasks with targets that are behind or overdue, in id order.
    public var atRisk: [ReportTask]
    /// Targets with an actual, at risk first (SPEC §11).
    public var tracked: [TrackedTarget] = []
    /// Targets (not redacted) with no actual yet.
    public var noActual = 0

    /// Targets by comparator over all units.
    public var comparatorTotals: UnitCount {
        byUnit.reduce(into: UnitCount(unit: "", atLeast: 0, atMost: 0, equal: 0, range: 0)) {
            $0.atLeast += $1.atLeast; $0.atMost += $1.atMost; $0.equal += $1.equal; $0.range += $1.range
        }
    }

    /// The `n` most frequent units, and the rest summed up (nil when nothing is left over).
    public func topUnits(_ n: Int) -> (top: [UnitCount], rest: (units: Int, count: UnitCount)?) {
        guard byUnit.count > n + 1 else { return (byUnit, nil) }
        let rest = byUnit.dropFirst(n).reduce(into: UnitCount(unit: "", atLeast: 0, atMost: 0, equal: 0, range: 0)) {
            $0.atLeast += $1.atLeast; $0.atMost += $1.atMost; $0.equal += $1.equal; $0.range += $1.range
        }
        return (Array(byUnit.prefix(n)), (byUnit.count - n, rest))
    }
}

/// A task whose status, progress or note moved since the previous snapshot.
public struct TaskMove: Sendable, Hashable {
    public var task: ReportTask
    public var oldStatus: TaskStatus
    public var oldProgress: Int
    public var oldNote: String
    public var statusChanged: Bool { oldStatus != task.status }
    public var progressDelta: Int { task.progress - oldProgress }
}

/// What changed between the previous snapshot and the report's month.
public struct ReportChanges: Sendable, Hashable {
    public var snapshot: String
    /// Mean progress in the snapshot, over the report's tasks present there.
    public var previousAverage: Double
    /// Every task that moved, in id order.
    public var moves: [TaskMove]
    /// Tasks in the report but not in the snapshot, and ids in the snapshot no longer in the plans.
    public var added: [ReportTask]
    public var removed: [String]

    public var newlyDone: [TaskMove] { moves.filter { $0.statusChanged && $0.task.status == .done } }
    public var newlyBehind: [TaskMove] { moves.filter { $0.statusChanged && $0.task.status == .behind } }
    public var recovered: [TaskMove] {
        moves.filter { $0.oldStatus == .behind && ($0.task.status == .onTrack || $0.task.status == .done) }
    }
    public var statusMoves: [TaskMove] { moves.filter(\.statusChanged) }
    public var progressUp: Int { moves.filter { $0.progressDelta > 0 }.count }
    public var progressDown: Int { moves.filter { $0.progressDelta < 0 }.count }
    /// The largest progress gains, biggest first (ties in id order).
    public func biggestGains(_ n: Int) -> [TaskMove] {
        Array(moves.filter { $0.progressDelta > 0 }.enumerated()
            .sorted { ($0.element.progressDelta, -$0.offset) > ($1.element.progressDelta, -$1.offset) }
            .prefix(n).map(\.element))
    }
}

/// Everything a monthly report shows, computed once and rendered in any format.
public struct ReportData: Sendable {
    /// The plans the report covers, in id order.
    public var plans: [PlanInfo]
    public var month: YearMonth
    /// Overdue is judged on this day: the month's last day, or today for the current month.
    public var asOf: CalendarDay
    /// The report lists each office's tasks that need attention.
    public var byOffice: Bool
    /// Every task of the plans, as of `month`, in id order.
    public var tasks: [ReportTask]
    /// done, on_track, behind, not_started — always all four.
    public var statusCounts: [StatusCount]
    public var averageProgress: Double
    /// One line per plan, in id order.
    public var planSummaries: [PlanSummary]
    /// Most tasks first (ties by name).
    public var offices: [OfficeSummary]
    /// Behind or overdue tasks, behind first, then id order.
    public var attention: [ReportTask]
    public var targets: TargetSummary
    /// Nil when there is no earlier snapshot to compare with.
    public var changes: ReportChanges?
    /// Months with recorded progress in these plans, oldest first.
    public var months: [YearMonth]
    /// Lights, 通报, scores and light changes (§9).
    public var supervision: ReportSupervision?

    public var taskCount: Int { tasks.count }
    public func count(_ s: TaskStatus) -> Int { statusCounts.first { $0.status == s }?.count ?? 0 }

    /// The order statuses are shown in: finished work first.
    public static let statusOrder: [TaskStatus] = [.done, .onTrack, .behind, .notStarted]
}

extension ReportData {
    /// Builds the report of `planID` (every plan when nil) for `month` (the latest month with
    /// recorded progress when nil) from `workspace`, comparing with the state `previous` gives
    /// for the report's month (nil: nothing to compare with).
    ///
    /// A plan or month that does not exist is an error; `today` (the session's as-of day) decides the
    /// current month's overdue day.
    public static func build(workspace: Workspace, plan planID: String? = nil, month: YearMonth? = nil,
                             byOffice: Bool = false,
                             previous: (YearMonth) throws -> (name: String, workspace: Workspace)? = { _ in nil },
                             today: CalendarDay, asOf setAsOf: CalendarDay? = nil) throws -> ReportData {
        let plans: [PlanInfo]
        if let planID {
            guard let p = workspace.plan(planID) else {
                if workspace.plans.isEmpty { throw ReportError.noPlans }
                throw ReportError.unknownPlan(planID, suggestion: Suggest.nearest(planID, in: workspace.plans.map(\.id)))
            }
            plans = [p]
        } else {
            guard !workspace.plans.isEmpty else { throw ReportError.noPlans }
            plans = workspace.plans
        }
        let planIDs = Set(plans.map(\.id))
        let rows: [Int] = planID.flatMap { workspace.planIndex($0).map { Array(workspace.taskRanges[$0]) } }
            ?? Array(0..<workspace.taskCount)
        let history = HistoryIndex(workspace.history, plans: planIDs)

        // Months that have data, to choose and check the month.
        var monthSet = Set<YearMonth>()
        for r in rows where workspace.tasks.updated[r] >= 0 { monthSet.insert(YearMonth(ordinal: Int(workspace.tasks.updated[r]))) }
        for entries in history.byTask.values { for e in entries { monthSet.insert(e.month) } }
        let months = monthSet.sorted()
        let current = YearMonth(year: today.year, month: today.month) ?? YearMonth(ordinal: 0)
        let reportMonth: YearMonth
        if let month {
            guard monthSet.contains(month) else {
                throw ReportError.noSuchMonth(month, available: months, plan: planID)
            }
            reportMonth = month
        } else {
            reportMonth = months.last ?? current
        }
        let lastDay = CalendarDay(year: reportMonth.year, month: reportMonth.month,
                                  day: CalendarDay.daysIn(year: reportMonth.year, month: reportMonth.month)) ?? today
        // `set today` is the as-of day itself (§9); otherwise the month's last day, or today in it.
        let asOf = setAsOf ?? min(lastDay, today)

        var tasks: [ReportTask] = []
        tasks.reserveCapacity(rows.count)
        for r in rows { tasks.append(history.state(of: ReportTask(row: r, of: workspace), asOf: reportMonth, day: asOf)) }

        let total = tasks.count
        var counts: [TaskStatus: Int] = [:]
        for t in tasks { counts[t.status, default: 0] += 1 }
        let statusCounts = statusOrder.map { s in
            StatusCount(status: s, count: counts[s] ?? 0,
                        percent: total == 0 ? 0 : Double(counts[s] ?? 0) * 100 / Double(total))
        }

        let previous = try previous(reportMonth)
        let previousTasks = previous.map { previousTasksByID(in: $0.workspace, plans: planIDs) }
        let previousLights = previous.map { ReportSupervision.lights(of: $0.workspace, plans: planIDs, rules: workspace.rules) }

        let offices = officeSummaries(tasks, previous: previousTasks)
        let attention = tasks.filter { $0.status == .behind || $0.overdue }
            .enumerated().sorted { a, b in
                let ka = a.element.status == .behind ? 0 : 1, kb = b.element.status == .behind ? 0 : 1
                return (ka, a.offset) < (kb, b.offset)
            }.map(\.element)

        var changes: ReportChanges?
        if let previous, let previousTasks {
            changes = compare(tasks, with: previousTasks, snapshot: previous.name, plans: planIDs)
        }

        var targets = targetSummary(tasks)
        (targets.tracked, targets.noActual) = trackedTargets(workspace, plans: Set(plans.map(\.id)), asOf: asOf)
        var data = ReportData(plans: plans, month: reportMonth, asOf: asOf, byOffice: byOffice, tasks: tasks,
                              statusCounts: statusCounts, averageProgress: mean(tasks.map(\.progress)),
                              planSummaries: planSummaries(plans, tasks, previous: previousTasks), offices: offices, attention: attention, targets: targets,
                              changes: changes, months: months)
        data.supervision = ReportSupervision.build(tasks: tasks, plans: plans, asOf: asOf, rules: workspace.rules,
                                                   previousLights: previousLights)
        return data
    }

    /// The previous snapshot's tasks of `plans`, by id.
    static func previousTasksByID(in old: Workspace, plans planIDs: Set<String>) -> [String: PreviousTask] {
        var m: [String: PreviousTask] = [:]
        m.reserveCapacity(old.taskCount)
        for r in 0..<old.taskCount where planIDs.contains(old.plans[Int(old.tasks.planRow[r])].id) {
            m[old.taskID(row: r)] = PreviousTask(
                status: TaskStatus(rawValue: old.tasks.status[r]) ?? .notStarted,
                progress: Int(old.tasks.progress[r]), note: old.tasks.notes[old.tasks.noteCode[r]])
        }
        return m
    }

    /// The snapshot a report of `month` compares with: the latest snapshot named for an earlier
    /// month (`2025-03` for April), else the newest hand-made snapshot not named for this or a later month.
    public static func previousSnapshot(for month: YearMonth, among snapshots: [SnapshotInfo]) -> SnapshotInfo? {
        let manual = snapshots.filter { !$0.automatic }
        let monthly = manual.compactMap { s in YearMonth(parsing: s.name).map { (s, $0) } }.filter { $0.1 < month }
        if let best = monthly.max(by: { ($0.1, $0.0.createdAt) < ($1.1, $1.0.createdAt) }) { return best.0 }
        return manual.filter { s in YearMonth(parsing: s.name).map { $0 < month } ?? true }
            .max { ($0.createdAt, $0.name) < ($1.createdAt, $1.name) }
    }

    static func mean(_ values: [Int]) -> Double {
        values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count)
    }

    /// Counts and progress of one group of tasks, accumulated task by task.
    struct Tally {
        var tasks = 0, done = 0, onTrack = 0, behind = 0, notStarted = 0, overdue = 0, progress = 0
        var previousTasks = 0, previousProgress = 0

        mutating func add(_ t: ReportTask, previous: PreviousTask?) {
            tasks += 1
            progress += t.progress
            switch t.status {
            case .done: done += 1
            case .onTrack: onTrack += 1
            case .behind: behind += 1
            case .notStarted: notStarted += 1
            }
            if t.overdue { overdue += 1 }
            if let previous {
                previousTasks += 1
                previousProgress += previous.progress
            }
        }

        var average: Double { tasks == 0 ? 0 : Double(progress) / Double(tasks) }
        func previousAverage(compared: Bool) -> Double? {
            compared && previousTasks > 0 ? Double(previousProgress) / Double(previousTasks) : nil
        }
    }

    static func planSummaries(_ plans: [PlanInfo], _ tasks: [ReportTask], previous: [String: PreviousTask]?) -> [PlanSummary] {
        var tallies: [String: Tally] = [:]
        for t in tasks { tallies[t.plan, default: Tally()].add(t, previous: previous?[t.id]) }
        return plans.map { p in
            let x = tallies[p.id] ?? Tally()
            return PlanSummary(plan: p.id, title: p.title, tasks: x.tasks, done: x.done, onTrack: x.onTrack,
                               behind: x.behind, notStarted: x.notStarted, overdue: x.overdue,
                               averageProgress: x.average, previousAverage: x.previousAverage(compared: previous != nil))
        }
    }

    static func officeSummaries(_ tasks: [ReportTask], previous: [String: PreviousTask]?) -> [OfficeSummary] {
        var tallies: [String: Tally] = [:]
        for t in tasks {
            let old = previous?[t.id]
            for o in t.offices { tallies[o, default: Tally()].add(t, previous: old) }
        }
        let out = tallies.map { o, x in
            OfficeSummary(office: o, tasks: x.tasks, done: x.done, onTrack: x.onTrack, behind: x.behind,
                          notStarted: x.notStarted, overdue: x.overdue, averageProgress: x.average,
                          previousAverage: x.previousAverage(compared: previous != nil))
        }
        return out.sorted { ($0.tasks, $1.office) > ($1.tasks, $0.office) }
    }

    static func targetSummary(_ tasks: [ReportTask]) -> TargetSummary {
        var units: [String: TargetSummary.UnitCount] = [:]
        var count = 0, redacted = 0, withTargets = 0
        // Qualifiers (65岁以上, 15分钟服务圈) say whom or what; only targets are counted (SPEC §11).
        for t in tasks where t.targets.contains(where: \.isTarget) {
            withTargets += 1
            for g in t.targets where g.isTarget {
                count += 1
                if g.value == nil { redacted += 1 }
                var u = units[g.unit] ?? TargetSummary.UnitCount(unit: g.unit, atLeast: 0, atMost: 0, equal: 0, range: 0)
                switch g.comparator {
                case .atLeast: u.atLeast += 1
                case .atMost: u.atMost += 1
                case .equal: u.equal += 1
                case .range: u.range += 1
                }
                units[g.unit] = u
            }
        }
        let byUnit = units.values.sorted { ($0.total, $1.unit) > ($1.total, $0.unit) }
        let atRisk = tasks.filter { $0.targets.contains(where: \.isTarget) && ($0.status == .behind || $0.overdue) }
        return TargetSummary(tasksWithTargets: withTargets, targetCount: count, redacted: redacted,
                             byUnit: byUnit, atRisk: atRisk)
    }

    static func compare(_ tasks: [ReportTask], with previous: [String: PreviousTask], snapshot: String,
                        plans: Set<String>) -> ReportChanges {
        var moves: [TaskMove] = []
        var added: [ReportTask] = []
        var present = Set<String>()
        var oldProgress: [Int] = []
        for t in tasks {
            guard let o = previous[t.id] else { added.append(t); continue }
            present.insert(t.id)
            oldProgress.append(o.progress)
            if o.status != t.status || o.progress != t.progress || o.note != t.note {
                moves.append(TaskMove(task: t, oldStatus: o.status, oldProgress: o.progress, oldNote: o.note))
            }
        }
        let removed = previous.keys.filter { !present.contains($0) }.sorted { a, b in
            NaturalOrder.less(a, b)
        }
        return ReportChanges(snapshot: snapshot, previousAverage: mean(oldProgress), moves: moves,
                             added: added, removed: removed)
    }
}

/// Why a report cannot be made; turned into a `Diagnostic` by the command.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case noPlans
    case unknownPlan(String, suggestion: String?)
    case noSuchMonth(YearMonth, available: [YearMonth], plan: String?)

    /// The catalogue message for this refusal.
    public var message: Message {
        switch self {
        case .noPlans:
            return Messages.noPlansToReport()
        case let .unknownPlan(id, suggestion):
            return Messages.noPlan(id, suggestion: suggestion)
        case let .noSuchMonth(m, available, plan):
            let scope = plan.map { "plan \($0)" } ?? "these plans"
            if available.isEmpty { return Messages.noProgressYet(month: m.description, scope: scope) }
            return Messages.noProgressForMonth(m.description, scope: scope, months: available.map(\.description))
        }
    }

    public var description: String { message.text }
}

/// The progress history of the report's tasks, by task, each entry with its month.
struct HistoryIndex {
    struct Entry {
        var month: YearMonth
        var seq: Int
        var field: String
        var old: String
        var new: String
    }

    var byTask: [String: [Entry]] = [:]

    init(_ history: some Collection<TaskHistoryRecord>, plans: Set<String>) {
        for (i, rec) in history.enumerated() {
            guard let c = rec.taskID.lastIndex(of: ":"), plans.contains(String(rec.taskID[..<c])) else { continue }
            let e = rec.entry
            let month = e.month ?? YearMonth(containing: Date(timeIntervalSince1970: TimeInterval(e.when)))
            byTask[rec.taskID, default: []].append(Entry(month: month, seq: i, field: e.field, old: e.old, new: e.new))
        }
        for k in byTask.keys { byTask[k]?.sort { ($0.month, $0.seq) < ($1.month, $1.seq) } }
    }

    /// `task` as it stood at the end of `month`: for each field, the last change recorded for that
    /// month or earlier; failing that, the value before the first later change; failing that, now.
    func state(of task: ReportTask, asOf month: YearMonth, day: CalendarDay) -> ReportTask {
        var status = task.status, progress = task.progress, note = task.note, due = task.due, start = task.start
        var updated = task.updated.flatMap { $0 <= month ? $0 : nil }
        if let entries = byTask[task.id] {
            var settled = Set<String>()
            var latest: YearMonth?
            for e in entries where e.month <= month {
                settled.insert(e.field)
                latest = e.month
                apply(e.field, e.new, &status, &progress, &note, &due, &start)
            }
            for e in entries where e.month > month && !settled.contains(e.field) {
                settled.insert(e.field)
                apply(e.field, e.old, &status, &progress, &note, &due, &start)
            }
            if let latest { updated = max(updated ?? latest, latest) }
        }
        var t = task
        t.status = status
        t.progress = progress
        t.note = note
        t.due = due
        t.start = start
        t.updated = updated
        t.overdue = Judge.isOverdue(dueOrdinal: due?.ordinal ?? 0, status: status.rawValue, asOf: day.ordinal)
        return t
    }

    private func apply(_ field: String, _ value: String, _ status: inout TaskStatus, _ progress: inout Int,
                       _ note: inout String, _ due: inout CalendarDay?, _ start: inout CalendarDay?) {
        switch field {
        case "status": status = TaskStatus(parsing: value) ?? status
        case "progress": progress = Int(value) ?? progress
        case "note": note = value
        case "due": due = value.isEmpty ? nil : CalendarDay(parsing: value)
        case "start": start = value.isEmpty ? nil : CalendarDay(parsing: value)
        default: break
        }
    }
}
