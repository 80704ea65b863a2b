// MARK: - Supervision: rules, the as-of date, the reporting month, plan years, reports

extension Messages {
    public static func noRule(_ name: String, rules: [String]) -> Message {
        Message("no-rule", .error, "no rule \(v(name))" + Suggest.phrase(name, in: rules) + "; rules are " + rules.joined(separator: ", "))
    }
    public static func ruleNeedsValue(_ name: String) -> Message {
        Message("rule-needs-value", .error, "`set rule \(name)` needs a value")
    }
    public static func ruleTakesOneValue() -> Message {
        Message("rule-takes-one-value", .error, "`set rule` takes one value")
    }
    public static func ruleNotWholeNumber(_ value: String) -> Message {
        Message("rule-not-whole-number", .error, "a rule is a whole number, not \(v(value))")
    }
    public static func ruleNegative(_ name: String, value: Int) -> Message {
        Message("rule-negative", .error, "\(name) must be 0 or more, not \(value)")
    }
    /// `yellow` above `red`, said about the rule that was just changed.
    public static func ruleOrder(changed: String?, yellow: Int, red: Int) -> Message {
        Message("rule-order", .error, changed == "yellow" ? "yellow must be at most red (\(red)), not \(yellow)"
                                                          : "red must be at least yellow (\(yellow)), not \(red)")
    }
    public static func ruleTooLarge(_ name: String, limit: String, value: Int) -> Message {
        Message("rule-too-large", .error, "\(name) must be at most \(limit), not \(value)")
    }

    // The as-of date and the reporting month (`set today`, `set month`)

    public static func badToday(_ value: String) -> Message {
        Message("bad-today", .error, "today takes a date YYYY-MM-DD (or none), not \(v(value))")
    }
    /// `2025-02-30`: the shape of a date, but no such day.
    public static func noSuchDay(_ value: String, monthLength: (month: String, days: Int)?) -> Message {
        Message("no-such-day", .error, "\(value) is not a day of the calendar"
                + (monthLength.map { " (\($0.month) has \($0.days) days)" } ?? ""))
    }
    public static func badReportingMonth(_ value: String) -> Message {
        Message("bad-reporting-month", .error, "month takes YYYY-MM (or none), not \(v(value))")
    }

    /// Starts every "no year" import warning; `Schedule` finds the warning by it when a year is given later.
    public static let missingYearPrefix = "no year in the title or file name"
    public static func missingYear(importYear: Int) -> Message {
        Message("missing-year", .warning, "\(missingYearPrefix); the plan is taken as \(importYear) (the import year): "
                + "give `year YYYY` to `import plan` to set it")
    }

    // Reports (`report`, `scores`)

    public static func noPlansToReport() -> Message {
        Message("no-plans-to-report", .error, "no plans to report on; import one with `import plan FILE` (or `import demo`)")
    }
    public static func noProgressYet(month: String, scope: String) -> Message {
        Message("no-progress-yet", .error, "no progress has been recorded for \(scope) yet, so there is no \(month) to report on")
    }
    public static func noProgressForMonth(_ month: String, scope: String, months: [String]) -> Message {
        Message("no-progress-for-month", .error, "no progress recorded for \(month) in \(scope); months with progress: "
                + months.joined(separator: ", "))
    }
}
