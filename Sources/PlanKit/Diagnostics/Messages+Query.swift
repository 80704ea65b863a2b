// MARK: - Query checker and field entries (what a value or operator cannot mean)

extension Messages {
    /// `"x"` as a query quotes a value it rejects.
    static func v(_ s: String) -> String { "\"\(s)\"" }

    public static func emptyNotApplicable(_ field: String, fields: [String]) -> Message {
        Message("empty-not-applicable", .error, "\(field) always has a value; `is empty` applies to \(fields.joined(separator: " "))")
    }
    public static func textOperatorOnNonText(_ op: String, textFields: [String], field: String, kind: String) -> Message {
        Message("text-operator", .error, "`\(op)` works on text (\(textFields.joined(separator: " "))); \(field) is \(kind)")
    }
    public static func notANumber(_ field: String, value: String, percent: Bool) -> Message {
        Message("not-a-number", .error, "\(field) is a number\(percent ? " (0–100)" : ""); \(v(value)) is not a number")
    }
    public static func patternTooSlow(_ pattern: String, seconds: String) -> Message {
        Message("pattern-too-slow", .error, "pattern \"\(Suggest.excerpt(pattern))\" takes too long (over \(seconds) s on one task's text: "
                + "nested repetition such as (.*)* backtracks without end); simplify it, or use contains")
    }
    public static func invalidRegex(_ value: String, problem: RegexProblem) -> Message {
        let why = switch problem {
        case .unmatchedClose: "unmatched \")\""
        case .loneBackslash: "it ends with a lone \"\\\""
        case .unclosedClass: "unclosed \"[\""
        case .unclosedGroup: "unclosed \"(\""
        case let .nothingToRepeat(c): "\"\(c)\" has nothing to repeat"
        case .other: "not a valid ICU regular expression"
        }
        return Message("invalid-regex", .error, "invalid regular expression \(v(value)): \(why)")
    }
    /// Why a `matches` pattern is not a regular expression, as far as plansh can tell.
    public enum RegexProblem: Sendable, Equatable {
        case unmatchedClose, loneBackslash, unclosedClass, unclosedGroup, nothingToRepeat(Character), other
    }
    /// A status no word names (`update`, a sheet's cell, a query, a lesson alike): the nearest
    /// status word, then every word, keywords and Chinese names first, then the Chinese synonyms.
    public static func unknownStatus(_ value: String, nearest: String?) -> Message {
        let words = [TaskStatus.allCases.map(\.keyword), TaskStatus.allCases.map(\.chineseLabel),
                     TaskStatus.synonyms.map(\.word).filter { !$0.allSatisfy(\.isASCII) }]
        return Message("unknown-status", .error, "unknown status \(q(value))" + Suggest.didYouMean(nearest)
                       + " (" + words.map { $0.joined(separator: ", ") }.joined(separator: "; ") + ")")
    }
    public static func unknownOffice(_ value: String, suggestion: String, listHint: Bool) -> Message {
        Message("unknown-office", .error, "no task names the office \(v(value))" + suggestion + (listHint ? " (`offices` lists them)" : ""))
    }
    public static func unknownPlanValue(_ value: String, suggestion: String, noPlans: Bool) -> Message {
        Message("unknown-plan", .error, "no plan \(v(value))" + suggestion + (noPlans ? " (no plans are imported)" : ""))
    }
    public static func unknownTaskInPlan(_ value: String, plan: String, near: String?) -> Message {
        Message("unknown-task", .error, "no task \(v(value)) in plan \(plan)" + Suggest.didYouMean(near.map { plan + ":" + $0 }))
    }
    public static func unknownTaskPlan(_ value: String, plan: String, suggestion: String) -> Message {
        Message("unknown-task-plan", .error, "no task \(v(value)): no plan \"\(plan)\"" + suggestion)
    }
    public static func taskIDNeedsColon(_ value: String) -> Message {
        Message("task-id-needs-colon", .error, "a task id is plan:path, e.g. yy2025:2.1.1; \(v(value)) has no \":\"")
    }
    public static func badSection(_ value: String) -> Message {
        Message("bad-section", .error, "a section is dotted numbers such as 2 or 2.1 (optionally plan:2.1), not \(v(value))")
    }
    public static func sectionOperator(_ op: String, textual: Bool) -> Message {
        Message("section-operator", .error, "section takes = != or in (a subtree such as 2.1); "
                + (textual ? "use path \(op) …" : "use path for `\(op)`"))
    }
    public static func statusOperator(_ op: String) -> Message {
        Message("status-operator", .error, "status compares with = != or in, not `\(op)`")
    }
    public static func badDueValue(_ value: String) -> Message {
        Message("bad-due", .error, "due takes a date YYYY-MM-DD or a month YYYY-MM, not \(v(value))")
    }
    public static func badUpdatedValue(_ value: String) -> Message {
        Message("bad-updated", .error, "updated takes a month YYYY-MM, not \(v(value))")
    }
    public static func booleanOperator(_ field: String) -> Message {
        Message("boolean-operator", .error, "\(field) compares with = or != (true or false)")
    }
    public static func notABoolean(_ field: String, value: String, suggestion: String) -> Message {
        Message("not-a-boolean", .error, "\(field) is true or false, not \(v(value))" + suggestion)
    }
    /// `field` is `target` or `figure`.
    public static func targetNotANumber(_ field: String, value: String) -> Message {
        Message("target-not-a-number", .error,
                "\(field) compares with a number, optionally with a unit (90%, 10分钟); \(v(value)) is not a number")
    }
    /// `field` is `target` or `figure`.
    public static func unknownUnit(_ unit: String, field: String = "target", suggestion: String) -> Message {
        Message("unknown-unit", .error, "no \(field) has the unit \(v(unit))" + suggestion)
    }
    public static func orBetweenValues(_ word: String, list: String) -> Message {
        Message("or-between-values", .error,
                "unknown field \(v(word)): `or` joins conditions, not values — to match any of several values write `\(list)`")
    }
}

