import Foundation
import PlanKit

/// `update ID[, ID…] set F = V[, …]` and `update tasks where EXPR set …`.
enum UpdateCommand {
    static let spec = CommandSpec(
        ["update"], summary: "change tasks' status, progress, note or due date",
        usage: "update ID[, ID…] set F = V[, …] [force] · update tasks where EXPR set F = V[, …] [force]",
        details: """
        Fields: status (not_started on_track behind done · 未启动 推进中 滞后 已完成), progress (0–100),
        note ("text"), due and start (YYYY-MM-DD, YYYY-MM, or none: back to the default); Chinese names
        状态 进度 备注 期限 开始.
        `month = YYYY-MM` says which month the progress refers to (default: this month).
          update yy2025:2.1.1 set status = behind, progress = 40, note = "设备采购延迟"
          update yy2025:2.1.1, yy2025:2.1.2 set due = 2025-06-30
          update tasks where office = "医政科教科" and status = not_started set status = on_track
        `update tasks where` asks before changing more than one task; scripts and -c need `force`
        at the end (or plansh --yes). Every change is kept: see `history ID`.
        """,
        topic: "progress"
    ) { input, session in
        try run(input, session)
    }

    struct Assignment {
        var field: Field
        var value: String
        var fieldSpan: Range<Int>
        var valueSpan: Range<Int>
    }

    enum Field: String, CaseIterable {
        case status, progress, note, due, start, month
    }

    static let fieldNames: [String: Field] = [
        "status": .status, "状态": .status, "progress": .progress, "进度": .progress,
        "note": .note, "备注": .note, "due": .due, "截止": .due, "截止日期": .due, "期限": .due,
        "完成时限": .due, "start": .start, "开始": .start, "month": .month, "月份": .month,
    ]

