/// The supervision part of a report (SPEC §9): the 通报 paragraph, red and yellow lists with
/// their why lines, the due-soon list, the score ranking, and lights changed since the
/// previous snapshot. Built once from the report's tasks; every format prints it.
public struct ReportSupervision: Sendable {
    public struct Item: Sendable {
        public var task: ReportTask
        public var judgement: Judgement
    }

    public struct LightChange: Sendable {
        public var task: ReportTask
        public var old: Light
        public var new: Light
    }

    public var asOf: CalendarDay
    public var rules: Rules
    public var total: Int
    public var done: Int, ahead: Int, onPace: Int, behindPace: Int
    public var red: [Item]
    public var yellow: [Item]
    public var dueSoon: [Item]
    public var scores: [OfficeScore]
    /// Nil when there is no previous snapshot.
    public var lightChanges: [LightChange]?

    /// 共 N 项任务：已完成 a 项，超序时 b 项，达序时 c 项，欠序时 d 项（x%），红灯 r 项、黄灯 y 项。
    public func paragraph(_ l: Language) -> String {
        let share = total == 0 ? 0 : Double(behindPace) * 100 / Double(total)
        return Lexicon.Report.supervisionParagraph(total: total, done: done, ahead: ahead, onPace: onPace, behindPace: behindPace,
                                                   share: ReportFormat.percent(share), red: red.count, yellow: yellow.count)[l]
    }

    /// Judges `tasks` as of `asOf`; `previousLights` are the previous snapshot's lights by task id.
    static func build(tasks: [ReportTask], plans: [PlanInfo], asOf: CalendarDay, rules: Rules,
                      previousLights: [String: Light]?) -> ReportSupervision {
        let judge = Judge(asOf: asOf, rules: rules)
        let ends = Dictionary(plans.map { ($0.id, $0.periodEnd) }, uniquingKeysWith: { a, _ in a })
        let entries = Scores.entries(tasks, judge: judge, planEnd: { ends[$0] ?? asOf })
        var s = ReportSupervision(asOf: asOf, rules: rules, total: tasks.count, done: 0, ahead: 0, onPace: 0, behindPace: 0,
                                  red: [], yellow: [], dueSoon: [], scores: Scores.rank(entries, rules: rules),
                                  lightChanges: previousLights == nil ? nil : [])
        for (t, e) in zip(tasks, entries) {
            let j = e.judgement
            switch j.pace {
            case .done: s.done += 1
            case .ahead: s.ahead += 1
            case .onPace: s.onPace += 1
            case .behindPace: s.behindPace += 1
            }
            let item = Item(task: t, judgement: j)
            if j.light == .red { s.red.append(item) }
            if j.light == .yellow { s.yellow.append(item) }
            if j.dueSoon { s.dueSoon.append(item) }
            if let old = previousLights?[t.id], old != j.light {
                s.lightChanges?.append(LightChange(task: t, old: old, new: j.light))
            }
        }
        s.dueSoon.sort { ($0.judgement.dueIn, $0.task.id) < ($1.judgement.dueIn, $1.task.id) }
        return s
    }

    /// A snapshot's lights by task id, judged as of the last day of its latest progress month
    /// with the current rules (§9).
    /// `asOf` overrides the day (the working state is judged as of today).
    public static func lights(of w: Workspace, plans: Set<String>? = nil, rules: Rules, asOf: CalendarDay? = nil) -> [String: Light] {
        guard let day = asOf ?? AsOf.latestProgressMonth(w).flatMap({ CalendarDay.lastDay(year: $0.year, month: $0.month) }) else {
            return [:]
        }
        let judge = Judge(asOf: day, rules: rules)
        let lights = judge.lights(in: w.tasks)
        var out: [String: Light] = [:]
        for r in 0..<w.taskCount where plans?.contains(w.plans[Int(w.tasks.planRow[r])].id) ?? true {
            out[w.taskID(row: r)] = Light(rawValue: lights[r])
        }
        return out
    }
}
