import PlanKit

/// Help topics beyond command names.
enum HelpTopics {
    static let texts: [String: String] = [
        "query": QueryHelp.text(),
        "scripts": """
        plansh FILE.plansh ARG…   run a script; $1… are its arguments, --set NAME=VALUE sets $NAME
        plansh -c 'CMD; CMD'      run commands and exit
        cmd | plansh              read commands from a pipe (no prompt)
        In scripts: # comments, `;` between commands, set NAME = VALUE, $NAME / ${NAME}, run OTHER.plansh.
        The first error stops the script with FILE:LINE:COL and exit status 1.
        Exit status: 0 success, 1 a command failed, 2 bad usage.
        """,
        "output": """
        Any query or report may end with `> FILE`: \(OutputTarget.extensions.map { "." + $0 }.joined(separator: " ")) choose the format;
        an extension with no writer is an error.
        `set format \(ScreenFormat.names.joined(separator: "|"))` sets the format on the screen.
        """,
    ]
    static var names: [String] { texts.keys.sorted() }
}

enum HelpCommand {
    static let spec = CommandSpec(
        ["help"], summary: "list commands, or explain one", parameters: [.topic("COMMAND|TOPIC")],
        details: "Topics: " + HelpTopics.names.joined(separator: ", ") + ".", topic: "general"
    ) { args, _ in
        let words = args.rest
        guard let first = words.first, let last = words.last else { return .message(overview()) }
        let key = words.map { TextFolding.keyword($0.value) }
        if key.count == 1, let t = HelpTopics.texts[key[0]] { return .message(t) }
        let matching = CommandTable.all.filter { spec in
            Array(spec.words.prefix(key.count)) == key && spec.topic != "hidden"
        }
        guard !matching.isEmpty else {
            let word = words.map(\.value).joined(separator: " ")
            throw Diagnostic(Messages.noHelp(word, known: CommandTable.all.map(\.name) + HelpTopics.names),
                             at: first.span.lowerBound..<last.span.upperBound)
        }
        return .message(matching.map(text(for:)).joined(separator: "\n\n"))
    }

    /// `help COMMAND`: the usage line made from the declaration, the summary, the details.
    static func text(for spec: CommandSpec) -> String {
        var s = "\(spec.usage)\n  \(spec.summary)"
        if spec.changesData { s += " (changes data)" }
        if !spec.details.isEmpty {
            s += "\n\n" + spec.details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        }
        return s
    }

    static func overview() -> String {
        let shown = CommandTable.all.filter { $0.topic != "hidden" }
        let width = (shown.map { DisplayWidth.of($0.name) }.max() ?? 8) + 2
        var lines = ["Commands (help COMMAND for details; help query, help scripts, help output):"]
        for spec in shown {
            lines.append("  " + DisplayWidth.pad(spec.name, to: width) + spec.summary)
        }
        return lines.joined(separator: "\n")
    }
}
