/// One lead office's line of `score` (考核, SPEC §9).
public struct OfficeScore: Sendable, Hashable {
    public var office: String
    /// Tasks it leads.
    public var tasks: Int
    public var done: Int
    public var green: Int
    public var yellow: Int
    public var red: Int
    /// Mean gap over every task it leads (a done task counts progress 100), exact before rounding.
    public var averageGap: Double
    /// 100 − score_yellow × yellow − score_red × red.
    public var score: Int

    /// The average gap rounded half away from zero to one decimal, in tenths.
    public var averageGapTenths: Int {
        let t = averageGap * 10
        return Int((t < 0 ? -(-t).rounded(.toNearestOrAwayFromZero) : t.rounded(.toNearestOrAwayFromZero)))
    }

    public init(office: String, tasks: Int = 0, done: Int = 0, green: Int = 0, yellow: Int = 0, red: Int = 0,
                averageGap: Double = 0, score: Int = 100) {
        self.office = office
        self.tasks = tasks
        self.done = done
        self.green = green
        self.yellow = yellow
        self.red = red
        self.averageGap = averageGap
        self.score = score
    }
}

/// Ranks lead offices by the lights of the tasks they lead.
public enum Scores {
    /// One task as scoring sees it.
    public struct Entry: Sendable {
        public var lead: String
        public var judgement: Judgement
        public init(lead: String, judgement: Judgement) {
            self.lead = lead
            self.judgement = judgement
        }
    }

    /// Lead offices best first: score descending, then average gap descending (less behind is
    /// better), then name. Tasks with no office are not scored.
    public static func rank(_ entries: [Entry], rules: Rules) -> [OfficeScore] {
        // Gap numerators summed exactly per calendar length, so equal means compare equal.
        var byOffice: [String: (OfficeScore, gapNumerators: [Int: Int])] = [:]
        for e in entries where !e.lead.isEmpty {
            var (s, gaps) = byOffice[e.lead] ?? (OfficeScore(office: e.lead), [:])
            let j = e.judgement
            s.tasks += 1
            if j.status == .done { s.done += 1 }
            switch j.light {
            case .green: s.green += 1
            case .yellow: s.yellow += 1
            case .red: s.red += 1
            }
            gaps[j.total, default: 0] += j.progress * j.total - 100 * j.elapsed
            byOffice[e.lead] = (s, gaps)
        }
        var out: [OfficeScore] = []
        out.reserveCapacity(byOffice.count)
        for (_, (s0, gaps)) in byOffice {
            var s = s0
            s.averageGap = gaps.sorted { $0.key < $1.key }.reduce(0.0) { $0 + Double($1.value) / Double($1.key) } / Double(max(1, s.tasks))
            s.score = 100 - rules.scoreYellow * s.yellow - rules.scoreRed * s.red
            out.append(s)
        }
        out.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.averageGap != b.averageGap { return a.averageGap > b.averageGap }
            return a.office.unicodeScalars.lexicographicallyPrecedes(b.office.unicodeScalars)
        }
        return out
    }

    /// The entries of report tasks (as they stood in a month) judged by `judge`; a task with no
    /// due is judged as the table's rows are (`Judge.noDueDay`), one with no start from its plan's year.
    public static func entries(_ tasks: [ReportTask], judge: Judge, planEnd: (String) -> CalendarDay) -> [Entry] {
        tasks.map { t in
            let due = t.due ?? CalendarDay(dayNumber: Judge.noDueDay)
            let start = t.start ?? CalendarDay(dayNumber: CalendarDay.dayNumber(year: planEnd(t.plan).year, month: 1, day: 1))
            return Entry(lead: t.offices.first ?? "",
                         judgement: judge.judge(start: start, due: due, progress: t.progress, status: t.status))
        }
    }
}
