/// `help query` and the field part of `help find` / `help count`, written from the registry so
/// every field and alias is listed and none is typed twice.
public enum QueryHelp {
    /// The grammar, every field of `kind` with its aliases and summary, and examples.
    public static func text(_ kind: RowKind = .tasks) -> String {
        var lines = [
            "Query expressions (find, count, update … where, diff … where):",
            "  expr    := term (\"or\" term)*",
            "  term    := factor (\"and\" factor)*",
            "  factor  := \"not\" factor | \"(\" expr \")\" | field op value",
            "           | field \"in\" \"(\" value, … \")\" | field \"is\" [\"not\"] \"empty\"",
            "  op      := = != < <= > >= contains matches   (包含 = contains, 匹配 = matches)",
            "Fields of \(kind.rawValue) (Chinese and other names in parentheses):",
        ]
        lines += FieldRegistry.helpLines(kind).map { "  " + $0 }
        let lists = FieldRegistry.entries(kind).filter(\.multiValued).map(\.name)
        if !lists.isEmpty {
            lines.append("Lists (\(lists.joined(separator: " "))) match when any value matches; != when none does.")
        }
        lines.append("`is [not] empty` applies to " + FieldRegistry.emptyableFields(kind).joined(separator: " ") + ".")
        lines += [
            "Examples:",
            "  find tasks where office = \"医政科\" and status = behind",
            "  find where target >= 90% order by progress desc limit 10",
            "  count tasks by office, status",
        ]
        return lines.joined(separator: "\n")
    }

    /// Two lines for a command's help: every field name, then every Chinese alias.
    public static func fieldLines(_ kind: RowKind = .tasks) -> String {
        "Fields: " + FieldRegistry.nameLine(kind) + "\nChinese names: " + FieldRegistry.chineseAliasLine(kind)
    }
}
