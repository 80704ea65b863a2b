/// The report on a screen: sections with Unicode bar charts, columns aligned by display width.
enum ReportText {
    static func render(_ d: ReportData, width: Int) -> String {
        let width = max(60, width)
        var out: [String] = []
        out.append(DisplayWidth.truncate(d.title, to: width))
        var line = ""
        for part in ReportLabels.subtitleParts(d) {
            let next = line.isEmpty ? part : line + " · " + part
            if DisplayWidth.of(next) > width && !line.isEmpty {
                out.append(line)
                line = part
            } else {
                line = next
            }
        }
        out.append(line)

        // Supervision first: the 通报, the lights, scores and changes (§9).
        if let sv = d.supervision { out += ReportSupervisionRender.text(sv) }

        // 1. Status.
        out.append("")
        out.append("■ 任务状态 Tasks by status")
        let barWidth = max(10, min(40, width - 30))
        let labelWidth = d.statusCounts.map { DisplayWidth.of($0.status.chineseLabel) }.max() ?? 6
        let countWidth = String(d.taskCount).count
        for s in d.statusCounts {
            out.append("  " + DisplayWidth.pad(s.status.chineseLabel, to: labelWidth) + "  "
                       + DisplayWidth.pad(String(s.count), to: countWidth, right: true) + "  "
                       + DisplayWidth.pad(ReportLabels.percent(s.percent), to: 6, right: true) + "  "
                       + ReportLabels.bar(s.percent / 100, width: barWidth))
        }
        var avg = "  平均进度 " + ReportLabels.percent(d.averageProgress)
        if let c = d.changes {
            avg += "（上期 \(ReportLabels.percent(c.previousAverage))，\(ReportLabels.delta(d.averageProgress - c.previousAverage))）"
        }
        out.append(avg)

        // Plans, when there are several.
        if d.planSummaries.count > 1 {
            out.append("")
            out.append("■ 计划 Plans")
            out += lines(ReportTables.plans(d, bars: true, code: false), width: width)
        }

        // 2. Offices.
        out.append("")
        out.append("■ 科室 Offices")
        if d.offices.isEmpty {
            out.append("  （任务没有责任科室）")
        } else {
            out += lines(ReportTables.offices(d, bars: true), width: width)
        }

        // 3. Behind and overdue.
        out.append("")
        out.append("■ 滞后和逾期任务 Behind and overdue (\(d.attention.count))")
        if d.attention.isEmpty { out.append("  没有滞后或逾期的任务。") }
        let attention = ReportLabels.capped(d.attention)
        for t in attention.shown { out += taskLines(t, width: width) }
        if attention.more > 0 { out.append("  " + ReportLabels.moreLine(attention.more)) }

        // 4. Targets.
        out.append("")
        out.append("■ 指标 Targets")
        let g = d.targets
        out.append("  有量化指标的任务 \(g.tasksWithTargets)/\(d.taskCount)，指标 \(g.targetCount) 个"
                   + (g.redacted > 0 ? "（其中 \(g.redacted) 个数值隐去）" : ""))
        if !g.byUnit.isEmpty {
            out.append("  按比较方式：" + ReportLabels.comparatorLine(g.comparatorTotals))
            out += lines(ReportTables.units(g), width: width)
        }
        if g.atRisk.isEmpty {
            out.append("  有指标的任务都没有滞后或逾期。")
        } else {
            out.append("  有指标但滞后或逾期的任务 \(g.atRisk.count) 项:")
            let atRisk = ReportLabels.capped(g.atRisk)
            if atRisk.more > 0 { out.append("    " + ReportLabels.moreLine(atRisk.more)) }
            for t in atRisk.shown {
                out.append(DisplayWidth.truncate("    \(t.id)  \(ReportLabels.standing(t))  \(ReportLabels.targets(t))", to: width))
            }
        }

        // 5. Changes.
        out.append("")
        if let c = d.changes {
            out += changeLines(c, d, width: width)
        } else {
            out.append("■ 变化 Changes")
            out.append("  没有更早的快照可对比（用 `save` 保存每月快照）。")
        }

        // 6. By office.
        if d.byOffice {
            out.append("")
            out.append("■ 各科室需关注的任务 By office")
            for o in d.offices {
                let ts = d.tasks.filter { $0.offices.contains(o.office) && needsAttention($0) }
                out.append("  \(o.office)：\(o.tasks) 项，已完成 \(o.done)，滞后 \(o.behind)，未启动 \(o.notStarted)，平均进度 \(ReportLabels.average(o.averageProgress))")
                if ts.isEmpty { out.append("    （没有滞后、逾期或未启动的任务）") }
                let capped = ReportLabels.capped(ts, ReportLabels.officeListLimit)
                if capped.more > 0 { out.append("    " + ReportLabels.moreLine(capped.more)) }
                for t in capped.shown {
                    out.append(DisplayWidth.truncate("    \(ReportLabels.standing(t))  \(t.id)  \(t.heading)", to: width))
                    if !t.note.isEmpty { out.append(DisplayWidth.truncate("      备注：\(t.note)", to: width)) }
                }
            }
        }
        return out.map { DisplayWidth.truncate($0, to: width) }.joined(separator: "\n") + "\n"
    }

