/// How serious a message is: an error stops a script, a warning and a note do not.
public enum Severity: String, Sendable, Equatable {
    case error, warning, note
}

/// One user-facing message: a stable name (tests and docs refer to it), a severity and its words.
///
/// Every sentence plansh says about a user's mistake is a static member of `Messages` (the
/// catalogue below, grouped by the stage that says it), so the wording lives in one place and a
/// test can ask "which message was this" without matching text.
public struct Message: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public let severity: Severity
    public let text: String

    public init(_ name: String, _ severity: Severity = .error, _ text: String) {
        self.name = name
        self.severity = severity
        self.text = text
    }

    public var description: String { text }
}

extension Diagnostic {
    /// A diagnostic saying `message` at `span`.
    public init(_ message: Message, at span: Range<Int>? = nil, notes: [String] = []) {
        self.init(message.text, at: span, notes: notes)
        self.name = message.name
        self.severity = message.severity
    }

    /// An "incomplete input" diagnostic (the shell answers it with a continuation line).
    public static func incomplete(_ message: Message, at span: Range<Int>? = nil) -> Diagnostic {
        var d = Diagnostic(message, at: span)
        d.kind = .incomplete
        return d
    }
}

/// The catalogue of messages, one static member each, grouped by who says it.
public enum Messages {
    /// `"x"` cut to a readable length, for quoting user input inside a message.
    static func q(_ word: String) -> String { "\"" + Suggest.excerpt(word) + "\"" }

    /// `1 damaged record`, `3 damaged records`: the one English plural of the catalogue (tables
    /// and summaries count with `Lexicon.counted`, which knows Chinese counters too).
    static func n(_ count: Int, _ singular: String) -> String {
        "\(count) \(singular)" + (count == 1 ? "" : singular.hasSuffix("s") ? "es" : "s")
    }
}

// MARK: - Shell line (lexer, interpolation, redirect)

extension Messages {
    public static func unterminatedString() -> Message {
        Message("unterminated-string", .error, "unterminated string: the quote opened here is never closed")
    }
    public static func unterminatedVariable() -> Message {
        Message("unterminated-variable", .error, "unterminated ${…}: add the closing }")
    }
    public static func unknownVariable(_ name: String, known: [String]) -> Message {
        Message("unknown-variable", .error, "unknown variable $\(Suggest.excerpt(name))" + Suggest.phrase(name, in: known))
    }
    public static func variableTooLong(_ name: String, bytes: Int, limit: Int) -> Message {
        Message("variable-too-long", .error,
                "$\(name) would hold \(bytes / 1024) KB; a variable holds at most \(limit / (1024 * 1024)) MB")
    }
    public static func unclosedAtEnd(_ what: String) -> Message {
        Message("unclosed-at-end", .error, "unexpected end of \(what): a string or parenthesis is not closed")
    }
    public static func redirectNoWriter(_ file: String, known: [String]) -> Message {
        Message("redirect-no-writer", .error,
                "no writer for \(q(file)): the extension chooses the format (" + known.map { "." + $0 }.joined(separator: " ") + ")")
    }
    public static func cannotWrite(_ file: String, reason: String) -> Message {
        Message("cannot-write", .error, "cannot write \(file): \(reason)")
    }
    public static func invalidUTF8Line() -> Message {
        Message("invalid-utf8", .error, "line is not valid UTF-8")
    }
}

// MARK: - Commands (binder, usage)

