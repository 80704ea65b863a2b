/// Every sentence, heading and table of the report, written once from the report data.
extension ReportDocument {
    public init(_ d: ReportData) {
        title = d.title
        subtitle = ReportLabels.subtitleParts(d)
        figures = ReportDocument.figures(d)
        footer = "plansh 生成 · 进度截至 \(d.month) · 逾期按 \(d.asOf) 计"
        // Supervision (§9) opens the report: the 通报, the red, yellow and due-soon lists, scores,
        // light changes; then the status of §6.
        var s: [(String, String, [Block])] = d.supervision.map(ReportSupervisionRender.sections) ?? []
        s.append(("任务状态", "Tasks by status", ReportDocument.status(d)))
        if d.planSummaries.count > 1 { s.append(("计划", "Plans", [.table(ReportDocument.plans(d))])) }
        s.append(("科室", "Offices", d.offices.isEmpty
                    ? [.paragraph("任务没有责任科室。")]
                    : [.officeChart(d.offices, compared: d.changes != nil), .table(ReportDocument.offices(d))]))
        s.append(("滞后和逾期任务（\(d.attention.count)）", "Behind and overdue", ReportDocument.attention(d)))
        s.append(("量化指标", "Targets", ReportDocument.targets(d)))
        if let c = d.changes {
            s.append(("与快照 \(c.snapshot) 相比", "Since snapshot \(c.snapshot)", ReportDocument.changes(c, d)))
        } else {
            s.append(("变化", "Changes", [.paragraph("没有更早的快照可对比（每月用 `save` 保存快照）。")]))
        }
        if d.byOffice { s.append(("各科室需关注的任务", "By office", ReportDocument.byOffice(d))) }
        sections = s.enumerated().map { i, x in Section(number: ReportLabels.sectionNumber(i + 1), title: x.0, english: x.1, blocks: x.2) }
    }

    static func figures(_ d: ReportData) -> [Figure] {
        func share(_ s: TaskStatus) -> String {
            ReportLabels.percent(d.taskCount == 0 ? 0 : Double(d.count(s)) * 100 / Double(d.taskCount))
        }
        let extraOverdue = d.attention.count - d.count(.behind)
        var average = "平均进度"
        if let c = d.changes { average += "（比上期 \(ReportLabels.delta(d.averageProgress - c.previousAverage))）" }
        return [
            Figure(value: String(d.taskCount), label: "任务总数", tone: ""),
            Figure(value: String(d.count(.done)), label: "已完成 " + share(.done), tone: "done"),
            Figure(value: String(d.count(.onTrack)), label: "推进中 " + share(.onTrack), tone: "on"),
            Figure(value: String(d.count(.behind)), label: "滞后 " + share(.behind) + (extraOverdue > 0 ? "，另逾期 \(extraOverdue)" : ""),
                   tone: "behind"),
            Figure(value: ReportLabels.percent(d.averageProgress), label: average, tone: ""),
        ]
    }

    static func status(_ d: ReportData) -> [Block] {
        var avg = "平均进度 **\(ReportLabels.percent(d.averageProgress))**"
        if let c = d.changes {
            avg += "（上期 \(ReportLabels.percent(c.previousAverage))，\(ReportLabels.delta(d.averageProgress - c.previousAverage))）"
        }
        return [.statusChart(d.statusCounts, total: d.taskCount, average: d.averageProgress), .paragraph(avg)]
    }

    /// Counts per status of a group (a plan or an office), its mean and change, and a bar of the mean.
    static func groupTable(_ first: String, titles: Bool, compared: Bool,
                           _ rows: [(name: Cell, title: String, counts: [Int], average: Double, previous: Double?)]) -> Table {
        var columns = [Column(first, isName: true)]
        if titles { columns.append(Column("标题")) }
        columns += ["任务", "已完成", "推进中", "滞后", "未启动", "逾期", "平均进度"].map { Column($0, numeric: true) }
        if compared { columns.append(Column("比上期", numeric: true)) }
        columns.append(Column("", isBar: true))
        return Table(columns: columns, rows: rows.map { r in
            var c: [Cell] = [r.name]
            if titles { c.append(.text(r.title)) }
            c += r.counts.map(Cell.number) + [.figure(ReportLabels.average(r.average))]
            if compared { c.append(.delta(r.previous.map { r.average - $0 })) }
            return c + [.bar(r.average / 100)]
        })
    }

    static func plans(_ d: ReportData) -> Table {
        groupTable("计划", titles: true, compared: d.changes != nil, d.planSummaries.map {
            (.id($0.plan), $0.title, [$0.tasks, $0.done, $0.onTrack, $0.behind, $0.notStarted, $0.overdue],
             $0.averageProgress, $0.previousAverage)
        })
    }

    static func offices(_ d: ReportData) -> Table {
        groupTable("科室", titles: false, compared: d.changes != nil, d.offices.map {
            (.text($0.office), "", [$0.tasks, $0.done, $0.onTrack, $0.behind, $0.notStarted, $0.overdue],
             $0.averageProgress, $0.previousAverage)
        })
    }

    /// Tasks needing attention: id, standing, offices, heading, note.
    static func taskTable(_ tasks: [ReportTask]) -> Table {
        Table(columns: [Column("任务"), Column("状态"), Column("进度", numeric: true), Column("责任科室"), Column("标题"), Column("备注")],
              rows: tasks.map { t in
                  [.id(t.id), .status(t.status, overdue: t.overdue, due: t.due), .figure("\(t.progress)%"),
                   .text(ReportLabels.offices(t.offices)), .text(t.heading), .note(t.note)]
              })
    }

