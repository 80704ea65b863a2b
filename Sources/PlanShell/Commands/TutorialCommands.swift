import PlanKit

/// The tutorial and its demo data: `tutorial`, `import demo`.
enum TutorialCommands {
    static let specs: [CommandSpec] = [TutorialCommand.spec, ImportDemoCommand.spec]
}
