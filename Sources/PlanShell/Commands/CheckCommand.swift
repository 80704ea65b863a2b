import PlanKit

/// `check`: read every file of the store and verify it.
enum CheckCommand {
    static let spec = CommandSpec(
        ["check"], summary: "verify every file of the store (checksums and structure)",
        details: "Reads the working state, the journal and every snapshot in full. Fails (exit status 1 in scripts) "
            + "when any file is damaged or the journal is missing, naming it; lists what `recover` set aside in damaged/.",
        topic: "snapshots"
    ) { _, session in
        let results = ProgressCommands.withProgress(session) { session.store.check() }
        let bad = results.filter { $0.problem != nil }
        let setAside = results.filter(\.setAside).count
        typealias State = Lexicon.Check.State
        let title = Lexicon.Check.title(store: session.store.directory.path, damaged: bad.count, setAside: setAside)
        var table = RecordTable(
            columns: [.init(title: "file"), .init(title: "state"), .init(title: "detail", shrinkable: true)],
            rows: results.map { [$0.file, ($0.problem != nil ? State.damaged : $0.setAside ? .setAside : .ok).rawValue, $0.problem ?? $0.detail] },
            title: title.en, rowNoun: .files)
        table.titles = title
        // file, state, detail: the state and the counts of an intact file in the language (problems stay as said).
        let words = Dictionary(results.compactMap { r in r.detailWords.map { (r.file, $0) } }, uniquingKeysWith: { a, _ in a })
        table.words = { row, language in
            guard row.count == 3 else { return row }
            return [row[0], State(rawValue: row[1]).map { $0[language] } ?? row[1], words[row[0]]?[language] ?? row[2]]
        }
        if bad.isEmpty { return .rendered(table) }
        throw FailedWithResult(result: .rendered(table), diagnostic: Diagnostic(Messages.checkFoundDamage(bad.map(\.file))))
    }
}
