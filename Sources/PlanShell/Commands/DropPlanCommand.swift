import PlanKit

/// `drop plan ID`: removes a plan, its tasks and their history.
enum DropPlanCommand {
    static let spec = CommandSpec(
        ["drop", "plan"], summary: "remove a plan with its tasks and their history",
        parameters: [.plan("ID")], changesData: true,
        details: """
        The plan leaves the working state; snapshots saved earlier still hold it (`load` brings
        it back). In the interactive shell you are asked first.
          drop plan qingshan2025
        """,
        topic: "plans"
    ) { args, session in
        let w = session.workspace
        let id = args.planID("ID") ?? ""
        let tasks = w.planIndex(id).map { w.taskRanges[$0].count } ?? 0
        if session.environment.isInteractive && !session.settings.assumeYes
            && !session.confirm("drop plan \(id) with its \(Lexicon.counted(tasks, .tasks).en) and their history?") {
            return .message("nothing dropped")
        }
        try session.commit(.dropPlan(id))
        return .message("dropped plan \(id) (\(Lexicon.counted(tasks, .tasks).en))")
    }
}
