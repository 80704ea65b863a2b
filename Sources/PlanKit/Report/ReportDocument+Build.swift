/// Every heading, sentence and table of the report, built once from the report data with the
/// Lexicon's words in `language`.
extension ReportDocument {
    typealias W = Lexicon.Report

    public init(_ d: ReportData, language l: Language) {
        language = l
        title = W.title(plan: d.plans.count == 1 ? d.plans.first?.title : nil, month: d.month)[l]
        subtitle = ReportFormat.subtitleParts(d, l)
        figures = ReportDocument.figures(d, l)
        footer = [W.madeBy[l], W.progressAsOf(d.month)[l], W.overdueAsOf(d.asOf)[l]].joined(separator: " · ")
        // Supervision (§9) opens the report: the 通报, the red, yellow and due-soon lists, scores,
        // light changes; then the status of §6.
        var s: [(Term, [Block])] = d.supervision.map { ReportSupervisionRender.sections($0, l) } ?? []
        s.append((W.tasksByStatus, ReportDocument.status(d, l)))
        if d.planSummaries.count > 1 { s.append((W.plans, [.table(ReportDocument.plans(d, l))])) }
        s.append((W.offices, d.offices.isEmpty
                    ? [.paragraph(W.noOffices[l])]
                    : [.officeChart(d.offices, compared: d.changes != nil), .table(ReportDocument.offices(d, l))]))
        s.append((W.behindAndOverdue(d.attention.count), ReportDocument.attention(d, l)))
        s.append((W.targets, ReportDocument.targets(d, l)))
        if let c = d.changes {
            s.append((W.sinceSnapshot(c.snapshot), ReportDocument.changes(c, d, l)))
        } else {
            s.append((W.changes, [.paragraph(W.noSnapshot[l])]))
        }
        if d.byOffice { s.append((W.byOffice, ReportDocument.byOffice(d, l))) }
        sections = s.enumerated().map { i, x in Section(title: x.0[l], numbered: W.numbered(i + 1, x.0[l])[l], blocks: x.1) }
    }

    static func figures(_ d: ReportData, _ l: Language) -> [Figure] {
        func share(_ s: TaskStatus) -> String {
            Lexicon.status(s, in: l) + " " + ReportFormat.percent(d.taskCount == 0 ? 0 : Double(d.count(s)) * 100 / Double(d.taskCount))
        }
        let extraOverdue = d.attention.count - d.count(.behind)
        var average = W.averageProgress[l]
        if let c = d.changes { average += W.sinceLast(ReportFormat.delta(d.averageProgress - c.previousAverage))[l] }
        return [
            Figure(value: String(d.taskCount), label: W.totalTasks[l], tone: ""),
            Figure(value: String(d.count(.done)), label: share(.done), tone: "done"),
            Figure(value: String(d.count(.onTrack)), label: share(.onTrack), tone: "on"),
            Figure(value: String(d.count(.behind)), label: share(.behind) + (extraOverdue > 0 ? W.moreOverdue(extraOverdue)[l] : ""),
                   tone: "behind"),
            Figure(value: ReportFormat.percent(d.averageProgress), label: average, tone: ""),
        ]
    }

    static func status(_ d: ReportData, _ l: Language) -> [Block] {
        var avg = W.average(ReportFormat.percent(d.averageProgress))[l]
        if let c = d.changes {
            avg += W.previous(ReportFormat.percent(c.previousAverage), delta: ReportFormat.delta(d.averageProgress - c.previousAverage))[l]
        }
        return [.statusChart(d.statusCounts, total: d.taskCount, average: d.averageProgress), .paragraph(avg)]
    }

    /// Counts per status of a group (a plan or an office), its mean and change, and a bar of the mean.
    static func groupTable(_ first: String, titles: Bool, compared: Bool, _ l: Language,
                           _ rows: [(name: Cell, title: String, counts: [Int], average: Double, previous: Double?)]) -> Table {
        var columns = [Column(first, isName: true)]
        if titles { columns.append(Column(W.heading[l])) }
        columns += ([W.tasks[l]] + [TaskStatus.done, .onTrack, .behind, .notStarted].map { Lexicon.status($0, in: l) }
                    + [W.overdueColumn[l], W.averageColumn[l]]).map { Column($0, numeric: true) }
        if compared { columns.append(Column(W.change[l], numeric: true)) }
        columns.append(Column("", isBar: true))
        return Table(columns: columns, rows: rows.map { r in
            var c: [Cell] = [r.name]
            if titles { c.append(.text(r.title)) }
            c += r.counts.map(Cell.number) + [.figure(ReportFormat.average(r.average))]
            if compared { c.append(.delta(r.previous.map { r.average - $0 })) }
            return c + [.bar(r.average / 100)]
        })
    }

    static func plans(_ d: ReportData, _ l: Language) -> Table {
        groupTable(W.plan[l], titles: true, compared: d.changes != nil, l, d.planSummaries.map {
            (.id($0.plan), $0.title, [$0.tasks, $0.done, $0.onTrack, $0.behind, $0.notStarted, $0.overdue],
             $0.averageProgress, $0.previousAverage)
        })
    }

    static func offices(_ d: ReportData, _ l: Language) -> Table {
        groupTable(W.office[l], titles: false, compared: d.changes != nil, l, d.offices.map {
            (.text($0.office), "", [$0.tasks, $0.done, $0.onTrack, $0.behind, $0.notStarted, $0.overdue],
             $0.averageProgress, $0.previousAverage)
        })
    }

