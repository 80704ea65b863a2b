/// Every field of every row kind, in the order `help query`, `show all` and JSON list them.
///
/// A group of entries lives in its own file (`TaskFields.swift`, …); this table names the
/// groups. Lookups fold the word (NFC, full-width ASCII, lower case), so `ＯＦＦＩＣＥ`, `Office`
/// and `科室` all find `office`.
public enum FieldRegistry {
    /// The entries of a row kind, in order.
    static func entries(_ kind: RowKind) -> [FieldEntry] {
        switch kind {
        case .tasks: taskEntries
        case .targets: targetEntries
        }
    }

    static let taskEntries: [FieldEntry] = TaskFields.all
    static let targetEntries: [FieldEntry] = []

    /// The fields of a row kind, in order.
    public static func fields(_ kind: RowKind) -> [Field] { entries(kind).map(Field.init) }

    /// Whether `find KIND` / `count KIND` can run (the kind has fields).
    public static func hasFields(_ kind: RowKind) -> Bool { !entries(kind).isEmpty }

    /// Name and alias → entry, folded, per row kind.
    static let lookup: [RowKind: [String: FieldEntry]] = {
        var out: [RowKind: [String: FieldEntry]] = [:]
        for kind in RowKind.allCases {
            var table: [String: FieldEntry] = [:]
            for e in entries(kind) {
                for word in [e.name] + e.aliases where table[TextFolding.keyword(word)] == nil {
                    table[TextFolding.keyword(word)] = e
                }
            }
            out[kind] = table
        }
        return out
    }()

    /// The field of `kind` named `word` (its name or an alias, any case or width), nil when unknown.
    public static func field(named word: String, in kind: RowKind) -> Field? {
        lookup[kind]?[TextFolding.keyword(word)].map(Field.init)
    }

    /// Names then aliases of a row kind's fields, for suggestions and completion.
    public static func allNames(_ kind: RowKind) -> [String] {
        let es = entries(kind)
        return es.map(\.name) + es.flatMap(\.aliases)
    }

    /// The fields named with a Chinese alias, for completion after `where` (ASCII aliases are
    /// plurals that would only crowd the list).
    public static func completionNames(_ kind: RowKind) -> [String] {
        let es = entries(kind)
        return es.map(\.name) + es.flatMap { $0.aliases.filter { !$0.allSatisfy(\.isASCII) } }
    }

    /// Fields whose text `contains` / `matches` can test, for the error that lists them.
    static func textFields(_ kind: RowKind) -> [String] {
        entries(kind).filter { $0.textMatch != nil }.map(\.name)
    }

    /// Fields `is [not] empty` applies to.
    static func emptyableFields(_ kind: RowKind) -> [String] {
        entries(kind).filter { $0.empty != nil }.map(\.name)
    }

    /// `help query`'s field list: one line per field with its aliases and summary.
    public static func helpLines(_ kind: RowKind) -> [String] {
        let es = entries(kind)
        let width = es.map { DisplayWidth.of($0.name) }.max() ?? 0
        return es.map { e in
            let names = e.aliases.isEmpty ? "" : " (" + e.aliases.joined(separator: " ") + ")"
            return DisplayWidth.pad(e.name, to: width) + "  " + e.summary + names
        }
    }

    /// One line naming every field of a kind (`id plan path …`).
    public static func nameLine(_ kind: RowKind) -> String {
        entries(kind).map(\.name).joined(separator: " ")
    }

    /// The Chinese aliases of a kind's fields, space-separated.
    public static func chineseAliasLine(_ kind: RowKind) -> String {
        entries(kind).flatMap { $0.aliases.filter { !$0.allSatisfy(\.isASCII) } }.joined(separator: " ")
    }
}
