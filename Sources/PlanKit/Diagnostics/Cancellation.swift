/// Ctrl-C as a flag PlanKit's long loops can see: the shell's SIGINT handler sets it, the
/// shell clears it before each command. PlanKit never installs a handler itself.
///
/// Loops over tasks (query scans, grouping, report tables) poll it every few thousand rows and
/// stop early; the query engine then throws `Cancellation.diagnostic`, so a partial result is
/// never shown as if it were complete.
public enum Cancellation {
    nonisolated(unsafe) static var flag: sig_atomic_t = 0
    /// Replaces the process-wide flag for the current task: tests run in parallel, and one
    /// test's Ctrl-C must not reach another's queries.
    @TaskLocal public static var source: (@Sendable () -> Bool)?
    /// Ctrl-C was pressed since the flag was last cleared.
    public static var isRequested: Bool {
        if let source { return source() }
        return flag != 0
    }
    /// Async-signal-safe: only stores to a `sig_atomic_t`.
    public static func request() { flag = 1 }
    public static func clear() { flag = 0 }
    /// Throws when Ctrl-C was pressed (the work done so far is dropped).
    public static func check() throws {
        if isRequested { throw diagnostic }
    }
    public static let diagnostic = Diagnostic(Messages.interrupted())
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
