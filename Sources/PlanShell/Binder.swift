import Foundation
import PlanKit

/// A command's words bound to its declared parameters, checked; what `run` reads.
public struct Arguments {
    public let input: CommandInput
    public let spec: CommandSpec
    var words: [String: Word] = [:]
    var flags: Set<String> = []
    var restWords: [Word] = []
    var queryStart: Int?
    var taskRows: [String: Int] = [:]
    var planIDs: [String: String] = [:]
    var months: [String: YearMonth] = [:]
    var days: [String: CalendarDay] = [:]
    var numbers: [String: Int] = [:]

    /// The word given for parameter `name`, nil when left out.
    public func word(_ name: String) -> Word? { words[name] }
    public func value(_ name: String) -> String? { words[name]?.value }
    /// Whether the flag `keyword` was given.
    public func has(_ keyword: String) -> Bool { flags.contains(keyword) }
    /// The remaining words of a `.text` rest.
    public var rest: [Word] { restWords }
    /// The text of a `.query` parameter and its offset in `input.text`, nil when not given.
    public var query: (text: String, offset: Int)? {
        queryStart.map { (String(input.text.dropFirst($0)), $0) }
    }
    public func taskRow(_ name: String) -> Int? { taskRows[name] }
    public func planID(_ name: String) -> String? { planIDs[name] }
    public func month(_ name: String) -> YearMonth? { months[name] }
    public func date(_ name: String) -> CalendarDay? { days[name] }
    public func number(_ name: String) -> Int? { numbers[name] }
    /// The span of the command's first word, for messages about the command as a whole.
    public var commandSpan: Range<Int> { input.words.first?.span ?? 0..<0 }
}

/// Binds words to a command's declaration: the one place arity, keyword and value errors are made.
enum Binder {
    static func bind(_ input: CommandInput, to spec: CommandSpec, in session: Session) throws -> Arguments {
        var out = Arguments(input: input, spec: spec)
        let args = Array(input.arguments)
        let positional = spec.parameters.filter { $0.keyword == nil && !$0.isRest }
        let options = spec.parameters.filter { $0.keyword != nil }
        let rest = spec.parameters.first { $0.isRest }
        var seen = Set<String>()
        var next = 0
        var i = 0
        var insertion = input.words.prefix(input.commandWordCount).last.map { $0.span.upperBound..<($0.span.upperBound + 1) }
            ?? input.endSpan
        loop: while i < args.count {
            let w = args[i]
            if let k = w.keyword, let opt = options.first(where: { $0.introduced(by: k) }) {
                let key = opt.keyword ?? k
                guard seen.insert(key).inserted else { throw Diagnostic(Messages.keywordTwice(w.value), at: w.span) }
                if opt.isFlag {
                    out.flags.insert(key)
                    i += 1
                    continue
                }
                if case .query = opt.kind {
                    out.queryStart = w.span.upperBound
                    break loop
                }
                guard i + 1 < args.count else {
                    throw Diagnostic(Messages.missingArgument("\(opt.noun) after `\(w.value)`", usage: spec.usage),
                                     at: w.span.upperBound..<(w.span.upperBound + 1))
                }
                try check(args[i + 1], as: opt, into: &out, session: session)
                i += 2
                continue
            }
            if next < positional.count {
                try check(w, as: positional[next], into: &out, session: session)
                insertion = w.span.upperBound..<(w.span.upperBound + 1)
                next += 1
                i += 1
                continue
            }
            if let rest {
                if case .query = rest.kind { out.queryStart = w.span.lowerBound }
                out.restWords = Array(args[i...])
                break loop
            }
            let near = Suggest.nearest(w.value, in: options.compactMap(\.keyword).filter { !seen.contains($0) })
            throw Diagnostic(Messages.extraArgument(w.value, suggestion: near, usage: spec.usage), at: w.span)
        }
        if let missing = positional.dropFirst(next).first(where: { !$0.isOptional }) {
            throw Diagnostic(Messages.missingArgument(missing.noun, usage: spec.usage), at: insertion)
        }
        if let rest, !rest.isOptional, out.restWords.isEmpty, out.queryStart == nil {
            throw Diagnostic(Messages.missingArgument(rest.noun, usage: spec.usage), at: insertion)
        }
        return out
    }

    /// Checks one word against its parameter's kind and keeps it (and what it resolved to).
    static func check(_ w: Word, as p: Parameter, into out: inout Arguments, session: Session) throws {
        out.words[p.name] = w
        let folded = TextFolding.fold(w.value)
        let usage = out.spec.usage
        func bad(_ expected: String, _ candidates: [String] = []) -> Diagnostic {
            var m = Messages.badArgument(w.value, expected: expected, usage: usage)
            if let s = Suggest.nearest(w.value, in: candidates) {
                m = Message(m.name, m.severity, m.text + Suggest.didYouMean(s))
            }
            return Diagnostic(m, at: w.span)
        }
        switch p.kind {
        case .plan:
            let id = folded.lowercased()
            let plans = session.workspace.plans.map(\.id)
            guard session.workspace.planIndex(id) != nil else { throw Diagnostic(Messages.noPlan(w.value, known: plans), at: w.span) }
            out.planIDs[p.name] = id
        case .newPlan:
            guard PlanImporter.isValidID(w.value) else { throw Diagnostic(Messages.invalidPlanID(w.value), at: w.span) }
        case .task:
            out.taskRows[p.name] = try TaskLookup.row(of: w.value, span: w.span, in: session.workspace)
        case .snapshot:
            if !Binder.nowWords.contains(TextFolding.keyword(w.value)), let problem = SnapshotName.problem(with: w.value) {
                throw Diagnostic(problem, at: w.span)
            }
        case let .oneOf(words):
            guard words.contains(TextFolding.keyword(w.value)) else { throw bad(p.noun, words) }
        case .number:
            guard let n = Int(folded) else { throw bad(p.noun) }
            out.numbers[p.name] = n
        case .date:
            guard let d = CalendarDay(parsing: folded) else { throw bad(p.noun) }
            out.days[p.name] = d
        case .month:
            guard let m = YearMonth(parsing: folded) else { throw bad(p.noun + ", e.g. 2025-04") }
            out.months[p.name] = m
        case .target, .newSnapshot, .file, .query, .text, .topic, .setting, .settingValue:
            break
        }
    }

    /// Words that name the working state where a snapshot is expected (`diff 2025-03 now`).
    static let nowWords = ["now", "working", "现在"]
}

/// Task ids typed by a user: found, or a message with the nearest id.
enum TaskLookup {
    static func row(of id: String, span: Range<Int>, in w: Workspace) throws -> Int {
        let folded = TextFolding.fold(id)
        if let r = w.row(id: folded) { return r }
        // A target id (TASK#n) where a task is expected: name its task.
        if let hash = folded.firstIndex(of: "#"), w.row(id: String(folded[..<hash])) != nil {
            throw Diagnostic(Messages.targetNotTask(folded, task: String(folded[..<hash])), at: span)
        }
        guard let colon = folded.lastIndex(of: ":") else { throw Diagnostic(Messages.notTaskID(id), at: span) }
        let plan = String(folded[..<colon])
        guard let p = w.planIndex(plan) else {
            throw Diagnostic(Messages.noPlan(plan, known: w.plans.map(\.id)), at: span)
        }
        let path = String(folded[folded.index(after: colon)...])
        let near = Suggest.nearest(path, in: w.taskRanges[p].map { w.tasks.paths[$0] }).map { "\(plan):\($0)" }
        throw Diagnostic(Messages.noTask(folded, suggestion: near), at: span)
    }
}
