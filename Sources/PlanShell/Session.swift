import Foundation
import PlanKit

/// Where a session runs and what it may do there.
public struct SessionEnvironment: Sendable {
    /// A person is typing (libedit prompt): confirmations may be asked.
    public var isInteractive: Bool
    /// Standard output is a terminal: charts, progress lines, truncation to its width.
    public var stdoutIsTerminal: Bool
    /// Terminal width in columns (120 when not a terminal).
    public var width: Int
    /// Current directory relative paths are resolved against.
    public var workingDirectory: URL
    /// Reads the terminal's width again before each command (nil: `width` stays as it is).
    public var measureWidth: (@Sendable () -> Int?)?
    /// Colour statuses (a terminal without `NO_COLOR`).
    public var usesColour = false

    public init(isInteractive: Bool = false, stdoutIsTerminal: Bool = false, width: Int = 120,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.isInteractive = isInteractive
        self.stdoutIsTerminal = stdoutIsTerminal
        self.width = width
        self.workingDirectory = workingDirectory
    }
}

/// Settings changed with `set` (and flags).
public struct SessionSettings: Sendable {
    public var format: OutputFormat = .table
    public var timer = false
    /// `set errors = continue`: a script goes on after a failing command.
    public var continueOnError = false
    /// `--yes` / `update … force`: apply bulk changes without asking.
    public var assumeYes = false
    /// `set NAME = VALUE`, `--set`, and `$1…` of the running script.
    public var variables: [String: String] = [:]
    public init() {}
}

/// One plansh session: a store, settings, and the command loop's shared state.
///
/// Commands receive the session to read the workspace, commit mutations, ask for
/// confirmation and report progress; they never touch the terminal themselves.
public final class Session {
    public let store: Store
    public var settings = SessionSettings()
    public var environment: SessionEnvironment
    /// Where the command now running came from, for history: `command`, `script FILE:LINE`.
    public var currentSource = "command"
    /// Set by the SIGINT handler; long work polls it and stops cleanly.
    public var isCancelled: Bool { Interrupt.isPending }
    /// Receives progress lines (terminal only) and confirmation questions.
    public var interaction: any SessionInteraction
    /// Where results go (standard output unless a test captures them).
    public var output: (String) -> Void = { StandardStreams.write($0, to: .out) }
    /// Where results with a byte form (CSV) go as bytes, not made into text first; nil: through
    /// `output`. Set only where nothing escapes control characters on the way (not a terminal).
    public var outputBytes: ((UnsafeRawBufferPointer) -> Void)?
    /// Where errors, warnings and timings go.
    public var errorOutput: (String) -> Void = { StandardStreams.write($0, to: .err) }
    /// Called after each command that succeeded, with its result and the `> FILE` it was written
    /// to (nil when shown). The tutorial uses it to check a learner's answer by its result.
    public var onCommandResult: ((CommandOutput, String?) -> Void)?
    /// `quit` was given.
    public var shouldQuit = false
    /// Scripts being run, outermost first, with the line now running in each.
    var scriptStack: [(path: String, name: String, line: Int)] = []

    public init(store: Store, environment: SessionEnvironment = SessionEnvironment(),
                interaction: any SessionInteraction = NonInteractive()) {
        self.store = store
        self.environment = environment
        self.interaction = interaction
    }

    public var workspace: Workspace { store.workspace }

    /// When set, the read loop hands every line to it instead of running it as a command
    /// (the tutorial uses this), and shows its prompt.
    public var interceptor: (any LineInterceptor)?

    /// Journals and applies `m`; durable when this returns.
    public func commit(_ m: consuming Mutation) throws {
        try store.commit(consume m)
    }

    /// Asks the user; outside an interactive shell the answer is `settings.assumeYes`.
    public func confirm(_ question: String) -> Bool {
        if settings.assumeYes { return true }
        guard environment.isInteractive else { return false }
        return interaction.confirm(question)
    }

    /// Shows a transient progress line on a terminal; nothing otherwise.
    public func reportProgress(_ line: String) {
        guard environment.stdoutIsTerminal else { return }
        interaction.progress(line)
    }

