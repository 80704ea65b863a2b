import Foundation

/// The one reader of each value a progress change sets, shared by `update … set`, progress sheets
/// (CSV, xlsx), queries (`status = …`) and lesson checks, so a value means the same wherever it
/// is typed: `due = none` clears the due date in `update` and in a sheet, `40%` and `４０` are 40,
/// `进行中` is on_track, and a bad value is the same catalogue message everywhere.
///
/// What belongs to one place only stays there: a sheet's empty cell changes nothing (a sheet
/// never asks this reader about it), and a sheet's value equal to the task's writes no history.
/// An xlsx cell formatted as a percent (0.4) is read as 40 by the xlsx reader, before this.
public enum ProgressValue {
    /// A value that cannot be used: a catalogue message (`progress 120 is out of range (0–100)`).
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: Message
        public var description: String { message.text }
        public init(_ message: Message) { self.message = message }
    }

    /// Words that clear a date or an actual (restore the default): `none`, `无`, an empty value.
    /// Not a dash: offices put `-` in cells that do not apply, and reading it as "clear" would
    /// erase a recorded actual from a sheet; it is an error like any other word.
    static let clearWords: Set<String> = ["", "none", "无", "null"]

    /// True when `s` is one of the words that clear a value (`none`, `无` …).
    public static func clears(_ s: String) -> Bool {
        clearWords.contains(TextFolding.keyword(trimmed(s)))
    }

    /// A status keyword, Chinese name or synonym (SPEC §10), any case.
    public static func status(_ s: String) -> Result<TaskStatus, Problem> {
        let t = trimmed(s)
        if let st = TaskStatus(parsing: t) { return .success(st) }
        return .failure(Problem(Messages.unknownStatus(s, nearest: TaskStatus.nearestWord(to: t))))
    }

    /// `40`, `40%`, `４０`, `40.0` → 40; anything else, or outside 0–100, is a problem.
    public static func progress(_ s: String) -> Result<Int, Problem> {
        var t = trimmed(s)
        if t.hasSuffix("%") { t = trimmed(String(t.dropLast())) }
        if let v = Int(t) {
            guard (0...100).contains(v) else { return .failure(Problem(Messages.progressOutOfRange(String(v)))) }
            return .success(v)
        }
        if let d = Double(t), d.isFinite, d == d.rounded() {
            guard (0...100).contains(d) else { return .failure(Problem(Messages.progressOutOfRange(t))) }
            return .success(Int(d))
        }
        return .failure(Problem(Messages.badProgress(s)))
    }

    /// A due date (`.some(nil)`: `none` / `无`, restore the default): a day or a month (its last
    /// day), written `2025-06-30`, `2025/6/30`, `2025.6.30` or `2025年6月30日`.
    public static func due(_ s: String) -> Result<CalendarDay?, Problem> {
        if clears(s) { return .success(nil) }
        if let d = CalendarDay(parsing: dashed(s)) { return .success(d) }
        return .failure(Problem(Messages.badDueDate(s)))
    }

    /// A start date (`.some(nil)`: `none` / `无`, restore the plan's start): a day, or a month
    /// (its first day), in the spellings `due` reads.
    public static func start(_ s: String) -> Result<CalendarDay?, Problem> {
        if clears(s) { return .success(nil) }
        let t = dashed(s)
        if let m = YearMonth(parsing: t), let d = CalendarDay(year: m.year, month: m.month, day: 1) { return .success(d) }
        if let d = CalendarDay(parsing: t) { return .success(d) }
        return .failure(Problem(Messages.badStartDate(s)))
    }

    /// The month a change refers to, `YYYY-MM`.
    public static func month(_ s: String) -> Result<YearMonth, Problem> {
        if let m = YearMonth(parsing: trimmed(s)) { return .success(m) }
        return .failure(Problem(Messages.badMonth(s)))
    }

    /// A date in any spelling offices use, as `YYYY-MM[-DD]`: `/`, `.`, `年`, `月` become `-`,
    /// `日` (and a final `月`) go, and one-digit months and days get their zero.
    static func dashed(_ s: String) -> String {
        var t = ""
        let folded = trimmed(s)
        for ch in folded.hasSuffix("月") ? String(folded.dropLast()) : folded {
            switch ch {
            case "/", ".", "年", "月": t.append("-")
            case "日": continue
            default: t.append(ch)
            }
        }
        return t.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.count == 1 ? "0" + $0 : String($0) }
            .joined(separator: "-")
    }

    /// Folded, without surrounding spaces (ASCII, ideographic, no-break).
    static func trimmed(_ s: String) -> String {
        TextFolding.fold(s).trimmingSpacesAndNewlines()
    }
}
