/// The `update` statement in the query grammar: the same lexer, quote rules, field names and
/// spans as `find`, so `update … where …` and `find … where …` read a condition alike.
extension Parser {
    /// Fields `update … set` changes, by registry name; `month` says which month the change
    /// refers to and is not a field.
    public static let settableFields: [Field] = [.status, .progress, .note, .due]
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
            throw Diagnostic("expected update, found \(command.described)", at: command.span)
        }
        advance()
        if peek.kind == .end {
            throw Diagnostic("`update` needs task ids or `tasks where …`, then `set F = V`", at: command.span)
        }
        let rows: UpdateStatement.Rows
        if peek.isKeyword("where") || (["tasks", "task", "任务"].contains(peek.keyword) && tokens[pos + 1].isKeyword("where")) {
            if !peek.isKeyword("where") { advance() }
            let whereWord = peek
            advance()
            if peek.kind == .end || peek.isKeyword("set") {
                throw Diagnostic("`where` needs a condition, e.g. `where status = behind`", at: whereWord.span)
            }
            rows = .filter(try expr())
        } else {
            rows = .ids(try idList())
        }
        let set = peek
        guard set.isKeyword("set") else {
            if set.kind == .end {
                throw Diagnostic("expected `set F = V` after the tasks to update", at: set.span)
            }
            throw Diagnostic("expected `set F = V` after the tasks to update, found \(set.described)"
                             + Suggest.phrase(set.text, in: ["set", "and", "or"]), at: set.span)
        }
        advance()
        var statement = UpdateStatement(rows: rows, setSpan: set.span, assignments: [], force: false)
        if peek.kind == .end {
            throw Diagnostic("`set` needs at least one F = V", at: set.span)
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
            throw Diagnostic("expected `,` between assignments, found \(peek.described)", at: peek.span)
        }
        return statement
    }

    // ids := id {"," id}
    mutating func idList() throws -> [Literal] {
        var ids: [Literal] = []
        repeat {
            let t = peek
            guard t.kind == .word || t.kind == .string, !t.isKeyword("set") else {
                throw Diagnostic(ids.isEmpty ? "no task ids before `set`" : "expected a task id after \",\"", at: t.span)
            }
            ids.append(Literal(t.kind == .string ? t.value : t.text, quoted: t.kind == .string, span: t.span))
            advance()
        } while consumeComma()
        return ids
    }

    // assignment := field "=" value
    mutating func assignment() throws -> UpdateStatement.Assignment {
        let name = peek
        let settable = Parser.settableFields.map(\.name) + ["month"]
        guard name.kind == .word else {
            throw Diagnostic("expected a field name (\(settable.joined(separator: ", "))), found \(name.described)", at: name.span)
        }
        let field = FieldRegistry.field(named: name.text, in: .tasks).flatMap { Parser.settableFields.contains($0) ? $0 : nil }
        let isMonth = Parser.monthWords.contains(name.keyword)
        guard field != nil || isMonth else {
            let known = FieldRegistry.field(named: name.text, in: .tasks) != nil
            throw Diagnostic((known ? "update cannot set \(name.described)" : "unknown field \(name.described)")
                             + Suggest.phrase(name.text, in: settable) + " (update sets \(settable.joined(separator: ", ")))",
                             at: name.span)
        }
        advance()
        let eq = peek
        guard eq.kind == .op, eq.text == "=" else {
            throw Diagnostic("expected `=` after \(name.text)", at: eq.span)
        }
        advance()
        let v = peek
        guard v.kind == .word || v.kind == .string else {
            throw Diagnostic("expected a value after `\(name.text) =`", at: v.kind == .end ? eq.span : v.span)
        }
        advance()
        // A bare word keeps its characters as typed (`value`); the lexer's `text` is folded.
        let value = Literal(v.value, quoted: v.kind == .string, span: v.span)
        return UpdateStatement.Assignment(field: field, name: field?.name ?? "month", nameSpan: name.span, value: value)
    }
}
