import PlanKit

/// Commands of this group, one file each beside this one.
enum CoreCommands {
    static let specs: [CommandSpec] = []
}
