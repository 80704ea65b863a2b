import Foundation

/// `show plan ID`: a plan's facts, its outline with task counts, and every import warning.
public struct PlanOutline: Renderable, Sendable {
    public struct Section: Sendable, Hashable {
        public var path: String
        public var level: Int
        public var heading: String
        /// Tasks in this section's subtree; 0 for a preamble section.
        public var tasks: Int
        public var inferred: Bool
    }

    public let info: PlanInfo
    public let taskCount: Int
    public let sections: [Section]
    /// Sections deeper than this are folded into their parent's count on the screen.
    public let screenDepth: Int

    public init(workspace: Workspace, planID: String, screenDepth: Int = 2) throws {
        guard let p = workspace.planIndex(planID) else {
            throw Diagnostic(Messages.noPlan(planID, known: workspace.plans.map(\.id)))
        }
        info = workspace.plans[p]
        let rows = workspace.taskRanges[p]
        taskCount = rows.count
        // Count each task once under every section its path starts with.
        var counts: [Substring: Int] = [:]
        for r in rows {
            let path = workspace.tasks.paths[r]
            var i = path.startIndex
            while let dot = path[i...].firstIndex(of: ".") {
                counts[path[..<dot], default: 0] += 1
                i = path.index(after: dot)
            }
        }
        sections = info.sections.map {
            Section(path: $0.path, level: $0.level, heading: $0.heading,
                    tasks: counts[Substring($0.path)] ?? 0, inferred: $0.inferred)
        }
        self.screenDepth = screenDepth
    }

    public func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        switch format {
        case .json: return json() + "\n"
        case .csv, .markdown, .html:
            return ResultTable(
                columns: [.init("path", minWidth: 6), .init("level"), .init("heading", overflow: .wrap), .init("tasks")],
                rows: sections.map { [.text($0.path), .integer($0.level), .text($0.heading), .integer($0.tasks)] },
                title: "\(info.id) — \(info.title)", rowNoun: .sections
            ).render(format, context)
        case .table, .text:
            return text(width: context.width)
        }
    }

    func text(width: Int) -> String {
        var out = "plan \(info.id) — \(info.title.isEmpty ? "(untitled)" : info.title)\n"
        var facts: [String] = []
        if !info.issuer.isEmpty { facts.append("issuer \(info.issuer)") }
        if let y = info.year { facts.append("year \(y)") }
        if !info.sourceFile.isEmpty { facts.append("source \(info.sourceFile)") }
        facts.append("imported \(LocalTime.minutes(info.importedAt))")
        out += facts.joined(separator: " · ") + "\n"
        let closing = info.extras.count
        var counts = [(taskCount, RowNoun.tasks), (sections.count, .sections), (info.warnings.count, .warnings)]
            .map { Lexicon.counted($0.0, $0.1).en }
        if closing > 0 { counts.append(Lexicon.counted(closing, .closingParagraphs).en + " kept with the plan") }
        out += counts.joined(separator: " · ") + "\n"
        let shown = sections.filter { $0.level <= screenDepth }
        if !shown.isEmpty {
            out += "\n"
            let pathWidth = shown.map { DisplayWidth.of($0.path) + 2 * ($0.level - 1) }.max() ?? 0
            let countWidth = 10
            let headingWidth = shown.map { DisplayWidth.of($0.heading) }.max() ?? 0
            for s in shown {
                let indent = String(repeating: "  ", count: s.level - 1)
                let label = DisplayWidth.pad(indent + s.path, to: pathWidth)
                let count = s.tasks == 0 ? "preamble" : Lexicon.counted(s.tasks, .tasks).en
                let mark = s.inferred ? " (numeral inferred)" : ""
                let room = min(headingWidth, max(10, width - pathWidth - countWidth - 6 - DisplayWidth.of(mark)))
                out += "  " + label + "  " + DisplayWidth.pad(DisplayWidth.truncate(s.heading, to: room), to: room)
                    + "  " + DisplayWidth.pad(count, to: countWidth, right: true) + mark + "\n"
            }
        }
        if !info.warnings.isEmpty {
            out += "\nwarnings:\n"
            // Line 0 is a note on the whole file (the encoding it was read in).
            for w in info.warnings { out += "  " + (w.line > 0 ? "line \(w.line): " : "file: ") + w.message + "\n" }
        }
        return out
    }

    func json() -> String {
        var o = "{\"id\": " + JSON.quote(info.id) + ", \"title\": " + JSON.quote(info.title)
        o += ", \"issuer\": " + JSON.quote(info.issuer) + ", \"year\": " + (info.year.map(String.init) ?? "null")
        o += ", \"source\": " + JSON.quote(info.sourceFile) + ", \"imported\": " + JSON.quote(LocalTime.iso(info.importedAt))
        o += ", \"tasks\": \(taskCount), \"sections\": ["
        o += sections.map {
            "{\"path\": \(JSON.quote($0.path)), \"level\": \($0.level), \"heading\": \(JSON.quote($0.heading)), "
                + "\"tasks\": \($0.tasks), \"inferred\": \($0.inferred)}"
        }.joined(separator: ", ")
        o += "], \"warnings\": ["
        o += info.warnings.map { "{\"line\": \($0.line), \"message\": \(JSON.quote($0.message))}" }.joined(separator: ", ")
        o += "], \"closing\": [" + info.extras.map(JSON.quote).joined(separator: ", ") + "]}"
        return o
    }
}

