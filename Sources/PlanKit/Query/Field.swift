/// The fields a query can test, order by, group by and show.
public enum Field: String, Sendable, Hashable, CaseIterable {
    case id, plan, path, section, heading, text, office, status, progress, note, due, updated
    case target, unit, level, overdue

    /// What kind of value the field holds; decides the operators and literals it accepts.
    public enum Kind: Sendable, Equatable {
        case text       // heading, text, note
        case name       // id, plan, path, section, office, unit: identifiers compared whole
        case status
        case integer    // progress, level
        case number     // target
        case day        // due
        case month      // updated
        case boolean    // overdue
    }

    public var kind: Kind {
        switch self {
        case .heading, .text, .note: .text
        case .id, .plan, .path, .section, .office, .unit: .name
        case .status: .status
        case .progress, .level: .integer
        case .target: .number
        case .due: .day
        case .updated: .month
        case .overdue: .boolean
        }
    }

    /// `office`, `target` and `unit` hold lists: a comparison matches when any value matches.
    public var isMultiValued: Bool { self == .office || self == .target || self == .unit }

    /// Fields that can have no value, for `is [not] empty`.
    public var canBeEmpty: Bool {
        switch self {
        case .heading, .text, .note, .office, .target, .unit, .due, .updated: true
        default: false
        }
    }

    /// The name used in output headers and JSON keys of `count … by`.
    public var name: String { rawValue }

    /// Chinese (and plural) names accepted for each field.
    public static let aliases: [String: Field] = [
        "编号": .id, "任务": .id, "计划": .plan, "路径": .path, "章节": .section, "标题": .heading,
        "内容": .text, "科室": .office, "责任科室": .office, "状态": .status, "进度": .progress,
        "备注": .note, "截止": .due, "期限": .due, "更新": .updated, "指标": .target, "单位": .unit,
        "层级": .level, "逾期": .overdue,
        "offices": .office, "targets": .target, "units": .unit, "task": .id,
    ]

    /// Every accepted spelling, for suggestions and completion.
    public static var allNames: [String] { allCases.map(\.rawValue) + aliases.keys.sorted() }

    /// The field named `word` (English, case-insensitive, or an alias), nil when unknown.
    public init?(named word: String) {
        let w = TextFolding.keyword(word)
        if let f = Field(rawValue: w) {
            self = f
        } else if let f = Field.aliases[w] {
            self = f
        } else {
            return nil
        }
    }

    /// One line each for `help find`.
    public var summary: String {
        switch self {
        case .id: "task id plan:path (编号); ordered naturally"
        case .plan: "plan id (计划)"
        case .path: "dotted heading numbers, e.g. 2.1.1 (路径)"
        case .section: "section = 2.1 matches the whole subtree (章节); also plan:2.1"
        case .heading: "first sentence of the task (标题)"
        case .text: "full text of the task (内容)"
        case .office: "responsible offices, any of them (科室, 责任科室)"
        case .status: "not_started on_track behind done / 未启动 推进中 滞后 已完成 (状态)"
        case .progress: "0–100 (进度)"
        case .note: "progress note (备注)"
        case .due: "due date YYYY-MM-DD; YYYY-MM means the whole month (截止)"
        case .updated: "month of the latest progress, YYYY-MM (更新)"
        case .target: "any target value; 90% or 10分钟 also require the unit (指标)"
        case .unit: "any target unit, e.g. % 个 分钟 (单位)"
        case .level: "depth of the path, 2.1.1 → 3 (层级)"
        case .overdue: "true when due has passed and status is not done (逾期)"
        }
    }
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
