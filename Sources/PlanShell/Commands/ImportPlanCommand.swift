import Foundation
import PlanKit

/// `import plan FILE [as ID] [year YYYY] [replace]` and `import plan DIR [year YYYY] [replace]`.
enum ImportPlanCommand {
    static let spec = CommandSpec(
        ["import", "plan"], summary: "import a plan document (or every *.txt of a directory)",
        usage: "import plan FILE [as ID] [year YYYY] [replace] · import plan DIR [year YYYY] [replace]",
        details: """
        Reads a UTF-8 plain-text work plan (BOM and CRLF accepted) and breaks it into sections
        and tasks with their offices (责任科室) and quantitative targets. The plan id defaults
        to the file name made lower-case ([a-z0-9_-]); `as ID` gives another. An id that exists
        is refused unless `replace` is added: the plan is then replaced and the progress of
        tasks whose path survives is kept.
        Repairs (a missing or duplicated numeral, page chrome skipped, …) are kept as warnings
        with their line numbers: `show plan ID` lists them.
        A directory imports every *.txt in it, each named after its file, all or nothing: one
        bad file and nothing is imported. On a terminal a progress line shows files, tasks and
        MB/s; Ctrl-C stops it with nothing imported.
          import plan examples/plans/qingshan2025.txt
          import plan 余姚2025.txt as yy2025
          import plan yy2025.txt replace
          import plan notice.txt year 2025   the plan's year when neither title nor file name gives it
          import plan corpus/docs
        """,
        topic: "plans"
    ) { input, session in
        let args = Array(input.arguments)
        guard let pathWord = args.first else {
            throw Diagnostic("`import plan` needs a file or directory", at: input.words[1].span)
        }
        var id: String?
        var replace = false
        var year: Int?
        var i = 1
        while i < args.count {
            let w = args[i]
            switch TextFolding.keyword(w.value) {
            case "as" where !w.quoted:
                guard i + 1 < args.count else { throw Diagnostic("`as` needs a plan id", at: w.span) }
                let given = args[i + 1]
                guard PlanImporter.isValidID(given.value) else {
                    throw Diagnostic("plan id \"\(Suggest.excerpt(given.value))\" is not valid: use lower-case letters, digits, _ and -",
                                     at: given.span)
                }
                id = given.value
                i += 2
            case "replace" where !w.quoted:
                replace = true
                i += 1
            case "year" where !w.quoted:
                guard i + 1 < args.count else { throw Diagnostic("`year` needs a year YYYY", at: w.span) }
                let given = args[i + 1]
                guard given.value.count == 4, let y = Int(TextFolding.fold(given.value)), (1990...2100).contains(y) else {
                    throw Diagnostic("a plan's year is YYYY (1990–2100), not \"\(Suggest.excerpt(given.value))\"", at: given.span)
                }
                year = y
                i += 2
            default:
                throw Diagnostic("unexpected \"\(Suggest.excerpt(w.value))\"" + Suggest.phrase(w.value, in: ["as", "replace", "year"])
                                 + " (import plan FILE [as ID] [year YYYY] [replace])", at: w.span)
            }
        }
        try requireWritable(session)
        let url = session.resolve(path: pathWord.value)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw Diagnostic("no such file or directory: \(pathWord.value)", at: pathWord.span)
        }
        let now = Int64(Date().timeIntervalSince1970)
        if isDir.boolValue {
            if id != nil { throw Diagnostic("`as ID` names one plan; a directory's plans are named after their files", at: pathWord.span) }
            return try importDirectory(url, replace: replace, year: year, now: now, session: session, span: pathWord.span)
        }
        var plan: ImportedPlan
        do {
            plan = try PlanImporter.importFile(at: url, id: id, now: now)
            // `year YYYY`: the plan's period, and so every default due date, from the given year.
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
        text += ": \(plan.tasks.count) task\(plan.tasks.count == 1 ? "" : "s"), \(Set(plan.tasks.flatMap(\.offices)).count) offices, "
            + "\(plan.tasks.reduce(0) { $0 + $1.targets.count }) targets"
        if w > 0 { text += ", \(w) warning\(w == 1 ? "" : "s") (show plan \(plan.info.id) lists them)" }
        // A plan without a year changes every judgement: say so at once.
        if let noYear = plan.info.warnings.first(where: { $0.message.hasPrefix(PlanYear.missingWarningPrefix) }) {
            text += "\nwarning: \(plan.info.sourceFile):\(noYear.line): \(noYear.message)"
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
        let outcome: PlanBatch.Outcome
        defer { session.finishProgress() }
        outcome = try batch.run(now: now, progress: { p in
            session.reportProgress(String(format: "importing %d/%d files · %d tasks · %.1f MB/s",
                                          p.files, p.totalFiles, p.tasks, p.megabytesPerSecond))
        }, isCancelled: {
            guard session.isCancelled else { return false }
            Interrupt.clear()
            return true
        })
        session.reportProgress("saving \(outcome.plans.count) plans…")
        let plans = year.map { y in outcome.plans.map { Schedule.withYear(y, $0) } } ?? outcome.plans
        try commit(.importPlans(plans, replace: replace), span: span, session: session)
        let p = outcome.progress
        var text = "imported \(outcome.plans.count) plans: \(outcome.tasks) tasks, \(outcome.warnings) warnings"
        // Throughput varies run to run: shown on a terminal or with `set timer on`, not in a script's output.
        if session.environment.stdoutIsTerminal || session.settings.timer {
            text += String(format: " (%.1f MB in %.2f s, %.1f MB/s)", Double(p.bytes) / 1_000_000, p.seconds, p.megabytesPerSecond)
        }
        return .message(text)
    }

    static func commit(_ m: Mutation, span: Range<Int>, session: Session) throws {
        do { try session.commit(m) } catch var d as Diagnostic {
            if d.span == nil { d.span = span }
            throw d
        }
    }

    static func requireWritable(_ session: Session) throws {
        if session.store.isReadOnly {
            throw Diagnostic("the store is open read-only (another plansh holds it); changes are refused")
        }
    }
}
