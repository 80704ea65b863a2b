import ArgumentParser
import Foundation
import PlanKit
import PlanShell

/// Command-line flags; everything else is the session's.
struct Plansh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plansh",
        abstract: "An interactive shell for supervising health commissions' annual work plans (卫生健康工作要点).",
        discussion: """
        plansh                       interactive shell on the default store
        plansh -c 'CMD; CMD'         run commands, print, exit
        plansh FILE.plansh [ARG…]    run a script ($1…)
        cmd | plansh                 read commands from standard input
        Exit status: 0 success, 1 a command failed, 2 bad usage.
        """,
        version: PlanshVersion.string
    )

    @Option(name: .long, help: "Store directory (default $PLANSH_STORE, else $XDG_DATA_HOME/plansh).")
    var store: String?

    @Option(name: .customShort("c"), help: "Run these commands (separated by ;) and exit.")
    var command: String?

    @Option(name: .long, help: "Output format: table, csv, json or markdown.")
    var format: String?

    @Option(name: .customLong("set"), help: "Set a script variable NAME=VALUE (repeatable).")
    var variables: [String] = []

    @Flag(name: .long, help: "Answer yes to confirmations (bulk updates in scripts).")
    var yes = false

    @Argument(help: "A script file to run, and its arguments.")
    var script: [String] = []

    /// `--format` and `--set` as session settings, checked as `set` checks them.
    func sessionSettings() throws -> SessionSettings {
        var settings = SessionSettings()
        if let format {
            guard let f = ScreenFormat.named(format) else {
                throw ValidationError("unknown format \"\(format)\" (\(ScreenFormat.names.joined(separator: ", ")))")
            }
            settings.format = f
        }
        for v in variables {
            guard let eq = v.firstIndex(of: "="), eq != v.startIndex else {
                throw ValidationError("--set takes NAME=VALUE, not \"\(v)\"")
            }
            let value = String(v[v.index(after: eq)...])
            guard value.utf8.count <= ExpandedCommand.variableLimit else {
                throw ValidationError("--set \(v[..<eq]): a variable holds at most 1 MB")
            }
            settings.variables[String(v[..<eq])] = value
        }
        // The session settings of §9 are checked as `set today` / `set month` check them.
        for key in ["today", "month"] {
            guard let v = settings.variables[key] else { continue }
            if v.lowercased() == "none" { settings.variables[key] = nil; continue }
            do {
                if key == "today" { _ = try AsOf.parseDay(v) } else { _ = try AsOf.parseMonth(v) }
            } catch {
                throw ValidationError("--set \(key): \(error)")
            }
        }
        return settings
    }

    func run() throws {
        var settings = try sessionSettings()
        settings.assumeYes = yes
        if command != nil && !script.isEmpty {
            throw ValidationError("give either -c COMMANDS or a script file, not both")
        }

        let directory = StoreLocation.resolve(flag: store, environment: ProcessInfo.processInfo.environment)
        let opened: Store
        do {
            opened = try Store.open(at: directory)
        } catch {
            StandardStreams.write("plansh: \(error)\n", to: .err)
            Foundation.exit(1)
        }
        defer { opened.close() }
        for note in opened.notes { StandardStreams.write("plansh: \(note)\n", to: .err) }

        let interactive = command == nil && script.isEmpty && Terminal.isTerminal(0) && Terminal.isTerminal(1)
        var environment = SessionEnvironment(isInteractive: interactive, stdoutIsTerminal: Terminal.isTerminal(1),
                                             width: Terminal.width() ?? 120)
        if environment.stdoutIsTerminal {
            // The window may be resized between commands.
            environment.measureWidth = { Terminal.width() }
            environment.usesColour = Palette.enabled(environment: ProcessInfo.processInfo.environment)
        }
        let session = Session(store: opened, environment: environment)
        session.settings = settings

        let ok: Bool
        if let command {
            ok = session.execute(command)
        } else if let file = script.first {
            let url = session.resolve(path: file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                StandardStreams.write("plansh: \(Messages.noScriptFile(file).text)\n", to: .err)
                Foundation.exit(2)
            }
            ok = session.runScript(at: url, displayName: file, arguments: Array(script.dropFirst()))
        } else if interactive {
            guard let reader = EditLineReader(historyPath: opened.historyFile.path, complete: { line in
                Completer(session: session).completion(forLine: line)
            }) else {
                StandardStreams.write("plansh: cannot start the line editor\n", to: .err)
                Foundation.exit(1)
            }
            session.interaction = TerminalInteraction(reader: reader)
            session.output(Banner.text(session: session))
            session.interact(with: reader)
            ok = true
        } else {
            var source = PlainLineReader(file: stdinFile())
            ok = session.runLines(from: &source, path: "<stdin>", name: "<stdin>", arguments: [])
        }
        opened.close()
        // Output that failed outside a command (the banner, the last newline) still fails the run.
        if let failure = StandardStreams.takeOutputFailure() { StandardStreams.write("plansh: \(failure)\n", to: .err) }
        Foundation.exit(ok && !StandardStreams.outputFailed ? 0 : 1)
    }
}

func stdinFile() -> UnsafeMutablePointer<FILE> { fdopen(0, "r") }

// Bad usage exits 2 (argument-parser's default is 64).
StandardStreams.ignoreBrokenPipeSignal()
do {
    var command = try Plansh.parseAsRoot()
    try command.run()
} catch {
    let code = Plansh.exitCode(for: error)
    if code == .success {
        print(Plansh.fullMessage(for: error))
        Foundation.exit(0)
    }
    StandardStreams.write(Plansh.fullMessage(for: error) + "\n", to: .err)
    Foundation.exit(2)
}
