import PlanKit

/// Commands of this group, one file each beside this one.
enum PlanCommands {
    static let specs: [CommandSpec] = [
        ImportPlanCommand.spec, PlansCommand.spec, ShowPlanCommand.spec, ShowTaskCommand.spec,
        DropPlanCommand.spec, OfficesCommand.spec,
    ]

}
