import Foundation

/// One parser for each value a progress change sets, shared by `update … set` and progress
/// sheets (CSV, xlsx), so a value means the same wherever it is typed: `due = none` clears the
/// due date in both, `40%` and `４０` are 40 in both.
public enum ProgressValue {
    /// A value that cannot be used, in words (`progress 120 is out of range (0–100)`).
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ d: String) { description = d }
    }

    /// Words that clear a due date: `none`, `无`, an empty value.
    static let clearWords: Set<String> = ["", "none", "无", "null", "-"]

    /// A status keyword or Chinese name (or synonym).
    public static func status(_ s: String) -> Result<TaskStatus, Problem> {
        if let st = TaskStatus(parsing: trimmed(s)) { return .success(st) }
        let names = TaskStatus.allCases.map(\.keyword) + TaskStatus.allCases.map(\.chineseLabel)
        return .failure(Problem(Messages.unknownStatus(s, suggestion: Suggest.phrase(s, in: names)).text))
    }

    /// `40`, `40%`, `４０`, `40.0` → 40; anything else, or outside 0–100, is a problem.
    public static func progress(_ s: String) -> Result<Int, Problem> {
        var t = trimmed(s)
        if t.hasSuffix("%") { t = trimmed(String(t.dropLast())) }
        if let v = Int(t) {
            guard (0...100).contains(v) else { return .failure(Problem(Messages.progressOutOfRange(String(v)).text)) }
            return .success(v)
        }
        if let d = Double(t), d.isFinite, d == d.rounded() {
            guard (0...100).contains(d) else { return .failure(Problem(Messages.progressOutOfRange(s).text)) }
            return .success(Int(d))
        }
        return .failure(Problem(Messages.badProgress(s).text))
    }

    /// A due date: `YYYY-MM-DD`, `YYYY-MM` (its last day), or `none` / `无` to restore the default
    /// (`.some(nil)`).
    public static func due(_ s: String) -> Result<CalendarDay?, Problem> {
        let t = TextFolding.keyword(trimmed(s))
        if clearWords.contains(t) { return .success(nil) }
        if let d = CalendarDay(parsing: t) { return .success(d) }
        return .failure(Problem(Messages.badDueDate(s).text))
    }

    /// A start date: `YYYY-MM-DD`, `YYYY-MM` (its first day), or `none` / `无` to restore the plan's
    /// start (`.some(nil)`).
    public static func start(_ s: String) -> Result<CalendarDay?, Problem> {
        let t = TextFolding.keyword(trimmed(s))
        if clearWords.contains(t) { return .success(nil) }
        if let m = YearMonth(parsing: t), let d = CalendarDay(year: m.year, month: m.month, day: 1) { return .success(d) }
        if let d = CalendarDay(parsing: t) { return .success(d) }
        return .failure(Problem(Messages.badStartDate(s).text))
    }

    /// The month a change refers to, `YYYY-MM`.
    public static func month(_ s: String) -> Result<YearMonth, Problem> {
        if let m = YearMonth(parsing: trimmed(s)) { return .success(m) }
        return .failure(Problem(Messages.badMonth(s).text))
    }

    /// Folded, without surrounding spaces (ASCII, ideographic, no-break).
    static func trimmed(_ s: String) -> String {
        TextFolding.fold(s).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
