/// A field a query can test, order by, group by and show: a handle on one `FieldEntry` of the
/// registry. Two fields are equal when they name the same entry (name and row kind).
///
/// Everything a field knows — aliases, type, summary, how it prints, sorts, groups, serialises,
/// completes and how a comparison on it is checked — lives in its entry (`FieldRegistry`).
public struct Field: Sendable, Hashable, CustomStringConvertible {
    let entry: FieldEntry

    init(_ entry: FieldEntry) { self.entry = entry }

    /// What kind of value the field holds; decides the operators and literals it accepts.
    public enum Kind: Sendable, Equatable {
        case text       // heading, text, note
        case name       // id, plan, path, section, office, unit: identifiers compared whole
        case choice     // one of a few named values (status)
        case integer    // progress, level
        case number     // target
        case day        // due
        case month      // updated
        case boolean    // overdue

        /// The kind in words, for messages (`progress is a number`).
        public var described: String {
            switch self {
            case .integer, .number: "a number"
            case .choice: "one of a few names"
            case .day: "a date"
            case .month: "a month"
            case .boolean: "true or false"
            case .text, .name: "text"
            }
        }
    }

    /// The English name: the output header and the JSON key of `count … by`.
    public var name: String { entry.name }
    public var description: String { entry.name }
    public var rowKind: RowKind { entry.rowKind }
    public var kind: Kind { entry.kind }
    /// Chinese (and plural) names accepted besides `name`.
    public var aliases: [String] { entry.aliases }
    /// One line for `help query`.
    public var summary: String { entry.summary }
    /// `office`, `target` and `unit` hold lists: a comparison matches when any value matches.
    public var isMultiValued: Bool { entry.multiValued }
    /// Whether `is [not] empty` applies.
    public var canBeEmpty: Bool { entry.empty != nil }

    public static func == (a: Field, b: Field) -> Bool { a.entry === b.entry }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(entry)) }

    /// The task field named `word` (English, case-insensitive, or an alias), nil when unknown.
    public init?(named word: String) {
        guard let f = FieldRegistry.field(named: word, in: .tasks) else { return nil }
        self = f
    }

    /// Every task field, in registry order.
    public static var allCases: [Field] { FieldRegistry.fields(.tasks) }
    /// Every accepted spelling of a task field, for suggestions.
    public static var allNames: [String] { FieldRegistry.allNames(.tasks) }
}

/// Which rows a query runs over: `find tasks` or `find targets`.
public enum RowKind: String, Sendable, Hashable, CaseIterable {
    case tasks, targets

    /// The singular noun (`1 task`).
    public var singular: String { String(rawValue.dropLast()) }
}

/// A comparison operator of the query language.
public enum QueryOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case contains
    case matches

    /// Word operators: English and Chinese.
    public static let words: [String: QueryOperator] = [
        "contains": .contains, "包含": .contains, "matches": .matches, "匹配": .matches,
    ]

    public var isOrdering: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }

    /// `a op b` for an ordering result `c` of comparing a with b (-1, 0, 1).
    @inline(__always) public func holds(_ c: Int) -> Bool {
        switch self {
        case .equal: c == 0
        case .notEqual: c != 0
        case .less: c < 0
        case .lessOrEqual: c <= 0
        case .greater: c > 0
        case .greaterOrEqual: c >= 0
        case .contains, .matches: false
        }
    }

    @inline(__always) public func holds(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessOrEqual: a <= b
        case .greater: a > b
        case .greaterOrEqual: a >= b
        case .contains, .matches: false
        }
    }
}
