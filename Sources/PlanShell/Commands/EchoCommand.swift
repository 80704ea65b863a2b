import PlanKit

enum EchoCommand {
    static let spec = CommandSpec(
        ["echo"], summary: "print text (after $VARIABLE interpolation)", usage: "echo TEXT",
        details: "Quotes group words and are removed: echo \"本月报告\" $month",
        topic: "scripts"
    ) { input, _ in
        .message(input.arguments.map(\.value).joined(separator: " "))
    }
}
