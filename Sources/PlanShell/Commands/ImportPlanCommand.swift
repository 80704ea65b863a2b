import Foundation
import PlanKit

/// `import plan FILE [as ID] [replace]` and `import plan DIR [replace]`.
enum ImportPlanCommand {
    static let spec = CommandSpec(
        ["import", "plan"], summary: "import a plan document: text, Word .docx or a web page (or a directory of them)",
        parameters: [.file("FILE|DIR"), .option("as", .newPlan("ID")), .option("year", .number("YYYY")), .flag("replace")],
        changesData: true,
        details: """
        Reads a work plan — plain text (UTF-8, UTF-16 with a BOM, or GB18030/GBK, which is named
        in a warning), a Word .docx (automatic list numbering as Word shows it, tables as | rows,
        tracked deletions, comments, headers and footers left out) or a saved web page (.html/.htm,
        any charset; the site's chrome is dropped) — and breaks it into sections and tasks with
        their offices (责任科室) and quantitative targets. The bytes decide the format: legacy
        .doc/.wps, PDF, RTF, OFD and password-protected files are refused with how to save them
        as .docx. The plan id defaults to the file name made lower-case ([a-z0-9_-]); `as ID`
        gives another. An id that exists is refused unless `replace` is added: the plan is then
        replaced and the progress of tasks whose path survives is kept.
        Repairs (a missing or duplicated numeral, page chrome skipped, …) are kept as warnings
        with their line numbers: `show plan ID` lists them.
        A directory imports every \(PlanDocument.extensions.map { "*." + $0 }.joined(separator: " ")) in it, each named after its
        file, all or nothing: one bad file and nothing is imported. On a terminal a progress line
        shows files, tasks and MB/s; Ctrl-C stops it with nothing imported.
          import plan examples/plans/qingshan2025.txt as qs
          import plan examples/plans/hewan2025.txt as hewan2
          import plan examples/plans/hewan2025.txt replace
          import plan examples/plans replace
        """,
        topic: "plans"
    ) { args, session in
        guard let pathWord = args.word("FILE|DIR") else { return .none }
        let id = args.value("ID")
        let replace = args.has("replace")
        // `year YYYY`: the plan's period, and so every default due date, from the given year (§1).
        var year: Int?
        if let y = args.value("YYYY") {
            guard y.count == 4, let v = Int(TextFolding.fold(y)), (1990...2100).contains(v) else {
                throw Diagnostic(Messages.badPlanYear(y), at: args.input.endSpan)
            }
            year = v
        }
        let url = session.resolve(path: pathWord.value)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw Diagnostic(Messages.noSuchFile(pathWord.value), at: pathWord.span)
        }
        let now = Int64(Date().timeIntervalSince1970)
        if isDir.boolValue {
            if id != nil { throw Diagnostic(Messages.idForDirectory(), at: pathWord.span) }
            return try importDirectory(url, replace: replace, year: year, now: now, session: session, span: pathWord.span)
        }
        var plan: ImportedPlan
        do {
            plan = try PlanImporter.importFile(at: url, id: id, now: now)
            if let year { plan = Schedule.withYear(year, plan) }
        } catch var d as Diagnostic {
            if d.span == nil { d.span = pathWord.span }
            throw d
        }
        let replaced = session.workspace.planIndex(plan.info.id) != nil
        try commit(.importPlans([plan], replace: replace), span: pathWord.span, session: session)
        let w = plan.info.warnings.count
        var text = "\(replaced ? "replaced" : "imported") plan \(plan.info.id)"
        if !plan.info.title.isEmpty { text += " (\(plan.info.title))" }
        let counts = [(plan.tasks.count, RowNoun.tasks), (Set(plan.tasks.flatMap(\.offices)).count, .offices),
                      (plan.tasks.reduce(0) { $0 + $1.targets.count }, .targets)]
        text += ": " + counts.map { Lexicon.counted($0.0, $0.1).en }.joined(separator: ", ")
        if w > 0 { text += ", \(Lexicon.counted(w, .warnings).en) (show plan \(plan.info.id) lists them)" }
        // A plan without a year changes every judgement: say so at once.
        if let noYear = plan.info.warnings.first(where: { $0.message.hasPrefix(PlanYear.missingWarningPrefix) }) {
            text += "\nwarning: " + Messages.importWarning(plan.info.sourceFile, line: noYear.line, noYear.message).text
        }
        return .message(text)
    }

    static func importDirectory(_ url: URL, replace: Bool, year: Int?, now: Int64, session: Session,
                                span: Range<Int>) throws -> CommandOutput {
        let batch: PlanBatch
        do { batch = try PlanBatch(directory: url) } catch var d as Diagnostic {
            d.span = span
            throw d
        }
        var outcome: PlanBatch.Outcome
        defer { session.finishProgress() }
        outcome = try batch.run(now: now, progress: { p in
            session.reportProgress(String(format: "importing %d/%d files · %d tasks · %.1f MB/s",
                                          p.files, p.totalFiles, p.tasks, p.megabytesPerSecond))
        }, isCancelled: {
            guard session.isCancelled else { return false }
            Interrupt.clear()
            return true
        })
        session.reportProgress("saving \(Lexicon.counted(outcome.plans.count, .plans).en)…")
        let p = outcome.progress
        var text = "imported \(Lexicon.counted(outcome.plans.count, .plans).en): \(Lexicon.counted(outcome.tasks, .tasks).en), "
            + Lexicon.counted(outcome.warnings, .warnings).en
        // The commit holds the only copy of the parsed plans, so they are let go as the table is built.
        var plans = outcome.plans
        outcome.plans = []
        if let y = year { plans = plans.map { Schedule.withYear(y, $0) } }
        try commit(.importPlans(consume plans, replace: replace), span: span, session: session)
        // Throughput varies run to run: shown on a terminal or with `set timer on`, not in a script's output.
        if session.environment.stdoutIsTerminal || session.settings.timer {
            text += String(format: " (%.1f MB in %.2f s, %.1f MB/s)", Double(p.bytes) / 1_000_000, p.seconds, p.megabytesPerSecond)
        }
        return .message(text)
    }

    static func commit(_ m: consuming Mutation, span: Range<Int>, session: Session) throws {
        do { try session.commit(consume m) } catch var d as Diagnostic {
            if d.span == nil { d.span = span }
            throw d
        }
    }
}