    /// Clears the progress line.
    public func finishProgress() {
        guard environment.stdoutIsTerminal else { return }
        interaction.progress(nil)
    }

    /// A user-given path, relative to the working directory.
    public func resolve(path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        if path == "~" || path.hasPrefix("~/") {
            return URL(fileURLWithPath: NSString(string: path).expandingTildeInPath)
        }
        return environment.workingDirectory.appendingPathComponent(path)
    }

    /// How results are drawn on the screen (colour when wanted).
    public var renderContext: RenderContext {
        RenderContext(width: environment.width, isTerminal: environment.stdoutIsTerminal, usesColour: environment.usesColour,
                      language: settings.language)
    }

    /// Runs one command's text (no `;`, no `> FILE`), with the session's variables.
    public func runCommand(_ text: String) throws -> CommandOutput {
        let lexed = ShellLexer.lex(text)
        if let d = lexed.incomplete { throw d }
        guard let segment = lexed.segments.first else { return .none }
        return try runCommand(ExpandedCommand(segment, source: text, variables: settings.variables))
    }

    /// Finds the command, binds its words to its declaration, refuses a change on a read-only
    /// store, and runs it. Diagnostics count in `command.text`.
    func runCommand(_ command: ExpandedCommand) throws -> CommandOutput {
        let words = command.words
        guard !words.isEmpty else { return .none }
        let (spec, n) = try CommandTable.resolve(words)
        let input = CommandInput(text: command.text, words: words, commandWordCount: n)
        if let damage = store.damage, !RecoverCommand.worksWithoutWorkingState.contains(spec.words[0]) {
            throw Diagnostic(damage.said, at: words[0].span)
        }
        // The one read-only check, from the declaration: said first, before any argument error.
        if spec.changesData && store.isReadOnly {
            throw Diagnostic(Messages.readOnly(spec.name, reason: store.readOnlyReason ?? Messages.readOnlyUnknownReason),
                             at: words[0].span.lowerBound..<words[n - 1].span.upperBound)
        }
        let wasReadOnly = store.isReadOnly
        do {
            return try spec.run(try Binder.bind(input, to: spec, in: self), self)
        } catch var d as Diagnostic where !wasReadOnly && store.isReadOnly {
            // A failed write the store could not recover from: say so now, not at the next change.
            d.notes.append(Messages.storeNowReadOnly(reason: store.readOnlyReason ?? Messages.readOnlyUnknownReason).text)
            throw d
        }
    }


    /// The text of `output` in `format` (the session's format when nil); a file gets no colour.
    public func render(_ output: CommandOutput, as format: OutputFormat? = nil, forFile: Bool = false,
                       context: RenderContext? = nil) -> String {
        var context = context ?? self.renderContext
        if forFile { context.usesColour = false }
        switch output {
        case .none: return ""
        case let .message(m): return m.hasSuffix("\n") ? m : m + "\n"
        case let .rendered(r): return r.render(format ?? settings.format, context)
        }
    }
}

/// How a session talks to its user beyond printing results.
public protocol SessionInteraction {
    /// Asks a yes/no question; true for yes.
    func confirm(_ question: String) -> Bool
    /// Shows (or with nil clears) a transient progress line.
    func progress(_ line: String?)
}

/// Answers no and shows nothing: pipes, scripts, tests.
public struct NonInteractive: SessionInteraction {
    public init() {}
    public func confirm(_ question: String) -> Bool { false }
    public func progress(_ line: String?) {}
}

/// Ctrl-C as a flag: the SIGINT handler sets it, long work and the line reader clear it.
/// The flag itself is PlanKit's `Cancellation`, so query and report loops see it too.
public enum Interrupt {
    public static var isPending: Bool { Cancellation.isRequested }
    public static func raise() { Cancellation.request() }
    public static func clear() { Cancellation.clear() }
}

/// Takes over the read loop for a while (a tutorial lesson).
public protocol LineInterceptor: AnyObject {
    /// The prompt to show instead of the shell's.
    var prompt: String { get }
    /// Handles one typed line; returns false when finished (the session then clears `interceptor`).
    func handle(line: String, session: Session) -> Bool
}
