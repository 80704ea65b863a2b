import PlanKit

/// Commands of this group, one file each beside this one.
enum ProgressCommands {
    static let specs: [CommandSpec] = []
}
