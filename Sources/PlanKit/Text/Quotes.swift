/// The one quote table of plansh, read by the shell lexer and the query lexer alike.
///
/// A quoted string opens with any opener below and ends at one of its closers. Curly quotes
/// also end at the straight quote of their kind, because an input method often types `“`
/// and the user then ends with `"` (or `‘…'`). Only straight double quotes take a backslash
/// escape (`"a \"b\""`); text in curly or single quotes is taken as written.
public enum Quotes {
    /// One kind of quote: the character that opens it and those that may close it.
    public struct Pair: Sendable, Equatable {
        public let open: Character
        /// The first closer is the one plansh writes (completion closing a quote).
        public let closers: [Character]
        /// `\x` stands for `x` inside this quote.
        public let escapes: Bool
        /// `$NAME` is left as written inside this quote.
        public let literal: Bool
    }

    public static let pairs: [Pair] = [
        Pair(open: "\"", closers: ["\""], escapes: true, literal: false),
        Pair(open: "'", closers: ["'"], escapes: false, literal: true),
        Pair(open: "“", closers: ["”", "\""], escapes: false, literal: false),
        Pair(open: "‘", closers: ["’", "'"], escapes: false, literal: true),
        // A closing curly quote typed first (some input methods) opens a string too.
        Pair(open: "”", closers: ["”", "\""], escapes: false, literal: false),
    ]

    /// The quote `c` opens, or nil when `c` opens none.
    @inline(__always)
    public static func opened(by c: Character) -> Pair? {
        switch c {
        case "\"": pairs[0]
        case "'": pairs[1]
        case "“": pairs[2]
        case "‘": pairs[3]
        case "”": pairs[4]
        default: nil
        }
    }

    /// Whether `c` is a character of the table at all (opener or closer): it ends a bare word
    /// in the query language.
    public static func isQuote(_ c: Character) -> Bool {
        opened(by: c) != nil || c == "’"
    }
}

extension Quotes.Pair {
    @inline(__always)
    public func isClosed(by c: Character) -> Bool { closers.contains(c) }

    /// The closer plansh writes for this quote.
    public var close: Character { closers[0] }
}