    /// A table's lines on the screen, indented like the rest of its section.
    static func lines(_ table: ResultTable, width: Int, indent: String = "  ") -> [String] {
        table.render(.table, RenderContext(width: width - indent.count)).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map { indent + $0 }
    }

    static func needsAttention(_ t: ReportTask) -> Bool {
        t.status == .behind || t.status == .notStarted || t.overdue
    }

    static func taskLines(_ t: ReportTask, width: Int) -> [String] {
        var head = "  \(t.id)  \(ReportLabels.standing(t))"
        if let due = t.due { head += "  到期 \(due)" }
        if !t.offices.isEmpty { head += "  \(ReportLabels.offices(t.offices))" }
        var lines = [DisplayWidth.truncate(head, to: width)]
        lines.append(DisplayWidth.truncate("    \(t.heading)", to: width))
        if !t.note.isEmpty {
            for (i, l) in DisplayWidth.wrap(t.note, to: max(20, width - 10)).enumerated() {
                lines.append((i == 0 ? "    备注：" : "          ") + l)
            }
        }
        return lines
    }

    static func changeLines(_ c: ReportChanges, _ d: ReportData, width: Int) -> [String] {
        var out = ["■ 与快照 \(c.snapshot) 相比 Since snapshot \(c.snapshot)"]
        out.append("  平均进度 \(ReportLabels.percent(c.previousAverage)) → \(ReportLabels.percent(d.averageProgress))"
                   + "（\(ReportLabels.delta(d.averageProgress - c.previousAverage))）"
                   + " · 进度提高 \(c.progressUp) 项" + (c.progressDown > 0 ? " · 下降 \(c.progressDown) 项" : ""))
        out.append("  新完成 \(c.newlyDone.count) · 新滞后 \(c.newlyBehind.count) · 摆脱滞后 \(c.recovered.count)")
        if !c.added.isEmpty { out.append("  新增任务 \(c.added.count) 项：" + c.added.map(\.id).joined(separator: "、")) }
        if !c.removed.isEmpty { out.append("  已不在计划中的任务 \(c.removed.count) 项：" + c.removed.joined(separator: "、")) }
        if c.statusMoves.isEmpty {
            out.append("  没有任务改变状态。")
        } else {
            out.append("  状态变化 \(c.statusMoves.count) 项:")
            out += lines(ReportTables.statusMoves(c, code: false), width: width, indent: "    ")
            let more = c.statusMoves.count - ReportLabels.listLimit
            if more > 0 { out.append("    " + ReportLabels.moreLine(more)) }
        }
        if c.progressUp > 0 {
            out.append("  进度提高最多:")
            out += lines(ReportTables.gains(c, code: false), width: width, indent: "    ")
        }
        return out
    }
}
