import Foundation
import PlanKit

/// Tab-completion candidates, from the command declarations, the query language and the data.
/// Pure logic: the libedit reader only asks it and inserts the answer.
public struct Completer {
    public let session: Session

    public init(session: Session) {
        self.session = session
    }

    /// What Tab can do at the end of a line.
    public struct Completion: Equatable {
        /// The part of the current word already typed (candidates replace it).
        public var word: String
        /// Full words that could stand for `word`.
        public var candidates: [String]
        /// The cursor is inside a quote: a single candidate is followed by this closer.
        public var closer: Character?
    }

    /// Candidates for the word being typed at the end of `line` (the text before the cursor).
    public func candidates(forLine line: String) -> [String] { completion(forLine: line).candidates }

    public func completion(forLine line: String) -> Completion {
        let lexed = ShellLexer.lex(line)
        // Only the last command of the line matters.
        let segment = lexed.segments.last.flatMap { $0.span.lowerBound >= lexed.lastCommandStart ? $0 : nil }
        let commandText = String(line.dropFirst(lexed.lastCommandStart))
        var words = (segment?.words ?? []).map { w -> Word in
            Word(value: w.literalValue ?? "", span: w.span, quoted: w.quoted)
        }
        // The word being typed: the last one, unless the line ends with a space.
        var current = ""
        if let last = words.last, last.span.upperBound == line.count, !lexed.endsWithSpace || lexed.openQuote != nil {
            current = last.value
            words.removeLast()
        }
        let closer = lexed.openQuote?.close
        let pool = candidatePool(words: words, current: current, commandText: commandText)
        if let query = pool.query {
            return Completion(word: query.word, candidates: query.candidates, closer: closer)
        }
        let folded = TextFolding.keyword(current)
        var seen = Set<String>()
        let matching = pool.words.filter { TextFolding.keyword($0).hasPrefix(folded) && seen.insert($0).inserted }.sorted()
        return Completion(word: current, candidates: matching, closer: closer)
    }

    /// The words Tab may offer after `words`, or the query language's own answer.
    func candidatePool(words: [Word], current: String, commandText: String)
        -> (words: [String], query: (word: String, candidates: [String])?) {
        guard !words.isEmpty else { return (CommandTable.commandWords, nil) }
        let keys = words.map { TextFolding.keyword($0.value) }
        guard let (spec, n) = CommandTable.lookup(keys) else {
            let family = CommandTable.all.filter { $0.words.count > keys.count && Array($0.words.prefix(keys.count)) == keys }
            return (family.map { $0.words[keys.count] }, nil)
        }
        let args = Array(words.dropFirst(n))
        switch expected(after: args, in: spec) {
        case .query:
            guard let q = QueryCompletion.candidates(forLine: commandText, workspace: session.workspace) else { return ([], nil) }
            return ([], (QueryCompletion.replacedWord(commandText), q))
        case let .parameters(ps):
            if ps.contains(where: { $0.kind == .settingValue }), let name = args.first {
                return (SessionSetting.named(TextFolding.keyword(name.value))?.values ?? [], nil)
            }
            return (ps.flatMap { self.values(for: $0, current: current) }, nil)
        }
    }

    enum Expectation {
        /// The query grammar takes over (`find …`, `diff A where …`).
        case query
        /// Any of these may come next (a positional, an option keyword, a flag).
        case parameters([Parameter])
    }

