import PlanKit

/// `show plan ID`: the outline with counts and every warning.
enum ShowPlanCommand {
    static let spec = CommandSpec(
        ["show", "plan"], summary: "a plan's outline with task counts and its import warnings",
        parameters: [.plan("ID")],
        details: """
        Title, issuer, year and source file; the top two levels of sections with the number of
        tasks under each (a section with none is preamble); every warning the import recorded,
        with its line number. `--format json` (or `> plan.json`) gives every section.
          show plan qingshan2025
        """,
        topic: "plans"
    ) { args, session in
        .rendered(try PlanOutline(workspace: session.workspace, planID: args.planID("ID") ?? ""))
    }
}

/// `show task ID`: one task in full.
enum ShowTaskCommand {
    static let spec = CommandSpec(
        ["show", "task"], summary: "one task: text, offices, targets, progress and history",
        parameters: [.task("ID")],
        details: """
        ID is PLAN:PATH, e.g. qingshan2025:2.1.3. Shows the full text, the offices in the order
        written (an open list ends with 等), every target with its comparator, value and unit,
        the progress fields and the history of changes.
          show task qingshan2025:2.1.3
        """,
        topic: "plans"
    ) { args, session in
        .rendered(TaskDetail(workspace: session.workspace, row: args.taskRow("ID") ?? 0, context: session.queryContext))
    }
}
