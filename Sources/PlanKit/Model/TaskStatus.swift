/// Where a task stands. Raw values are the English keywords of the query language.
public enum TaskStatus: UInt8, Sendable, Hashable, CaseIterable, Codable {
    case notStarted = 0
    case onTrack = 1
    case behind = 2
    case done = 3

    /// The keyword users type and JSON carries (`not_started`, `on_track`, `behind`, `done`).
    public var keyword: String {
        switch self {
        case .notStarted: "not_started"
        case .onTrack: "on_track"
        case .behind: "behind"
        case .done: "done"
        }
    }

    /// The Chinese label used in tables and reports.
    public var chineseLabel: String {
        switch self {
        case .notStarted: "未启动"
        case .onTrack: "推进中"
        case .behind: "滞后"
        case .done: "已完成"
        }
    }

    /// Parses an English keyword or Chinese alias, case-insensitively; nil when unknown.
    public init?(parsing word: String) {
        let w = TextFolding.fold(word).lowercased()
        for status in TaskStatus.allCases where status.keyword == w || status.chineseLabel == w {
            self = status
            return
        }
        switch w {
        case "not-started", "notstarted", "todo": self = .notStarted
        case "on-track", "ontrack": self = .onTrack
        case "完成": self = .done
        default: return nil
        }
    }
}