// MARK: - update … set … and progress values (shared with progress sheets)

extension Messages {
    public static func updateNeedsRows() -> Message {
        Message("update-needs-rows", .error, "`update` needs task ids or `tasks where …`, then `set F = V`")
    }
    public static func whereNeedsCondition() -> Message {
        Message("where-needs-condition", .error, "`where` needs a condition, e.g. `where status = behind`")
    }
    public static func expectedSet(found: String?, suggestion: String = "") -> Message {
        Message("expected-set", .error, "expected `set F = V` after the tasks to update" + (found.map { ", found \($0)" } ?? "") + suggestion)
    }
    public static func setNeedsAssignment() -> Message {
        Message("set-needs-assignment", .error, "`set` needs at least one F = V")
    }
    public static func expectedCommaBetweenAssignments(found: String) -> Message {
        Message("expected-comma", .error, "expected `,` between assignments, found \(found)")
    }
    public static func noTaskIDs(afterComma: Bool) -> Message {
        Message("no-task-ids", .error, afterComma ? "expected a task id after \",\"" : "no task ids before `set`")
    }
    public static func cannotSet(_ word: String, known: Bool, suggestion: String, settable: [String]) -> Message {
        Message("cannot-set", .error, (known ? "update cannot set \(word)" : "unknown field \(word)") + suggestion
                + " (update sets \(settable.joined(separator: ", ")))")
    }
    public static func expectedEquals(after name: String) -> Message {
        Message("expected-equals", .error, "expected `=` after \(name)")
    }
    public static func expectedValue(after name: String) -> Message {
        Message("expected-value", .error, "expected a value after `\(name) =`")
    }
    public static func progressOutOfRange(_ value: String) -> Message {
        Message("progress-out-of-range", .error, "progress \(value) is out of range (0–100)")
    }
    public static func badProgress(_ value: String) -> Message {
        Message("bad-progress", .error, "progress is a whole number 0–100 or a percent (40, 40%), not \(q(value))")
    }
    public static func badDueDate(_ value: String) -> Message {
        Message("bad-due-date", .error, "a due date is YYYY-MM-DD or YYYY-MM (or none), not \(q(value))")
    }
    public static func badStartDate(_ value: String) -> Message {
        Message("bad-start-date", .error, "a start date is YYYY-MM-DD or YYYY-MM (or none), not \(q(value))")
    }
    public static func startAfterDue(_ task: String, start: CalendarDay, due: CalendarDay) -> Message {
        Message("start-after-due", .error, "\(task) would start on \(start), after its due date \(due): "
                + "a task's calendar runs from start to due (set both, or `start = none` for the plan's start)")
    }
    public static func badMonth(_ value: String) -> Message {
        Message("bad-month", .error, "a month is YYYY-MM, not \(q(value))")
    }
}

// MARK: - Supervision and target fields (start, due_in, light, pace; find targets)

extension Messages {
    public static func badStartValue(_ value: String) -> Message {
        Message("bad-start", .error, "start takes a date YYYY-MM-DD or a month YYYY-MM, not \(v(value))")
    }
    public static func dueInNotWhole(_ value: String) -> Message {
        Message("due-in-not-whole", .error, "due_in is a whole number of days; \(v(value)) is not")
    }
    /// `light` or `pace` with an operator other than `=`, `!=`, `in`.
    public static func choiceOperator(_ field: String, op: String) -> Message {
        Message("choice-operator", .error, "\(field) compares with = != or in, not `\(op)`")
    }
    public static func unknownLight(_ value: String, suggestion: String) -> Message {
        Message("unknown-light", .error, "unknown light \(v(value))" + suggestion + " (lights: red yellow green, 红灯 黄灯 绿灯)")
    }
    public static func unknownPace(_ value: String, suggestion: String) -> Message {
        Message("unknown-pace", .error, "unknown pace \(v(value))" + suggestion
                + " (paces: done ahead on_pace behind_pace, 已完成 超序时 达序时 欠序时)")
    }

    // Fields of targets

    /// A number field of targets; `ratio` for attainment (0.8 or 80%).
    public static func targetFieldNotANumber(_ field: String, value: String, ratio: Bool) -> Message {
        Message("not-a-number", .error, "\(field) is a number\(ratio ? " (0.8 or 80%)" : ""); \(v(value)) is not a number")
    }
    public static func ratioWithUnit(_ field: String, unit: String) -> Message {
        Message("ratio-with-unit", .error, "\(field) is a ratio (0.8 or 80%), not in \(unit)")
    }
    /// A task id where a query wants a target id.
    public static func taskForTarget(_ value: String, id: String) -> Message {
        Message("task-not-target", .error, "\(v(value)) is a task; a target id is task#n, e.g. \(id)#1")
    }
    public static func badTargetID(_ value: String) -> Message {
        Message("not-target-id", .error, "a target id is plan:path#n or plan#In (e.g. yy2025:2.1.1#1, yy2025#I1), not \(v(value))")
    }
    public static func badTargetMonth(_ value: String) -> Message {
        Message("bad-month", .error, "month is YYYY-MM, not \(v(value))")
    }
}
