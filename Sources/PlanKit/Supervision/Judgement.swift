/// The three-colour warning of a task (三色预警). Raw values sort red first (`order by light`).
public enum Light: UInt8, Sendable, Hashable, CaseIterable, Comparable {
    case red = 0
    case yellow = 1
    case green = 2

    /// The keyword users type and JSON carries.
    public var keyword: String {
        switch self {
        case .red: "red"
        case .yellow: "yellow"
        case .green: "green"
        }
    }

    /// `红灯` `黄灯` `绿灯`, as tables and reports show it in Chinese.
    public var chineseLabel: String {
        switch self {
        case .red: "红灯"
        case .yellow: "黄灯"
        case .green: "绿灯"
        }
    }

    /// `红` `黄` `绿`, as in `黄→红`.
    public var chineseShort: String { String(chineseLabel.prefix(1)) }

    /// Parses `red`, `红`, `红灯` (any case); nil when unknown.
    public init?(parsing word: String) {
        let w = TextFolding.fold(word).lowercased()
        guard let l = Light.allCases.first(where: { w == $0.keyword || w == $0.chineseLabel || w == $0.chineseShort }) else {
            return nil
        }
        self = l
    }

    public static func < (a: Light, b: Light) -> Bool { a.rawValue < b.rawValue }
}

/// Where a task stands against the calendar, for the 通报.
public enum Pace: UInt8, Sendable, Hashable, CaseIterable {
    case done = 0
    /// gap > yellow.
    case ahead = 1
    /// −yellow ≤ gap ≤ yellow.
    case onPace = 2
    /// gap < −yellow.
    case behindPace = 3

    public var keyword: String {
        switch self {
        case .done: "done"
        case .ahead: "ahead"
        case .onPace: "on_pace"
        case .behindPace: "behind_pace"
        }
    }

    public var chineseLabel: String {
        switch self {
        case .done: "已完成"
        case .ahead: "超序时"
        case .onPace: "达序时"
        case .behindPace: "欠序时"
        }
    }

    public init?(parsing word: String) {
        let w = TextFolding.fold(word).lowercased()
        guard let p = Pace.allCases.first(where: { w == $0.keyword || w == $0.chineseLabel }) else { return nil }
        self = p
    }
}

/// Why a task got its light: the first rule of §9 that applied.
public enum LightReason: UInt8, Sendable, Hashable {
    case done
    /// As-of after due, not done.
    case overdue
    /// gap < −red.
    case farBehind
    /// Not started while expected ≥ idle.
    case idle
    /// gap < −yellow.
    case behind
    /// The office reported status behind.
    case reportedBehind
    case fine
}

/// One task judged as of one date: 序时进度, gap, days left, light and pace, with the numbers behind them.
public struct Judgement: Sendable, Hashable {
    public var start: CalendarDay
    public var due: CalendarDay
    public var asOf: CalendarDay
    /// Days from start to as-of, inclusive, clamped to 0…total.
    public var elapsed: Int
    /// Days from start to due, inclusive (at least 1).
    public var total: Int
    /// The progress the gap uses: 100 for a done task.
    public var progress: Int
    public var status: TaskStatus
    public var dueIn: Int
    public var light: Light
    public var reason: LightReason
    public var pace: Pace
    public var dueSoon: Bool

    /// 序时进度 in tenths of a point, rounded half away from zero.
    public var expectedTenths: Int { Judge.roundedTenths(1000 * elapsed, total) }
    /// progress − expected in tenths of a point, rounded half away from zero (exact before rounding).
    public var gapTenths: Int { Judge.roundedTenths(10 * (progress * total - 100 * elapsed), total) }
    /// The exact gap as a fraction: (progress × total − 100 × elapsed) / total.
    public var gap: Double { Double(progress * total - 100 * elapsed) / Double(total) }
    public var isOverdue: Bool { reason == .overdue }
}

/// Judges tasks as of one date under one set of rules (SPEC §9). Every light, `why`, score,
/// prompt count and report line goes through here, so they all agree; nothing it computes is stored.
public struct Judge: Sendable {
    public let asOf: CalendarDay
    public let rules: Rules
    /// `asOf` as a day number.
    public let asOfDay: Int

    public init(asOf: CalendarDay, rules: Rules) {
        self.asOf = asOf
        self.rules = rules
        self.asOfDay = asOf.dayNumber
    }

    /// `n / d` (d > 0) rounded half away from zero, for tenths.
    @inline(__always)
    public static func roundedTenths(_ n: Int, _ d: Int) -> Int {
        n >= 0 ? (2 * n + d) / (2 * d) : -((-2 * n + d) / (2 * d))
    }

