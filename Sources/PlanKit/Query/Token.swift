/// One lexical unit of a query, with its span in Characters of the text the lexer was given.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A bare word: keyword, field name, number, date, id, office name… (the parser decides).
        case word
        /// A quoted string (`"…"`, `'…'`, `“…”`, `‘…’`); `value` has the quotes removed.
        case string
        /// `= == != <> < <= > >=` (and full-width or math forms `＝ ≠ ≤ ≥`).
        case op
        case leftParen
        case rightParen
        /// `,` `，` or `、`
        case comma
        case end
    }

    public var kind: Kind
    /// The text as written (for words and operators, folded to half-width ASCII).
    public var text: String
    /// For strings, the content without quotes and escapes; otherwise `text`.
    public var value: String
    public var span: Range<Int>

    public init(_ kind: Kind, text: String, value: String? = nil, span: Range<Int>) {
        self.kind = kind
        self.text = text
        self.value = value ?? text
        self.span = span
    }

    /// The word lower-cased and folded, for keyword comparison (`WHERE` = `where`).
    public var keyword: String { kind == .word ? TextFolding.keyword(text) : "" }

    /// True when this is the bare word `k` (case-insensitive).
    public func isKeyword(_ k: String) -> Bool { kind == .word && keyword == k }

    /// How the token reads in an error message.
    public var described: String {
        switch kind {
        case .end: "end of input"
        case .string: "\"\(value)\""
        default: "\"\(text)\""
        }
    }
}
