import PlanKit

/// Commands of this group, one file each beside this one.
enum TutorialCommands {
    static let specs: [CommandSpec] = []
}
