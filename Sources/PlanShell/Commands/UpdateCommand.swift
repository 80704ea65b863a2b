import Foundation
import PlanKit

/// `update ID[, ID…] set F = V[, …]` and `update tasks where EXPR set …`.
enum UpdateCommand {
    static let spec = CommandSpec(
        ["update"], summary: "change tasks' status, progress, note, due or start date, or a target's actual",
        parameters: [.query("ID[, ID…] set F = V[, …] [force] | tasks where EXPR set F = V[, …] [force]")], changesData: true,
        details: """
        Fields: status (not_started on_track behind done · 未启动 推进中 滞后 已完成), progress (0–100),
        note ("text"), due (YYYY-MM-DD, YYYY-MM, or none), start (YYYY-MM-DD, YYYY-MM, or none: the
        plan's start); Chinese names 状态 进度 备注 截止 开始. 序时进度 runs from start to due.
        A target's actual: update TASK#n set actual = 44% (1.2万 converts; % ‰ /10万 never do).
        `month = YYYY-MM` says which month the progress refers to (default: `set month`, else this
        month when the plans cover it, else the latest month with progress).
          update qingshan2025:2.1.1 set status = behind, progress = 40, note = "设备采购延迟"
          update qingshan2025:2.1.1, qingshan2025:2.1.2 set due = 2025-06-30
          update qingshan2025:2.1.1 set start = 2025-03-01
          update tasks where office = "医政科" and status = behind set status = on_track force
        `update tasks where` asks before changing more than one task; scripts and -c need `force`
        at the end (or plansh --yes). Every change is kept: see `history ID`.
        """,
        topic: "progress"
    ) { args, session in
        try run(args.input, session)
    }

    static func run(_ input: CommandInput, _ session: Session) throws -> CommandOutput {
        let statement = try Parser.parseUpdate(input.text)
        let force = statement.force || session.settings.assumeYes
        if let done = try UpdateActuals.run(statement, input, session) { return done }
        let w = session.workspace

        // Which tasks.
        var rows: [Int] = []
        var bulk = false
        switch statement.rows {
        case let .filter(expr):
            rows = try QueryEngine.rows(matching: expr, in: w, context: session.queryContext)
            bulk = true
        case let .ids(ids):
            for id in ids {
                let r = try TaskLookup.row(of: TextFolding.fold(id.text), span: id.span, in: w)
                if !rows.contains(r) { rows.append(r) }
            }
        }

        // The new values, each parsed by the one parser sheets use too.
        let (template, month) = try values(statement, source: session.currentSource, defaultMonth: session.recordingMonth)
        guard template.status != nil || template.progress != nil || template.note != nil || template.due != nil
            || template.start != nil else {
            throw Diagnostic(Messages.nothingToChange("status, progress, note, due or start"), at: statement.setSpan)
        }

        if rows.isEmpty { return .message(Messages.noTaskMatchesNothingChanged().text) }
        if bulk && rows.count > 1 && !force {
            guard session.environment.isInteractive else {
                throw Diagnostic(Messages.updateNeedsForce(rows.count), at: input.words[0].span)
            }
            guard session.confirm("Change \(Lexicon.counted(rows.count, .tasks).en)?") else {
                return .message("nothing changed")
            }
        }

        let before = rows.map { w.task(row: $0) }
        let updates = before.map { t -> ProgressUpdate in
            var u = template
            u.plan = t.plan
            u.path = t.path
            return u
        }
        do {
            try session.commit(.updateProgress(updates, month: month, at: ProgressCommands.now()))
        } catch var d as Diagnostic where d.span == nil && d.name == "start-after-due" {
            // Point at the date that put start after due.
            d.span = statement.assignments.last { $0.field == .start || $0.field == .due }.map(\.value.span)
            throw d
        }
        let w2 = session.workspace
        let after = before.count == 1 ? w2.row(id: before[0].id).map { w2.task(row: $0) } : nil
        return .message(summary(before, template, after: after))
    }

    /// The assignments as one update template and the month it refers to.
    /// Without `month`, §9's recording month (never the clock's month for last year's plan).
    static func values(_ statement: UpdateStatement, source: String,
                       defaultMonth: YearMonth = YearMonth(containing: Date())) throws -> (ProgressUpdate, YearMonth) {
        var template = ProgressUpdate(plan: "", path: "", source: source)
        var month = defaultMonth
        var seen: Set<String> = []
        func value<T>(_ r: Result<T, ProgressValue.Problem>, _ a: UpdateStatement.Assignment) throws -> T {
            switch r {
            case let .success(v): return v
            case let .failure(p): throw Diagnostic(p.message, at: a.value.span)
            }
        }
        for a in statement.assignments {
            guard seen.insert(a.name).inserted else {
                throw Diagnostic(Messages.fieldSetTwice(a.name), at: a.nameSpan)
            }
            switch a.field {
            case .status?: template.status = try value(ProgressValue.status(a.value.text), a)
            case .progress?: template.progress = try value(ProgressValue.progress(a.value.text), a)
            case .note?: template.note = a.value.text
            case .due?: template.due = .some(try value(ProgressValue.due(a.value.text), a))
            case .start?: template.start = .some(try value(ProgressValue.start(a.value.text), a))
            default: month = try value(ProgressValue.month(a.value.text), a)
            }
        }
        return (template, month)
    }

    /// `2025-01-01 (the plan's start)`, or `none` when the date is not known.
    static func restored(_ day: CalendarDay?, _ what: String) -> String {
        day.map { "\($0) (\(what))" } ?? "none"
    }

    /// `updated ID: status a → b, …` for one task (only what changed), else a count and the values.
    static func summary(_ before: [PlanTask], _ template: ProgressUpdate, after: PlanTask? = nil) -> String {
        if before.count == 1, let t = before.first {
            var parts: [String] = []
            // Only what changed (as `history` records it); a value given again is "unchanged".
            if let s = template.status, s != t.status { parts.append("status \(t.status.keyword) → \(s.keyword)") }
            if let p = template.progress, p != t.progress { parts.append("progress \(t.progress) → \(p)") }
            if let n = template.note, n != t.note { parts.append("note \"\(n)\"") }
            // `none` restores a default: say which date that is.
            if let d = template.due { parts.append("due " + (d?.description ?? restored(after?.due, "the default"))) }
            if let d = template.start { parts.append("start " + (d?.description ?? restored(after?.start, "the plan's start"))) }
            return "updated \(t.id): " + (parts.isEmpty ? "unchanged" : parts.joined(separator: ", "))
        }
        var parts: [String] = []
        if let s = template.status { parts.append("status → \(s.keyword)") }
        if let p = template.progress { parts.append("progress → \(p)") }
        if template.note != nil { parts.append("note") }
        if let d = template.due { parts.append("due → \(d?.description ?? "none")") }
        if let d = template.start { parts.append("start → \(d?.description ?? "none")") }
        return "updated \(Lexicon.counted(before.count, .tasks).en): " + parts.joined(separator: ", ")
    }
}
