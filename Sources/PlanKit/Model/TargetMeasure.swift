import Foundation

/// Units of targets and actual values (SPEC §11 "Actuals").
///
/// A unit is an optional magnitude (千 10³, 万 10⁴, 亿 10⁸) and a base: `万人次` is 10⁴ × 人次,
/// `亿元` 10⁸ × 元, `人` 1 × 人, `万` 10⁴ × nothing (the plan named no measure word).
/// An actual converts into its target's unit when the bases are the same: `1.2万人` against
/// `人` is 12000, `15000人次` against `万人次` is 1.5; a bare magnitude (`1.2万`) fits any
/// base, and a target with no base (`2万`) takes any measure word. A number with no unit is
/// already in the target's unit (`actual = 1500` against `台` is 1500台, against `万人` 1500万人).
/// Rates and shares — `%`, `‰`, a denominator (`/10万`, `个/千人`, `管/日`) — never convert:
/// the actual must be written in the very same unit or with none. Any other unit is an error.
public enum TargetUnit {
    static let magnitudes: [(Character, Int)] = [("千", 3), ("万", 4), ("亿", 8)]

    /// The unit as (power of ten, base), or nil when it never converts.
    public static func split(_ unit: String) -> (power: Int, base: String)? {
        if unit == "%" || unit == "‰" || unit.contains("/") { return nil }
        if let f = unit.first, let (_, p) = magnitudes.first(where: { $0.0 == f }) {
            return (p, String(unit.dropFirst()))
        }
        return (0, unit)
    }

    /// Units a rate is measured in (SPEC §11 "a rate (% ‰ /10万 岁 分钟 …)"): shares, denominators,
    /// ages, spans and differences. Everything else is a quantity delivered over the year.
    static let rateUnits: Set<String> = ["%", "‰", "岁", "周岁", "分钟", "小时", "秒", "天", "周", "个工作日", "工作日",
                                         "个百分点", "百分点", "倍"]

    /// A rate is judged against its due date; a quantity against 序时进度. A metric starting with
    /// 每 (每千人口…) makes any unit a rate.
    public static func isRate(unit: String, metric: String) -> Bool {
        isRateUnit(unit) || metricMakesRate(metric)
    }

    /// The unit alone makes a rate (a share, a denominator, an age, a span…).
    static func isRateUnit(_ unit: String) -> Bool { rateUnits.contains(unit) || unit.contains("/") }

    /// The metric makes any unit a rate (每千人口…).
    static func metricMakesRate(_ metric: String) -> Bool { metric.hasPrefix("每") }

    /// The UTF-8 bytes a metric that makes a rate starts with (a quick test before `metricMakesRate`).
    static let ratePrefixBytes: [UInt8] = Array("每".utf8)

    /// `value` written in `given` (empty: no unit written), in the unit `target`.
    public static func convert(_ value: Decimal, from given: String, to target: String) throws -> Double {
        if given.isEmpty || given == target { return NSDecimalNumber(decimal: value).doubleValue }
        guard let t = split(target) else {
            throw Diagnostic(Messages.unitNotConverted(target))
        }
        guard let g = split(given), g.base == t.base || g.base.isEmpty || t.base.isEmpty else {
            throw Diagnostic(Messages.unitsIncompatible(given: given, target: target))
        }
        var v = value
        let shift = g.power - t.power
        if shift != 0 {
            var ten = Decimal(1)
            for _ in 0..<abs(shift) { ten *= 10 }
            v = shift > 0 ? v * ten : v / ten
        }
        return NSDecimalNumber(decimal: v).doubleValue
    }
}

/// An actual value as written (`44%`, `1.2万`, `1500`, `９.５/10万`): a decimal and its unit.
public struct ActualValue: Sendable, Hashable {
    public var value: Decimal
    /// Empty when no unit was written.
    public var unit: String

    /// Parses the text after `actual =` or a 完成值 cell; nil when it does not start with a number.
    /// Full-width digits and signs fold; a trailing `以上`/`以下` is not part of a value.
    public init?(parsing text: String) {
        let folded = TextFolding.fold(text).trimmingCharacters(in: .whitespaces)
        var digits = ""
        var rest = Substring(folded)
        while let c = rest.first, c.isASCIIDigit || (c == "." && !digits.contains(".") && !digits.isEmpty) {
            digits.append(c)
            rest = rest.dropFirst()
        }
        guard !digits.isEmpty, digits.last != ".", let v = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else {
            return nil
        }
        value = v
        unit = rest.trimmingCharacters(in: .whitespaces)
    }

    /// The value in the unit of `target`; errors for a redacted target or another unit.
    public func converted(to target: Target) throws -> Double {
        guard !target.isRedacted else {
            throw Diagnostic(Messages.targetValueRedacted(raw: target.raw))
        }
        return try TargetUnit.convert(value, from: unit, to: target.unit)
    }
}

