import PlanKit

enum EchoCommand {
    static let spec = CommandSpec(
        ["echo"], summary: "print text (after $VARIABLE interpolation)", parameters: [.text("TEXT")],
        details: "Quotes group words and are removed: echo \"本月报告\" $month",
        topic: "scripts"
    ) { args, _ in
        .message(args.rest.map(\.value).joined(separator: " "))
    }
}
