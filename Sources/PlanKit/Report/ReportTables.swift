/// The report's tables as `ResultTable`s, shared by the screen, Markdown and CSV renderers
/// (the HTML page styles its own cells).
enum ReportTables {
    static func right(_ name: String) -> ResultTable.Column { ResultTable.Column(name, alignment: .right) }
    static func id(_ name: String) -> ResultTable.Column { ResultTable.Column(name, minWidth: 14) }

    static func table(_ columns: [ResultTable.Column], _ rows: [[ResultTable.Cell]]) -> ResultTable {
        ResultTable(columns: columns, rows: rows, showsRowCount: false)
    }

    /// Counts per status of a group (a plan or an office), its mean progress and change, and on
    /// the screen a bar of the mean.
    static func groups(_ first: String, _ rows: [(name: String, title: String?, tasks: Int, done: Int, onTrack: Int, behind: Int,
                                                   notStarted: Int, overdue: Int, average: Double, previous: Double?)],
                       compared: Bool, bars: Bool, code: Bool) -> ResultTable {
        var columns = [ResultTable.Column(first)]
        let withTitle = rows.contains { $0.title != nil }
        if withTitle { columns.append(ResultTable.Column("标题")) }
        columns += ["任务", "已完成", "推进中", "滞后", "未启动", "逾期"].map(right) + [right("平均进度")]
        if compared { columns.append(right("比上期")) }
        if bars { columns.append(ResultTable.Column("")) }
        let cells: [[ResultTable.Cell]] = rows.map { r in
            var c: [ResultTable.Cell] = [.text(code ? "`\(r.name)`" : r.name)]
            if withTitle { c.append(.text(r.title ?? "")) }
            c += [.integer(r.tasks), .integer(r.done), .integer(r.onTrack), .integer(r.behind), .integer(r.notStarted),
                  .integer(r.overdue), .text(ReportLabels.average(r.average))]
            if compared { c.append(.text(r.previous.map { ReportLabels.delta(r.average - $0) } ?? "—")) }
            if bars { c.append(.text(ReportLabels.bar(r.average / 100, width: 20))) }
            return c
        }
        return table(columns, cells)
    }

    static func plans(_ d: ReportData, bars: Bool, code: Bool) -> ResultTable {
        groups("计划", d.planSummaries.map {
            ($0.plan, bars ? nil : $0.title, $0.tasks, $0.done, $0.onTrack, $0.behind, $0.notStarted, $0.overdue,
             $0.averageProgress, $0.previousAverage)
        }, compared: d.changes != nil, bars: bars, code: code)
    }

    static func offices(_ d: ReportData, bars: Bool) -> ResultTable {
        groups("科室", d.offices.map {
            ($0.office, nil, $0.tasks, $0.done, $0.onTrack, $0.behind, $0.notStarted, $0.overdue,
             $0.averageProgress, $0.previousAverage)
        }, compared: d.changes != nil, bars: bars, code: false)
    }

    static func units(_ g: TargetSummary) -> ResultTable {
        table([ResultTable.Column("单位"), right("指标"), right("≥"), right("≤"), right("="), right("范围")],
              ReportLabels.unitRows(g).map { u in
                  [.text(u.unit), .integer(u.count.total), .integer(u.count.atLeast), .integer(u.count.atMost),
                   .integer(u.count.equal), .integer(u.count.range)]
              })
    }

    /// Tasks needing attention: id, standing, offices, heading, note.
    static func tasks(_ tasks: [ReportTask], code: Bool) -> ResultTable {
        table([id("任务"), ResultTable.Column("状态"), right("进度"), ResultTable.Column("责任科室"),
               ResultTable.Column("标题"), ResultTable.Column("备注")],
              tasks.map { t in
                  let status = t.status.chineseLabel + (t.overdue ? "，逾期" + (t.due.map { "（\($0)）" } ?? "") : "")
                  return [.text(code ? "`\(t.id)`" : t.id), .text(status), .text("\(t.progress)%"),
                          .text(ReportLabels.offices(t.offices)), .text(t.heading), .text(t.note)]
              })
    }

    static func statusMoves(_ c: ReportChanges, code: Bool) -> ResultTable {
        table([id("任务"), ResultTable.Column("状态"), ResultTable.Column("进度"), ResultTable.Column("标题"),
               ResultTable.Column("备注")],
              ReportLabels.capped(c.statusMoves).shown.map { m in
                  [.text(code ? "`\(m.task.id)`" : m.task.id),
                   .text("\(m.oldStatus.chineseLabel) → \(m.task.status.chineseLabel)"),
                   .text("\(m.oldProgress)% → \(m.task.progress)%"), .text(m.task.heading), .text(m.task.note)]
              })
    }

    static func gains(_ c: ReportChanges, code: Bool) -> ResultTable {
        table([id("任务"), ResultTable.Column("进度"), right("提高"), ResultTable.Column("标题")],
              c.biggestGains(5).map { m in
                  [.text(code ? "`\(m.task.id)`" : m.task.id), .text("\(m.oldProgress)% → \(m.task.progress)%"),
                   .text("+\(m.progressDelta)"), .text(m.task.heading)]
              })
    }

    /// One row per task with its standing now and in the previous snapshot (the CSV report).
    /// `id,status,progress,note` come first, as in a progress sheet.
    static func taskRows(_ d: ReportData) -> ResultTable {
        var moves: [String: TaskMove] = [:]
        for m in d.changes?.moves ?? [] { moves[m.task.id] = m }
        let added = Set(d.changes?.added.map(\.id) ?? [])
        let names = ["id", "status", "progress", "note", "plan", "path", "heading", "offices", "due", "overdue", "updated",
                     "previous_status", "previous_progress", "targets"]
        let rows: [[ResultTable.Cell]] = d.tasks.map { t in
            var previousStatus: ResultTable.Cell = .null, previousProgress: ResultTable.Cell = .null
            if d.changes != nil && !added.contains(t.id) {
                let m = moves[t.id]
                previousStatus = .text((m?.oldStatus ?? t.status).keyword)
                previousProgress = .integer(m?.oldProgress ?? t.progress)
            }
            return [.text(t.id), .text(t.status.keyword), .integer(t.progress), .text(t.note), .text(t.plan), .text(t.path),
                    .text(t.heading), .list(t.offices), t.due.map { .text($0.description) } ?? .null, .bool(t.overdue),
                    t.updated.map { .text($0.description) } ?? .null, previousStatus, previousProgress,
                    .text(ReportLabels.targets(t))]
        }
        return ResultTable(columns: names.map { ResultTable.Column($0) }, rows: rows, showsRowCount: false, rowNoun: "tasks")
    }
}