    /// What the declaration allows after the words already given (the binder's walk, without errors).
    func expected(after args: [Word], in spec: CommandSpec) -> Expectation {
        let positional = spec.parameters.filter { $0.keyword == nil && !$0.isRest }
        let options = spec.parameters.filter { $0.keyword != nil }
        let rest = spec.parameters.first { $0.isRest }
        var used = Set<String>()
        var next = 0
        var i = 0
        while i < args.count {
            let w = args[i]
            if let k = w.keyword, let opt = options.first(where: { $0.introduced(by: k) }) {
                used.insert(opt.keyword ?? k)
                if opt.isFlag { i += 1; continue }
                if case .query = opt.kind { return .query }
                if i + 1 == args.count { return .parameters([opt.asValue]) }
                i += 2
                continue
            }
            if next < positional.count { next += 1; i += 1; continue }
            if let rest {
                if case .query = rest.kind { return .query }
                return .parameters([rest])
            }
            return .parameters([])
        }
        if let rest, case .query = rest.kind, next >= positional.count { return .query }
        var out: [Parameter] = []
        if next < positional.count { out.append(positional[next]) }
        if next >= positional.count || positional[next].isOptional {
            out += options.filter { !used.contains($0.keyword ?? "") }.map(\.asKeyword)
            if let rest { out.append(rest) }
        }
        return .parameters(out)
    }

    /// The words that can stand for a parameter, from the data and the declaration.
    func values(for p: Parameter, current: String) -> [String] {
        let w = session.workspace
        switch p.kind {
        case _ where p.isKeywordOnly:
            return [p.keyword ?? p.name]
        case .plan: return w.plans.map(\.id)
        case .task:
            // Task ids of the plan being typed; plan ids with ":" until then.
            guard let colon = current.lastIndex(of: ":"), let i = w.planIndex(String(current[..<colon])) else {
                return w.plans.map { $0.id + ":" }
            }
            return w.taskRanges[i].map { w.taskID(row: $0) }
        case .snapshot, .newSnapshot:
            let names = ((try? session.store.snapshots()) ?? []).map(\.name)
            return p.kind == .snapshot && p.name == "B" ? names + ["now"] : names
        case let .oneOf(words): return words
        case .file: return Completer.files(matching: current, in: session)
        case .topic: return CommandTable.commandWords + HelpTopics.names
        case .setting: return SessionSetting.completionNames
        case .newPlan, .target, .query, .number, .date, .month, .text, .settingValue: return []
        }
    }

    /// Files and directories whose path starts with `prefix` (directories end with `/`).
    static func files(matching prefix: String, in session: Session) -> [String] {
        let dirPart = prefix.contains("/") ? String(prefix[...(prefix.lastIndex(of: "/") ?? prefix.startIndex)]) : ""
        let dir = session.resolve(path: dirPart.isEmpty ? "." : dirPart)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.prefix(500).map { name in
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path, isDirectory: &isDir)
            return dirPart + name + (isDir.boolValue ? "/" : "")
        }
    }

    /// The longest prefix shared by all candidates (by Character).
    public static func commonPrefix(_ items: [String]) -> String {
        guard var prefix = items.first.map(Array.init) else { return "" }
        for s in items.dropFirst() {
            let a = Array(s)
            var n = 0
            while n < prefix.count && n < a.count && prefix[n] == a[n] { n += 1 }
            prefix = Array(prefix.prefix(n))
        }
        return String(prefix)
    }

    /// Candidates laid out in columns by display width.
    public static func columns(_ items: [String], width: Int) -> String {
        let shown = items.prefix(200)
        let colWidth = (shown.map { DisplayWidth.of($0) }.max() ?? 1) + 2
        let perRow = max(1, width / colWidth)
        var lines: [String] = []
        var row = ""
        for (i, item) in shown.enumerated() {
            row += DisplayWidth.pad(item, to: colWidth)
            if (i + 1) % perRow == 0 { lines.append(row.trimmingTrailingSpaces()); row = "" }
        }
        if !row.isEmpty { lines.append(row.trimmingTrailingSpaces()) }
        if items.count > shown.count { lines.append("… \(items.count - shown.count) more") }
        return lines.joined(separator: "\n")
    }
}

extension Parameter {
    /// An option's keyword, offered where the option may start.
    var asKeyword: Parameter { Parameter(keyword ?? name, .text, optional: true, keyword: keyword, flag: true) }
    /// An option's value, offered right after its keyword.
    var asValue: Parameter { Parameter(name, kind, optional: true) }
    var isKeywordOnly: Bool { isFlag }
}