/// `show task ID`: one task with its text, offices, targets, progress and history.
public struct TaskDetail: Renderable, Sendable {
    public let task: PlanTask
    public let planTitle: String
    public let history: [HistoryEntry]
    /// The light and why, as of the context's day (§9).
    public let judgement: Judgement
    let why: [String]
    let json: String
    /// Per figure: its target number (nil for a qualifier) and, with an actual, its judgement.
    let numbers: [Int?]
    let lights: [Light?]
    let attainments: [Double?]

    public init(workspace: Workspace, row: Int, context: QueryContext) {
        task = workspace.task(row: row)
        numbers = workspace.tasks.targetNumbers(row: row)
        let calendar = TargetJudgements.calendar(task: row, plan: Int(workspace.tasks.planRow[row]), in: workspace, asOf: context.asOf)
        let judged = task.targets.map { $0.isTarget ? TargetJudgement($0) : nil }
        attainments = judged.map { $0?.attainment }
        lights = zip(task.targets, judged).map { t, j in
            j?.light(isRate: TargetUnit.isRate(unit: t.unit, metric: t.metric), calendar: calendar)
        }
        judgement = Judge(asOf: context.asOf, rules: workspace.rules).judge(row: row, in: workspace.tasks)
        why = WhyText.lines(judgement, rules: workspace.rules, in: context.language)
        planTitle = workspace.plans[Int(workspace.tasks.planRow[row])].title
        history = workspace.history(of: task.id)
        json = TaskList.json(workspace: workspace, row: row, context: context)
    }

