import Foundation
import PlanKit

/// An error already shown to the user (e.g. inside a script run by `run`): fail without printing again.
public struct AlreadyReported: Error {
    public init() {}
}

/// What running a source text came to.
public enum ExecutionOutcome: Equatable {
    case succeeded
    case failed
    /// A stage said the input is incomplete: the text from this offset needs another line.
    case needsMore(from: Int)
}

extension Session {
    /// Runs every command in `source` (one or more physical lines forming complete commands).
    /// Errors are rendered to `errorOutput`; returns false when a command failed.
    @discardableResult
    public func execute(_ source: String, file: String? = nil, firstLine: Int = 1) -> Bool {
        run(ShellLexer.lex(source), source: source, file: file, firstLine: firstLine, allowContinuation: false) == .succeeded
    }

    /// Runs the commands of an already lexed source (the lexer runs once per input).
    func run(_ lexed: ShellLexer.Result, source: String, file: String?, firstLine: Int,
             allowContinuation: Bool) -> ExecutionOutcome {
        if let d = lexed.incomplete {
            if allowContinuation { return .needsMore(from: 0) }
            report(d, source: source, file: file, firstLine: firstLine)
            return .failed
        }
        var outcome = ExecutionOutcome.succeeded
        for (i, segment) in lexed.segments.enumerated() {
            if shouldQuit { break }
            switch executeSegment(segment, source: source, file: file, firstLine: firstLine,
                                  allowContinuation: allowContinuation && i == lexed.segments.count - 1) {
            case .succeeded: continue
            case let .needsMore(from): return .needsMore(from: from)
            case .failed:
                outcome = .failed
                // `set errors = continue` goes on, but the failure still counts.
                if !settings.continueOnError { return .failed }
            }
        }
        return outcome
    }

    func executeSegment(_ segment: LexedSegment, source: String, file: String?, firstLine: Int,
                        allowContinuation: Bool = false) -> ExecutionOutcome {
        let started = DispatchTime.now()
        defer {
            if settings.timer {
                let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
                errorOutput(String(format: "time: %.1f ms\n", ms))
            }
        }
        // The window may have been resized since the last command.
        if let measure = environment.measureWidth, let w = measure() { environment.width = w }
        // Each command sees what other processes have committed since the last one.
        store.refreshIfChanged()
        func fail(_ d: Diagnostic, _ span: Range<Int>?) -> ExecutionOutcome {
            if allowContinuation && d.kind == .incomplete { return .needsMore(from: segment.span.lowerBound) }
            report(d, source: source, span: span, file: file, firstLine: firstLine)
            return .failed
        }
        let command: ExpandedCommand
        do {
            command = try ExpandedCommand(segment, source: source, variables: settings.variables)
            if let r = command.redirect { _ = try OutputTarget(file: r.file, span: r.span) }
        } catch let d as Diagnostic {
            return fail(d, d.span)
        } catch {
            return fail(Diagnostic(Messages.unexpected(error)), nil)
        }
        do {
            let result = try runCommand(command)
            if let r = command.redirect {
                do {
                    try write(result, to: try OutputTarget(file: r.file, span: r.span), command: command.text)
                } catch let d as Diagnostic {
                    // Already in source coordinates.
                    return fail(d, d.span)
                }
            } else if let put = outputBytes, case let .rendered(r) = result,
                      let writer = r.byteWriter(settings.format, renderContext) {
                writer(put)
                if let failure = StandardStreams.takeOutputFailure() { throw Diagnostic(failure) }
            } else {
                output(render(result))
                if let failure = StandardStreams.takeOutputFailure() { throw Diagnostic(failure) }
            }
            onCommandResult?(result, command.redirect?.file)
            return .succeeded
        } catch let failure as FailedWithResult {
            // The result (e.g. `check`'s table) goes where the command's output goes, then the error.
            if let r = command.redirect, let target = try? OutputTarget(file: r.file, span: r.span) {
                try? write(failure.result, to: target, command: command.text)
            } else {
                output(render(failure.result))
            }
            report(failure.diagnostic, source: source, span: nil, file: file, firstLine: firstLine)
            return .failed
        } catch let d as Diagnostic {
            return fail(d, d.span.map(command.sourceSpan))
        } catch is AlreadyReported {
            return .failed
        } catch {
            return fail(Diagnostic(Messages.unexpected(error)), nil)
        }
    }

    func report(_ d: Diagnostic, source: String?, span: Range<Int>? = nil, file: String?, firstLine: Int) {
        var d = d
        // Include chain: the scripts that ran this one, innermost first.
        for frame in scriptStack.dropLast().reversed() {
            d.notes.append("  " + Messages.inScript(frame.name, line: frame.line).text)
        }
        let text = DiagnosticRenderer.render(d, source: source, span: span ?? d.span, file: file, firstLine: firstLine)
        errorOutput(text + "\n")
    }

