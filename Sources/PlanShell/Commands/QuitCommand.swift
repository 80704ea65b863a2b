import PlanKit

enum QuitCommand {
    static let spec = CommandSpec(["quit"], summary: "leave plansh (Ctrl-D too)") { _, session in
        session.shouldQuit = true
        return .none
    }
    static let exitSpec = CommandSpec(["exit"], summary: "leave plansh", topic: "hidden") { _, session in
        session.shouldQuit = true
        return .none
    }
}
