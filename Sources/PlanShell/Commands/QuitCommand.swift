import PlanKit

enum QuitCommand {
    static let spec = CommandSpec(["quit"], summary: "leave plansh (Ctrl-D too)", usage: "quit") { _, session in
        session.shouldQuit = true
        return .none
    }
    static let exitSpec = CommandSpec(["exit"], summary: "leave plansh", usage: "exit", topic: "hidden") { _, session in
        session.shouldQuit = true
        return .none
    }
}
