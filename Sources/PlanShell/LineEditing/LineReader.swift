import Foundation

/// What reading one line at a prompt gave.
public enum ReadResult: Sendable, Equatable {
    case line(String)
    /// Ctrl-D on an empty line, or end of input.
    case endOfInput
    /// Ctrl-C: the line being typed is cancelled.
    case interrupted
    case invalidUTF8
}

/// Reads lines for the interactive loop: libedit on a terminal, plain reads otherwise.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> ReadResult
    /// Remembers a line in the history (and its file).
    func addHistory(_ line: String)
}

/// Reads raw lines from a file descriptor (standard input when not a terminal):
/// no prompt, no escape codes. Invalid UTF-8 is reported, never repaired silently.
public final class PlainLineReader: LineReader, LineSource {
    private let file: UnsafeMutablePointer<FILE>
    private let showsPrompt: Bool

    public init(file: UnsafeMutablePointer<FILE>, showsPrompt: Bool = false) {
        self.file = file
        self.showsPrompt = showsPrompt
    }

    public func readLine(prompt: String) -> ReadResult {
        if showsPrompt { StandardStreams.write(prompt, to: .out) }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let n = getline(&buffer, &capacity, file)
        guard n >= 0, let buffer else { return .endOfInput }
        var bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: n)[...]
        if bytes.last == 0x0A { bytes = bytes.dropLast() }
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        guard let s = String(validating: bytes, as: UTF8.self) else { return .invalidUTF8 }
        return .line(s)
    }

    public func addHistory(_ line: String) {}

    public func nextLine() -> ScriptLine? {
        switch readLine(prompt: "") {
        case let .line(l): return .line(l)
        case .invalidUTF8: return .invalid
        case .endOfInput, .interrupted: return nil
        }
    }
}
