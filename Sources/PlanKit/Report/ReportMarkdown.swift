/// The report as Markdown: headings, pipe tables, and Unicode bars inside the tables.
enum ReportMarkdown {
    static func render(_ d: ReportData) -> String {
        var out: [String] = []
        out.append("# \(d.title)")
        out.append("")
        out.append(ReportLabels.subtitle(d))
        if let sv = d.supervision { out += ReportSupervisionRender.markdown(sv) }

        out.append("")
        out.append("## 任务状态")
        out.append("")
        out += md(ReportTables.table([ResultTable.Column("状态"), ReportTables.right("任务"), ReportTables.right("占比"),
                                      ResultTable.Column("")],
                                     d.statusCounts.map { s in
                                         [.text(s.status.chineseLabel), .integer(s.count), .text(ReportLabels.percent(s.percent)),
                                          .text(ReportLabels.bar(s.percent / 100, width: 20))]
                                     }))
        out.append("")
        var avg = "平均进度 **\(ReportLabels.percent(d.averageProgress))**"
        if let c = d.changes {
            avg += "（上期 \(ReportLabels.percent(c.previousAverage))，\(ReportLabels.delta(d.averageProgress - c.previousAverage))）"
        }
        out.append(avg)

        if d.planSummaries.count > 1 {
            out.append("")
            out.append("## 计划")
            out.append("")
            out += md(ReportTables.plans(d, bars: false, code: true))
        }

        out.append("")
        out.append("## 科室")
        out.append("")
        if d.offices.isEmpty {
            out.append("任务没有责任科室。")
        } else {
            out += md(ReportTables.offices(d, bars: false))
        }

        out.append("")
        out.append("## 滞后和逾期任务（\(d.attention.count)）")
        out.append("")
        if d.attention.isEmpty {
            out.append("没有滞后或逾期的任务。")
        } else {
            let attention = ReportLabels.capped(d.attention)
            out += md(ReportTables.tasks(attention.shown, code: true))
            if attention.more > 0 { out += ["", ReportLabels.moreLine(attention.more)] }
        }

        out.append("")
        out.append("## 指标")
        out.append("")
        let g = d.targets
        out.append("有量化指标的任务 \(g.tasksWithTargets)/\(d.taskCount)，指标 \(g.targetCount) 个"
                   + (g.redacted > 0 ? "（其中 \(g.redacted) 个数值隐去）" : "") + "。")
        if !g.byUnit.isEmpty {
            out.append("")
            out.append("按比较方式：" + ReportLabels.comparatorLine(g.comparatorTotals) + "。")
            out.append("")
            out += md(ReportTables.units(g))
        }
        out.append("")
        if g.atRisk.isEmpty {
            out.append("有指标的任务都没有滞后或逾期。")
        } else {
            out.append("有指标但滞后或逾期的任务：")
            out.append("")
            let atRisk = ReportLabels.capped(g.atRisk)
            for t in atRisk.shown {
                out.append("- `\(t.id)` \(ReportLabels.standing(t))：\(cell(ReportLabels.targets(t)))")
            }
            if atRisk.more > 0 { out += ["", ReportLabels.moreLine(atRisk.more)] }
        }

        out.append("")
        if let c = d.changes {
            out.append("## 与快照 \(c.snapshot) 相比")
            out.append("")
            out.append("- 平均进度 \(ReportLabels.percent(c.previousAverage)) → \(ReportLabels.percent(d.averageProgress))（\(ReportLabels.delta(d.averageProgress - c.previousAverage))）")
            out.append("- 进度提高 \(c.progressUp) 项" + (c.progressDown > 0 ? "，下降 \(c.progressDown) 项" : ""))
            out.append("- 新完成 \(c.newlyDone.count) 项，新滞后 \(c.newlyBehind.count) 项，摆脱滞后 \(c.recovered.count) 项")
            if !c.added.isEmpty { out.append("- 新增任务：" + c.added.map { "`\($0.id)`" }.joined(separator: "、")) }
            if !c.removed.isEmpty { out.append("- 已不在计划中的任务：" + c.removed.map { "`\($0)`" }.joined(separator: "、")) }
            if !c.statusMoves.isEmpty {
                out.append("")
                out += md(ReportTables.statusMoves(c, code: true))
                let more = c.statusMoves.count - ReportLabels.listLimit
                if more > 0 { out += ["", ReportLabels.moreLine(more)] }
            }
            let gains = c.biggestGains(5)
            if !gains.isEmpty {
                out.append("")
                out.append("进度提高最多：")
                out.append("")
                for m in gains {
                    out.append("- `\(m.task.id)` \(m.oldProgress)% → \(m.task.progress)%（+\(m.progressDelta)）\(cell(m.task.heading))")
                }
            }
        } else {
            out.append("## 变化")
            out.append("")
            out.append("没有更早的快照可对比。")
        }

        if d.byOffice {
            out.append("")
            out.append("## 各科室需关注的任务")
            for o in d.offices {
                out.append("")
                out.append("### \(o.office)")
                out.append("")
                out.append("\(o.tasks) 项，已完成 \(o.done)，滞后 \(o.behind)，未启动 \(o.notStarted)，平均进度 \(ReportLabels.average(o.averageProgress))。")
                let ts = d.tasks.filter { $0.offices.contains(o.office) && ReportText.needsAttention($0) }
                if !ts.isEmpty {
                    out.append("")
                    let capped = ReportLabels.capped(ts, ReportLabels.officeListLimit)
                    out += md(ReportTables.tasks(capped.shown, code: true))
                    if capped.more > 0 { out += ["", ReportLabels.moreLine(capped.more)] }
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A table's Markdown lines.
    static func md(_ table: ResultTable) -> [String] {
        table.render(.markdown, RenderContext()).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }

    /// Text made safe inside a pipe-table cell.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
