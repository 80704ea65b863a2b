import PlanKit

/// `find`: list the tasks matching a condition, ordered, limited, with chosen columns.
enum FindCommand {
    static let spec = CommandSpec(
        ["find"], summary: "list tasks (or targets: find targets) matching a condition",
        parameters: [.query("[tasks|targets] [where EXPR] [order by F [asc|desc], …] [limit N] [show F, …|all] [--format F]")],
        details: """
        EXPR tests fields with = != < <= > >= contains matches (包含 = contains), combined with
        and / or / not and parentheses; `F in (a, b)` and `F is [not] empty` too (help query).
        Lists (office, target, unit) match when any value matches; != when none does.
        A number with a unit tests targets with that unit: target >= 90% , target < 10分钟.
        section = 2.1 is the whole subtree. Strings compare after NFC and full-width folding.
        Rows come in natural id order unless `order by` says otherwise (ties by id).
        show picks the screen columns (`show all`: every field); default: \(defaults(.tasks));
        for targets: \(defaults(.targets)).
        JSON output always carries every field. --format F (\(OutputFormat.names.joined(separator: " ")))
        overrides the screen format; `> FILE\(OutputFileKind.extensions.joined(separator: "|"))` writes a file
        (.xlsx: the ledger 台账 offices fill in and `import progress` reads back).
        `find targets` lists targets (TASK#n) as rows with their own fields (help query):
        metric, value, unit, actual, attainment, met, light …; `> FILE.xlsx` writes the target ledger.

        """ + QueryHelp.fieldLines() + """


        Examples:
          find tasks where office = "医政科" and status = behind
          find where 内容 包含 "托育" show id, heading
          find tasks where target >= 90% order by progress desc limit 10
          find tasks where section = 2.1 and plan = qingshan2025
          find tasks where status in (behind, 滞后) and note is not empty > behind.csv
          find tasks where plan = qingshan2025 --format json
          find targets where light in (red, yellow) order by light
        """,
        topic: "query"
    ) { args, session in
        .rendered(try QueryEngine.run(args.input.text, in: session.workspace, context: session.queryContext))
    }

    /// The columns `find` shows without `show`, as declared by `TaskList`.
    static func defaults(_ kind: RowKind) -> String { TaskList.defaultColumns(kind).map(\.name).joined(separator: " ") }
}
