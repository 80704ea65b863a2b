/// `help query` and the field part of `help find` / `help count`, written from the registry so
/// every field and alias is listed and none is typed twice.
public enum QueryHelp {
    /// The grammar, then every field of each row kind (tasks, then targets) with its aliases
    /// and summary, and examples.
    public static func text() -> String {
        var lines = [
            "Query expressions (find, count, update … where, diff … where; find targets, count targets):",
            "  expr    := term (\"or\" term)*",
            "  term    := factor (\"and\" factor)*",
            "  factor  := \"not\" factor | \"(\" expr \")\" | field op value",
            "           | field \"in\" \"(\" value, … \")\" | field \"is\" [\"not\"] \"empty\"",
            "  op      := = != < <= > >= contains matches   (包含 = contains, 匹配 = matches)",
        ]
        for kind in RowKind.allCases { lines += fieldSection(kind) }
        lines += [
            "Examples:",
            "  find tasks where office = \"医政科\" and status = behind",
            "  find where target >= 90% order by progress desc limit 10",
            "  count tasks by office, status",
            "  find targets where light in (red, yellow) order by light",
            "  count targets by unit, light",
        ]
        return lines.joined(separator: "\n")
    }

    /// One kind's fields with aliases and summaries, its list fields and its `is empty` fields.
    static func fieldSection(_ kind: RowKind) -> [String] {
        let heading = kind == .tasks
            ? "Fields of tasks (find, count; Chinese and other names in parentheses):"
            : "Fields of targets (find targets, count targets; one row per target TASK#n or PLAN#In):"
        var lines = [heading] + FieldRegistry.helpLines(kind).map { "  " + $0 }
        let lists = FieldRegistry.entries(kind).filter(\.multiValued).map(\.name)
        if !lists.isEmpty {
            lines.append("Lists (\(lists.joined(separator: " "))) match when any value matches; != when none does.")
        }
        let empty = FieldRegistry.emptyableFields(kind)
        if !empty.isEmpty { lines.append("`is [not] empty` applies to " + empty.joined(separator: " ") + ".") }
        return lines
    }

    /// Two lines for a command's help: every field name, then every Chinese alias.
    public static func fieldLines(_ kind: RowKind = .tasks) -> String {
        "Fields: " + FieldRegistry.nameLine(kind) + "\nChinese names: " + FieldRegistry.chineseAliasLine(kind)
    }
}
