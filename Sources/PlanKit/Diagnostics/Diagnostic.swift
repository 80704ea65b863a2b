/// An error a user caused, as data: a message and where it points.
///
/// `span` counts Characters from the start of the command text the parser was given;
/// the session knows where that text sits in its file and line and renders
/// `FILE:LINE:COL: error: MESSAGE`, the source line, and carets (in display columns).
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case error
        /// The input stopped inside a string or parentheses: the shell asks for more.
        case incomplete
    }

    public var kind: Kind
    public var message: String
    public var span: Range<Int>?
    /// Extra lines shown after the caret (e.g. "in script a.plansh:3, run from b.plansh:7").
    public var notes: [String]
    /// The catalogue name of the message (`Messages`), nil for text not yet in the catalogue.
    public var name: String?
    /// `error` unless the message says otherwise.
    public var severity: Severity = .error

    public init(_ message: String, at span: Range<Int>? = nil, kind: Kind = .error, notes: [String] = []) {
        self.kind = kind
        self.message = message
        self.span = span
        self.notes = notes
        self.name = nil
    }

    public static func incomplete(_ message: String, at span: Range<Int>? = nil) -> Diagnostic {
        Diagnostic(message, at: span, kind: .incomplete)
    }

    /// The same diagnostic (name, severity, words) pointing at `span` instead.
    public func placed(at span: Range<Int>?) -> Diagnostic {
        var d = self
        d.span = span
        return d
    }

    /// The same diagnostic with its span moved right by `offset` characters.
    public func shifted(by offset: Int) -> Diagnostic {
        var d = self
        d.span = span.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
        return d
    }

    /// The same diagnostic (name, severity, span) said about `subject`: `SUBJECT: message`.
    public func about(_ subject: String) -> Diagnostic {
        var d = self
        d.message = subject + ": " + message
        return d
    }

    public var description: String { message }
}

/// "Did you mean …?" for unknown words.
public enum Suggest {
    /// The candidate nearest to `word` by edit distance, when near enough to be a likely typo.
    public static func nearest(_ word: String, in candidates: some Sequence<String>) -> String? {
        // Nothing this long is a typo of a keyword; skip the quadratic distance.
        guard word.count <= 64 else { return nil }
        let w = Array(word.lowercased())
        var best: (String, Int)?
        for c in candidates {
            let d = distance(w, Array(c.lowercased()))
            if d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        guard let (c, d) = best else { return nil }
        let limit = max(1, min(3, (w.count + 1) / 3))
        if d <= limit || c.lowercased().hasPrefix(word.lowercased()) && !word.isEmpty { return c }
        return nil
    }

    /// `word` cut to `limit` characters with `…`, for quoting user input inside a message.
    public static func excerpt(_ word: String, limit: Int = 40) -> String {
        word.count <= limit ? word : String(word.prefix(limit)) + "…"
    }

    /// `… — did you mean "x"?` or an empty string.
    public static func phrase(_ word: String, in candidates: some Sequence<String>) -> String {
        didYouMean(nearest(word, in: candidates))
    }

    /// ` — did you mean "x"?` for a suggestion already chosen; empty for none.
    public static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " — did you mean \"\($0)\"?" } ?? ""
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], prev[j - 1])
                }
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
