/// Hand-written recursive-descent parser for `find`, `count` and bare filter expressions.
///
/// Each parse function carries its grammar rule. Errors are `Diagnostic`s pointing at the
/// token that went wrong, with the nearest valid word suggested; an open parenthesis at the end
/// of input is `.incomplete` so the shell asks for a continuation line.
public struct Parser {
    var tokens: [Token]
    var pos = 0
    var depth = 0
    /// The rows being queried: fields are looked up among this kind's registry entries.
    var rowKind: RowKind = .tasks

    /// Parentheses and `not`s nest at most this deep; deeper input is refused with an error
    /// instead of exhausting the stack.
    public static let maxDepth = 100

    static let findClauses = ["where", "order", "limit", "show", "--format"]
    static let countClauses = ["where", "by", "--format"]

    init(_ text: String) throws {
        tokens = try Lexer.tokens(text)
    }

    // MARK: Entry points

    /// Parses a whole `find …` or `count …` command.
    public static func parseCommand(_ text: String) throws -> QueryCommand {
        var p = try Parser(text)
        return try p.command()
    }

    /// Parses a filter expression alone (the text after `where`).
    public static func parseFilter(_ text: String) throws -> Expr {
        var p = try Parser(text)
        if p.peek.kind == .end {
            throw Diagnostic(Messages.expectedCondition(), at: p.peek.span)
        }
        let e = try p.expr()
        try p.expectEnd(expected: ["and", "or"])
        return e
    }

    // MARK: Commands

    // command := find | count
    mutating func command() throws -> QueryCommand {
        let t = peek
        switch t.keyword {
        case "find":
            advance()
            return .find(try find())
        case "count":
            advance()
            return .count(try count())
        default:
            throw Diagnostic(Messages.expectedQueryCommand(found: t.described, suggestion: Suggest.phrase(t.text, in: ["find", "count"])),
                             at: t.span)
        }
    }

    // find := "find" ["tasks"] ["where" expr] ["order" "by" key {"," key}] ["limit" N] ["show" field {"," field}] [format]
    mutating func find() throws -> FindQuery {
        var q = FindQuery()
        skipTasksWord(clauses: Parser.findClauses)
        q.rows = rowKind
        var seen = Set<String>()
        while peek.kind != .end {
            let t = peek
            let k = clauseKeyword(t)
            if !seen.insert(k).inserted, !k.isEmpty {
                throw Diagnostic(Messages.keywordTwice(t.text), at: t.span)
            }
            switch k {
            case "where":
                advance()
                q.filter = try whereClause(after: t)
            case "order":
                advance()
                q.order = try orderClause(after: t)
            case "limit":
                advance()
                q.limit = try limitClause(after: t)
            case "show":
                advance()
                q.show = try showClause(after: t)
            case "--format":
                q.format = try formatFlag()
            default:
                throw unexpectedClause(t, clauses: Parser.findClauses + (q.filter == nil ? [] : ["and", "or"]))
            }
        }
        return q
    }

    // count := "count" ["tasks"] ["where" expr] ["by" field {"," field}] [format]
    mutating func count() throws -> CountQuery {
        var q = CountQuery()
        skipTasksWord(clauses: Parser.countClauses)
        q.rows = rowKind
        var seen = Set<String>()
        while peek.kind != .end {
            let t = peek
            let k = clauseKeyword(t)
            if !seen.insert(k).inserted, !k.isEmpty {
                throw Diagnostic(Messages.keywordTwice(t.text), at: t.span)
            }
            switch k {
            case "where":
                advance()
                q.filter = try whereClause(after: t)
            case "by":
                advance()
                q.groups = try fieldList(after: t, allowAll: false)
                try Parser.checkGroups(q.groups)
            case "--format":
                q.format = try formatFlag()
            default:
                throw unexpectedClause(t, clauses: Parser.countClauses + (q.filter == nil ? [] : ["and", "or"]))
            }
        }
        return q
    }

    /// Most fields `count by` takes: groups multiply (an office list per task), so more would
    /// let one query run for minutes.
    public static let maxGroupFields = 4

    /// `count by` fields are distinct (an alias is the same field) and at most `maxGroupFields`.
    static func checkGroups(_ groups: [FieldRef]) throws {
        var seen: [Field: FieldRef] = [:]
        for g in groups {
            if seen[g.field] != nil {
                throw Diagnostic(Messages.groupFieldTwice(g.field.name), at: g.span)
            }
            seen[g.field] = g
        }
        if groups.count > maxGroupFields {
            throw Diagnostic(Messages.tooManyGroupFields(limit: maxGroupFields, given: groups.count),
                             at: groups[maxGroupFields].span.lowerBound..<groups[groups.count - 1].span.upperBound)
        }
    }

