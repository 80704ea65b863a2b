import PlanKit

/// The shell's own commands: echo, set, run, help, quit.
enum CoreCommands {
    static let specs: [CommandSpec] = [EchoCommand.spec, SetCommand.spec, RunCommand.spec, HelpCommand.spec,
                                       QuitCommand.spec, QuitCommand.exitSpec]
}
