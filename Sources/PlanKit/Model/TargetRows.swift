import Foundation

/// The rows of `find targets` / `count targets` (SPEC §11): every target of every task
/// (qualifiers are not rows), and every indicator of every plan, in natural id order — per plan,
/// its indicators (`yy2025#I1`, `#` sorts before `:`), then its tasks' targets (`yy2025:1.1#1`).
public struct TargetRows: Sendable {
    /// Per row: the figure index in the task table's target columns, or -1 for an indicator.
    public private(set) var figure: [Int32] = []
    /// Per row: the task row, or -1 for an indicator.
    public private(set) var taskRow: [Int32] = []
    /// Per row: the plan row (index into `Workspace.plans`).
    public private(set) var planRow: [UInt32] = []
    /// Per row: n of `TASK#n` or of `PLAN#In`.
    public private(set) var number: [UInt32] = []
    /// Per row: the target is a rate (`TargetUnit.isRate`: judged against its due date), read
    /// once here from its unit and metric, which never change.
    public private(set) var isRate: [Bool] = []

    public var count: Int { number.count }

    /// No rows.
    public init() {}

    public init(_ w: Workspace) {
        let t = w.tasks
        let kinds = t.targetKind, starts = t.targetStart
        let n = kinds.count - kinds.reduce(0) { $0 + Int($1) } + w.plans.reduce(0) { $0 + $1.indicators.count }
        // Filled through pointers: four appends a row would cost more than the rest together.
        var f = [Int32](repeating: 0, count: n), tr = f, pr = [UInt32](repeating: 0, count: n), nr = pr
        var filled = 0
        f.withUnsafeMutableBufferPointer { f in
            tr.withUnsafeMutableBufferPointer { tr in
                pr.withUnsafeMutableBufferPointer { pr in
                    nr.withUnsafeMutableBufferPointer { nr in
                        kinds.withUnsafeBufferPointer { kind in
                            starts.withUnsafeBufferPointer { start in
                                func add(_ figure: Int32, _ row: Int32, _ p: Int, _ k: Int) {
                                    guard filled < n else { return }
                                    f[filled] = figure
                                    tr[filled] = row
                                    pr[filled] = UInt32(p)
                                    nr[filled] = UInt32(k)
                                    filled += 1
                                }
                                for p in w.plans.indices {
                                    for k in w.plans[p].indicators.indices { add(-1, -1, p, k + 1) }
                                    for r in w.taskRanges[p] {
                                        var k = 0
                                        for i in Int(start[r])..<Int(start[r + 1]) where kind[i] == 0 {
                                            k += 1
                                            add(Int32(i), Int32(r), p, k)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        figure = filled == n ? f : Array(f.prefix(filled))
        taskRow = filled == n ? tr : Array(tr.prefix(filled))
        planRow = filled == n ? pr : Array(pr.prefix(filled))
        number = filled == n ? nr : Array(nr.prefix(filled))
        isRate = Self.rates(figure, planRow, number, in: w)
    }

    /// Whether each row is a rate: by its unit (once per unit), a task's metric by its bytes first
    /// (每 then a character that could join it confirmed by the rule), an indicator by its `Target`.
    private static func rates(_ figure: [Int32], _ planRow: [UInt32], _ number: [UInt32], in w: Workspace) -> [Bool] {
        let t = w.tasks
        let rateUnit = t.units.names.map(TargetUnit.isRateUnit), units = t.targetUnit, metrics = t.targetMetric
        let prefix = TargetUnit.ratePrefixBytes
        return figure.indices.map { k in
            let f = Int(figure[k])
            guard f >= 0 else {
                let g = w.plans[Int(planRow[k])].indicators[Int(number[k]) - 1].target
                return TargetUnit.isRate(unit: g.unit, metric: g.metric)
            }
            if rateUnit[Int(units[f])] { return true }
            let lo = metrics.offsets[f], hi = metrics.offsets[f + 1]
            guard hi - lo >= prefix.count else { return false }
            for (i, b) in prefix.enumerated() where metrics.bytes[lo + i] != b { return false }
            // Nothing after it, ASCII or a CJK ideograph (lead bytes E4–E9) starts a new character.
            let next = lo + prefix.count
            if next == hi || metrics.bytes[next] < 0x80 || (0xE4...0xE9).contains(metrics.bytes[next]) { return true }
            return TargetUnit.metricMakesRate(metrics[f])
        }
    }

    public func isIndicator(_ row: Int) -> Bool { figure[row] < 0 }

    /// The target of a row, with its actual.
    public func target(_ row: Int, in w: Workspace) -> Target {
        let f = Int(figure[row])
        if f >= 0 { return w.tasks.target(at: f) }
        return w.plans[Int(planRow[row])].indicators[Int(number[row]) - 1].target
    }

    public func ref(_ row: Int, in w: Workspace) -> TargetRef {
        let plan = w.plans[Int(planRow[row])].id
        let r = Int(taskRow[row])
        return TargetRef(plan: plan, path: r < 0 ? "" : w.tasks.paths[r], number: Int(number[row]))
    }

    /// Offices of a row, lead first: the task's offices, or the indicator's 责任科室.
    public func offices(_ row: Int, in w: Workspace) -> [String] {
        let r = Int(taskRow[row])
        if r >= 0 { return w.tasks.officeCodes(row: r).map { w.tasks.offices[$0] } }
        return w.plans[Int(planRow[row])].indicators[Int(number[row]) - 1].offices
    }

    /// The row of a target id, or nil.
    public func row(of ref: TargetRef, in w: Workspace) -> Int? {
        guard let p = w.planIndex(ref.plan) else { return nil }
        if ref.isIndicator {
            guard ref.number >= 1, ref.number <= w.plans[p].indicators.count else { return nil }
            return (0..<count).first { planRow[$0] == UInt32(p) && figure[$0] < 0 && Int(number[$0]) == ref.number }
        }
        guard let r = w.row(plan: ref.plan, path: ref.path), let i = w.tasks.targetIndex(row: r, number: ref.number) else {
            return nil
        }
        return binarySearch(figure: Int32(i))
    }

    private func binarySearch(figure f: Int32) -> Int? {
        // Figures of task rows ascend with the row; indicators (-1) sit between plans.
        var lo = 0, hi = count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            var m = mid
            while m <= hi, figure[m] < 0 { m += 1 }
            if m > hi { hi = mid - 1; continue }
            if figure[m] == f { return m }
            if figure[m] < f { lo = m + 1 } else { hi = mid - 1 }
        }
        return nil
    }
}

/// Attainment, met and light of every target row, judged once per query or report.
public struct TargetJudgements: Sendable {
    /// NaN when the row has no actual (or no value).
    public var attainment: [Double] { measures.value.attainment }
    /// 0 not met, 1 met, 2 no actual.
    public var met: [UInt8] { measures.value.met }
    /// `Light.rawValue`: 0 red, 1 yellow, 2 green; 3 no light.
    public private(set) var light: [UInt8]
    /// The rows that may have a light (an actual is in, or a plan indicator), ascending: every
    /// other row's light is `noLight`.
    public private(set) var judgedRows: [UInt32]
    /// Attainment and met, worked out on first use (a query of lights needs neither).
    private let measures: Measures

    public static let noMet: UInt8 = 2
    public static let noLight: UInt8 = 3

    /// No rows.
    public init() {
        light = []
        judgedRows = []
        measures = Measures { ([], []) }
    }

    /// Attainment and met of every row, made once when first asked for.
    private final class Measures: @unchecked Sendable {
        private let lock = NSLock()
        private var made: (attainment: [Double], met: [UInt8])?
        private let make: @Sendable () -> (attainment: [Double], met: [UInt8])

        init(_ make: @escaping @Sendable () -> (attainment: [Double], met: [UInt8])) { self.make = make }

        var value: (attainment: [Double], met: [UInt8]) {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            let v = make()
            made = v
            return v
        }
    }

    /// Attainment and met of every row: a task's target from `actuals`, an indicator from its `Target`.
    private static func measures(_ rows: TargetRows, in w: Workspace, actuals a: TargetActualRows)
        -> (attainment: [Double], met: [UInt8]) {
        let n = rows.count
        var attainment = [Double](repeating: .nan, count: n), met = [UInt8](repeating: noMet, count: n)
        for (i, k32) in a.rows.enumerated() where Int(k32) < n {
            attainment[Int(k32)] = a.num[i] / a.den[i]
            met[Int(k32)] = a.state[i] == TargetActualRows.met ? 1 : 0
        }
        for k32 in a.indicators where Int(k32) < n {
            guard let j = TargetJudgement(rows.target(Int(k32), in: w)) else { continue }
            attainment[Int(k32)] = j.attainment
            met[Int(k32)] = j.met ? 1 : 0
        }
        return (attainment, met)
    }

    /// Judged by the workspace's rules as of `asOf`: a task's target against its task's start and
    /// due, a plan indicator against the plan's period.
    public init(_ rows: TargetRows, in w: Workspace, asOf: CalendarDay) {
        self.init(rows, in: w, asOf: asOf, actuals: TargetActualRows(rows, w.tasks))
    }

    /// The same, with the day-free part already made (`actuals` of `rows` over `w`'s table).
    init(_ rows: TargetRows, in w: Workspace, asOf: CalendarDay, actuals: TargetActualRows) {
        var spans = AsOfSpans(w, judge: Judge(asOf: asOf, rules: w.rules))
        self.init(rows, in: w, actuals: actuals, spans: &spans)
    }

    /// The calendar of task row `r`'s targets, or (r < 0) of plan `p`'s indicators.
    public static func calendar(task r: Int, plan p: Int, in w: Workspace, asOf: CalendarDay) -> TargetCalendar {
        calendar(task: r, plan: p, in: w, judge: Judge(asOf: asOf, rules: w.rules))
    }

    static func calendar(task r: Int, plan p: Int, in w: Workspace, judge: Judge) -> TargetCalendar {
        let t = w.tasks
        let start = r >= 0 ? CalendarDay.dayNumber(ordinal: t.start[r]) : w.plans[p].periodStart.dayNumber
        let dueOrdinal = r >= 0 ? t.due[r] : w.plans[p].periodEnd.ordinal
        let (e, total) = judge.span(start: start, due: CalendarDay.dayNumber(ordinal: dueOrdinal))
        return TargetCalendar(elapsedDays: e, totalDays: total, due: CalendarDay(ordinal: dueOrdinal), asOf: judge.asOf,
                              yellow: judge.rules.yellow, red: judge.rules.red)
    }

    /// `calendar(taskRow, planRow)` gives the calendar of a task's target (task row ≥ 0) or of a
    /// plan indicator (task row -1: the plan's whole period).
    public init(_ rows: TargetRows, in w: Workspace, calendar: (Int, Int) -> TargetCalendar) {
        self = withoutActuallyEscaping(calendar) { calendar in
            var spans = CalendarSpans(calendar: calendar)
            return TargetJudgements(rows, in: w, actuals: TargetActualRows(rows, w.tasks), spans: &spans)
        }
    }

    /// Where the spans of the rows come from.
    private protocol Spans {
        mutating func span(task r: Int, plan p: Int) -> TargetSpan
    }

    /// As of one day: a task's span from its start and due columns (most rows share their plan's:
    /// the last one is kept for the next row), an indicator's from its plan's period.
    private struct AsOfSpans: Spans {
        let w: Workspace
        let judge: Judge
        let start: [Int32], due: [Int32]
        var lastStart: Int32 = -1, lastDue: Int32 = -1
        var last = TargetSpan(elapsedDays: 0, totalDays: 1, pastDue: nil, yellow: 0, red: 0)

        init(_ w: Workspace, judge: Judge) {
            self.w = w
            self.judge = judge
            start = w.tasks.start
            due = w.tasks.due
        }

        @inline(__always)
        mutating func span(task r: Int, plan p: Int) -> TargetSpan {
            guard r >= 0 else { return TargetSpan(TargetJudgements.calendar(task: r, plan: p, in: w, judge: judge)) }
            let s = start[r], d = due[r]
            if s == lastStart && d == lastDue { return last }
            let (e, total) = judge.span(start: CalendarDay.dayNumber(ordinal: s), due: CalendarDay.dayNumber(ordinal: d))
            last = TargetSpan(elapsedDays: e, totalDays: total, pastDue: CalendarDay(ordinal: d).map { judge.asOf > $0 },
                              yellow: judge.rules.yellow, red: judge.rules.red)
            lastStart = s
            lastDue = d
            return last
        }
    }

    private struct CalendarSpans: Spans {
        let calendar: (Int, Int) -> TargetCalendar
        func span(task r: Int, plan p: Int) -> TargetSpan { TargetSpan(calendar(r, p)) }
    }

    /// The loop: a met target is green; any other compares its attainment with the span of its
    /// task (most rows share their plan's, kept from the row before); an indicator is judged
    /// from its plan's `Target`.
    private init<S: Spans>(_ rows: TargetRows, in w: Workspace, actuals a: TargetActualRows, spans: inout S) {
        let n = rows.count
        var light = [UInt8](repeating: Self.noLight, count: n)
        let green = Light.green.rawValue
        let entries = a.rows.span, task = a.task.span, num = a.num.span, den = a.den.span, state = a.state.span
        var out = light.mutableSpan
        for i in 0..<min(entries.count, task.count, num.count, den.count, state.count) {
            let k = Int(entries[i]), st = state[i]
            guard k < n else { continue }
            if st == TargetActualRows.met {
                out[k] = green
                continue
            }
            let span = spans.span(task: Int(task[i]), plan: 0)
            out[k] = TargetJudgement.unmetLight(isRate: st == TargetActualRows.rate, num: num[i], den: den[i], span: span).rawValue
        }
        for k32 in a.indicators where Int(k32) < n {
            let k = Int(k32)
            guard let j = TargetJudgement(rows.target(k, in: w)) else { continue }
            out[k] = j.light(isRate: rows.isRate[k], span: spans.span(task: -1, plan: Int(rows.planRow[k]))).rawValue
        }
        self.light = light
        judgedRows = a.judged
        measures = Measures { Self.measures(rows, in: w, actuals: a) }
    }

    public func light(_ row: Int) -> Light? { Light(rawValue: light[row]) }

    public func met(_ row: Int) -> Bool? { met[row] == Self.noMet ? nil : met[row] == 1 }

    /// At risk: an actual is in and the light is yellow or red.
    public func atRisk(_ row: Int) -> Bool { light[row] < 2 }
}
