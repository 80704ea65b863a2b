import Foundation
import PlanKit

/// An error already shown to the user (e.g. inside a script run by `run`): fail without printing again.
public struct AlreadyReported: Error {
    public init() {}
}

extension Session {
    /// Runs every command in `source` (one or more physical lines forming complete commands).
    /// Errors are rendered to `errorOutput`; returns false when a command failed.
    @discardableResult
    public func execute(_ source: String, file: String? = nil, firstLine: Int = 1) -> Bool {
        let split = CommandSplitter.split(source)
        if split.isIncomplete {
            report(Diagnostic("unexpected end of input: a string or parenthesis is not closed",
                              at: max(0, source.count - 1)..<source.count), source: source, file: file, firstLine: firstLine)
            return false
        }
        var allOK = true
        for segment in split.segments {
            if shouldQuit { break }
            if !executeSegment(segment, source: source, file: file, firstLine: firstLine) {
                allOK = false
                // `set errors = continue` goes on, but the failure still counts.
                if !settings.continueOnError { return false }
            }
        }
        return allOK
    }

    func executeSegment(_ segment: CommandSegment, source: String, file: String?, firstLine: Int) -> Bool {
        let started = DispatchTime.now()
        defer {
            if settings.timer {
                let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
                errorOutput(String(format: "time: %.1f ms\n", ms))
            }
        }
        var interpolation: Interpolation?
        // A read-only shell shows what the writer has committed since the last command.
        if store.isReadOnly { store.refreshIfChanged() }
        do {
            let expanded = try Interpolation.expand(segment.text, variables: settings.variables)
            interpolation = expanded
            var commandText = expanded.text
            var target: (file: String, offset: Int)?
            if let r = CommandSplitter.redirect(in: expanded.text) {
                commandText = r.command
                target = (r.file, r.fileOffset)
            }
            let result = try runCommand(commandText)
            if let target {
                try write(result, toFile: target.file, span: target.offset..<(target.offset + target.file.count))
            } else {
                output(render(result))
                if let failure = StandardStreams.takeOutputFailure() { throw Diagnostic(failure) }
            }
            onCommandResult?(result, target?.file)
            return true
        } catch let d as Diagnostic {
            var span = d.span
            if let s = span, let interpolation { span = interpolation.sourceSpan(s) }
            let shifted = span.map { ($0.lowerBound + segment.offset)..<($0.upperBound + segment.offset) }
            report(d, source: source, span: shifted, file: file, firstLine: firstLine)
            return false
        } catch is AlreadyReported {
            return false
        } catch {
            report(Diagnostic("\(error)"), source: nil, file: file, firstLine: firstLine)
            return false
        }
    }

    func report(_ d: Diagnostic, source: String?, span: Range<Int>? = nil, file: String?, firstLine: Int) {
        var d = d
        // Include chain: the scripts that ran this one, innermost first.
        for frame in scriptStack.dropLast().reversed() {
            d.notes.append("  in script \(frame.name):\(frame.line)")
        }
        let text = DiagnosticRenderer.render(d, source: source, span: span ?? d.span, file: file, firstLine: firstLine)
        errorOutput(text + "\n")
    }

    /// Renders `result` in the format `file`'s extension asks for and writes it there.
    func write(_ result: CommandOutput, toFile name: String, span: Range<Int>) throws {
        let ext = name.split(separator: ".").last.map(String.init) ?? ""
        let format = OutputFormat(fileExtension: ext) ?? .text
        let text = render(result, as: format)
        let url = resolve(path: name)
        do {
            // Temporary file + rename, without Foundation's fsync (milliseconds per query).
            try OutputFile.write(text, to: url.path, byteOrderMark: format == .csv)
        } catch {
            throw Diagnostic("cannot write \(name): \((error as? OutputFile.Failure)?.reason ?? "\(error)")", at: span)
        }
        if environment.isInteractive { errorOutput("wrote \(name)\n") }
    }

    // MARK: Scripts

    /// Runs a script file with positional arguments `$1…`. Returns false when it failed
    /// (the error has been printed).
    public func runScript(at url: URL, displayName: String, arguments: [String]) -> Bool {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        if let i = scriptStack.firstIndex(where: { $0.path == path }) {
            let chain = (scriptStack[i...].map(\.name) + [displayName]).joined(separator: " → ")
            report(Diagnostic("script \(displayName) runs itself (\(chain))"), source: nil, file: scriptStack.last?.name,
                   firstLine: scriptStack.last?.line ?? 1)
            return false
        }
        let data: Data
        do {
            // A script may come from a pipe or a terminal (`plansh /dev/stdin`), not from a device.
            data = try InputFile.read(url.path, displayName: "script \(displayName)", kind: .regularOrStream, limit: 64 << 20)
        } catch {
            report(error as? Diagnostic ?? Diagnostic("cannot read script \(displayName): \(error)"), source: nil, file: nil, firstLine: 1)
            return false
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            report(Diagnostic("script \(displayName) is not valid UTF-8"), source: nil, file: nil, firstLine: 1)
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
                report(Diagnostic("line is not valid UTF-8"), source: nil, file: name, firstLine: lineNo)
                ok = false
                if settings.continueOnError { continue } else { return false }
            }
            if pending.isEmpty { pendingLine = lineNo; pending = line } else { pending += "\n" + line }
            if CommandSplitter.split(pending).isIncomplete { continue }
            scriptStack[scriptStack.count - 1].line = pendingLine
            currentSource = "script \(name):\(pendingLine)"
            let chunk = pending
            pending = ""
            if !execute(chunk, file: name, firstLine: pendingLine) {
                ok = false
                if !settings.continueOnError { return false }
            }
        }
        if !pending.isEmpty {
            report(Diagnostic("unexpected end of script: a string or parenthesis is not closed",
                              at: max(0, pending.count - 1)..<pending.count),
                   source: pending, file: name, firstLine: pendingLine)
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