    static func run(_ input: CommandInput, _ session: Session) throws -> CommandOutput {
        let args = Array(input.arguments)
        guard let first = args.first else {
            throw Diagnostic("`update` needs task ids or `tasks where …`, then `set F = V`",
                             at: input.words[0].span)
        }
        guard let setIndex = args.firstIndex(where: { !$0.quoted && TextFolding.keyword($0.value) == "set" }) else {
            throw Diagnostic("expected `set F = V` after the tasks to update", at: input.text.count..<(input.text.count + 1))
        }
        let setWord = args[setIndex]
        var (assignments, force) = try parseAssignments(input.text, from: setWord.span.upperBound)
        if assignments.isEmpty {
            throw Diagnostic("`set` needs at least one F = V", at: setWord.span)
        }
        force = force || session.settings.assumeYes
        let w = session.workspace

        // Which tasks.
        var rows: [Int] = []
        var bulk = false
        let head = TextFolding.keyword(first.value)
        if head == "where" || (head == "tasks" && args.count > 1 && TextFolding.keyword(args[1].value) == "where") {
            let whereWord = head == "where" ? first : args[1]
            let exprStart = whereWord.span.upperBound
            let exprText = String(Array(input.text)[exprStart..<setWord.span.lowerBound])
            guard !exprText.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw Diagnostic("`where` needs an expression", at: whereWord.span)
            }
            rows = try QueryEngine.filterRows(exprText, offset: exprStart, in: w, context: session.queryContext)
            bulk = true
        } else {
            for word in args[..<setIndex] {
                var offset = word.span.lowerBound + (word.quoted ? 1 : 0)
                for piece in word.value.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "，" }) {
                    let span = offset..<(offset + piece.count)
                    offset += piece.count + 1
                    let id = piece.trimmingCharacters(in: .whitespaces)
                    if id.isEmpty { continue }
                    let r = try ProgressCommands.row(of: id, span: span, in: w)
                    if !rows.contains(r) { rows.append(r) }
                }
            }
            if rows.isEmpty { throw Diagnostic("no task ids before `set`", at: setWord.span) }
        }

        // The new values.
        var template = ProgressUpdate(plan: "", path: "", source: session.currentSource)
        var month = session.recordingMonth
        var seen: Set<Field> = []
        for a in assignments {
            guard seen.insert(a.field).inserted else {
                throw Diagnostic("\(a.field.rawValue) is set twice", at: a.fieldSpan)
            }
            switch a.field {
            case .status:
                guard let s = TaskStatus(parsing: a.value) else {
                    let words = TaskStatus.allCases.map(\.keyword) + TaskStatus.allCases.map(\.chineseLabel)
                    throw Diagnostic("unknown status \"\(a.value)\"" + Suggest.phrase(a.value, in: words)
                                     + " (not_started, on_track, behind, done; 未启动, 推进中, 滞后, 已完成)", at: a.valueSpan)
                }
                template.status = s
            case .progress:
                var t = TextFolding.fold(a.value)
                if t.hasSuffix("%") { t.removeLast() }
                guard let p = Int(t) else {
                    throw Diagnostic("progress is a whole number 0–100, not \"\(a.value)\"", at: a.valueSpan)
                }
                guard (0...100).contains(p) else {
                    throw Diagnostic("progress \(p) is out of range (0–100)", at: a.valueSpan)
                }
                template.progress = p
            case .note:
                template.note = a.value
            case .due:
                template.due = .some(try date(a, "a due date"))
            case .start:
                template.start = .some(try date(a, "a start date"))
            case .month:
                guard let m = YearMonth(parsing: TextFolding.fold(a.value)) else {
                    throw Diagnostic("a month is YYYY-MM, not \"\(a.value)\"", at: a.valueSpan)
                }
                month = m
            }
        }
        guard template.status != nil || template.progress != nil || template.note != nil || template.due != nil
            || template.start != nil else {
            throw Diagnostic("nothing to change: set status, progress, note, due or start", at: setWord.span)
        }

        try ProgressCommands.requireWritable(session, input, "`update`")
        if rows.isEmpty { return .message("no task matches; nothing changed") }
        if bulk && rows.count > 1 && !force {
            guard session.environment.isInteractive else {
                throw Diagnostic("this would change \(rows.count) tasks; add `force` at the end (or run plansh with --yes) to apply",
                                 at: input.words[0].span)
            }
            guard session.confirm("Change \(rows.count) tasks?") else {
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
        try session.commit(.updateProgress(updates, month: month, at: ProgressCommands.now()))

        if before.count == 1, let t = before.first {
            var parts: [String] = []
            // Only what changed (as `history` records it); a value given again is "unchanged".
            if let s = template.status, s != t.status { parts.append("status \(t.status.keyword) → \(s.keyword)") }
            if let p = template.progress, p != t.progress { parts.append("progress \(t.progress) → \(p)") }
            if let n = template.note, n != t.note { parts.append("note \"\(n)\"") }
            if let d = template.due { parts.append("due \(d?.description ?? "none")") }
            if let d = template.start { parts.append("start \(d?.description ?? "none")") }
            return .message("updated \(t.id): " + (parts.isEmpty ? "unchanged" : parts.joined(separator: ", ")))
        }
        var parts: [String] = []
        if let s = template.status { parts.append("status → \(s.keyword)") }
        if let p = template.progress { parts.append("progress → \(p)") }
        if template.note != nil { parts.append("note") }
        if let d = template.due { parts.append("due → \(d?.description ?? "none")") }
        if let d = template.start { parts.append("start → \(d?.description ?? "none")") }
        return .message("updated \(before.count) tasks: " + parts.joined(separator: ", "))
    }

    /// A date value: `YYYY-MM-DD`, `YYYY-MM` (its last day), or `none` (nil: back to the default).
    static func date(_ a: Assignment, _ what: String) throws -> CalendarDay? {
        let v = TextFolding.keyword(a.value)
        if v.isEmpty || v == "none" || v == "无" { return nil }
        guard let d = CalendarDay(parsing: v) else {
            throw Diagnostic("\(what) is YYYY-MM-DD or YYYY-MM (or none), not \"\(a.value)\"", at: a.valueSpan)
        }
        return d
    }

    // MARK: Parsing `F = V, F = V [force]`

    enum Token {
        case word(String, Range<Int>, quoted: Bool)
        case equals(Range<Int>)
        case comma(Range<Int>)

        var span: Range<Int> {
            switch self {
            case let .word(_, s, _), let .equals(s), let .comma(s): return s
            }
        }
    }

    static func tokens(_ chars: [Character], from start: Int) throws -> [Token] {
        var out: [Token] = []
        var i = start
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\u{3000}" || c == "\n" { i += 1; continue }
            if c == "=" || c == "＝" { out.append(.equals(i..<(i + 1))); i += 1; continue }
            if c == "," || c == "，" { out.append(.comma(i..<(i + 1))); i += 1; continue }
            if c == "\"" || c == "'" || c == "“" || c == "‘" {
                let close: Character = c == "“" ? "”" : c == "‘" ? "’" : c
                let s = i
                var v = ""
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == "\\" && close == "\"" && i + 1 < chars.count { v.append(chars[i + 1]); i += 2; continue }
                    if chars[i] == close { closed = true; i += 1; break }
                    v.append(chars[i]); i += 1
                }
                guard closed else { throw Diagnostic.incomplete("unterminated string", at: s..<chars.count) }
                out.append(.word(v, s..<i, quoted: true))
                continue
            }
            let s = i
            var v = ""
            while i < chars.count, !" \t\u{3000}\n=＝,，".contains(chars[i]) {
                v.append(chars[i]); i += 1
            }
            out.append(.word(v, s..<i, quoted: false))
        }
        return out
    }

    /// `F = V` pairs separated by commas, then an optional `force`.
    static func parseAssignments(_ text: String, from start: Int) throws -> ([Assignment], force: Bool) {
        let toks = try tokens(Array(text), from: start)
        var out: [Assignment] = []
        var force = false
        var i = 0
        let end = text.count..<(text.count + 1)
        while i < toks.count {
            guard case let .word(name, nameSpan, quoted) = toks[i] else {
                throw Diagnostic("expected a field name (status, progress, note, due, start)", at: toks[i].span)
            }
            if !quoted && TextFolding.keyword(name) == "force" && i == toks.count - 1 && !out.isEmpty {
                force = true
                break
            }
            guard let field = fieldNames[TextFolding.keyword(name)] else {
                throw Diagnostic("unknown field \"\(name)\"" + Suggest.phrase(name, in: Field.allCases.map(\.rawValue))
                                 + " (update sets status, progress, note, due, start)", at: nameSpan)
            }
            guard i + 1 < toks.count, case .equals = toks[i + 1] else {
                throw Diagnostic("expected `=` after \(name)", at: i + 1 < toks.count ? toks[i + 1].span : end)
            }
            guard i + 2 < toks.count, case let .word(value, valueSpan, _) = toks[i + 2] else {
                throw Diagnostic("expected a value after `\(name) =`", at: i + 2 < toks.count ? toks[i + 2].span : end)
            }
            out.append(Assignment(field: field, value: value, fieldSpan: nameSpan, valueSpan: valueSpan))
            i += 3
            if i < toks.count {
                if case .comma = toks[i] {
                    i += 1
                    continue
                }
                if case let .word(w, _, q) = toks[i], !q, TextFolding.keyword(w) == "force", i == toks.count - 1 {
                    force = true
                    break
                }
                throw Diagnostic("expected `,` between assignments", at: toks[i].span)
            }
        }
        return (out, force)
    }
}
