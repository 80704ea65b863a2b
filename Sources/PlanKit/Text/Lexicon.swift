/// The language labels are shown in (`set lang zh|en`). JSON always stays English.
public enum Language: String, Sendable, Hashable, CaseIterable {
    case en, zh
}

/// One piece of user-facing text, written once in each language. A sentence with numbers in it
/// is a function returning a `Term`, so both languages' templates sit side by side.
public struct Term: Sendable, Hashable, CustomStringConvertible {
    public let en: String
    public let zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// The text in `language`.
    public subscript(_ language: Language) -> String { language == .zh ? zh : en }

    /// The English text (for places with no language yet, such as debug output).
    public var description: String { en }
}

/// Every user-facing word plansh prints or accepts in Chinese and English, in one table:
/// status names and their synonyms, table headers, row counts, the report's headings and
/// sentences (`Lexicon+Report.swift`), the `why` explanation (`Lexicon+Why.swift`).
/// `set lang zh|en` picks the column; JSON keys and values stay English.
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

    /// Every word a light is typed or shown with, keywords first (`red yellow green 红灯 黄灯 绿灯`):
    /// the values Tab offers after `light =`, for tasks and targets alike.
    public static let lightWords: [String] = Light.allCases.map(\.keyword) + Light.allCases.map(\.chineseLabel)

    /// A light's keyword (`red`) in `language` (`红灯`); other text unchanged.
    public static func lightName(_ keyword: String, in language: Language) -> String {
        guard language == .zh, let l = Light(parsing: keyword) else { return keyword }
        return l.chineseLabel
    }

    /// A field's column header in `language` (its name in English, its first Chinese alias in Chinese).
    public static func header(_ field: Field, in language: Language) -> String {
        guard language == .zh else { return field.name }
        return field.aliases.first { !$0.allSatisfy(\.isASCII) } ?? field.name
    }

    /// The header of `count`'s count column.
    public static func countHeader(_ language: Language) -> String { Term(en: "count", zh: "数量")[language] }

    /// A number of things: `1 change`, `3 changes`, `3 条变更`. The one place a count is worded.
    public static func counted(_ n: Int, _ noun: RowNoun) -> Term {
        Term(en: "\(n) " + (n == 1 ? String(noun.rawValue.dropLast()) : noun.rawValue), zh: "\(n) \(noun.chineseCounter)")
    }

    /// The line under a table: `(3 tasks)`, `（共 3 项任务）`.
    public static func rowCount(_ n: Int, _ noun: RowNoun) -> Term {
        let c = counted(n, noun)
        return Term(en: "(\(c.en))", zh: "（共 \(c.zh)）")
    }
}

/// What is counted: the rows of a table (its row count line), or the things a message counts
/// (`Lexicon.counted`). The raw value is the English plural; the singular drops its last letter.
public enum RowNoun: String, Sendable, CaseIterable {
    case rows, tasks, targets, groups, sections, changes, plans, offices, snapshots, files, records
    case warnings, updates, steps, days, points, bytes, lights
    case fieldChanges = "field changes", damagedFiles = "damaged files"
    case closingParagraphs = "closing paragraphs", otherUnits = "other units"

    /// The rows of a query over `kind`.
    public init(_ kind: RowKind) {
        self = kind == .tasks ? .tasks : .targets
    }

    /// The measure word and noun after the number in Chinese (`项任务`).
    var chineseCounter: String {
        switch self {
        case .rows: "行"
        case .tasks: "项任务"
        case .targets: "个指标"
        case .groups: "组"
        case .sections: "个章节"
        case .changes: "条变更"
        case .plans: "个计划"
        case .offices: "个科室"
        case .snapshots: "个快照"
        case .files: "个文件"
        case .records: "条记录"
        case .warnings: "条提示"
        case .updates: "条更新"
        case .steps: "步"
        case .days: "天"
        case .points: "个百分点"
        case .bytes: "字节"
        case .lights: "项灯色变化"
        case .fieldChanges: "处字段变更"
        case .damagedFiles: "个损坏文件"
        case .closingParagraphs: "段结尾段落"
        case .otherUnits: "种其他单位"
        }
    }
}