    static func taskBlocks(_ all: [ReportTask], limit: Int) -> [Block] {
        let (shown, more) = ReportLabels.capped(all, limit)
        return [.tasks(shown, table: taskTable(shown))] + (more > 0 ? [.more(more)] : [])
    }

    static func attention(_ d: ReportData) -> [Block] {
        d.attention.isEmpty ? [.paragraph("没有滞后或逾期的任务。")] : taskBlocks(d.attention, limit: ReportLabels.listLimit)
    }

    static func targets(_ d: ReportData) -> [Block] {
        let g = d.targets
        var out: [Block] = [.paragraph("有量化指标的任务 **\(g.tasksWithTargets)**/\(d.taskCount) 项，共 **\(g.targetCount)** 个指标"
                                       + (g.redacted > 0 ? "（其中 \(g.redacted) 个数值隐去）" : "") + "。")]
        if !g.byUnit.isEmpty {
            out.append(.paragraph("按比较方式：" + ReportLabels.comparatorLine(g.comparatorTotals) + "。"))
            out.append(.table(Table(
                columns: [Column("单位"), Column("指标", numeric: true), Column("不低于 ≥", numeric: true),
                          Column("不超过 ≤", numeric: true), Column("等于 =", numeric: true), Column("范围", numeric: true)],
                rows: ReportLabels.unitRows(g).map { u in
                    [.text(u.unit), .number(u.count.total), .number(u.count.atLeast), .number(u.count.atMost),
                     .number(u.count.equal), .number(u.count.range)]
                })))
        }
        if g.atRisk.isEmpty {
            out.append(.paragraph("有指标的任务都没有滞后或逾期。"))
        } else {
            out.append(.subheading("有指标但滞后或逾期的任务（\(g.atRisk.count)）"))
            let (shown, more) = ReportLabels.capped(g.atRisk)
            out.append(.table(Table(
                columns: [Column("任务"), Column("状态"), Column("进度", numeric: true), Column("指标"), Column("备注")],
                rows: shown.map { t in
                    [.id(t.id), .status(t.status, overdue: t.overdue, due: t.due), .figure("\(t.progress)%"),
                     .text(ReportLabels.targets(t)), .note(t.note)]
                })))
            if more > 0 { out.append(.more(more)) }
        }
        return out + trackedTargets(g)
    }

    static func changes(_ c: ReportChanges, _ d: ReportData) -> [Block] {
        var items = ["平均进度 \(ReportLabels.percent(c.previousAverage)) → **\(ReportLabels.percent(d.averageProgress))**"
                     + "（\(ReportLabels.delta(d.averageProgress - c.previousAverage))）",
                     "进度提高 \(c.progressUp) 项" + (c.progressDown > 0 ? "，下降 \(c.progressDown) 项" : ""),
                     "新完成 \(c.newlyDone.count) 项，新滞后 \(c.newlyBehind.count) 项，摆脱滞后 \(c.recovered.count) 项"]
        if !c.added.isEmpty { items.append("新增任务 \(c.added.count) 项：" + c.added.map { "`\($0.id)`" }.joined(separator: "、")) }
        if !c.removed.isEmpty { items.append("已不在计划中的任务 \(c.removed.count) 项：" + c.removed.map { "`\($0)`" }.joined(separator: "、")) }
        var out: [Block] = [.list(items)]
        if c.statusMoves.isEmpty {
            out.append(.paragraph("没有任务改变状态。"))
        } else {
            let (moves, more) = ReportLabels.capped(c.statusMoves)
            out.append(.subheading("状态变化（\(c.statusMoves.count)）"))
            out.append(.table(Table(
                columns: [Column("任务"), Column("状态"), Column("进度"), Column("标题"), Column("备注")],
                rows: moves.map { m in
                    [.id(m.task.id), .move(from: m.oldStatus, to: m.task.status), .text("\(m.oldProgress)% → \(m.task.progress)%"),
                     .text(m.task.heading), .note(m.task.note)]
                })))
            if more > 0 { out.append(.more(more)) }
        }
        let gains = c.biggestGains(5)
        if !gains.isEmpty {
            out.append(.subheading("进度提高最多"))
            out.append(.table(Table(
                columns: [Column("任务"), Column("进度"), Column("提高", numeric: true), Column("标题")],
                rows: gains.map { m in
                    [.id(m.task.id), .text("\(m.oldProgress)% → \(m.task.progress)%"), .delta(Double(m.progressDelta)), .text(m.task.heading)]
                })))
        }
        return out
    }

    static func byOffice(_ d: ReportData) -> [Block] {
        var out: [Block] = []
        for o in d.offices {
            out.append(.subheading(o.office))
            out.append(.paragraph("\(o.tasks) 项，已完成 \(o.done)，滞后 \(o.behind)，未启动 \(o.notStarted)，"
                                  + "平均进度 \(ReportLabels.average(o.averageProgress))。"))
            let ts = d.tasks.filter { $0.offices.contains(o.office) && ReportLabels.needsAttention($0) }
            if ts.isEmpty {
                out.append(.paragraph("没有滞后、逾期或未启动的任务。"))
            } else {
                out += taskBlocks(ts, limit: ReportLabels.officeListLimit)
            }
        }
        return out
    }
}