    /// `tasks` (or `task`, `任务`) after the command word is optional; a near miss (`taks`) is an error.
    /// `targets` (`target`, `指标`) queries targets once that row kind has fields.
    mutating func skipTasksWord(clauses: [String]) {
        if ["tasks", "task", "任务"].contains(peek.keyword) {
            advance()
        } else if ["targets", "target", "指标"].contains(peek.keyword), FieldRegistry.hasFields(.targets),
                  tokens.count > pos + 1, tokens[pos + 1].kind != .op {
            rowKind = .targets
            advance()
        }
    }

    func clauseKeyword(_ t: Token) -> String {
        guard t.kind == .word else { return "" }
        let k = t.keyword
        if k.hasPrefix("--format") { return "--format" }
        return k
    }

    func unexpectedClause(_ t: Token, clauses: [String]) -> Diagnostic {
        switch t.kind {
        case .rightParen:
            return Diagnostic(Messages.unmatchedCloseParenthesis(), at: t.span)
        case .word:
            if FieldRegistry.field(named: t.text, in: rowKind) != nil {
                return Diagnostic(Messages.conditionAfterWhere(t.text), at: t.span)
            }
            var candidates = clauses
            // Right after the command word the row kind may come too (`find targets`).
            if pos <= 1 { candidates = ["tasks", "targets"] + candidates }
            return Diagnostic(Messages.unknownKeyword(t.described, suggestion: Suggest.phrase(t.text, in: candidates),
                                                      expected: Suggest.nearest(t.text, in: candidates) == nil ? Parser.list(candidates) : nil),
                              at: t.span)
        default:
            return Diagnostic(Messages.unexpectedToken(t.described, expected: Parser.list(clauses)), at: t.span)
        }
    }

    // where := "where" expr
    mutating func whereClause(after keyword: Token) throws -> Expr {
        if peek.kind == .end {
            throw Diagnostic(Messages.whereNeedsCondition(), at: keyword.span)
        }
        return try expr()
    }

    // order := "order" "by" key {"," key} ; key := field ["asc" | "desc"]
    mutating func orderClause(after keyword: Token) throws -> [OrderKey] {
        let by = peek
        guard by.isKeyword("by") else {
            throw Diagnostic(Messages.expectedByAfterOrder(suggestion: Suggest.phrase(by.text, in: ["by"])),
                             at: by.kind == .end ? keyword.span : by.span)
        }
        advance()
        var keys: [OrderKey] = []
        repeat {
            let f = try fieldName(context: "order by")
            var desc = false
            switch peek.keyword {
            case "desc", "descending", "降序": desc = true; advance()
            case "asc", "ascending", "升序": advance()
            default: break
            }
            keys.append(OrderKey(f, descending: desc))
        } while consumeComma()
        return keys
    }

    // limit := "limit" N   (N a whole number ≥ 0)
    mutating func limitClause(after keyword: Token) throws -> Int {
        let t = peek
        guard t.kind == .word || t.kind == .string else {
            throw Diagnostic(Messages.limitNeedsNumber(), at: t.kind == .end ? keyword.span : t.span)
        }
        guard let n = Int(t.text), n >= 0 else {
            throw Diagnostic(Messages.limitNotWholeNumber(t.described), at: t.span)
        }
        advance()
        return n
    }

    // show := "show" field {"," field} | "show" "all"
    mutating func showClause(after keyword: Token) throws -> [Field] {
        try fieldList(after: keyword, allowAll: true).map(\.field)
    }

    // fields := field {"," field}
    mutating func fieldList(after keyword: Token, allowAll: Bool) throws -> [FieldRef] {
        if peek.kind == .end {
            throw Diagnostic(Messages.fieldListNeeded(keyword.text), at: keyword.span)
        }
        if allowAll, peek.keyword == "all" || peek.text == "*" {
            let t = peek
            advance()
            return FieldRegistry.fields(rowKind).map { FieldRef($0, span: t.span) }
        }
        var out: [FieldRef] = []
        repeat {
            out.append(try fieldName(context: keyword.text))
        } while consumeComma()
        return out
    }

    // format := "--format" NAME | "--format=NAME"
    mutating func formatFlag() throws -> OutputFormat {
        let flag = peek
        advance()
        var name: String
        var span: Range<Int>
        if let eq = flag.text.firstIndex(of: "=") {
            name = String(flag.text[flag.text.index(after: eq)...])
            span = flag.span
        } else if flag.keyword == "--format" {
            // `--format=json` lexes as the flag, `=`, the name.
            if peek.kind == .op && peek.text == "=" { advance() }
            guard peek.kind == .word || peek.kind == .string else {
                throw Diagnostic(Messages.formatFlagNeedsFormat(), at: flag.span)
            }
            name = peek.text
            span = peek.span
            advance()
        } else {
            throw Diagnostic(Messages.unknownOption(flag.described, suggestion: Suggest.phrase(flag.text, in: ["--format"])), at: flag.span)
        }
        name = name.lowercased()
        guard let f = OutputFormat(named: name) else {
            throw Diagnostic(Messages.unknownFormat(name, suggestion: Suggest.phrase(name, in: OutputFormat.names)), at: span)
        }
        return f
    }

