/// The bureau's supervision rules (SPEC §9): thresholds of the lights, the reminder window
/// and the score weights. Part of the working state: journaled, saved in snapshots, restored by `load`.
public struct Rules: Sendable, Hashable {
    /// Points behind the calendar that make a task yellow (gap < −yellow).
    public var yellow = 10
    /// Points behind the calendar that make a task red (gap < −red).
    public var red = 30
    /// A task not started once the calendar expects this much is red.
    public var idle = 25
    /// Days before its due date a task not done is due soon (临期).
    public var remind = 14
    /// Points a lead office loses per yellow task.
    public var scoreYellow = 1
    /// Points a lead office loses per red task.
    public var scoreRed = 2

    public init() {}

    public static let defaults = Rules()

    /// One rule as `rules` lists it and `set rule NAME = N` names it.
    public struct Entry: Sendable {
        public let name: String
        public let keyPath: WritableKeyPath<Rules, Int> & Sendable
        /// English meaning (`rules` prints it).
        public let meaning: String
        /// Chinese meaning.
        public let chineseMeaning: String
    }

    /// Every rule, in the order `rules` prints them; the one table of names.
    public static let entries: [Entry] = [
        Entry(name: "yellow", keyPath: \.yellow, meaning: "yellow when gap < -yellow (points behind the calendar)",
              chineseMeaning: "落后序时进度超过该百分点为黄灯"),
        Entry(name: "red", keyPath: \.red, meaning: "red when gap < -red (points behind the calendar)",
              chineseMeaning: "落后序时进度超过该百分点为红灯"),
        Entry(name: "idle", keyPath: \.idle, meaning: "red when not started and expected >= idle",
              chineseMeaning: "序时进度达到该值仍未启动为红灯"),
        Entry(name: "remind", keyPath: \.remind, meaning: "due soon within this many days",
              chineseMeaning: "距完成时限该天数内为临期"),
        Entry(name: "score_yellow", keyPath: \.scoreYellow, meaning: "points off a lead office's score per yellow task",
              chineseMeaning: "每项黄灯扣分"),
        Entry(name: "score_red", keyPath: \.scoreRed, meaning: "points off a lead office's score per red task",
              chineseMeaning: "每项红灯扣分"),
    ]

    public static var names: [String] { entries.map(\.name) }

    public static func entry(named name: String) -> Entry? {
        let n = name.lowercased().replacingOccurrences(of: "-", with: "_")
        return entries.first { $0.name == n }
    }

    public subscript(name: String) -> Int? {
        Rules.entry(named: name).map { self[keyPath: $0.keyPath] }
    }

    /// These rules with `name` set to `value`, or an error saying why not (nothing changes).
    public func setting(_ name: String, to value: Int) throws -> Rules {
        guard let e = Rules.entry(named: name) else {
            throw Diagnostic(Messages.noRule(name, rules: Rules.names))
        }
        var r = self
        r[keyPath: e.keyPath] = value
        try r.validate(changed: e.name)
        return r
    }

    /// Checks the invariants: integers with 0 ≤ yellow ≤ red ≤ 100, idle 0–100, remind 0–366,
    /// score weights 0–100. The message names the rule and the bound.
    public func validate(changed: String? = nil) throws {
        for e in Rules.entries where self[keyPath: e.keyPath] < 0 {
            throw Diagnostic(Messages.ruleNegative(e.name, value: self[keyPath: e.keyPath]))
        }
        if red < yellow {
            throw Diagnostic(Messages.ruleOrder(changed: changed, yellow: yellow, red: red))
        }
        let bounds: [(String, Int, Int, String)] = [("red", red, 100, "100"), ("idle", idle, 100, "100"),
                                                    ("remind", remind, 366, "366 days"),
                                                    ("score_yellow", scoreYellow, 100, "100"), ("score_red", scoreRed, 100, "100")]
        for (name, value, limit, said) in bounds where value > limit {
            throw Diagnostic(Messages.ruleTooLarge(name, limit: said, value: value))
        }
    }

    /// The values in `entries` order (how they are stored).
    public var values: [Int] { Rules.entries.map { self[keyPath: $0.keyPath] } }

    /// Rules from stored values in `entries` order; missing trailing values keep their defaults.
    public init(values: [Int]) throws {
        for (e, v) in zip(Rules.entries, values) { self[keyPath: e.keyPath] = v }
        try validate()
    }
}
