import PlanKit

enum RunCommand {
    static let spec = CommandSpec(
        ["run"], summary: "run a script file", usage: "run FILE [ARGS…]",
        details: """
        A script holds commands, one per line; `#` starts a comment, `;` separates commands.
        Arguments are $1, $2 …; `set NAME = VALUE` defines $NAME. The first error stops the
        script (`set errors = continue` overrides) and prints FILE:LINE:COL with a caret.
        A script cannot run itself, directly or through another script.
        """,
        topic: "scripts"
    ) { input, session in
        let args = Array(input.arguments)
        guard let file = args.first else {
            throw Diagnostic("`run` needs a script file", at: input.words[0].span)
        }
        let url = session.resolve(path: file.value)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Diagnostic("no script file \(file.value)", at: file.span)
        }
        guard session.runScript(at: url, displayName: file.value, arguments: args.dropFirst().map(\.value)) else {
            throw AlreadyReported()
        }
        return .none
    }
}

import Foundation
