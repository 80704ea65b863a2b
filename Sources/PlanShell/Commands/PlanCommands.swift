import PlanKit

/// Commands of this group, one file each beside this one.
enum PlanCommands {
    static let specs: [CommandSpec] = [
        ImportPlanCommand.spec, PlansCommand.spec, ShowPlanCommand.spec, ShowTaskCommand.spec,
        DropPlanCommand.spec, OfficesCommand.spec,
    ]

    /// The one plan id a command takes, checked against the workspace (with a suggestion).
    static func planID(_ input: CommandInput, command: String, in w: Workspace) throws -> String {
        let args = Array(input.arguments)
        guard let word = args.first else {
            let known = w.plans.prefix(5).map(\.id).joined(separator: ", ")
            throw Diagnostic("`\(command)` needs a plan id" + (known.isEmpty ? " (no plans are imported yet)" : " (e.g. \(known))"),
                             at: input.words[input.commandWordCount - 1].span)
        }
        if args.count > 1 { throw Diagnostic("`\(command)` takes one plan id", at: args[1].span) }
        let id = TextFolding.fold(word.value).lowercased()
        guard w.planIndex(id) != nil else {
            throw Diagnostic("no plan \"\(Suggest.excerpt(word.value))\"" + Suggest.phrase(id, in: w.plans.map(\.id)), at: word.span)
        }
        return id
    }
}
