import PlanKit

/// Tab-completion candidates, computed from the command table, the query language and the data.
/// Pure logic: the libedit reader only asks it and inserts the answer.
public struct Completer {
    public let session: Session

    public init(session: Session) {
        self.session = session
    }

    /// The word being typed at the end of `line` (after the last space or separator).
    public static func currentWord(_ line: String) -> String {
        var word = ""
        for ch in line.reversed() {
            if ch == " " || ch == "\t" || ch == ";" || ch == "(" || ch == "," || ch == "\u{3000}" || ch == "\"" { break }
            word.insert(ch, at: word.startIndex)
        }
        return word
    }

    /// Full words (replacing the current word) that could complete `line`.
    public func candidates(forLine line: String) -> [String] {
        // Only the last command of the line matters.
        let lastCommand = line.split(separator: ";", omittingEmptySubsequences: false).last.map(String.init) ?? line
        let word = Completer.currentWord(lastCommand)
        let before = String(lastCommand.dropLast(word.count))
        let words = before.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { TextFolding.keyword(String($0)) }
        let pool: [String]
        if words.isEmpty {
            pool = CommandTable.commandWords + ["exit"]
        } else if let sub = subcommands(after: words), !sub.isEmpty {
            pool = sub
        } else if let q = QueryCompletion.candidates(forLine: lastCommand, workspace: session.workspace) {
            return q
        } else {
            pool = values(after: words)
        }
        let folded = TextFolding.keyword(word)
        var seen = Set<String>()
        return pool.filter { TextFolding.keyword($0).hasPrefix(folded) && seen.insert($0).inserted }.sorted()
    }

    /// Second words of multi-word commands (`import plan`, `show task`).
    func subcommands(after words: [String]) -> [String]? {
        guard words.count < 3 else { return nil }
        let matches = CommandTable.all.filter { $0.words.count > words.count && Array($0.words.prefix(words.count)) == words }
        guard !matches.isEmpty else { return nil }
        return matches.map { $0.words[words.count] }
    }

    /// Ids and names that commands take as arguments.
    func values(after words: [String]) -> [String] {
        let w = session.workspace
        let first = words.first ?? ""
        let joined = words.prefix(2).joined(separator: " ")
        switch (first, joined) {
        case (_, "show task"), ("history", _), ("update", _):
            return (0..<w.taskCount).map { w.taskID(row: $0) }
        case (_, "show plan"), (_, "drop plan"), ("report", _):
            return w.plans.map(\.id) + (first == "report" ? ["plan", "month", "by"] : [])
        case ("load", _), ("diff", _):
            return ((try? session.store.snapshots()) ?? []).map(\.name)
        case ("help", _):
            return CommandTable.commandWords + HelpTopics.names
        case ("set", _):
            return words.count == 1 ? ["format", "timer", "errors"] :
                words.contains("format") ? OutputFormat.allCases.map(\.rawValue) :
                words.contains("timer") ? ["on", "off"] : ["continue", "stop"]
        default:
            return []
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
