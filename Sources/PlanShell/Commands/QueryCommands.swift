import PlanKit

/// Commands of this group, one file each beside this one.
enum QueryCommands {
    static let specs: [CommandSpec] = [FindCommand.spec, CountCommand.spec]
}
