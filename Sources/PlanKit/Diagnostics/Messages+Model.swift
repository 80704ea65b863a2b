// MARK: - The model: imports into the workspace, progress updates, target ids and actual values

extension Messages {
    public static func planIDTwice(_ id: String) -> Message {
        Message("plan-id-twice", .error, "plan id \"\(id)\" given twice in one import")
    }
    public static func planExists(_ id: String) -> Message {
        Message("plan-exists", .error, "plan \"\(id)\" exists; add `replace` to replace it (progress of surviving tasks is kept)")
    }
    /// A plan-level update (a plan's indicators) that sets a task's fields.
    public static func planHasOnlyIndicators(_ plan: String) -> Message {
        Message("plan-has-only-indicators", .error,
                "plan \(plan) has no status, progress, note or due of its own (only its indicators' actuals)")
    }

    // Target ids (`TASK#n`, `PLAN#In`)

    public static func taskNotTarget(_ id: String) -> Message {
        Message("task-not-target", .error, "\"\(id)\" is a task, not a target: a target id is TASK#n (\(id)#1 is its first target)")
    }
    public static func notTargetID(_ text: String) -> Message {
        Message("not-target-id", .error, "\"\(Suggest.excerpt(text))\" is not a target id (TASK#n such as yy2025:2.1.1#1, or PLAN#In)")
    }
    public static func noTargetNoPlan(_ ref: String, plan: String, plans: [String]) -> Message {
        Message("no-target", .error, "no target \(ref): no plan \"\(plan)\"" + Suggest.phrase(plan, in: plans))
    }
    public static func noTargetNoTask(_ ref: String, task: String) -> Message {
        Message("no-target", .error, "no target \(ref): no task \(task)")
    }
    /// `plan#I4` when the plan's indicator table has `count` rows.
    public static func noIndicator(_ ref: String, plan: String, count: Int) -> Message {
        Message("no-target", .error, "no target \(ref) (plan \(plan) has \(count == 0 ? "no indicator table" : "indicators #I1–#I\(count)"))")
    }
    /// `task#9` when the task has `count` targets.
    public static func noTargetNumber(_ ref: String, task: String, count: Int) -> Message {
        let has = count == 0 ? "no targets" : Lexicon.counted(count, .targets).en + (count == 1 ? ", #1" : ", #1–#\(count)")
        return Message("no-target", .error, "no target \(ref) (task \(task) has \(has))")
    }

    // Actual values (`update TASK#n set actual = V`, a sheet's 完成值)

    public static func badActual(_ text: String) -> Message {
        Message("bad-actual", .error, "an actual is a number with an optional unit (44%, 1500, 1.2万), not \"\(Suggest.excerpt(text))\"")
    }
    public static func actualNotNumber(_ ref: String) -> Message {
        Message("actual-not-number", .error, "the actual of \(ref) is not a number")
    }
    /// A target written `xx%`: nothing to judge an actual against.
    public static func targetRedacted(_ ref: String, raw: String) -> Message {
        Message("target-redacted", .error, "\(ref) is redacted (\(raw)): an actual cannot be judged against it")
    }
    /// The same, said after the target id (`REF: the target value is …`).
    public static func targetValueRedacted(raw: String) -> Message {
        Message("target-redacted", .error, "the target value is redacted (\(raw)): an actual cannot be judged against it")
    }
    public static func unitNotConverted(_ unit: String) -> Message {
        Message("unit-not-converted", .error, "\(unit) is not converted: write the actual in \(unit) or with no unit")
    }
    public static func unitsIncompatible(given: String, target: String) -> Message {
        Message("units-incompatible", .error, "an actual in \(given) cannot be compared with a target in \(target)"
                + " (only 千/万/亿 convert; write it in \(target))")
    }
}
