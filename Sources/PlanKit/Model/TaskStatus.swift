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

    /// Other words offices write for a status (in sheets, `update` and queries alike): spellings
    /// of the keywords and the common Chinese synonyms of SPEC §10. Compared after folding and
    /// lowercasing, like the keyword and the label.
    public static let synonyms: [(word: String, status: TaskStatus)] = [
        ("not-started", .notStarted), ("notstarted", .notStarted), ("todo", .notStarted), ("未开始", .notStarted),
        ("on-track", .onTrack), ("ontrack", .onTrack), ("进行中", .onTrack), ("正常推进", .onTrack),
        ("进度滞后", .behind), ("落后", .behind),
        ("完成", .done),
    ]

    /// Every word that names a status: keywords, Chinese labels, then synonyms.
    public static var allWords: [String] {
        allCases.map(\.keyword) + allCases.map(\.chineseLabel) + synonyms.map(\.word)
    }

    /// Parses an English keyword, Chinese label or synonym, case-insensitively; nil when unknown.
    public init?(parsing word: String) {
        let w = TextFolding.fold(word).lowercased()
        for status in TaskStatus.allCases where status.keyword == w || status.chineseLabel == w {
            self = status
            return
        }
        guard let s = TaskStatus.synonyms.first(where: { $0.word == w }) else { return nil }
        self = s.status
    }

    /// The status word nearest to `word`, for "unknown status" messages: for Latin text a likely
    /// typo (`Suggest`); for Chinese the word sharing the most characters with it, then the
    /// closest by edit distance (`进展顺利` → 进行中). Nil when nothing is near.
    public static func nearestWord(to word: String) -> String? {
        let folded = TextFolding.fold(word).lowercased()
        if folded.allSatisfy(\.isASCII) { return Suggest.nearest(folded, in: allWords) }
        let w = Array(folded)
        var best: (word: String, shared: Int, distance: Int)?
        for c in allWords where !c.allSatisfy(\.isASCII) {
            let shared = Set(w).intersection(c).count
            guard shared > 0 else { continue }
            let d = Suggest.distance(w, Array(c))
            if let b = best, shared < b.shared || shared == b.shared && d >= b.distance { continue }
            best = (c, shared, d)
        }
        return best?.word
    }
}
