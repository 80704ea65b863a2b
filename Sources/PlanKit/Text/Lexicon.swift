/// The language labels are shown in (`set lang zh|en`). JSON always stays English.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case en, zh
}

/// Every user-facing word plansh prints or accepts in Chinese and English, in one table:
/// status names and their synonyms, table headers, report labels.
public enum Lexicon {
    /// The name of status code `code` (a `TaskStatus` raw value) in `language`.
    public static func status(_ code: UInt8, in language: Language) -> String {
        let s = TaskStatus(rawValue: min(code, 3)) ?? .notStarted
        return language == .zh ? s.chineseLabel : s.keyword
    }

    /// A status keyword (`behind`) in `language`; other text unchanged.
    public static func statusName(_ keyword: String, in language: Language) -> String {
        guard let s = TaskStatus(parsing: keyword) else { return keyword }
        return language == .zh ? s.chineseLabel : s.keyword
    }

    /// A field's column header in `language` (its name in English, its first Chinese alias in Chinese).
    public static func header(_ field: Field, in language: Language) -> String {
        guard language == .zh else { return field.name }
        return field.aliases.first { !$0.allSatisfy(\.isASCII) } ?? field.name
    }

    /// The header of `count`'s count column.
    public static func countHeader(_ language: Language) -> String { language == .zh ? "数量" : "count" }
}
