import PlanKit

enum RunCommand {
    static let spec = CommandSpec(
        ["run"], summary: "run a script file", parameters: [.file("FILE"), .text("ARGS…")],
        details: """
        A script holds commands, one per line; `#` starts a comment, `;` separates commands.
        Arguments are $1, $2 …; `set NAME = VALUE` defines $NAME. The first error stops the
        script (`set errors = continue` overrides) and prints FILE:LINE:COL with a caret.
        A script cannot run itself, directly or through another script.
        """,
        topic: "scripts"
    ) { args, session in
        guard let file = args.word("FILE") else { return .none }
        let url = session.resolve(path: file.value)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw Diagnostic(Messages.noScriptFile(file.value), at: file.span)
        }
        if let cycle = session.scriptCycle(url, displayName: file.value) {
            throw cycle.placed(at: file.span)
        }
        guard session.runScript(at: url, displayName: file.value, arguments: args.rest.map(\.value)) else {
            throw AlreadyReported()
        }
        return .none
    }
}

import Foundation
