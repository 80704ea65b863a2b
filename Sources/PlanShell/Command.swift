import PlanKit

/// One command of the shell: its words, its help, and what it does.
///
/// Commands live one per file under `Commands/` and are listed in `CommandTable`.
/// A command parses its own `CommandInput`, calls into PlanKit, and returns output;
/// errors are thrown as `Diagnostic`s with spans into `input.text`, rendered by the session.
public struct CommandSpec: Sendable {
    /// The words that select the command: `["find"]`, `["import", "plan"]`.
    public let words: [String]
    /// One line for `help`.
    public let summary: String
    /// Syntax, e.g. `find [tasks] [where EXPR] …`.
    public let usage: String
    /// Paragraphs and examples for `help NAME`.
    public let details: String
    /// The `help` topic this command is listed under.
    public let topic: String
    public let run: @Sendable (CommandInput, Session) throws -> CommandOutput

    public init(_ words: [String], summary: String, usage: String, details: String = "", topic: String = "general",
                run: @escaping @Sendable (CommandInput, Session) throws -> CommandOutput) {
        self.words = words
        self.summary = summary
        self.usage = usage
        self.details = details
        self.topic = topic
        self.run = run
    }

    public var name: String { words.joined(separator: " ") }
}

/// The text of one command, as given to its `run`.
public struct CommandInput: Sendable {
    /// The whole command text (`find tasks where …`), without a trailing `> FILE`.
    public let text: String
    /// The words of `text`, quotes removed, each with its character span in `text`.
    public let words: [Word]
    /// How many of `words` selected the command (`import plan` → 2).
    public let commandWordCount: Int

    public init(text: String, commandWordCount: Int) throws {
        self.text = text
        self.words = try Word.split(text)
        self.commandWordCount = commandWordCount
    }

    /// The words after the command's own words.
    public var arguments: ArraySlice<Word> { words.dropFirst(commandWordCount) }

    /// Character offset in `text` where the arguments start (end of text when none).
    public var argumentsOffset: Int {
        arguments.first?.span.lowerBound ?? text.count
    }

    /// The text after the command's own words, and its character offset in `text`.
    public var argumentText: (text: String, offset: Int) {
        let off = argumentsOffset
        return (String(text.dropFirst(off)), off)
    }
}

/// A shell word: bare or quoted (`"…"`, `'…'`), with its span in characters.
public struct Word: Sendable, Equatable {
    public let value: String
    public let span: Range<Int>
    public let quoted: Bool

    public init(value: String, span: Range<Int>, quoted: Bool) {
        self.value = value
        self.span = span
        self.quoted = quoted
    }

    /// Splits on spaces (ASCII or ideographic) outside quotes; `\"` escapes inside double quotes.
    /// An open quote is an `.incomplete` diagnostic.
    public static func split(_ text: String) throws -> [Word] {
        var out: [Word] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\u{3000}" || c == "\n" { i += 1; continue }
            let start = i
            if c == "\"" || c == "'" || c == "“" || c == "‘" {
                let close: Character = c == "“" ? "”" : c == "‘" ? "’" : c
                var v = ""
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == "\\" && close == "\"" && i + 1 < chars.count {
                        v.append(chars[i + 1]); i += 2; continue
                    }
                    if chars[i] == close { closed = true; i += 1; break }
                    v.append(chars[i]); i += 1
                }
                guard closed else {
                    throw Diagnostic.incomplete("unterminated string", at: start..<chars.count)
                }
                out.append(Word(value: v, span: start..<i, quoted: true))
            } else {
                var v = ""
                while i < chars.count, chars[i] != " ", chars[i] != "\t", chars[i] != "\u{3000}", chars[i] != "\n" {
                    v.append(chars[i]); i += 1
                }
                out.append(Word(value: v, span: start..<i, quoted: false))
            }
        }
        return out
    }
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
