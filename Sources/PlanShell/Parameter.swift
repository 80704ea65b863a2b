import Foundation
import PlanKit

/// One declared parameter of a command: what it is, how it is written, whether it may be left out.
///
/// The kind says how the binder checks a word (a plan that exists, a month YYYY-MM, …), what an
/// error calls it, and what Tab offers for it.
public struct Parameter: Sendable {
    public enum Kind: Sendable, Equatable {
        /// An imported plan's id.
        case plan
        /// A plan id about to be created (`import plan … as ID`).
        case newPlan
        /// A task id PLAN:PATH.
        case task
        /// A target id (SPEC §11).
        case target
        /// A snapshot name (or `now` where the command allows it).
        case snapshot
        /// A snapshot name about to be saved (the command checks it).
        case newSnapshot
        /// One of these words.
        case oneOf([String])
        /// A path to a file or directory.
        case file
        /// The rest of the command, read by the query grammar; its syntax is the usage.
        case query(String)
        case number
        case date
        case month
        /// The rest of the words, as given.
        case text
        /// A help topic or command name.
        case topic
        /// A setting or variable name (`set`).
        case setting
        /// The value of the setting named before it (the rest of the words).
        case settingValue
    }

    /// The placeholder shown in usage: `ID`, `FILE`, `YYYY-MM`.
    public let name: String
    public let kind: Kind
    public let isOptional: Bool
    /// The word that introduces it (`as` in `as ID`), with its aliases; nil when positional.
    public let keyword: String?
    public let aliases: [String]
    /// A keyword alone, without a value (`replace`).
    public let isFlag: Bool

    init(_ name: String, _ kind: Kind, optional: Bool = false, keyword: String? = nil, aliases: [String] = [],
         flag: Bool = false) {
        self.name = name
        self.kind = kind
        self.isOptional = optional
        self.keyword = keyword
        self.aliases = aliases
        self.isFlag = flag
    }

    public static func plan(_ name: String) -> Parameter { Parameter(name, .plan) }
    public static func newPlan(_ name: String) -> Parameter { Parameter(name, .newPlan) }
    public static func task(_ name: String) -> Parameter { Parameter(name, .task) }
    public static func target(_ name: String) -> Parameter { Parameter(name, .target) }
    public static func snapshot(_ name: String) -> Parameter { Parameter(name, .snapshot) }
    public static func newSnapshot(_ name: String) -> Parameter { Parameter(name, .newSnapshot) }
    public static func file(_ name: String) -> Parameter { Parameter(name, .file) }
    public static func number(_ name: String) -> Parameter { Parameter(name, .number) }
    public static func date(_ name: String) -> Parameter { Parameter(name, .date) }
    public static func month(_ name: String) -> Parameter { Parameter(name, .month) }
    public static func oneOf(_ name: String, _ words: [String]) -> Parameter { Parameter(name, .oneOf(words)) }
    public static func setting(_ name: String) -> Parameter { Parameter(name, .setting) }
    /// The value of the setting named by the `.setting` before it (Tab offers that setting's values).
    public static func settingValue(_ name: String) -> Parameter { Parameter(name, .settingValue, optional: true) }
    public static func topic(_ name: String) -> Parameter { Parameter(name, .topic, optional: true) }
    /// The rest of the command for the query grammar; `usage` is its syntax.
    public static func query(_ usage: String) -> Parameter { Parameter(usage, .query(usage), optional: true) }
    /// The remaining words (`echo TEXT`, `run FILE ARGS…`).
    public static func text(_ name: String, optional: Bool = true) -> Parameter { Parameter(name, .text, optional: optional) }

    public static func optional(_ p: Parameter) -> Parameter {
        Parameter(p.name, p.kind, optional: true, keyword: p.keyword, aliases: p.aliases, flag: p.isFlag)
    }

    /// `KEYWORD VALUE`, in any order after the positional parameters, at most once.
    public static func option(_ keyword: String, _ value: Parameter, aliases: [String] = []) -> Parameter {
        Parameter(value.name, value.kind, optional: true, keyword: keyword, aliases: aliases)
    }

    /// A keyword alone (`replace`, `restart`).
    public static func flag(_ keyword: String, aliases: [String] = []) -> Parameter {
        Parameter(keyword, .text, optional: true, keyword: keyword, aliases: aliases, flag: true)
    }

    /// Whether `word` (folded) introduces this option.
    func introduced(by word: String) -> Bool {
        guard let keyword else { return false }
        return word == keyword || aliases.contains(word)
    }

    var isRest: Bool {
        switch kind {
        case .query, .text, .topic, .settingValue: return keyword == nil
        default: return false
        }
    }

    /// How the usage line writes it: `ID`, `[B]`, `[as ID]`, `[replace]`.
    var usage: String {
        var core = name
        if case .text = kind, keyword == nil, !name.hasSuffix("…") { core = name }
        if case .query = kind, keyword == nil { return name }
        if isFlag { core = keyword ?? name } else if let keyword { core = "\(keyword) \(name)" }
        return isOptional ? "[\(core)]" : core
    }

    /// What an error calls a missing value: "a task id (PLAN:PATH)".
    var noun: String {
        switch kind {
        case .plan, .newPlan: return "a plan id"
        case .task: return "a task id (PLAN:PATH)"
        case .target: return "a target id"
        case .snapshot: return "a snapshot name (see `snapshots`)"
        case .newSnapshot: return "a name for the snapshot"
        case let .oneOf(words): return words.map { "`\($0)`" }.joined(separator: " or ")
        case .file: return "a file name"
        case .query: return "a query"
        case .number: return "a number"
        case .date: return "a date YYYY-MM-DD"
        case .month: return "a month YYYY-MM"
        case .text: return name
        case .topic: return "a command or topic"
        case .setting: return "a setting or variable name"
        case .settingValue: return "a value"
        }
    }
}