extension Messages {
    public static func unknownCommand(_ word: String, suggestion: String?) -> Message {
        Message("unknown-command", .error,
                "unknown command \(q(word))" + Suggest.didYouMean(suggestion))
    }
    /// `show` alone: the first word of several commands, none chosen.
    public static func incompleteCommand(_ word: String, choices: [String]) -> Message {
        Message("incomplete-command", .error, "`\(word)` needs more: " + choices.joined(separator: " | "))
    }
    public static func unknownSubcommand(_ word: String, after command: String, choices: [String]) -> Message {
        Message("unknown-subcommand", .error,
                "`\(command) \(Suggest.excerpt(word))` is not a command" + Suggest.phrase(word, in: choices)
                + " (" + choices.map { "\(command) \($0)" }.joined(separator: " | ") + ")")
    }
    public static func missingArgument(_ what: String, usage: String) -> Message {
        Message("missing-argument", .error, "expected \(what) — usage: \(usage)")
    }
    public static func extraArgument(_ word: String, suggestion: String? = nil, usage: String) -> Message {
        Message("extra-argument", .error, "unexpected \(q(word))"
                + Suggest.didYouMean(suggestion) + " — usage: \(usage)")
    }
    public static func badArgument(_ word: String, expected: String, usage: String) -> Message {
        Message("bad-argument", .error, "\(q(word)) is not \(expected) — usage: \(usage)")
    }
    public static func keywordTwice(_ word: String) -> Message {
        Message("keyword-twice", .error, "`\(word)` given twice")
    }
    public static func readOnly(_ command: String, reason: String) -> Message {
        Message("read-only", .error, "the store is read-only (\(reason)): `\(command)` changes data and is refused")
    }
    public static func noPlan(_ id: String, known: [String]) -> Message {
        noPlan(id, suggestion: Suggest.nearest(id, in: known), noneImported: known.isEmpty)
    }
    /// The same message when the nearest id was already chosen.
    public static func noPlan(_ id: String, suggestion: String?, noneImported: Bool = false) -> Message {
        Message("no-plan", .error, "no plan \(q(id))" + Suggest.didYouMean(suggestion)
                + (noneImported ? " (no plans are imported yet: `import plan FILE` or `import demo`)" : ""))
    }
    public static func invalidPlanID(_ id: String) -> Message {
        Message("invalid-plan-id", .error, "plan id \(q(id)) is not valid: use lower-case letters, digits, _ and -")
    }
    public static func notTaskID(_ word: String) -> Message {
        Message("not-task-id", .error, "\(q(word)) is not a task id (PLAN:PATH, e.g. yy2025:2.1.1)")
    }
    public static func noTask(_ id: String, suggestion: String?) -> Message {
        Message("no-task", .error, "no task \(q(id))" + Suggest.didYouMean(suggestion))
    }
    public static func targetNotTask(_ id: String, task: String) -> Message {
        Message("target-not-task", .error, "\(q(id)) names a target, not a task: use its task \(task) here "
                + "(`find targets where task = \(task)` lists its targets)")
    }
    public static func badSetting(name: String, value: String, values: [String]) -> Message {
        Message("bad-setting", .error, "`set \(name)` takes " + values.joined(separator: ", ") + ", not \(q(value))"
                + Suggest.phrase(value, in: values).replacingOccurrences(of: " — ", with: "; "))
    }
    public static func badVariableName() -> Message {
        Message("bad-variable-name", .error, "a variable name is letters, digits and _ (ASCII), starting with a letter")
    }
    public static func noHelp(_ word: String, known: [String]) -> Message {
        Message("no-help", .error, "no help for \(q(word))" + Suggest.phrase(word, in: known))
    }
}

// MARK: - Scripts and the tutorial

extension Messages {
    /// A note under a diagnostic: the script that ran the one it happened in.
    public static func inScript(_ name: String, line: Int) -> Message {
        Message("in-script", .note, "in script \(name):\(line)")
    }
    public static func scriptRunsItself(_ name: String, chain: String) -> Message {
        Message("script-runs-itself", .error, "script \(name) runs itself (\(chain))")
    }
    public static func cannotReadScript(_ name: String, reason: String) -> Message {
        Message("cannot-read-script", .error, "cannot read script \(name): \(reason)")
    }
    public static func scriptNotUTF8(_ name: String) -> Message {
        Message("script-not-utf8", .error, "script \(name) is not valid UTF-8")
    }
    public static func noScriptFile(_ name: String) -> Message {
        Message("no-script-file", .error, "no script file \(name)")
    }
    public static func lessonRunning() -> Message {
        Message("lesson-running", .error, "a lesson is already running")
    }
    public static func noLesson(_ n: Int, count: Int) -> Message {
        Message("no-lesson", .error, "there is no lesson \(n): lessons are 1–\(count) (`tutorial` lists them)")
    }
    public static func noLessons(_ path: String) -> Message {
        Message("no-lessons", .error, "there are no lessons in \(path)")
    }
    public static func lessonsAreInteractive(_ n: Int) -> Message {
        Message("lessons-interactive", .error, "lessons are interactive: start `plansh` in a terminal and type `tutorial \(n)` there")
    }
    public static func lessonUnusable(_ n: Int, reason: String) -> Message {
        Message("lesson-unusable", .error, "lesson \(n) cannot be used: \(reason)")
    }
    public static func examplesNotADirectory(_ key: String, _ value: String) -> Message {
        Message("examples-not-directory", .error, "$\(key) is \(value), which is not a directory")
    }
    public static func cannotWriteBuiltInExamples(_ path: String, reason: String) -> Message {
        Message("cannot-write-examples", .error, "cannot write the built-in examples to \(path): \(reason)")
    }
}

// MARK: - Query (the registry helper adds the query stages' messages here)
