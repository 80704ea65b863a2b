/// Tab-completion candidates that depend on the query language and the data
/// (field names after `where`/`and`/`by`, values after an operator).
public enum QueryCompletion {
    /// Candidates for the word being typed at the end of `prefix` (the line up to the cursor),
    /// or nil when the query language has nothing to offer there.
    public static func candidates(forLine prefix: String, workspace: Workspace) -> [String]? {
        let word = currentWord(prefix)
        var before = String(prefix.dropLast(word.count))
        // Typing inside a quote: the query lexer (the quote table's reader) finds the text
        // unterminated; complete the value without its opening quote. A closed quote stays.
        var lexed = try? Lexer.tokens(before)
        if lexed == nil, let q = before.last, Quotes.opened(by: q) != nil {
            before.removeLast()
            lexed = try? Lexer.tokens(before)
        }
        guard let tokens = lexed else { return nil }
        let toks = Array(tokens.dropLast())  // drop .end
        guard let first = toks.first, first.kind == .word else { return nil }
        let command = first.keyword
        let isQuery = command == "find" || command == "count"
        let isUpdate = command == "update"
        guard isQuery || isUpdate || toks.contains(where: { $0.isKeyword("where") }) else { return nil }

        var offered = isUpdate ? updatePool(after: toks, word: word, workspace: workspace) : []
        if !isUpdate || (offered.isEmpty && !toks.contains(where: { $0.isKeyword("set") })) {
            // `update tasks where …` completes its condition like `find`, then offers `set`.
            offered = pool(after: toks, command: command, word: word, workspace: workspace)
        }
        let folded = TextFolding.keyword(word)
        var seen = Set<String>()
        // Tab replaces `replacedWord` (split at spaces, `(`, `,`, quotes): keep whatever of it
        // precedes the query word (`status=` in `status=beh`).
        let replaced = replacedWord(prefix)
        let lead = replaced.hasSuffix(word) ? String(replaced.dropLast(word.count)) : ""
        return offered.filter { TextFolding.keyword($0).hasPrefix(folded) && seen.insert($0).inserted }.map { lead + $0 }
    }

    /// The text at the end of `line` that Tab replaces with a candidate: after the last space,
    /// `;`, `(`, `,` or any character of the quote table (`Quotes`), so a candidate never holds a
    /// quote and a closed quote of any kind (`“医政科”`, `'医政科'`, `“医政科"`) stays as written.
    public static func replacedWord(_ line: String) -> String {
        var word = ""
        for ch in line.reversed() {
            if ch == " " || ch == "\t" || ch == ";" || ch == "(" || ch == "," || ch == "\u{3000}" || Quotes.isQuote(ch) { break }
            word.insert(ch, at: word.startIndex)
        }
        return word
    }

    /// The word under the cursor: after the last space, parenthesis, comma, quote or operator.
    static func currentWord(_ line: String) -> String {
        var word = ""
        for ch in line.reversed() {
            if Lexer.endsWord(ch) || ch == ";" || Quotes.isQuote(ch) { break }
            word.insert(ch, at: word.startIndex)
        }
        return word
    }

    static let operators = ["=", "!=", "<", "<=", ">", ">=", "contains", "matches", "in", "is", "包含"]

    static func pool(after toks: [Token], command: String, word: String, workspace: Workspace) -> [String] {
        let clauses = command == "count" ? ["where", "by"] : command == "find" ? ["where", "order", "limit", "show"]
            : command == "update" ? ["set"] : []
        guard let last = toks.last else { return [] }
        let kind: RowKind = toks.count >= 2 && FieldRegistry.hasFields(.targets)
            && ["targets", "target", "指标"].contains(toks[1].keyword) ? .targets : .tasks
        let fields = FieldRegistry.completionNames(kind)
        // Right after the command word.
        if toks.count == 1 && (command == "find" || command == "count") { return ["tasks"] + clauses }
        if toks.count == 2 && ["tasks", "task"].contains(last.keyword) { return clauses }

        // Which clause are we in?
        let clause = toks.last { ["where", "by", "show", "limit", "order"].contains($0.keyword) }?.keyword ?? ""
        switch last.kind {
        case .op:
            return values(for: fieldBefore(toks, at: toks.count - 1, kind), word: word, workspace: workspace)
        case .leftParen, .comma:
            // Inside `F in (…`: values; otherwise a new operand or list item.
            if let f = inListField(toks, kind) { return values(for: f, word: word, workspace: workspace) }
            if clause == "where" || last.kind == .leftParen { return fields + ["not"] }
            return fields
        case .word:
            let k = last.keyword
            if ["where", "and", "or", "not", "且", "或", "非"].contains(k) { return fields + (k == "not" ? [] : ["not"]) }
            if k == "by" || k == "show" { return fields }
            if k == "order" { return ["by"] }
            if k == "is" { return ["empty", "not"] }
            if k == "not", toks.count >= 2, toks[toks.count - 2].isKeyword("is") { return ["empty"] }
            if k == "in" { return ["("] }
            if k == "contains" || k == "matches" || k == "包含" || k == "匹配" {
                return values(for: fieldBefore(toks, at: toks.count - 1, kind), word: word, workspace: workspace)
            }
            if FieldRegistry.field(named: last.text, in: kind) != nil {
                if clause == "where" || clause.isEmpty { return operators }
                if clause == "order" { return ["asc", "desc"] + clauses }
                return clauses
            }
            // After a complete condition or clause.
            return ["and", "or"] + clauses
        case .string, .rightParen:
            return ["and", "or"] + clauses
        case .end:
            return []
        }
    }

    /// The field before the operator at `index`.
    static func fieldBefore(_ toks: [Token], at index: Int, _ kind: RowKind) -> Field? {
        guard index >= 1, toks[index - 1].kind == .word else { return nil }
        return FieldRegistry.field(named: toks[index - 1].text, in: kind)
    }

    /// When the cursor is inside `F in ( …`, the field F.
    static func inListField(_ toks: [Token], _ kind: RowKind) -> Field? {
        var i = toks.count - 1
        while i >= 0 {
            switch toks[i].kind {
            case .leftParen:
                guard i >= 2, toks[i - 1].isKeyword("in") else { return nil }
                return FieldRegistry.field(named: toks[i - 2].text, in: kind)
            case .rightParen, .op: return nil
            default: i -= 1
            }
        }
        return nil
    }

    /// Values a field can take, from its registry entry.
    static func values(for field: Field?, word: String, workspace: Workspace) -> [String] {
        field?.entry.complete(workspace, word) ?? []
    }
}
