import Foundation
import PlanKit

extension Session {
    /// The prompt showing the store's state: `plansh[3 plans · 2 红灯 · 3 临期]> ` (red and due-soon
    /// tasks as of today, counted only when there are some).
    public var prompt: String {
        let n = workspace.plans.count
        var state = n == 0 ? "no plans" : Lexicon.counted(n, .plans).en
        if n > 0 {
            let (red, soon) = judge.redAndDueSoon(in: workspace.tasks)
            if red > 0 { state += " · \(red) 红灯" }
            if soon > 0 { state += " · \(soon) 临期" }
        }
        if store.isReadOnly { state += ", read-only" }
        return "plansh[\(state)]> "
    }

    public static let continuationPrompt = "   ...> "

    /// Reads and runs commands until `quit` or end of input (Ctrl-D).
    public func interact(with reader: any LineReader) {
        var pending = ""
        while !shouldQuit {
            let shownPrompt = interceptor?.prompt ?? (pending.isEmpty ? prompt : Session.continuationPrompt)
            switch reader.readLine(prompt: shownPrompt) {
            case .endOfInput:
                if !pending.isEmpty {
                    errorOutput("error: \(Messages.unclosedAtEnd("input"))\n")
                }
                output("\n")
                return
            case .interrupted:
                pending = ""
                continue
            case .invalidUTF8:
                errorOutput("error: \(Messages.invalidUTF8LineIgnored())\n")
                continue
            case let .line(line):
                if let handler = interceptor {
                    reader.addHistory(line)
                    if !handler.handle(line: line, session: self) { interceptor = nil }
                    continue
                }
                pending = pending.isEmpty ? line : pending + "\n" + line
                let lexed = ShellLexer.lex(pending)
                if lexed.isIncomplete { continue }
                let chunk = pending
                pending = ""
                reader.addHistory(chunk)
                currentSource = "command"
                // A later stage may find the input incomplete too (Lua's `incomplete()`): the
                // commands already run are done, the rest waits for another line.
                if case let .needsMore(from) = run(lexed, source: chunk, file: nil, firstLine: 1, allowContinuation: true) {
                    pending = String(chunk.dropFirst(from))
                }
                Interrupt.clear()
            }
        }
    }
}

/// Questions and progress lines on a terminal.
public final class TerminalInteraction: SessionInteraction {
    weak var reader: (any LineReader)?
    public init(reader: any LineReader) { self.reader = reader }

    public func confirm(_ question: String) -> Bool {
        guard let reader else { return false }
        switch reader.readLine(prompt: question + " [y/N] ") {
        case let .line(answer):
            return ["y", "yes", "是", "确定"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
        default:
            return false
        }
    }

    public func progress(_ line: String?) {
        if let line {
            StandardStreams.writeRaw("\r\u{1B}[K" + TerminalText.escaped(line), to: .err)
        } else {
            StandardStreams.writeRaw("\r\u{1B}[K", to: .err)
        }
    }
}
