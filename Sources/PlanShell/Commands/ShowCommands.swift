import PlanKit

/// `show plan ID`: the outline with counts and every warning.
enum ShowPlanCommand {
    static let spec = CommandSpec(
        ["show", "plan"], summary: "a plan's outline with task counts and its import warnings",
        usage: "show plan ID",
        details: """
        Title, issuer, year and source file; the top two levels of sections with the number of
        tasks under each (a section with none is preamble); every warning the import recorded,
        with its line number. `--format json` (or `> plan.json`) gives every section.
          show plan qingshan2025
        """,
        topic: "plans"
    ) { input, session in
        let id = try PlanCommands.planID(input, command: "show plan", in: session.workspace)
        return .rendered(try PlanOutline(workspace: session.workspace, planID: id))
    }
}

/// `show task ID`: one task in full.
enum ShowTaskCommand {
    static let spec = CommandSpec(
        ["show", "task"], summary: "one task: text, offices, targets, progress and history",
        usage: "show task ID",
        details: """
        ID is PLAN:PATH, e.g. qingshan2025:2.1.3. Shows the full text, the offices in the order
        written (an open list ends with 等), every target with its comparator, value and unit,
        the progress fields and the history of changes.
          show task qingshan2025:2.1.3
        """,
        topic: "plans"
    ) { input, session in
        let args = Array(input.arguments)
        guard let word = args.first else {
            throw Diagnostic("`show task` needs a task id (PLAN:PATH)", at: input.words[1].span)
        }
        if args.count > 1 { throw Diagnostic("`show task` takes one task id", at: args[1].span) }
        let row = try ProgressCommands.row(of: word.value, span: word.span, in: session.workspace)
        return .rendered(TaskDetail(workspace: session.workspace, row: row, context: session.queryContext))
    }
}
