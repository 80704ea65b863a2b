import PlanKit

extension Session {
    /// What the command now running is judged against: the as-of day and the label language.
    /// Built once per command and passed through the whole query, report or view.
    public var queryContext: QueryContext {
        QueryContext(asOf: asOf, language: settings.language)
    }

    /// `set today` (§9), read from its variable (`--set today=…` reaches it too); nil when unset.
    var setToday: CalendarDay? { settings.variables["today"].flatMap { try? AsOf.parseDay($0) } }
    /// `set month`, likewise.
    var setMonth: YearMonth? { settings.variables["month"].flatMap { try? AsOf.parseMonth($0) } }

    /// The day every judgement of this command is made as of (SPEC §9).
    public var asOf: CalendarDay {
        AsOf.day(setToday: setToday, setMonth: setMonth, workspace: workspace, clock: LocalTime.today())
    }

    /// The month a report without `month` reports.
    public var reportingMonth: YearMonth {
        AsOf.reportingMonth(set: setMonth, workspace: workspace, clock: LocalTime.today())
    }

    /// The month `update`, `import progress` and `save` record when none is given.
    public var recordingMonth: YearMonth {
        AsOf.recordingMonth(set: setMonth, workspace: workspace, clock: LocalTime.today())
    }

    /// The judge of this command: the as-of day and the store's rules.
    public var judge: Judge { Judge(asOf: asOf, rules: workspace.rules) }
}

extension SessionSettings {
    /// `set lang zh|en` (the variable `lang`; `--set lang=zh` too): the language of headers and
    /// statuses on the screen and in CSV. A session setting, never stored; English by default.
    public var language: Language {
        variables["lang"].flatMap { Language(rawValue: TextFolding.keyword($0)) } ?? .en
    }
}
