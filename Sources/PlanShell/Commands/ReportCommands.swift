import PlanKit

/// Commands of this group, one file each beside this one.
enum ReportCommands {
    static let specs: [CommandSpec] = [ReportCommand.spec]
}
