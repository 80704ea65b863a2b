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
        let table = RecordTable(
            columns: [.init(title: "file"), .init(title: "state"), .init(title: "detail", shrinkable: true)],
            rows: results.map { [$0.file, $0.problem != nil ? "DAMAGED" : $0.setAside ? "set aside" : "ok", $0.problem ?? $0.detail] },
            title: "store \(session.store.directory.path): "
                + (bad.isEmpty ? "every file intact" : "\(bad.count) damaged")
                + (setAside == 0 ? "" : "; \(Lexicon.counted(setAside, .damagedFiles).en) set aside in damaged/"),
            rowNoun: .files)
        if bad.isEmpty { return .rendered(table) }
        throw FailedWithResult(result: .rendered(table), diagnostic: Diagnostic(Messages.checkFoundDamage(bad.map(\.file))))
    }
}