    public func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        switch format {
        case .json:
            // The stable task object of `find`, with the history added.
            let h = history.map {
                "{\"when\": \(JSON.quote(LocalTime.iso($0.when))), \"month\": \($0.month.map { JSON.quote($0.description) } ?? "null"), "
                    + "\"field\": \(JSON.quote($0.field)), \"old\": \(JSON.quote($0.old)), \"new\": \(JSON.quote($0.new)), "
                    + "\"source\": \(JSON.quote($0.source))}"
            }
            return String(json.dropLast()) + ", \"line\": \(task.line), \"history\": [" + h.joined(separator: ", ") + "]}\n"
        case .csv, .markdown, .html:
            return targetTable(context.language).render(format, context)
        case .table, .text:
            return text(context)
        }
    }

    /// The task's figures, lights named in `language` (`set lang`). Columns that `find targets`
    /// also shows take their header, alignment and colour from the field registry, so the two
    /// tables say the same thing the same way.
    func targetTable(_ language: Language) -> ResultTable {
        func column(_ name: String) -> ResultTable.Column {
            guard let f = FieldRegistry.field(named: name, in: .targets) else { return .init(name) }
            var c = f.entry.column
            c.name = Lexicon.header(f, in: language)
            if name == "metric" { c.overflow = .wrap }
            return c
        }
        return ResultTable(
            columns: [.init("#"), .init("raw")] + ["metric", "comparator", "value", "unit", "actual", "attainment", "light"].map(column),
            rows: task.targets.indices.map { i in
                let t = task.targets[i]
                let value: ResultTable.Cell = t.comparator == .range
                    ? .text("\(JSON.number(t.low))–\(JSON.number(t.high))")
                    : t.value.map { .number($0) } ?? .text("(redacted)")
                return [.text(numbers[i].map { "#\($0)" } ?? "(qualifier)"), .text(t.raw), .text(t.metric), .text(t.comparator.rawValue),
                        value, .text(t.unit), t.actual.map { .number($0) } ?? .null,
                        attainments[i].map { .text(TargetFields.percentText($0)) } ?? .null,
                        lights[i].map { .text(Lexicon.light($0, in: language)) } ?? .null]
            },
            title: "\(task.id) targets", rowNoun: .targets)
    }

    func text(_ context: RenderContext) -> String {
        let width = max(40, context.width)
        var out = "\(task.id)  \(task.heading)\n"
        out += "plan \(task.plan)\(planTitle.isEmpty ? "" : " — " + planTitle) · line \(task.line)"
            + (task.inferred ? " · number inferred" : "") + "\n"
        let offices = task.offices.isEmpty ? "(none named)" : task.offices.joined(separator: "、") + (task.officesOpen ? " 等 (open list)" : "")
        out += "offices   \(offices)\n"
        var progress = "status    \(task.status.keyword) (\(task.status.chineseLabel)) · progress \(task.progress)%"
        if let due = task.due { progress += " · due \(due)" }
        if let m = task.updated { progress += " · updated \(m)" }
        out += progress + "\n"
        if !task.note.isEmpty { out += "note      \(task.note)\n" }
        out += "calendar  \(judgement.start) → \(judgement.due)"
            + (task.startByHand ? " · start set by hand" : "") + (task.dueByHand ? " · due set by hand" : "") + "\n"
        if !task.deadlines.isEmpty {
            out += "deadlines " + task.deadlines.map { "\($0.raw) (\($0.day))" }.joined(separator: "、") + "\n"
        }
        out += "light     \(judgement.light.keyword) (\(judgement.light.chineseLabel)) · lead \(task.lead.isEmpty ? "—" : task.lead)\n"
        for line in why { out += "          " + line + "\n" }
        out += "\n"
        for line in DisplayWidth.wrap(task.text, to: width - 2) { out += "  " + line + "\n" }
        if !task.targets.isEmpty {
            out += "\n" + targetTable(context.language).render(.table, context)
        }
        if !history.isEmpty {
            out += "\nhistory:\n"
            for e in history {
                out += "  \(LocalTime.minutes(e.when))  \(e.month?.description ?? "-")  \(e.field): \(e.old.isEmpty ? "—" : e.old) → \(e.new.isEmpty ? "—" : e.new)  (\(e.source))\n"
            }
        }
        return out
    }
}

/// Local wall-clock times as the shell prints them.
public enum LocalTime {
    /// `2025-04-30 17:05`
    public static func minutes(_ t: Int64) -> String {
        let c = components(t)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour, c.minute)
    }

    /// `2025-04-30T17:05:09` (local time)
    public static func iso(_ t: Int64) -> String {
        let c = components(t)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// Today in the local time zone (`localtime_r`: cheaper than Foundation's first calendar lookup).
    public static func today() -> CalendarDay {
        let c = components(Int64(time(nil)))
        return CalendarDay(year: c.year, month: c.month, day: c.day) ?? CalendarDay(containing: Date())
    }

    static func components(_ t: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var time = time_t(t)
        var parts = tm()
        localtime_r(&time, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
