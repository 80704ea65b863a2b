import PlanKit

/// Supervision (SPEC §9): the rules, `why` a task has its light, and the lead offices' scores.
enum SupervisionCommands {
    static let specs: [CommandSpec] = [rules, setRule, why, score]

    static let rules = CommandSpec(
        ["rules"], summary: "the supervision rules: light thresholds, reminder days, score weights",
        details: """
        Lists each rule with its value, its default and what it means. Rules belong to the store:
        they are journaled, saved in snapshots and restored by `load`. Change one with `set rule`.
        """,
        topic: "supervision"
    ) { _, session in
        let r = session.workspace.rules
        let zh = session.settings.language == .zh
        let rows: [[ResultTable.Cell]] = Rules.entries.map { e in
            [.text(e.name), .integer(r[keyPath: e.keyPath]), .integer(Rules.defaults[keyPath: e.keyPath]),
             .text(zh ? e.chineseMeaning : e.meaning)]
        }
        return .rendered(ResultTable(columns: ["name", "value", "default", "meaning"].map { ResultTable.Column($0) },
                                     rows: rows, showsRowCount: false))
    }

    static let setRule = CommandSpec(
        ["set", "rule"], summary: "change one supervision rule (journaled)",
        parameters: [.oneOf("NAME", Rules.names), .text("= N")], changesData: true,
        details: """
        NAME is yellow, red, idle, remind, score_yellow or score_red; N a whole number with
        0 ≤ yellow ≤ red ≤ 100. A value that breaks these is refused and nothing changes.
          set rule yellow = 15
          set rule remind = 7
        """,
        topic: "supervision"
    ) { bound, session in
        guard let nameWord = bound.word("NAME") else { return .none }
        var args = bound.rest
        if args.first?.value == "=" { args.removeFirst() }
        guard let valueWord = args.first else { throw Diagnostic(Messages.ruleNeedsValue(nameWord.value), at: nameWord.span) }
        if args.count > 1 { throw Diagnostic(Messages.ruleTakesOneValue(), at: args[1].span) }
        guard Rules.entry(named: nameWord.value) != nil else {
            throw Diagnostic(Messages.noRule(nameWord.value, rules: Rules.names), at: nameWord.span)
        }
        guard let n = Int(TextFolding.fold(valueWord.value)) else {
            throw Diagnostic(Messages.ruleNotWholeNumber(valueWord.value), at: valueWord.span)
        }
        let old = session.workspace.rules[nameWord.value] ?? 0
        do {
            _ = try session.workspace.rules.setting(nameWord.value, to: n)
        } catch let d as Diagnostic {
            throw d.placed(at: valueWord.span)
        }
        try session.commit(.setRule(nameWord.value.lowercased(), n))
        return .message("rule \(nameWord.value.lowercased()) = \(n)" + (old == n ? " (unchanged)" : " (was \(old))"))
    }

    static let why = CommandSpec(
        ["why"], summary: "why a task has its light: expected progress, gap and the rule that applied",
        parameters: [.task("ID")],
        details: """
        One or two lines from the same numbers the light used, as of today (`set today`):
          why qingshan2025:2.1.4
        """,
        topic: "supervision"
    ) { args, session in
        let w = session.workspace
        guard let row = args.taskRow("ID") else { return .none }
        let j = session.judge.judge(row: row, in: w.tasks)
        let lines = WhyText.lines(j, rules: w.rules, in: session.settings.language)
        return .message(w.taskID(row: row) + " " + w.tasks.heading(row: row) + "\n" + lines.map { "  " + $0 }.joined(separator: "\n"))
    }

    static let score = CommandSpec(
        ["score"], summary: "rank lead offices by the lights of the tasks they lead",
        parameters: [.option("plan", .plan("ID")), .option("month", .month("YYYY-MM"))],
        details: """
        score = 100 − score_yellow × yellow − score_red × red; ties go to the larger average gap
        (further ahead of the calendar), then the name. `month M` judges progress as it stood in M (as of its last day).
          score
          score plan qingshan2025 month 2025-03
        """,
        topic: "supervision"
    ) { args, session in
        let plan = args.planID("ID")
        let month = args.month("YYYY-MM")
        let span = args.word("YYYY-MM")?.span ?? args.input.endSpan
        let board = try scoreBoard(session, plan: plan, month: month, span: span)
        return .rendered(board)
    }

    /// The ranking as a table (JSON: an array of office objects, best first).
    static func scoreBoard(_ session: Session, plan: String?, month: YearMonth?, span: Range<Int>) throws -> ScoreView {
        let w = session.workspace
        let judge: Judge
        let tasks: [ReportTask]
        do {
            if let month {
                let data = try ReportData.build(workspace: w, plan: plan, month: month,
                                                today: session.setToday ?? LocalTime.today())
                judge = Judge(asOf: data.asOf, rules: w.rules)
                tasks = data.tasks
            } else {
                guard plan == nil || w.planIndex(plan ?? "") != nil else {
                    throw ReportError.unknownPlan(plan ?? "", suggestion: Suggest.nearest(plan ?? "", in: w.plans.map(\.id)))
                }
                if w.plans.isEmpty { throw ReportError.noPlans }
                let rows = plan.flatMap { w.planIndex($0) }.map { Array(w.taskRanges[$0]) } ?? Array(0..<w.taskCount)
                judge = session.judge
                tasks = rows.map { ReportTask(row: $0, of: w) }
            }
        } catch let e as ReportError {
            throw Diagnostic(e.message, at: span)
        }
        let ends = Dictionary(w.plans.map { ($0.id, $0.periodEnd) }, uniquingKeysWith: { a, _ in a })
        let ranked = Scores.rank(Scores.entries(tasks, judge: judge, planEnd: { ends[$0] ?? judge.asOf }), rules: w.rules)
        func rows(gap: (Int) -> ResultTable.Cell) -> [[ResultTable.Cell]] {
            ranked.map { s in
                [.text(s.office), .integer(s.tasks), .integer(s.done), .integer(s.green), .integer(s.yellow), .integer(s.red),
                 gap(s.averageGapTenths), .integer(s.score)]
            }
        }
        let r = w.rules
        let language = session.settings.language
        func table(_ gap: @escaping (Int) -> ResultTable.Cell) -> ResultTable {
            // The report's ranking heads these columns too: one label each (牵头科室, not 科室).
            var columns = Lexicon.scoreColumns.map { c in
                var column = ResultTable.Column(c.key)
                column.header = c.header
                return column
            }
            columns[6].alignment = .right
            return ResultTable(columns: columns, rows: rows(gap: gap),
                               title: Lexicon.scoreTitle(asOf: "\(judge.asOf)", yellow: r.scoreYellow, red: r.scoreRed)[language],
                               rowNoun: .offices)
        }
        // People read the average gap with one decimal; programs get a number.
        return ScoreView(screen: table { .text(Judge.formatTenths($0)) }, data: table { .number(Double($0) / 10) }, language: language)
    }
}

/// The score table: one decimal for people, numbers for JSON and CSV.
struct ScoreView: Renderable, WorkbookRenderable {
    let screen: ResultTable
    let data: ResultTable
    /// The session's `set lang` when the score was made (the workbook's headers).
    let language: Language
    func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        [.json, .csv].contains(format) ? data.render(format, context) : screen.render(format, context)
    }

    /// `score > FILE.xlsx`: one sheet, numbers as numbers, headers in the session's language.
    func workbook() -> XlsxWorkbook {
        XlsxWorkbook(table: data.headed(in: language) ?? data, sheetName: Lexicon.columnHeader("score", in: language))
    }
}