    /// Renders `result` as `target`'s extension asks (text in a format, or a workbook) and writes
    /// it there; an extension with no writer was refused when the target was made.
    func write(_ result: CommandOutput, to target: OutputTarget, command: String) throws {
        let url = resolve(path: target.file)
        do {
            switch target.kind {
            case let .text(format):
                // A file is not a terminal: full text, no `…` cut to the window's width, no colour.
                let context = RenderContext(width: OutputFileKind.fileWidth, language: settings.language)
                if case let .rendered(r) = result, let writer = r.byteWriter(format, context) {
                    // Bytes straight to the file, never a `String` (a large CSV result).
                    try OutputFile.write(writer, to: url.path, byteOrderMark: format == .csv)
                    break
                }
                var text = render(result, as: format, forFile: true, context: RenderContext(width: OutputFileKind.fileWidth, language: settings.language))
                if format == .html { text = HTMLPage.document(text, title: command) }
                // Temporary file + rename, without Foundation's fsync (milliseconds per query).
                try OutputFile.write(text, to: url.path, byteOrderMark: format == .csv)
            case .workbook:
                guard case let .rendered(r) = result, let book = (r as? any WorkbookRenderable)?.workbook() else {
                    throw Diagnostic(Messages.notATableForWorkbook(), at: target.span)
                }
                try OutputFile.write(try XlsxWriter.data(book), to: url.path)
            }
        } catch let d as Diagnostic {
            throw d
        } catch {
            let reason = (error as? OutputFile.Failure)?.reason ?? "\(error)"
            throw Diagnostic(Messages.cannotWrite(target.file, reason: reason), at: target.span)
        }
        if environment.isInteractive { errorOutput("wrote \(target.file)\n") }
    }

    // MARK: Scripts

    /// The error for running `url` while it is already running (directly or through others),
    /// nil when it is not (`run` reports it at its FILE word, with a caret).
    func scriptCycle(_ url: URL, displayName: String) -> Diagnostic? {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        guard let i = scriptStack.firstIndex(where: { $0.path == path }) else { return nil }
        let chain = (scriptStack[i...].map(\.name) + [displayName]).joined(separator: " → ")
        return Diagnostic(Messages.scriptRunsItself(displayName, chain: chain))
    }

    /// Runs a script file with positional arguments `$1…`. Returns false when it failed
    /// (the error has been printed).
    public func runScript(at url: URL, displayName: String, arguments: [String]) -> Bool {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        if let cycle = scriptCycle(url, displayName: displayName) {
            report(cycle, source: nil, file: scriptStack.last?.name, firstLine: scriptStack.last?.line ?? 1)
            return false
        }
        let data: Data
        do {
            // A script may come from a pipe or a terminal (`plansh /dev/stdin`), not from a device.
            data = try InputFile.read(url.path, displayName: "script \(displayName)", kind: .regularOrStream, limit: 64 << 20)
        } catch {
            report(error as? Diagnostic ?? Diagnostic(Messages.cannotReadScript(displayName, reason: "\(error)")), source: nil, file: nil, firstLine: 1)
            return false
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            report(Diagnostic(Messages.scriptNotUTF8(displayName)), source: nil, file: nil, firstLine: 1)
            return false
        }
        // Split on the scalar: "\r\n" is one Character, so splitting the String on "\n" would
        // leave a CRLF file as one line.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0.last == "\r" ? $0.dropLast() : $0[...]))
        }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = String(first.dropFirst()) }
        var source = LineArraySource(lines: lines)
        return runLines(from: &source, path: path, name: displayName, arguments: arguments)
    }

    /// Runs lines from `source` as a script named `name` (a file, or `<stdin>` for a pipe).
    public func runLines(from source: inout some LineSource, path: String, name: String, arguments: [String]) -> Bool {
        let saved = settings.variables
        for (i, a) in arguments.enumerated() { settings.variables[String(i + 1)] = a }
        settings.variables["0"] = name
        settings.variables["#"] = String(arguments.count)
        scriptStack.append((path, name, 0))
        defer {
            scriptStack.removeLast()
            // Positional parameters are the script's own; other variables persist.
            var restored = settings.variables
            for k in restored.keys where k.allSatisfy(\.isNumber) || k == "#" || k == "0" { restored[k] = nil }
            for (k, v) in saved where k.allSatisfy(\.isNumber) || k == "#" || k == "0" { restored[k] = v }
            settings.variables = restored
        }
        var ok = true
        var pending = ""
        var pendingLine = 0
        var lineNo = 0
        while !shouldQuit {
            guard let input = source.nextLine() else { break }
            lineNo += 1
            let line: String
            switch input {
            case let .line(l): line = l
            case .invalid:
                report(Diagnostic(Messages.invalidUTF8Line()), source: nil, file: name, firstLine: lineNo)
                ok = false
                if settings.continueOnError { continue } else { return false }
            }
            if pending.isEmpty { pendingLine = lineNo; pending = line } else { pending += "\n" + line }
            let lexed = ShellLexer.lex(pending)
            if lexed.isIncomplete { continue }
            scriptStack[scriptStack.count - 1].line = pendingLine
            currentSource = "script \(name):\(pendingLine)"
            let chunk = pending
            pending = ""
            if run(lexed, source: chunk, file: name, firstLine: pendingLine, allowContinuation: false) != .succeeded {
                ok = false
                if !settings.continueOnError { return false }
            }
        }
        if !pending.isEmpty {
            let d = ShellLexer.lex(pending).incomplete ?? Diagnostic(Messages.unclosedAtEnd("script"))
            report(d, source: pending, file: name, firstLine: pendingLine)
            return false
        }
        currentSource = "command"
        return ok
    }
}

/// A source of script lines.
public protocol LineSource {
    mutating func nextLine() -> ScriptLine?
}

public enum ScriptLine: Sendable, Equatable {
    case line(String)
    /// The bytes were not valid UTF-8.
    case invalid
}

/// Lines already in memory (a script file).
public struct LineArraySource: LineSource {
    var lines: [String]
    var index = 0
    public init(lines: [String]) {
        // A trailing newline does not make an extra empty line.
        var l = lines
        if l.last == "" { l.removeLast() }
        self.lines = l
    }
    public mutating func nextLine() -> ScriptLine? {
        guard index < lines.count else { return nil }
        defer { index += 1 }
        return .line(lines[index])
    }
}