/// The calendar a target is judged against (SPEC §9): its task's 序时进度 as days elapsed of the
/// days from start to due (both inclusive), the due date, the as-of date and the rules' gaps.
public struct TargetCalendar: Sendable, Hashable {
    public var elapsedDays: Int
    public var totalDays: Int
    public var due: CalendarDay?
    public var asOf: CalendarDay
    public var yellow: Int
    public var red: Int

    public init(elapsedDays: Int, totalDays: Int, due: CalendarDay?, asOf: CalendarDay, yellow: Int = 10, red: Int = 30) {
        self.elapsedDays = elapsedDays
        self.totalDays = totalDays
        self.due = due
        self.asOf = asOf
        self.yellow = yellow
        self.red = red
    }
}

/// What a target's light reads from its calendar: the days elapsed and in all, whether as-of is
/// past the due date (nil: no due date), and the rules' gaps.
struct TargetSpan {
    var elapsedDays: Int
    var totalDays: Int
    var pastDue: Bool?
    var yellow: Int
    var red: Int

    init(elapsedDays: Int, totalDays: Int, pastDue: Bool?, yellow: Int, red: Int) {
        self.elapsedDays = elapsedDays
        self.totalDays = totalDays
        self.pastDue = pastDue
        self.yellow = yellow
        self.red = red
    }

    init(_ c: TargetCalendar) {
        self.init(elapsedDays: c.elapsedDays, totalDays: c.totalDays, pastDue: c.due.map { c.asOf > $0 },
                  yellow: c.yellow, red: c.red)
    }
}

/// Attainment, met and light of a target with an actual (SPEC §11 "Attainment").
public struct TargetJudgement: Sendable, Hashable {
    /// actual ÷ value (`>=`, `=`), value ÷ actual (`<=`, 1 when the actual is 0), actual ÷ low (range).
    public var attainment: Double
    public var met: Bool
    /// Numerator and denominator of `attainment`, kept apart so lights compare exactly.
    var ratio: (Double, Double)

    public static func == (a: Self, b: Self) -> Bool { a.attainment == b.attainment && a.met == b.met }
    public func hash(into h: inout Hasher) { h.combine(attainment); h.combine(met) }

    /// Nil when the target has no actual or no value (redacted).
    public init?(_ t: Target) {
        guard let actual = t.actual, let value = t.value else { return nil }
        self.init(t.comparator, value: value, low: t.low, high: t.high, actual: actual)
    }

    /// From the numbers alone (the columns of a task table).
    init(_ comparator: Comparator, value: Double, low: Double?, high: Double?, actual: Double) {
        switch comparator {
        case .atLeast, .equal:
            met = actual >= value
            ratio = (actual, value)
        case .atMost:
            met = actual <= value
            ratio = actual == 0 ? (1, 1) : (value, actual)
        case .range:
            let low = low ?? value
            met = low <= actual && actual <= (high ?? low)
            ratio = (actual, low)
        }
        // A value of 0 to reach: attained fully when met, not at all otherwise.
        if ratio.1 == 0 { ratio = met ? (1, 1) : (0, 1) }
        attainment = ratio.0 / ratio.1
    }

    /// The light of a met or unmet target. Met → green. A quantity compares attainment × 100
    /// with 序时进度 by the yellow and red gaps; a rate not met is yellow until its due date and red after.
    public func light(isRate: Bool, calendar c: TargetCalendar) -> Light {
        light(isRate: isRate, span: TargetSpan(c))
    }

    /// The light against the numbers of a calendar.
    @inline(__always)
    func light(isRate: Bool, span c: TargetSpan) -> Light {
        met ? .green : Self.unmetLight(isRate: isRate, num: ratio.0, den: ratio.1, span: c)
    }

    /// The light of a target not met, from the two sides of its attainment: the one place the rule is written.
    @inline(__always)
    static func unmetLight(isRate: Bool, num: Double, den: Double, span c: TargetSpan) -> Light {
        if isRate {
            guard let past = c.pastDue else { return .yellow }
            return past ? .red : .yellow
        }
        // attainment × 100 < expected − gap, with expected = 100 × e ÷ t, multiplied out so no
        // rounding decides a boundary: num × 100 × t < (100 × e − gap × t) × den.
        let t = Double(max(1, c.totalDays)), e = Double(min(max(0, c.elapsedDays), max(1, c.totalDays)))
        let lhs = num * 100 * t
        func behind(_ gap: Int) -> Bool { lhs < (100 * e - Double(gap) * t) * den }
        if behind(c.red) { return .red }
        if behind(c.yellow) { return .yellow }
        return .green
    }
}
