import Foundation
import PlanKit

/// Unbuffered writes to standard output and error, so a program driving plansh through a pipe
/// sees each command's output as soon as it is done.
///
/// A failed write to standard output is remembered, not ignored: a full disk or an I/O error
/// under `plansh … > FILE` must not leave a truncated file behind an exit status of 0, so the
/// session turns it (`takeOutputFailure`) into the failing command's error. A closed pipe (EPIPE, as
/// after `| head`) is not a failure: output ends quietly and commands go on running.
/// `SIGPIPE` is ignored (`ignoreBrokenPipeSignal`) so that a closed pipe arrives as EPIPE.
public enum StandardStreams {
    public enum Stream { case out, err }

    /// Why the last write to standard output failed, until `takeOutputFailure` reads it.
    nonisolated(unsafe) private static var pendingFailure: Message?
    /// A write to standard output has failed (any time during the run): the exit status is 1.
    nonisolated(unsafe) public private(set) static var outputFailed = false
    /// The reader of standard output has gone away: further output is dropped.
    nonisolated(unsafe) public private(set) static var outputClosed = false

    /// Makes a closed pipe a write error (EPIPE) instead of a signal that kills plansh.
    public static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// The failure of a write to standard output since the last call, in words, and forgets it.
    public static func takeOutputFailure() -> Message? {
        defer { pendingFailure = nil }
        return pendingFailure
    }

    /// Which streams are terminals (looked up once: they do not change during a run).
    private static let terminals: (out: Bool, err: Bool) = (isatty(1) != 0, isatty(2) != 0)

    /// Writes `s`; on a terminal, control characters in it are shown escaped, never sent
    /// (SPEC §5: data may hold `ESC[2J`). This is the one place results and messages reach
    /// the terminal, so no renderer needs to care.
    public static func write(_ s: String, to stream: Stream) {
        let isTerminal = stream == .out ? terminals.out : terminals.err
        writeRaw(isTerminal ? TerminalText.escaped(s) : s, to: stream)
    }

    /// Writes `s` as it is: only for plansh's own control sequences (clearing a progress line).
    public static func writeRaw(_ s: String, to stream: Stream) {
        guard !s.isEmpty else { return }
        let fd: Int32 = stream == .out ? 1 : 2
        // After a failure, output to a file or pipe stops (no gap in the middle of a result);
        // a terminal is tried again (the shell must not go mute after one I/O error).
        if stream == .out && (outputClosed || (outputFailed && !terminals.out)) { return }
        let failure = writeAll(s, to: fd)
        if stream == .out { note(failure) }
    }

    /// Writes `bytes` to standard output as they are (a CSV result when standard output is a
    /// file or pipe), failures remembered as `write`'s are.
    public static func writeBytes(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0, !outputClosed, !(outputFailed && !terminals.out) else { return }
        note(writeAll(bytes, to: 1))
    }

    /// Remembers a failed write to standard output: a closed pipe quietly, anything else as the
    /// failure the session reports.
    private static func note(_ errorNumber: Int32?) {
        guard let errorNumber else { return }
        if errorNumber == EPIPE {
            outputClosed = true
        } else {
            outputFailed = true
            pendingFailure = Messages.cannotWriteStandardOutput(reason: String(cString: strerror(errorNumber)))
        }
    }

    /// Writes every byte of `s` to `fd`; the errno of a failed write, nil when all were written.
    private static func writeAll(_ s: String, to fd: Int32) -> Int32? {
        var s = s
        return s.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: fd) }
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var off = 0
        while off < bytes.count {
            let n = Foundation.write(fd, base + off, bytes.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            // write(2) returns 0 only for a zero-length request; treat it as no space.
            if n == 0 { return ENOSPC }
            off += n
        }
        return nil
    }
}
