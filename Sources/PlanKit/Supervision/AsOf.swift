/// The day every judgement is made as of, and the months progress is reported and recorded
/// in (SPEC §9). Session settings `today` and `month` override; nothing here is stored.
public enum AsOf {
    /// The reporting month: `set month`, else the latest month of any progress in the store
    /// (sheet or update), else the clock's month.
    public static func reportingMonth(set: YearMonth?, workspace: Workspace, clock: CalendarDay) -> YearMonth {
        if let set { return set }
        if let latest = latestProgressMonth(workspace) { return latest }
        return YearMonth(ordinal: clock.year * 12 + clock.month - 1)
    }

    /// The as-of day: `set today`, else the earlier of the clock and the reporting month's last day.
    public static func day(setToday: CalendarDay?, setMonth: YearMonth?, workspace: Workspace, clock: CalendarDay) -> CalendarDay {
        if let setToday { return setToday }
        let m = reportingMonth(set: setMonth, workspace: workspace, clock: clock)
        let last = CalendarDay.lastDay(year: m.year, month: m.month) ?? clock
        return min(clock, last)
    }

    /// The month `update`, `import progress` and `save` use when none is given: `set month`, else
    /// the clock's month when it lies within the plans' period, else the reporting month (never
    /// the clock's month for last year's plan).
    public static func recordingMonth(set: YearMonth?, workspace: Workspace, clock: CalendarDay) -> YearMonth {
        if let set { return set }
        let now = YearMonth(ordinal: clock.year * 12 + clock.month - 1)
        let years = Set(workspace.plans.map(\.periodYear))
        if years.isEmpty || years.contains(now.year) { return now }
        return reportingMonth(set: nil, workspace: workspace, clock: clock)
    }

    /// The latest month any task's progress refers to, from the `updated` column and the history.
    public static func latestProgressMonth(_ w: Workspace) -> YearMonth? {
        var best: Int32 = -1
        w.tasks.updated.withUnsafeBufferPointer { u in
            for m in u where m > best { best = m }
        }
        for m in w.history.month where m > best { best = m }
        return best < 0 ? nil : YearMonth(ordinal: Int(best))
    }

    /// Parses a `set today` value: a real day `YYYY-MM-DD`; the message says what is wrong.
    public static func parseDay(_ text: String) throws -> CalendarDay {
        let t = TextFolding.fold(text)
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            throw Diagnostic(Messages.badToday(text))
        }
        guard let day = CalendarDay(year: y, month: m, day: d) else {
            let month = (1...12).contains(m) && y >= 1900
                ? (String(format: "%04d-%02d", y, m), CalendarDay.daysIn(year: y, month: m)) : nil
            throw Diagnostic(Messages.noSuchDay(text, monthLength: month))
        }
        return day
    }

    /// Parses a `set month` value `YYYY-MM`.
    public static func parseMonth(_ text: String) throws -> YearMonth {
        guard let m = YearMonth(parsing: TextFolding.fold(text)) else {
            throw Diagnostic(Messages.badReportingMonth(text))
        }
        return m
    }
}
