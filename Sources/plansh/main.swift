import Foundation
#if canImport(FoundationXML)
// Not used here: importing it gives this (statically linked) executable the link entries of
// FoundationXML's own dependencies (libxml2, _CFXMLInterface) that PlanKit's .docx reader needs.
import FoundationXML
#endif
import PlanKit
import PlanShell

/// Runs plansh with the flags in `options`; returns the exit status.
func run(_ options: LaunchOptions) -> Int32 {
    let settings: SessionSettings
    do {
        settings = try options.sessionSettings()
    } catch {
        return usageError(error)
    }
    let directory = StoreLocation.resolve(flag: options.store, environment: ProcessInfo.processInfo.environment)
    let opened: Store
    do {
        opened = try Store.open(at: directory)
    } catch {
        StandardStreams.write("plansh: \(error)\n", to: .err)
        return 1
    }
    defer { opened.close() }

    let interactive = options.command == nil && options.script.isEmpty && Terminal.isTerminal(0) && Terminal.isTerminal(1)
    // A read-only store says why once: the banner at the prompt, else here before the commands run.
    if opened.isReadOnly && !interactive {
        let reason = opened.readOnlyReason ?? Messages.readOnlyUnknownReason
        StandardStreams.write("plansh: \(Messages.storeOpenedReadOnly(opened.directory.path, reason: reason).text)\n", to: .err)
    }
    var environment = SessionEnvironment(isInteractive: interactive, stdoutIsTerminal: Terminal.isTerminal(1),
                                         width: Terminal.width() ?? 120)
    if environment.stdoutIsTerminal {
        // The window may be resized between commands.
        environment.measureWidth = { Terminal.width() }
        environment.usesColour = Palette.enabled(environment: ProcessInfo.processInfo.environment)
    }
    let session = Session(store: opened, environment: environment)
    session.settings = settings
    // CSV results to a file or pipe go out as bytes (a terminal gets text, control characters escaped).
    if !environment.stdoutIsTerminal { session.outputBytes = { StandardStreams.writeBytes($0) } }

    let ok: Bool
    if let command = options.command {
        ok = session.execute(command)
    } else if let file = options.script.first {
        let url = session.resolve(path: file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            StandardStreams.write("plansh: \(Messages.noScriptFile(file).text)\n", to: .err)
            return 2
        }
        ok = session.runScript(at: url, displayName: file, arguments: Array(options.script.dropFirst()))
    } else if interactive {
        guard let reader = EditLineReader(historyPath: opened.historyFile.path, complete: { line in
            Completer(session: session).completion(forLine: line)
        }) else {
            StandardStreams.write("plansh: cannot start the line editor\n", to: .err)
            return 1
        }
        session.interaction = TerminalInteraction(reader: reader)
        session.output(Banner.text(session: session))
        session.interact(with: reader)
        ok = true
    } else {
        var source = PlainLineReader(file: fdopen(0, "r"))
        ok = session.runLines(from: &source, path: "<stdin>", name: "<stdin>", arguments: [])
    }
    opened.close()
    // Output that failed outside a command (the banner, the last newline) still fails the run.
    if let failure = StandardStreams.takeOutputFailure() { StandardStreams.write("plansh: \(failure)\n", to: .err) }
    return ok && !StandardStreams.outputFailed ? 0 : 1
}

/// Bad usage: the message and the synopsis on standard error, exit status 2.
func usageError(_ error: LaunchOptions.UsageError) -> Int32 {
    StandardStreams.write("plansh: \(error.message)\n\(LaunchOptions.usage)\nSee 'plansh --help'.\n", to: .err)
    return 2
}

StandardStreams.ignoreBrokenPipeSignal()
let status: Int32
do {
    let options = try LaunchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    switch options.action {
    case .help:
        StandardStreams.write(LaunchOptions.help, to: .out)
        status = 0
    case .version:
        StandardStreams.write(PlanshVersion.string + "\n", to: .out)
        status = 0
    case .run:
        status = run(options)
    }
} catch {
    status = usageError(error)
}
exit(status)
