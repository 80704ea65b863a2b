import PlanKit

// # Declaring a command
//
// A command is one `CommandSpec` in its own file under `Commands/`, listed in `CommandTable`.
// It declares its words, its parameters and whether it changes data; everything else is
// derived from that declaration by `Binder`: the usage line, arity errors with a caret,
// `help COMMAND`, Tab completion and the read-only refusal. A command never checks its own
// arity. For example:
//
//     enum WhyCommand {
//         static let spec = CommandSpec(
//             ["why"], summary: "why a task has its light",
//             parameters: [.task("ID"), .option("month", .month("YYYY-MM"), aliases: ["月份"])],
//             details: "…\n  why qingshan2025:2.1.3", topic: "supervision"
//         ) { args, session in
//             let row = try args.taskRow("ID")          // checked by the binder, with suggestions
//             let month = args.month("YYYY-MM")          // nil when not given
//             …
//         }
//     }
//
// Parameters: positional ones in order (`.plan("ID")`, `.task("ID")`, `.target("ID")`,
// `.snapshot("NAME")`, `.file("FILE")`, `.number("N")`, `.date("DATE")`, `.month("YYYY-MM")`,
// `.oneOf("WORD", [...])`, wrapped in `.optional(…)` when they may be left out), options
// introduced by a keyword in any order (`.option("as", .newPlan("ID"))`, `.flag("replace")`),
// and last a rest: `.query("…usage…")` (text for the query grammar) or `.text("TEXT")` (the
// remaining words). Add `changesData: true` when the command writes to the store.

/// One command of the shell: its words, its declared parameters, its help, and what it does.
public struct CommandSpec: Sendable {
    /// The words that select the command: `["find"]`, `["import", "plan"]`.
    public let words: [String]
    /// One line for `help`.
    public let summary: String
    public let parameters: [Parameter]
    /// Writes to the store: refused on a read-only store before it runs.
    public let changesData: Bool
    /// Paragraphs and examples for `help NAME`. Indented lines starting with a command word are
    /// examples: a test runs each against the demo store.
    public let details: String
    /// The `help` topic this command is listed under (`hidden`: not listed).
    public let topic: String
    public let run: @Sendable (Arguments, Session) throws -> CommandOutput

    public init(_ words: [String], summary: String, parameters: [Parameter] = [], changesData: Bool = false,
                details: String = "", topic: String = "general",
                run: @escaping @Sendable (Arguments, Session) throws -> CommandOutput) {
        self.words = words
        self.summary = summary
        self.parameters = parameters
        self.changesData = changesData
        self.details = details
        self.topic = topic
        self.run = run
    }

    public var name: String { words.joined(separator: " ") }

    /// `import plan FILE [as ID] [replace]`, made from the declaration.
    public var usage: String {
        ([name] + parameters.map(\.usage)).joined(separator: " ")
    }
}

/// The text of one command, as given to its `run`.
public struct CommandInput: Sendable {
    /// The whole command text (`find tasks where …`), without a trailing `> FILE`.
    public let text: String
    /// The words of `text`, quotes removed, each with its character span in `text`.
    public let words: [Word]
    /// How many of `words` selected the command (`import plan` → 2).
    public let commandWordCount: Int

    public init(text: String, words: [Word], commandWordCount: Int) {
        self.text = text
        self.words = words
        self.commandWordCount = commandWordCount
    }

    /// Lexes `text` as one command (tests and the tutorial).
    public init(text: String, commandWordCount: Int) throws {
        let lexed = ShellLexer.lex(text)
        if let d = lexed.incomplete { throw d }
        let words = try lexed.segments.first.map { try ExpandedCommand($0, source: text, variables: [:]).words } ?? []
        self.init(text: text, words: words, commandWordCount: commandWordCount)
    }

    /// The words after the command's own words.
    public var arguments: ArraySlice<Word> { words.dropFirst(commandWordCount) }

    /// The span just after the end of the text: where a missing word would go.
    public var endSpan: Range<Int> { text.count..<(text.count + 1) }
}

/// A shell word: bare or quoted, with its span in characters of the command text.
public struct Word: Sendable, Equatable {
    public let value: String
    public let span: Range<Int>
    public let quoted: Bool

    public init(value: String, span: Range<Int>, quoted: Bool) {
        self.value = value
        self.span = span
        self.quoted = quoted
    }

    /// The words of `text` (one command, no variables), for the tutorial's checks.
    public static func split(_ text: String) throws -> [Word] {
        try CommandInput(text: text, commandWordCount: 0).words
    }

    /// This word as a keyword (folded), or nil when quoted: `"where"` is a value.
    var keyword: String? { quoted ? nil : TextFolding.keyword(value) }
}

/// A command that failed but has a result to show (`check` finding damage): the session writes
/// the result where output goes — the screen or `> FILE` — then reports the error.
public struct FailedWithResult: Error {
    public var result: CommandOutput
    public var diagnostic: Diagnostic
}

/// What a command hands back to the session for display.
public enum CommandOutput: Sendable {
    case none
    /// A short confirmation or message (`imported plan yy2025: 44 tasks`).
    case message(String)
    /// A result to render in the session's format or the `> FILE` extension's.
    case rendered(any Renderable)
}
