/// The `update` statement in the query grammar: the same lexer, quote rules, field names and
/// spans as `find`, so `update … where …` and `find … where …` read a condition alike.
extension Parser {
    /// Fields `update … set` changes, by registry name; `month` says which month the change
    /// refers to and is not a field.
    public static let settableFields: [Field] = [.status, .progress, .note, .due, .start]
    /// Fields `update TASK#n set` changes on a target (SPEC §11).
    public static let settableTargetFields: [Field] = [FieldRegistry.field(named: "actual", in: .targets)].compactMap { $0 }
    static let monthWords = ["month", "月份"]

    /// Parses a whole `update …` command.
    public static func parseUpdate(_ text: String) throws -> UpdateStatement {
        var p = try Parser(text)
        return try p.update()
    }

    // update := "update" (ids | ["tasks"] "where" expr) "set" assignment {"," assignment} ["force"]
    mutating func update() throws -> UpdateStatement {
        let command = peek
        guard command.isKeyword("update") else {
            throw Diagnostic(Messages.expectedUpdate(found: command.described), at: command.span)
        }
        advance()
        if peek.kind == .end {
            throw Diagnostic(Messages.updateNeedsRows(), at: command.span)
        }
        let rows: UpdateStatement.Rows
        if peek.isKeyword("where") || (["tasks", "task", "任务"].contains(peek.keyword) && tokens[pos + 1].isKeyword("where")) {
            if !peek.isKeyword("where") { advance() }
            let whereWord = peek
            advance()
            if peek.kind == .end || peek.isKeyword("set") {
                throw Diagnostic(Messages.whereNeedsCondition(), at: whereWord.span)
            }
            rows = .filter(try expr())
        } else {
            rows = .ids(try idList())
        }
        let set = peek
        guard set.isKeyword("set") else {
            if set.kind == .end { throw Diagnostic(Messages.expectedSet(found: nil), at: set.span) }
            throw Diagnostic(Messages.expectedSet(found: set.described, suggestion: Suggest.phrase(set.text, in: ["set", "and", "or"])),
                             at: set.span)
        }
        advance()
        var statement = UpdateStatement(rows: rows, setSpan: set.span, assignments: [], force: false)
        if peek.kind == .end {
            throw Diagnostic(Messages.setNeedsAssignment(), at: set.span)
        }
        repeat {
            if peek.isKeyword("force"), tokens[pos + 1].kind == .end, !statement.assignments.isEmpty { break }
            statement.assignments.append(try assignment())
        } while consumeComma()
        if peek.isKeyword("force") {
            statement.force = true
            advance()
        }
        guard peek.kind == .end else {
            throw Diagnostic(Messages.expectedCommaBetweenAssignments(found: peek.described), at: peek.span)
        }
        return statement
    }

    // ids := id {"," id}
    mutating func idList() throws -> [Literal] {
        var ids: [Literal] = []
        repeat {
            let t = peek
            guard t.kind == .word || t.kind == .string, !t.isKeyword("set") else {
                throw Diagnostic(Messages.noTaskIDs(afterComma: !ids.isEmpty), at: t.span)
            }
            ids.append(Literal(t.kind == .string ? t.value : t.text, quoted: t.kind == .string, span: t.span))
            advance()
        } while consumeComma()
        return ids
    }

    // assignment := field "=" value
    mutating func assignment() throws -> UpdateStatement.Assignment {
        let name = peek
        let settable = Parser.settableFields.map(\.name) + ["month"] + Parser.settableTargetFields.map(\.name)
        guard name.kind == .word else {
            throw Diagnostic(Messages.expectedSettableField(settable, found: name.described), at: name.span)
        }
        let field = FieldRegistry.field(named: name.text, in: .tasks).flatMap { Parser.settableFields.contains($0) ? $0 : nil }
            ?? FieldRegistry.field(named: name.text, in: .targets).flatMap { Parser.settableTargetFields.contains($0) ? $0 : nil }
        let isMonth = Parser.monthWords.contains(name.keyword)
        guard field != nil || isMonth else {
            let known = FieldRegistry.field(named: name.text, in: .tasks) != nil
            throw Diagnostic(Messages.cannotSet(name.described, known: known, suggestion: Suggest.phrase(name.text, in: settable),
                                                settable: settable), at: name.span)
        }
        advance()
        let eq = peek
        guard eq.kind == .op, eq.text == "=" else {
            throw Diagnostic(Messages.expectedEquals(after: name.text), at: eq.span)
        }
        advance()
        let v = peek
        guard v.kind == .word || v.kind == .string else {
            throw Diagnostic(Messages.expectedValue(after: name.text), at: v.kind == .end ? eq.span : v.span)
        }
        advance()
        // A bare word keeps its characters as typed (`value`); the lexer's `text` is folded.
        let value = Literal(v.value, quoted: v.kind == .string, span: v.span)
        return UpdateStatement.Assignment(field: field, name: field?.name ?? "month", nameSpan: name.span, value: value)
    }
}
