import PlanKit

/// `diff A [B] [where EXPR]`: tasks added, removed and changed between two states.
enum DiffCommand {
    static let spec = CommandSpec(
        ["diff"], summary: "tasks added, removed and changed between snapshots (or a snapshot and now)",
        parameters: [.snapshot("A"), .optional(.snapshot("B")), .option("where", .query("EXPR"))],
        details: """
        Compares snapshot A with snapshot B, or with the working state when B is omitted (or `now`).
        Changed means status, progress, note or due differ; each change is shown old → new.
          diff 2025-03 2025-04
          diff 2025-03 where office = "医政科"
        """,
        topic: "snapshots"
    ) { args, session in
        guard let a = args.word("A") else { return .none }
        let names = [a] + (args.word("B").map { [$0] } ?? [])
        func state(_ w: Word) throws -> Workspace {
            if Binder.nowWords.contains(TextFolding.keyword(w.value)) { return session.workspace }
            do {
                return try ProgressCommands.withProgress(session) { try session.store.snapshotWorkspace(named: w.value) }
            } catch var d as Diagnostic {
                d.span = d.span ?? w.span
                throw d
            }
        }
        let old = try state(a)
        let new = names.count > 1 ? try state(names[1]) : session.workspace
        let newLabel = names.count > 1 ? names[1].value : "now"

        var include: (PlanTask) -> Bool = { _ in true }
        if let (expr, start) = args.query {
            guard !expr.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Diagnostic(Messages.missingArgument("an expression after `where`", usage: args.spec.usage),
                                 at: args.input.endSpan)
            }
            var ids = Set<String>()
            for r in try QueryEngine.filterRows(expr, offset: start, in: new, context: session.queryContext) { ids.insert(new.taskID(row: r)) }
            for r in try QueryEngine.filterRows(expr, offset: start, in: old, context: session.queryContext) { ids.insert(old.taskID(row: r)) }
            include = { ids.contains($0.id) }
        }
        let d = WorkspaceDiff.compute(from: old, to: new, include: include)
        // Lights (§9): a snapshot as of the last day of its latest progress month, now as of today.
        let rules = session.workspace.rules
        let oldLights = ReportSupervision.lights(of: old, rules: rules)
        let newLights = ReportSupervision.lights(of: new, rules: rules, asOf: newLabel == "now" ? session.asOf : nil)
        var lightRows: [[String]] = []
        for r in 0..<new.taskCount {
            let t = new.task(row: r)
            guard include(t), let o = oldLights[t.id], let n = newLights[t.id], o != n else { continue }
            lightRows.append(["changed", t.id, t.heading, "light", o.keyword, n.keyword])
        }
        let summary = Lexicon.Diff.summary(added: d.added.count, removed: d.removed.count, tasks: d.changed.count,
                                           fieldChanges: d.fieldChangeCount, lights: lightRows.count, from: a.value, to: newLabel)
        if d.isEmpty && lightRows.isEmpty { return .message(Messages.noDifferences(a.value, newLabel).text) }
        var rows: [[String]] = []
        for t in d.added { rows.append(["added", t.id, t.heading, "", "", ""]) }
        for t in d.removed { rows.append(["removed", t.id, t.heading, "", "", ""]) }
        for c in d.changed {
            for f in c.changes { rows.append(["changed", c.id, c.heading, f.field, f.old, f.new]) }
        }
        rows += lightRows
        var table = RecordTable(
            columns: [.init(title: "change"), .init(title: "id"), .init(title: "heading", shrinkable: true),
                      .init(title: "field"), .init(title: "old", shrinkable: true), .init(title: "new", shrinkable: true)],
            rows: rows, title: summary.en, rowNoun: .rows, arrow: (old: 4, new: 5))
        table.subjects = d.added.map(\.id) + d.removed.map(\.id) + d.changed.map(\.id)
        table.titles = summary
        // change, id, heading, field, old, new: the change, the field and its values in the language.
        table.words = { row, language in
            guard row.count == 6 else { return row }
            let field = row[3]
            return [Lexicon.Diff.change(row[0], in: language), row[1], row[2], Lexicon.Diff.field(field, in: language),
                    Lexicon.Diff.value(row[4], of: field, in: language), Lexicon.Diff.value(row[5], of: field, in: language)]
        }
        return .rendered(table)
    }
}
