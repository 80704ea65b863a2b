import Foundation

/// A `matches` pattern that cannot run without bound.
///
/// Patterns are ICU regular expressions (NSRegularExpression), as before: lessons and users rely
/// on classes, `\d`, `\p{Han}` and lookarounds. ICU backtracks, so a pattern such as `^(.*.*)*x$`
/// takes exponential time on a long text. Rather than replace the engine, every match runs with
/// ICU's progress callback (`.reportProgress`: called as the search advances and every few
/// thousand backtracking steps), which enforces two limits:
/// - a budget of `budget` wall-clock time for one text — a step limit measured in time, since
///   the callback does not say how many steps were taken. Sane patterns need microseconds per
///   task; the first text that exhausts the budget makes the query an error pointing at the
///   pattern, and the remaining texts are not tried;
/// - Ctrl-C (`Cancellation`), checked at each callback, so even one long match stops at once.
///
/// The query engine calls `verify()` after evaluating, which turns either into a diagnostic.
final class BoundedRegex: @unchecked Sendable {
    let regex: NSRegularExpression
    /// The pattern as the user wrote it, and where, for the error.
    let pattern: String
    let span: Range<Int>?
    /// Time one text may take.
    let budget: UInt64
    static let defaultBudget: UInt64 = 250_000_000  // 0.25 s

    /// Set once a text exhausted the budget or Ctrl-C stopped a match; later texts are not tried.
    private(set) var gaveUp = false
    private(set) var interrupted = false

    init(_ pattern: String, span: Range<Int>?, budget: UInt64 = BoundedRegex.defaultBudget) throws {
        regex = try NSRegularExpression(pattern: TextFolding.fold(pattern))
        self.pattern = pattern
        self.span = span
        self.budget = budget
    }

    /// Whether `s` (already folded) contains a match; false once the query has given up.
    func matches(_ s: String) -> Bool {
        if gaveUp || interrupted { return false }
        let start = DispatchTime.now().uptimeNanoseconds
        var found = false
        regex.enumerateMatches(in: s, options: [.reportProgress], range: NSRange(s.startIndex..., in: s)) { m, _, stop in
            if m != nil {
                found = true
                stop.pointee = true
            } else if Cancellation.isRequested {
                self.interrupted = true
                stop.pointee = true
            } else if DispatchTime.now().uptimeNanoseconds - start > self.budget {
                self.gaveUp = true
                stop.pointee = true
            }
        }
        return found && !gaveUp && !interrupted
    }

    /// Throws when a match was stopped: the result would be incomplete.
    func verify() throws {
        if interrupted { throw Cancellation.diagnostic }
        if gaveUp {
            let seconds = String(format: "%.2g", Double(budget) / 1e9)
            throw Diagnostic(Messages.patternTooSlow(pattern, seconds: seconds), at: span)
        }
    }
}

/// The `matches` patterns of one query, checked together once it has been evaluated.
final class BoundedPatterns: @unchecked Sendable {
    private(set) var all: [BoundedRegex] = []
    func add(_ r: BoundedRegex) { all.append(r) }

    /// Throws for a pattern that gave up or was interrupted, and on Ctrl-C during the query.
    func verify() throws {
        for r in all { try r.verify() }
        try Cancellation.check()
    }
}