    /// Tasks needing attention: id, standing, offices, heading, note.
    static func taskTable(_ tasks: [ReportTask], _ l: Language) -> Table {
        Table(columns: [Column(W.task[l]), Column(W.status[l]), Column(W.progress[l], numeric: true), Column(W.responsible[l]),
                        Column(W.heading[l]), Column(W.note[l])],
              rows: tasks.map { t in
                  [.id(t.id), .status(t.status, overdue: t.overdue, due: t.due), .figure("\(t.progress)%"),
                   .text(ReportFormat.offices(t.offices)), .text(t.heading), .note(t.note)]
              })
    }

    static func taskBlocks(_ all: [ReportTask], limit: Int, _ l: Language) -> [Block] {
        let (shown, more) = ReportFormat.capped(all, limit)
        return [.tasks(shown, table: taskTable(shown, l))] + (more > 0 ? [.more(more)] : [])
    }

    static func attention(_ d: ReportData, _ l: Language) -> [Block] {
        d.attention.isEmpty ? [.paragraph(W.noAttention[l])] : taskBlocks(d.attention, limit: ReportFormat.listLimit, l)
    }

    static func targets(_ d: ReportData, _ l: Language) -> [Block] {
        let g = d.targets
        var out: [Block] = [.paragraph(W.targetsParagraph(withTargets: g.tasksWithTargets, tasks: d.taskCount, targets: g.targetCount,
                                                          redacted: g.redacted)[l])]
        if !g.byUnit.isEmpty {
            let c = g.comparatorTotals
            out.append(.paragraph(W.byComparison(atLeast: c.atLeast, atMost: c.atMost, equal: c.equal, range: c.range)[l]))
            out.append(.table(Table(
                columns: [Column(W.unit[l]), Column(W.targetCount[l], numeric: true), Column(W.atLeast[l], numeric: true),
                          Column(W.atMost[l], numeric: true), Column(W.equal[l], numeric: true), Column(W.range[l], numeric: true)],
                rows: ReportFormat.unitRows(g, l).map { u in
                    [.text(u.unit), .number(u.count.total), .number(u.count.atLeast), .number(u.count.atMost),
                     .number(u.count.equal), .number(u.count.range)]
                })))
        }
        if g.atRisk.isEmpty {
            out.append(.paragraph(W.noTargetAtRisk[l]))
        } else {
            out.append(.subheading(W.targetsAtRisk(g.atRisk.count)[l]))
            let (shown, more) = ReportFormat.capped(g.atRisk)
            out.append(.table(Table(
                columns: [Column(W.task[l]), Column(W.status[l]), Column(W.progress[l], numeric: true), Column(W.targetCount[l]),
                          Column(W.note[l])],
                rows: shown.map { t in
                    [.id(t.id), .status(t.status, overdue: t.overdue, due: t.due), .figure("\(t.progress)%"),
                     .text(ReportFormat.targets(t)), .note(t.note)]
                })))
            if more > 0 { out.append(.more(more)) }
        }
        return out + trackedTargets(g, l)
    }

    static func changes(_ c: ReportChanges, _ d: ReportData, _ l: Language) -> [Block] {
        var items = [W.averageMove(from: ReportFormat.percent(c.previousAverage), to: ReportFormat.percent(d.averageProgress),
                                   delta: ReportFormat.delta(d.averageProgress - c.previousAverage))[l],
                     W.progressMoves(up: c.progressUp, down: c.progressDown)[l],
                     W.statusMoves(done: c.newlyDone.count, behind: c.newlyBehind.count, recovered: c.recovered.count)[l]]
        if !c.added.isEmpty { items.append(W.added(c.added.map(\.id))[l]) }
        if !c.removed.isEmpty { items.append(W.removed(c.removed)[l]) }
        var out: [Block] = [.list(items)]
        if c.statusMoves.isEmpty {
            out.append(.paragraph(W.noStatusChange[l]))
        } else {
            let (moves, more) = ReportFormat.capped(c.statusMoves)
            out.append(.subheading(W.statusChanges(c.statusMoves.count)[l]))
            out.append(.table(Table(
                columns: [Column(W.task[l]), Column(W.status[l]), Column(W.progress[l]), Column(W.heading[l]), Column(W.note[l])],
                rows: moves.map { m in
                    [.id(m.task.id), .move(from: m.oldStatus, to: m.task.status), .text("\(m.oldProgress)% → \(m.task.progress)%"),
                     .text(m.task.heading), .note(m.task.note)]
                })))
            if more > 0 { out.append(.more(more)) }
        }
        let gains = c.biggestGains(5)
        if !gains.isEmpty {
            out.append(.subheading(W.biggestGains[l]))
            out.append(.table(Table(
                columns: [Column(W.task[l]), Column(W.progress[l]), Column(W.gain[l], numeric: true), Column(W.heading[l])],
                rows: gains.map { m in
                    [.id(m.task.id), .text("\(m.oldProgress)% → \(m.task.progress)%"), .delta(Double(m.progressDelta)), .text(m.task.heading)]
                })))
        }
        return out
    }

    static func byOffice(_ d: ReportData, _ l: Language) -> [Block] {
        var out: [Block] = []
        for o in d.offices {
            out.append(.subheading(o.office))
            out.append(.paragraph(W.officeLine(tasks: o.tasks, done: o.done, behind: o.behind, notStarted: o.notStarted,
                                               average: ReportFormat.average(o.averageProgress))[l]))
            let ts = d.tasks.filter { $0.offices.contains(o.office) && ReportFormat.needsAttention($0) }
            if ts.isEmpty {
                out.append(.paragraph(W.noOfficeAttention[l]))
            } else {
                out += taskBlocks(ts, limit: ReportFormat.officeListLimit, l)
            }
        }
        return out
    }
}