    /// Tenths as text with one decimal: `329` → `32.9`, `-279` → `-27.9`.
    public static func formatTenths(_ t: Int, minus: String = "-") -> String {
        let a = abs(t)
        return (t < 0 ? minus : "") + "\(a / 10).\(a % 10)"
    }

    // MARK: The rules, on raw numbers

    /// Elapsed and total days for a task running from `start` to `due` (day numbers).
    @inline(__always)
    func span(start: Int, due: Int) -> (elapsed: Int, total: Int) {
        let total = max(1, due - start + 1)
        return (min(total, max(0, asOfDay - start + 1)), total)
    }

    /// Overdue (SPEC §3, §9): the as-of day is after the due day and the task is not done. The one
    /// place this comparison is written: the red light's first rule, the `overdue` field and the
    /// report's overdue flag call it. Days in any encoding that keeps their order (day numbers, or
    /// `YYYYMMDD` ordinals through `isOverdue(dueOrdinal:…)`).
    @inline(__always)
    public static func isOverdue<Day: BinaryInteger>(due: Day, status: UInt8, asOf: Day) -> Bool {
        isPastDue(due, asOf: asOf) && status != TaskStatus.done.rawValue
    }

    /// The as-of day is after the due day: a task not done is overdue, a rate target not met is
    /// red (SPEC §11). The one date comparison both rules make.
    @inline(__always)
    public static func isPastDue<Day: Comparable>(_ due: Day, asOf: Day) -> Bool { asOf > due }

    /// `isOverdue` on stored `YYYYMMDD` ordinals, where 0 is no due: never overdue.
    @inline(__always)
    public static func isOverdue(dueOrdinal due: Int32, status: UInt8, asOf: Int32) -> Bool {
        due > 0 && isOverdue(due: due, status: status, asOf: asOf)
    }

    /// The day number the judge gives a task with no due (a stored 0; import and `update` always
    /// give one, a table built by a program may not): 9999-12-31, after every as-of day, so such a
    /// task is never overdue (as `isOverdue(dueOrdinal:…)` says) nor due soon, and its calendar
    /// expects nothing yet: its light is the office's word (behind → yellow) or green.
    public static let noDueDay = CalendarDay.dayNumber(year: 9999, month: 12, day: 31)

    /// The day number of a stored due ordinal, `noDueDay` for 0: how every rule reads a due.
    @inline(__always)
    public static func dueDay(ordinal o: Int32) -> Int {
        o > 0 ? CalendarDay.dayNumber(ordinal: o) : noDueDay
    }

    /// The light of one task; `start` and `due` are day numbers. The one place the §9 rules are written.
    @inline(__always)
    public func light(start: Int, due: Int, progress p: Int, status: UInt8) -> (Light, LightReason) {
        if status == TaskStatus.done.rawValue { return (.green, .done) }
        if Judge.isOverdue(due: due, status: status, asOf: asOfDay) { return (.red, .overdue) }
        let (e, t) = span(start: start, due: due)
        let e100 = 100 * e
        if (p + rules.red) * t < e100 { return (.red, .farBehind) }
        if status == TaskStatus.notStarted.rawValue && e100 >= rules.idle * t { return (.red, .idle) }
        if (p + rules.yellow) * t < e100 { return (.yellow, .behind) }
        if status == TaskStatus.behind.rawValue { return (.yellow, .reportedBehind) }
        return (.green, .fine)
    }

    @inline(__always)
    public func pace(start: Int, due: Int, progress: Int, status: UInt8) -> Pace {
        if status == TaskStatus.done.rawValue { return .done }
        let (e, t) = span(start: start, due: due)
        if (progress - rules.yellow) * t > 100 * e { return .ahead }
        if (progress + rules.yellow) * t < 100 * e { return .behindPace }
        return .onPace
    }

    @inline(__always)
    public func isDueSoon(due: Int, status: UInt8) -> Bool {
        let d = due - asOfDay
        return status != TaskStatus.done.rawValue && d >= 0 && d <= rules.remind
    }

    /// A full judgement from the task's values.
    public func judge(start: CalendarDay, due: CalendarDay, progress: Int, status: TaskStatus) -> Judgement {
        let s = start.dayNumber, d = due.dayNumber
        let (e, t) = span(start: s, due: d)
        let (l, why) = light(start: s, due: d, progress: progress, status: status.rawValue)
        return Judgement(start: start, due: due, asOf: asOf, elapsed: e, total: t,
                         progress: status == .done ? 100 : progress, status: status, dueIn: d - asOfDay,
                         light: l, reason: why, pace: pace(start: s, due: d, progress: progress, status: status.rawValue),
                         dueSoon: isDueSoon(due: d, status: status.rawValue))
    }
}
