import PlanKit

/// `count`: how many tasks match, optionally per group of field values.
enum CountCommand {
    static let spec = CommandSpec(
        ["count"], summary: "count tasks (or targets: count targets), optionally grouped by fields",
        parameters: [.query("[tasks|targets] [where EXPR] [by F[, F…]] [--format F]")],
        details: """
        Without `by`, prints the number of matching tasks. With `by`, one row per combination
        of values and its count. A list field counts a task once per value: `by office` counts a
        task once for each of its offices (a task with no office is not counted there).
        JSON: {"count": N}, or with `by` an array of {"F": value, …, "count": N}.
        `count targets` counts targets with the target fields (help query); a target with no
        actual has no light: `by light` counts those in a group of their own, with an empty light
        (as `by lead` counts tasks with no office), so the groups add up to `count targets`.

        Examples:
          count tasks where status = behind
          count tasks by office, status
          count where plan = qingshan2025 by 状态
          count tasks by office > offices.csv
          count targets by unit, light
        """,
        topic: "query"
    ) { args, session in
        .rendered(try QueryEngine.run(args.input.text, in: session.workspace, context: session.queryContext))
    }
}
