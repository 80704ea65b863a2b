// MARK: - Query parser (find, count, where; the grammar's words)

extension Messages {
    /// Operators a condition may use, for the message that lists them.
    static let operatorLine = "= != < <= > >= contains matches in is 包含"

    public static func expectedCondition() -> Message {
        Message("expected-condition", .error, "expected a condition such as `status = behind`")
    }
    public static func expectedQueryCommand(found: String, suggestion: String) -> Message {
        Message("expected-query-command", .error, "expected find or count, found \(found)" + suggestion)
    }
    public static func groupFieldTwice(_ field: String) -> Message {
        Message("group-field-twice", .error, "`by` names \(field) twice; each field once")
    }
    public static func tooManyGroupFields(limit: Int, given: Int) -> Message {
        Message("too-many-group-fields", .error, "`count by` takes at most \(limit) fields, here \(given)")
    }
    public static func unmatchedCloseParenthesis() -> Message {
        Message("unmatched-parenthesis", .error, "unmatched \")\": no parenthesis is open here")
    }
    /// Input ends inside `(`: incomplete, the shell reads another line.
    public static func unclosedParenthesis() -> Message {
        Message("unclosed-parenthesis", .error, "unclosed parenthesis: the \"(\" here is never closed")
    }
    public static func conditionAfterWhere(_ field: String) -> Message {
        Message("condition-after-where", .error, "a condition goes after `where`: `where \(field) …`")
    }
    /// `expected` is the list of clauses, shown when no suggestion is.
    public static func unknownKeyword(_ found: String, suggestion: String, expected: String?) -> Message {
        Message("unknown-keyword", .error, "unknown keyword \(found)" + suggestion + (expected.map { " (expected \($0))" } ?? ""))
    }
    public static func unexpectedToken(_ found: String, expected: String, suggestion: String = "") -> Message {
        Message("unexpected-token", .error, "unexpected \(found) (expected \(expected))" + suggestion)
    }
    public static func unexpectedAfterCondition(_ found: String, suggestion: String, listsEnd: Bool) -> Message {
        Message("unexpected-after-condition", .error, "unexpected \(found) after the condition" + suggestion
                + (listsEnd ? " (expected and, or or the end)" : ""))
    }
    public static func expectedByAfterOrder(suggestion: String) -> Message {
        Message("expected-by", .error, "expected `by` after `order`" + suggestion)
    }
    public static func limitNeedsNumber() -> Message {
        Message("limit-needs-number", .error, "`limit` needs a number of rows, e.g. `limit 20`")
    }
    public static func limitNotWholeNumber(_ found: String) -> Message {
        Message("limit-not-whole", .error, "`limit` takes a whole number of rows (0 or more), not \(found)")
    }
    public static func fieldListNeeded(_ keyword: String) -> Message {
        Message("field-list-needed", .error, "`\(keyword)` needs one or more field names, e.g. `\(keyword) office, status`")
    }
    public static func formatFlagNeedsFormat() -> Message {
        let names = OutputFormat.names
        return Message("format-flag-needs-format", .error,
                       "`--format` needs a format: " + names.dropLast().joined(separator: ", ") + " or " + (names.last ?? ""))
    }
    public static func unknownOption(_ found: String, suggestion: String) -> Message {
        Message("unknown-option", .error, "unknown option \(found)" + suggestion)
    }
    public static func unknownFormat(_ name: String, suggestion: String) -> Message {
        Message("unknown-format", .error, "unknown format \"\(name)\"" + suggestion)
    }
    public static func notNeedsCondition() -> Message {
        Message("not-needs-condition", .error, "`not` needs a condition after it")
    }
    public static func unknownOperator(_ found: String, suggestion: String) -> Message {
        Message("unknown-operator", .error, "unknown operator \(found)" + suggestion + " (operators: \(operatorLine))")
    }
    public static func expectedEmpty(negated: Bool, suggestion: String) -> Message {
        Message("expected-empty", .error, "expected `empty` after `is\(negated ? " not" : "")`" + suggestion)
    }
    /// `found` nil: the input ended after the field.
    public static func expectedOperator(after field: String, found: String?) -> Message {
        Message("expected-operator", .error, "expected an operator after \(field)"
                + (found.map { ", found \($0)" } ?? ", e.g. `\(field) = …`"))
    }
    /// `found` nil: the input ended after the operator.
    public static func expectedOperand(after op: String, found: String?) -> Message {
        Message("expected-operand", .error, "expected a value after `\(op)`" + (found.map { ", found \($0)" } ?? ""))
    }
    public static func expectedListAfterIn() -> Message {
        Message("expected-list", .error, "expected \"(\" after `in`: `in (a, b)`")
    }
    public static func emptyInList() -> Message {
        Message("empty-in-list", .error, "`in ()` needs at least one value")
    }
    public static func expectedListSeparator(found: String) -> Message {
        Message("expected-list-separator", .error, "expected \",\" or \")\" in the list, found \(found)")
    }
    public static func keywordForField(after context: String, found: String) -> Message {
        Message("keyword-for-field", .error, "expected a field name after `\(context)`, found the keyword \(found)")
    }
    /// `fields` is the list of field names, shown when no suggestion is.
    public static func unknownField(_ found: String, suggestion: String, fields: String?) -> Message {
        Message("unknown-field", .error, "unknown field \(found)" + suggestion + (fields.map { " (fields: \($0))" } ?? ""))
    }
    public static func expectedFieldName(after word: String) -> Message {
        Message("expected-field", .error, "expected a field name after `\(word)`")
    }
    public static func stringForField(_ found: String) -> Message {
        Message("string-for-field", .error, "expected a field name, found the string \(found); a condition is `field op value`")
    }
    public static func nestedTooDeeply(limit: Int) -> Message {
        Message("nested-too-deeply", .error, "expression nested too deeply (more than \(limit) levels of parentheses or `not`)")
    }
    public static func expectedUpdate(found: String) -> Message {
        Message("expected-update", .error, "expected update, found \(found)")
    }
    public static func expectedSettableField(_ settable: [String], found: String) -> Message {
        Message("expected-settable-field", .error, "expected a field name (\(settable.joined(separator: ", "))), found \(found)")
    }
}