    // MARK: Expressions

    // expr := term {"or" term}
    mutating func expr() throws -> Expr {
        var terms = [try term()]
        while peek.isKeyword("or") || peek.isKeyword("或") {
            advance()
            terms.append(try term())
        }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    // term := factor {"and" factor}
    mutating func term() throws -> Expr {
        var factors = [try factor()]
        while peek.isKeyword("and") || peek.isKeyword("且") {
            advance()
            factors.append(try factor())
        }
        return factors.count == 1 ? factors[0] : .and(factors)
    }

    // factor := "not" factor | "(" expr ")" | field op value
    //         | field "in" "(" value {"," value} ")" | field "is" ["not"] "empty"
    mutating func factor() throws -> Expr {
        let t = peek
        if t.isKeyword("not") || t.isKeyword("非") {
            advance()
            try enter(t)
            defer { depth -= 1 }
            if peek.kind == .end {
                throw Diagnostic(Messages.notNeedsCondition(), at: t.span)
            }
            return .not(try factor(), span: t.span)
        }
        if t.kind == .leftParen {
            advance()
            try enter(t)
            defer { depth -= 1 }
            if peek.kind == .end {
                throw Diagnostic.incomplete(Messages.unclosedParenthesis(), at: t.span)
            }
            let e = try expr()
            let close = peek
            switch close.kind {
            case .rightParen:
                advance()
                return e
            case .end:
                throw Diagnostic.incomplete(Messages.unclosedParenthesis(), at: t.span)
            default:
                throw unexpectedInExpression(close, expected: "\")\", and or or")
            }
        }
        let field = try fieldName(context: "where")
        return try comparison(field)
    }

    // comparison := op value | "in" "(" value {"," value} ")" | "is" ["not"] "empty"
    mutating func comparison(_ field: FieldRef) throws -> Expr {
        let t = peek
        switch t.kind {
        case .op:
            guard let op = QueryOperator(rawValue: t.text) else {
                throw Diagnostic(Messages.unknownOperator(t.described, suggestion: ""), at: t.span)
            }
            advance()
            return .compare(field, op, opSpan: t.span, try value(after: t))
        case .word:
            if let op = QueryOperator.words[t.keyword] {
                advance()
                return .compare(field, op, opSpan: t.span, try value(after: t))
            }
            if t.keyword == "in" {
                advance()
                return .inList(field, try valueList(after: t), span: t.span)
            }
            if t.keyword == "is" {
                advance()
                var negated = false
                if peek.isKeyword("not") {
                    negated = true
                    advance()
                }
                let e = peek
                guard e.isKeyword("empty") else {
                    throw Diagnostic(Messages.expectedEmpty(negated: negated, suggestion: Suggest.phrase(e.text, in: ["empty"])),
                                     at: e.kind == .end ? t.span : e.span)
                }
                advance()
                return .isEmpty(field, negated: negated, span: t.span.lowerBound..<e.span.upperBound)
            }
            if t.keyword == "not", tokens[pos + 1].isKeyword("in") {
                // `office not in (…)`: sugar for not (office in (…)).
                advance()
                let inTok = peek
                advance()
                return .not(.inList(field, try valueList(after: inTok), span: inTok.span), span: t.span)
            }
            let ops = ["=", "!=", "<", "<=", ">", ">=", "contains", "matches", "in", "is", "包含"]
            throw Diagnostic(Messages.unknownOperator(t.described, suggestion: Suggest.phrase(t.text, in: ops)), at: t.span)
        case .end:
            throw Diagnostic(Messages.expectedOperator(after: field.field.name, found: nil), at: field.span)
        default:
            throw Diagnostic(Messages.expectedOperator(after: field.field.name, found: t.described), at: t.span)
        }
    }

    // value := string | number | number unit | bareword | date
    mutating func value(after op: Token) throws -> Literal {
        let t = peek
        switch t.kind {
        case .word:
            advance()
            return Literal(t.text, quoted: false, span: t.span)
        case .string:
            advance()
            return Literal(t.value, quoted: true, span: t.span)
        case .end:
            throw Diagnostic(Messages.expectedOperand(after: op.text, found: nil), at: op.span)
        default:
            throw Diagnostic(Messages.expectedOperand(after: op.text, found: t.described), at: t.span)
        }
    }

    // values := "(" value {"," value} ")"
    mutating func valueList(after inTok: Token) throws -> [Literal] {
        let open = peek
        guard open.kind == .leftParen else {
            throw Diagnostic(Messages.expectedListAfterIn(), at: open.kind == .end ? inTok.span : open.span)
        }
        advance()
        var values: [Literal] = []
        while true {
            let t = peek
            switch t.kind {
            case .end:
                throw Diagnostic.incomplete(Messages.unclosedParenthesis(), at: open.span)
            case .rightParen where values.isEmpty:
                throw Diagnostic(Messages.emptyInList(), at: open.span.lowerBound..<t.span.upperBound)
            default:
                values.append(try value(after: values.isEmpty ? open : tokens[pos - 1]))
            }
            let sep = peek
            switch sep.kind {
            case .comma: advance()
            case .rightParen:
                advance()
                return values
            case .end:
                throw Diagnostic.incomplete(Messages.unclosedParenthesis(), at: open.span)
            default:
                throw Diagnostic(Messages.expectedListSeparator(found: sep.described), at: sep.span)
            }
        }
    }

    // field := one of the registry's names or aliases for the queried rows
    mutating func fieldName(context: String) throws -> FieldRef {
        let t = peek
        switch t.kind {
        case .word:
            if let f = FieldRegistry.field(named: t.text, in: rowKind) {
                advance()
                return FieldRef(f, span: t.span)
            }
            let suggestion = Suggest.phrase(t.text, in: FieldRegistry.allNames(rowKind))
            let keywords = ["where", "and", "or", "not", "order", "by", "limit", "show", "in", "is"]
            if keywords.contains(t.keyword) {
                throw Diagnostic(Messages.keywordForField(after: context, found: t.described), at: t.span)
            }
            if suggestion.isEmpty, let list = valueAfterOr(t) {
                throw Diagnostic(Messages.orBetweenValues(t.text, list: list), at: t.span)
            }
            throw Diagnostic(Messages.unknownField(t.described, suggestion: suggestion,
                                                  fields: suggestion.isEmpty ? FieldRegistry.nameLine(rowKind) : nil),
                             at: t.span)
        case .end:
            let previous = pos > 0 ? tokens[pos - 1] : t
            throw Diagnostic(Messages.expectedFieldName(after: pos > 0 ? previous.text : context), at: previous.span)
        case .string:
            throw Diagnostic(Messages.stringForField(t.described), at: t.span)
        default:
            throw unexpectedInExpression(t, expected: "a field name")
        }
    }

    /// `F = a or b` where `b` is not a field: the user meant `F in (a, b)`; that list, or nil.
    func valueAfterOr(_ t: Token) -> String? {
        guard pos >= 4, tokens[pos - 1].isKeyword("or") || tokens[pos - 1].isKeyword("或") else { return nil }
        let value = tokens[pos - 2], op = tokens[pos - 3], field = tokens[pos - 4]
        guard value.kind == .word || value.kind == .string, op.kind == .op, op.text == "=",
              field.kind == .word, FieldRegistry.field(named: field.text, in: rowKind) != nil else { return nil }
        func written(_ x: Token) -> String { x.kind == .string ? "\"\(x.value)\"" : x.text }
        return "\(field.text) in (\(written(value)), \(written(t)))"
    }

    func unexpectedInExpression(_ t: Token, expected: String) -> Diagnostic {
        if t.kind == .rightParen {
            return Diagnostic(Messages.unmatchedCloseParenthesis(), at: t.span)
        }
        if t.kind == .word {
            let words = ["and", "or", "not"]
            return Diagnostic(Messages.unexpectedToken(t.described, expected: expected, suggestion: Suggest.phrase(t.text, in: words)), at: t.span)
        }
        return Diagnostic(Messages.unexpectedToken(t.described, expected: expected), at: t.span)
    }

    mutating func expectEnd(expected: [String]) throws {
        let t = peek
        guard t.kind == .end else {
            if t.kind == .rightParen { throw Diagnostic(Messages.unmatchedCloseParenthesis(), at: t.span) }
            throw Diagnostic(Messages.unexpectedAfterCondition(t.described, suggestion: Suggest.phrase(t.text, in: expected),
                                                              listsEnd: Suggest.nearest(t.text, in: expected) == nil),
                             at: t.span)
        }
    }

    // MARK: Helpers

    var peek: Token { tokens[pos] }

    mutating func advance() {
        if pos < tokens.count - 1 { pos += 1 }
    }

    mutating func consumeComma() -> Bool {
        guard peek.kind == .comma else { return false }
        advance()
        return true
    }

    mutating func enter(_ t: Token) throws {
        depth += 1
        if depth > Parser.maxDepth {
            throw Diagnostic(Messages.nestedTooDeeply(limit: Parser.maxDepth), at: t.span)
        }
    }

    static func list(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + (words.last ?? "")
    }
}
