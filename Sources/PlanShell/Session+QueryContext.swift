import PlanKit

extension Session {
    /// What the command now running is judged against: the as-of day and the label language.
    /// Built once per command and passed through the whole query, report or view.
    ///
    /// As of: today by the clock, for now (SPEC §9's rule — `set today`, the reporting month —
    /// replaces this, here and nowhere else).
    public var queryContext: QueryContext {
        QueryContext(asOf: LocalTime.today(), language: settings.language)
    }
}
