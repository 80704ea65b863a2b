/// The syntax tree of a query, as the parser builds it. Every node keeps its source span
/// (Characters of the parsed text) so the checker can point at the exact word it rejects.

/// A field name as written.
public struct FieldRef: Sendable, Equatable {
    public var field: Field
    public var span: Range<Int>
    public init(_ field: Field, span: Range<Int>) {
        self.field = field
        self.span = span
    }
}

/// A value as written: a bare word, a number (with or without unit), a date or a quoted string.
public struct Literal: Sendable, Equatable {
    /// The value: quotes and escapes removed; bare words folded to half-width ASCII.
    public var text: String
    public var quoted: Bool
    public var span: Range<Int>
    public init(_ text: String, quoted: Bool, span: Range<Int>) {
        self.text = text
        self.quoted = quoted
        self.span = span
    }
}

/// A boolean expression over one task.
public indirect enum Expr: Sendable, Equatable {
    case or([Expr])
    case and([Expr])
    /// `not X`; the span covers the `not` keyword.
    case not(Expr, span: Range<Int>)
    /// `field op value`
    case compare(FieldRef, QueryOperator, opSpan: Range<Int>, Literal)
    /// `field in (v, …)`; the span covers `in`.
    case inList(FieldRef, [Literal], span: Range<Int>)
    /// `field is [not] empty`; the span covers `is … empty`.
    case isEmpty(FieldRef, negated: Bool, span: Range<Int>)

    /// From the first to the last character of the expression.
    public var span: Range<Int> {
        switch self {
        case let .or(xs), let .and(xs):
            guard let f = xs.first, let l = xs.last else { return 0..<0 }
            return f.span.lowerBound..<l.span.upperBound
        case let .not(x, s): return s.lowerBound..<x.span.upperBound
        case let .compare(f, _, _, v): return f.span.lowerBound..<v.span.upperBound
        case let .inList(f, vs, s): return f.span.lowerBound..<(vs.last?.span.upperBound ?? s.upperBound)
        case let .isEmpty(f, _, s): return f.span.lowerBound..<s.upperBound
        }
    }

    /// Nesting depth (for tests and limits).
    public var depth: Int {
        switch self {
        case let .or(xs), let .and(xs): 1 + (xs.map(\.depth).max() ?? 0)
        case let .not(x, _): 1 + x.depth
        default: 1
        }
    }
}

/// `order by F [asc|desc]`
public struct OrderKey: Sendable, Equatable {
    public var field: FieldRef
    public var descending: Bool
    public init(_ field: FieldRef, descending: Bool) {
        self.field = field
        self.descending = descending
    }
}

/// `find [tasks] [where EXPR] [order by …] [limit N] [show F, …] [--format F]`
public struct FindQuery: Sendable, Equatable {
    /// `find tasks` (the default) or `find targets`.
    public var rows: RowKind = .tasks
    public var filter: Expr?
    public var order: [OrderKey] = []
    public var limit: Int?
    /// Columns for the screen; empty means the default set. JSON always carries every field.
    public var show: [Field] = []
    public var format: OutputFormat?
    public init() {}
}

/// `count [tasks] [where EXPR] [by F, …] [--format F]`
public struct CountQuery: Sendable, Equatable {
    public var rows: RowKind = .tasks
    public var filter: Expr?
    public var groups: [FieldRef] = []
    public var format: OutputFormat?
    public init() {}
}

/// A whole query command.
public enum QueryCommand: Sendable, Equatable {
    case find(FindQuery)
    case count(CountQuery)

    /// The rows the query runs over.
    public var rowKind: RowKind {
        switch self {
        case let .find(q): q.rows
        case let .count(q): q.rows
        }
    }
}

/// `update ID[, ID…] set F = V[, …] [force]` · `update [tasks] where EXPR set F = V[, …] [force]`
public struct UpdateStatement: Sendable, Equatable {
    /// Which tasks: ids as written, or a filter.
    public enum Rows: Sendable, Equatable {
        case ids([Literal])
        case filter(Expr)
    }

    /// `F = V`: `field` is a registry field (status, progress, note, due, start), nil for `month`.
    public struct Assignment: Sendable, Equatable {
        public var field: Field?
        /// The canonical name (`status`, …, `month`), whatever alias was written.
        public var name: String
        public var nameSpan: Range<Int>
        /// Bare words keep the text as typed (a note is not folded); strings lose their quotes.
        public var value: Literal
    }

    public var rows: Rows
    /// The `set` keyword.
    public var setSpan: Range<Int>
    public var assignments: [Assignment]
    /// `force` at the end: apply a bulk change without asking.
    public var force: Bool
}
