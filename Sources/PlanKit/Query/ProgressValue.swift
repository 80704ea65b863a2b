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
        return .failure(Problem("unknown status \"\(s)\"" + Suggest.phrase(s, in: names)
                                + " (not_started, on_track, behind, done; 未启动, 推进中, 滞后, 已完成)"))
    }

    /// `40`, `40%`, `４０`, `40.0` → 40; anything else, or outside 0–100, is a problem.
    public static func progress(_ s: String) -> Result<Int, Problem> {
        var t = trimmed(s)
        if t.hasSuffix("%") { t = trimmed(String(t.dropLast())) }
        if let v = Int(t) {
            guard (0...100).contains(v) else { return .failure(Problem("progress \(v) is out of range (0–100)")) }
            return .success(v)
        }
        if let d = Double(t), d.isFinite, d == d.rounded() {
            guard (0...100).contains(d) else { return .failure(Problem("progress \(s) is out of range (0–100)")) }
            return .success(Int(d))
        }
        return .failure(Problem("progress is a whole number 0–100, not \"\(s)\""))
    }

    /// A due date: `YYYY-MM-DD`, `YYYY-MM` (its last day), or `none` / `无` to restore the default
    /// (`.some(nil)`).
    public static func due(_ s: String) -> Result<CalendarDay?, Problem> {
        let t = TextFolding.keyword(trimmed(s))
        if clearWords.contains(t) { return .success(nil) }
        if let d = CalendarDay(parsing: t) { return .success(d) }
        return .failure(Problem("a due date is YYYY-MM-DD or YYYY-MM (or none), not \"\(s)\""))
    }

    /// The month a change refers to, `YYYY-MM`.
    public static func month(_ s: String) -> Result<YearMonth, Problem> {
        if let m = YearMonth(parsing: trimmed(s)) { return .success(m) }
        return .failure(Problem("a month is YYYY-MM, not \"\(s)\""))
    }

    /// Folded, without surrounding spaces (ASCII, ideographic, no-break).
    static func trimmed(_ s: String) -> String {
        TextFolding.fold(s).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
