/// The report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no network.
enum ReportHTML {
    static let colors: [TaskStatus: String] = [
        .done: "#2e7d32", .onTrack: "#1f6fb2", .behind: "#c62828", .notStarted: "#a3a9b0",
    ]

    static func render(_ d: ReportData) -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(d.title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>
        <header>
        <h1>\(esc(d.title))</h1>
        <p class="sub">\(esc(ReportLabels.subtitle(d)))</p>
        </header>

        """
        h += kpis(d)
        if let sv = d.supervision { h += ReportSupervisionRender.html(sv, esc: esc) }
        h += section("一、任务状态", statusChart(d) + legend())
        h += section("二、科室进展", officeChart(d) + officeTable(d) + planTable(d))
        h += section("三、滞后和逾期任务（\(d.attention.count)）",
                     d.attention.isEmpty ? "<p>没有滞后或逾期的任务。</p>\n" : taskTable(d.attention, limit: ReportLabels.listLimit))
        h += section("四、量化指标", targets(d))
        h += section(d.changes.map { "五、与快照 \($0.snapshot) 相比" } ?? "五、变化", changes(d))
        if d.byOffice { h += section("六、各科室需关注的任务", byOffice(d)) }
        h += """
        <footer>plansh 生成 · 进度截至 \(d.month) · 逾期按 \(d.asOf) 计</footer>
        </main>
        </body>
        </html>

        """
        return h
    }

    static let css = """
    :root { --done: #2e7d32; --on: #1f6fb2; --behind: #c62828; --idle: #a3a9b0; --ink: #1d2327; --muted: #5f6b75; --line: #d9dee3; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #f4f6f8; color: var(--ink);
      font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
    main { max-width: 1040px; margin: 0 auto; padding: 28px 32px 40px; background: #fff; }
    header { border-bottom: 3px solid #8b1d1d; margin-bottom: 18px; }
    h1 { font-size: 24px; margin: 0 0 4px; color: #8b1d1d; }
    .sub { margin: 0 0 10px; color: var(--muted); font-size: 13px; }
    h2 { font-size: 18px; margin: 26px 0 10px; padding-left: 10px; border-left: 4px solid #8b1d1d; }
    h3 { font-size: 15px; margin: 16px 0 6px; }
    .kpis { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; }
    .kpi { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
    .kpi b { display: block; font-size: 26px; line-height: 1.2; }
    .kpi span { color: var(--muted); font-size: 13px; }
    .kpi.done b { color: var(--done); } .kpi.behind b { color: var(--behind); } .kpi.on b { color: var(--on); }
    svg { display: block; width: 100%; height: auto; margin: 6px 0 10px; }
    svg text { font-family: inherit; font-size: 13px; fill: var(--ink); }
    svg .muted { fill: var(--muted); font-size: 12px; }
    .legend { display: flex; gap: 18px; font-size: 13px; color: var(--muted); margin: 0 0 8px; }
    .legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
    table { width: 100%; border-collapse: collapse; font-size: 13.5px; margin: 6px 0 12px; }
    th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
    th { background: #f0f2f4; font-weight: 600; white-space: nowrap; }
    td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    td.id { white-space: nowrap; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
    .st { white-space: nowrap; font-weight: 600; }
    .st.behind { color: var(--behind); } .st.done { color: var(--done); } .st.on_track { color: var(--on); } .st.not_started { color: var(--muted); }
    .note { color: #4a3b00; background: #fff8e1; }
    table.narrow { width: auto; min-width: 50%; }
    td.move { white-space: nowrap; }
    .up { color: var(--done); } .down { color: var(--behind); }
    ul { margin: 4px 0 10px; padding-left: 22px; }
    footer { margin-top: 30px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
    @media (max-width: 720px) {
      main { padding: 16px; }
      .kpis { grid-template-columns: repeat(2, 1fr); }
      td.id { white-space: normal; word-break: break-all; }
    }
    @media print {
      body { background: #fff; font-size: 11pt; }
      main { max-width: none; padding: 0; }
      section, tr, .kpis { break-inside: avoid; }
      h2 { break-after: avoid; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    @page { size: A4; margin: 16mm 14mm; }
    """

    // MARK: Sections

    static func section(_ title: String, _ body: String) -> String {
        "<section>\n<h2>\(esc(title))</h2>\n\(body)</section>\n"
    }

    static func kpis(_ d: ReportData) -> String {
        var avgNote = "平均进度"
        if let c = d.changes { avgNote += "（比上期 \(ReportLabels.delta(d.averageProgress - c.previousAverage))）" }
        let tiles: [(String, String, String)] = [
            ("", String(d.taskCount), "任务总数"),
            ("done", String(d.count(.done)), "已完成 " + ReportLabels.percent(pct(d.count(.done), d.taskCount))),
            ("on", String(d.count(.onTrack)), "推进中 " + ReportLabels.percent(pct(d.count(.onTrack), d.taskCount))),
            ("behind", String(d.count(.behind)), "滞后 " + ReportLabels.percent(pct(d.count(.behind), d.taskCount))
                + (d.attention.count > d.count(.behind) ? "，另逾期 \(d.attention.count - d.count(.behind))" : "")),
            ("", ReportLabels.percent(d.averageProgress), avgNote),
        ]
        var s = "<div class=\"kpis\">\n"
        for (cls, n, label) in tiles {
            s += "<div class=\"kpi \(cls)\"><b>\(esc(n))</b><span>\(esc(label))</span></div>\n"
        }
        return s + "</div>\n"
    }

    static func pct(_ n: Int, _ total: Int) -> Double { total == 0 ? 0 : Double(n) * 100 / Double(total) }

    static func legend() -> String {
        "<p class=\"legend\">" + ReportData.statusOrder.map {
            "<span><i style=\"background:\(colors[$0] ?? "#999")\"></i>\($0.chineseLabel)</span>"
        }.joined() + "</p>\n"
    }

    /// One stacked bar of all tasks by status, each segment labelled with its count and share.
    static func statusChart(_ d: ReportData) -> String {
        let w = 960.0, barH = 34.0
        var s = "<svg viewBox=\"0 0 \(Int(w)) 64\" role=\"img\" aria-label=\"任务状态\">\n"
        var x = 0.0
        for c in d.statusCounts where c.count > 0 {
            let sw = w * c.percent / 100
            s += "<rect x=\"\(f(x))\" y=\"4\" width=\"\(f(sw))\" height=\"\(f(barH))\" fill=\"\(colors[c.status] ?? "#999")\"><title>\(c.status.chineseLabel) \(c.count)</title></rect>\n"
            let label = "\(c.status.chineseLabel) \(c.count)（\(ReportLabels.percent(c.percent))）"
            if textWidth(label) + 10 < sw {
                s += "<text x=\"\(f(x + 6))\" y=\"\(f(4 + barH / 2 + 5))\" style=\"fill:#fff;font-weight:600\">\(esc(label))</text>\n"
            } else if textWidth(String(c.count)) + 6 < sw {
                s += "<text x=\"\(f(x + 3))\" y=\"\(f(4 + barH / 2 + 5))\" style=\"fill:#fff\">\(c.count)</text>\n"
            }
            x += sw
        }
        if d.taskCount == 0 {
            s += "<rect x=\"0\" y=\"4\" width=\"\(f(w))\" height=\"\(f(barH))\" fill=\"#eee\"/>\n"
        }
        s += "<text class=\"muted\" x=\"0\" y=\"58\">共 \(d.taskCount) 项任务，平均进度 \(ReportLabels.percent(d.averageProgress))</text>\n"
        return s + "</svg>\n"
    }

    /// One row per office: its tasks as status segments (scaled to the busiest office) and its average progress.
    static func officeChart(_ d: ReportData) -> String {
        guard !d.offices.isEmpty else { return "<p>任务没有责任科室。</p>\n" }
        let rowH = 26.0, top = 8.0
        let labelW = (d.offices.map { textWidth($0.office) }.max() ?? 60) + 14
        let progressW = 280.0
        let w = 960.0
        let barW = w - labelW - progressW - 60
        let maxTasks = Double(d.offices.map(\.tasks).max() ?? 1)
        let height = top + Double(d.offices.count) * rowH + 22
        var s = "<svg viewBox=\"0 0 \(Int(w)) \(Int(height))\" role=\"img\" aria-label=\"科室任务与平均进度\">\n"
        let px = labelW + barW + 60
        s += "<text class=\"muted\" x=\"\(f(labelW))\" y=\"\(f(height - 4))\">任务数（按状态）</text>\n"
        s += "<text class=\"muted\" x=\"\(f(px))\" y=\"\(f(height - 4))\">平均进度</text>\n"
        for (i, o) in d.offices.enumerated() {
            let y = top + Double(i) * rowH
            s += "<text x=\"\(f(labelW - 8))\" y=\"\(f(y + 15))\" text-anchor=\"end\">\(esc(o.office))</text>\n"
            var x = labelW
            for (status, n) in [(TaskStatus.done, o.done), (.onTrack, o.onTrack), (.behind, o.behind), (.notStarted, o.notStarted)] where n > 0 {
                let sw = barW * Double(n) / maxTasks
                s += "<rect x=\"\(f(x))\" y=\"\(f(y + 3))\" width=\"\(f(sw))\" height=\"16\" fill=\"\(colors[status] ?? "#999")\"><title>\(esc(o.office)) \(status.chineseLabel) \(n)</title></rect>\n"
                x += sw
            }
            s += "<text x=\"\(f(x + 6))\" y=\"\(f(y + 15))\">\(o.tasks)</text>\n"
            // Average progress: a thin track with the filled part.
            s += "<rect x=\"\(f(px))\" y=\"\(f(y + 7))\" width=\"\(f(progressW - 50))\" height=\"8\" rx=\"4\" fill=\"#e6e9ec\"/>\n"
            s += "<rect x=\"\(f(px))\" y=\"\(f(y + 7))\" width=\"\(f((progressW - 50) * o.averageProgress / 100))\" height=\"8\" rx=\"4\" fill=\"#455a64\"/>\n"
            if let p = o.previousAverage {
                let mx = px + (progressW - 50) * p / 100
                s += "<line x1=\"\(f(mx))\" x2=\"\(f(mx))\" y1=\"\(f(y + 3))\" y2=\"\(f(y + 19))\" stroke=\"#e08a00\" stroke-width=\"2\"><title>上期 \(ReportLabels.average(p))</title></line>\n"
            }
            s += "<text x=\"\(f(px + progressW - 44))\" y=\"\(f(y + 15))\">\(ReportLabels.average(o.averageProgress))</text>\n"
        }
        s += "</svg>\n"
        if d.changes != nil {
            s += "<p class=\"legend\"><span><i style=\"background:#455a64\"></i>本期平均进度</span><span><i style=\"background:#e08a00\"></i>上期平均进度</span></p>\n"
        }
        return s
    }

    static func officeTable(_ d: ReportData) -> String {
        guard !d.offices.isEmpty else { return "" }
        let withDelta = d.changes != nil
        var s = "<table>\n<thead><tr><th>科室</th><th class=\"n\">任务</th><th class=\"n\">已完成</th><th class=\"n\">推进中</th><th class=\"n\">滞后</th><th class=\"n\">未启动</th><th class=\"n\">逾期</th><th class=\"n\">平均进度</th>"
        if withDelta { s += "<th class=\"n\">比上期</th>" }
        s += "</tr></thead>\n<tbody>\n"
        for o in d.offices {
            s += "<tr><td>\(esc(o.office))</td><td class=\"n\">\(o.tasks)</td><td class=\"n\">\(o.done)</td><td class=\"n\">\(o.onTrack)</td>"
            s += "<td class=\"n\">\(o.behind > 0 ? "<b class=\"down\">\(o.behind)</b>" : "0")</td><td class=\"n\">\(o.notStarted)</td><td class=\"n\">\(o.overdue)</td>"
            s += "<td class=\"n\">\(ReportLabels.average(o.averageProgress))</td>"
            if withDelta {
                if let p = o.previousAverage {
                    let delta = o.averageProgress - p
                    s += "<td class=\"n \(delta > 0 ? "up" : delta < 0 ? "down" : "")\">\(ReportLabels.delta(delta))</td>"
                } else {
                    s += "<td class=\"n\">—</td>"
                }
            }
            s += "</tr>\n"
        }
        return s + "</tbody>\n</table>\n"
    }

    static func planTable(_ d: ReportData) -> String {
        guard d.planSummaries.count > 1 else { return "" }
        let withDelta = d.changes != nil
        var s = "<h3>各计划</h3>\n<table>\n<thead><tr><th>计划</th><th>标题</th><th class=\"n\">任务</th><th class=\"n\">已完成</th><th class=\"n\">推进中</th><th class=\"n\">滞后</th><th class=\"n\">未启动</th><th class=\"n\">平均进度</th>"
        if withDelta { s += "<th class=\"n\">比上期</th>" }
        s += "</tr></thead>\n<tbody>\n"
        for p in d.planSummaries {
            s += "<tr><td class=\"id\">\(esc(p.plan))</td><td>\(esc(p.title))</td><td class=\"n\">\(p.tasks)</td><td class=\"n\">\(p.done)</td><td class=\"n\">\(p.onTrack)</td>"
            s += "<td class=\"n\">\(p.behind > 0 ? "<b class=\"down\">\(p.behind)</b>" : "0")</td><td class=\"n\">\(p.notStarted)</td><td class=\"n\">\(ReportLabels.average(p.averageProgress))</td>"
            if withDelta {
                s += "<td class=\"n\">\(p.previousAverage.map { ReportLabels.delta(p.averageProgress - $0) } ?? "—")</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody>\n</table>\n"
    }

    static func statusCell(_ t: ReportTask) -> String {
        var s = "<span class=\"st \(t.status.keyword)\">\(t.status.chineseLabel)</span>"
        if t.overdue { s += " <span class=\"st behind\">逾期</span>" + (t.due.map { "<br><small>\($0)</small>" } ?? "") }
        return s
    }

    static func taskTable(_ all: [ReportTask], limit: Int) -> String {
        let (tasks, more) = ReportLabels.capped(all, limit)
        var s = "<table>\n<thead><tr><th>任务</th><th>状态</th><th class=\"n\">进度</th><th>责任科室</th><th>任务内容</th><th>备注</th></tr></thead>\n<tbody>\n"
        for t in tasks {
            s += "<tr><td class=\"id\">\(esc(t.id))</td><td>\(statusCell(t))</td><td class=\"n\">\(t.progress)%</td>"
            s += "<td>\(esc(ReportLabels.offices(t.offices)))</td><td>\(esc(t.heading))</td>"
            s += "<td\(t.note.isEmpty ? "" : " class=\"note\"")>\(esc(t.note))</td></tr>\n"
        }
        return s + "</tbody>\n</table>\n" + moreLine(more)
    }

    static func moreLine(_ n: Int) -> String {
        n > 0 ? "<p class=\"sub\">\(esc(ReportLabels.moreLine(n)))</p>\n" : ""
    }

    static func targets(_ d: ReportData) -> String {
        let g = d.targets
        var s = "<p>有量化指标的任务 <b>\(g.tasksWithTargets)</b>/\(d.taskCount) 项，共 <b>\(g.targetCount)</b> 个指标"
            + (g.redacted > 0 ? "（其中 \(g.redacted) 个数值隐去）" : "") + "。</p>\n"
        if !g.byUnit.isEmpty {
            s += "<p>按比较方式：\(esc(ReportLabels.comparatorLine(g.comparatorTotals)))。</p>\n"
            s += "<table class=\"narrow\">\n<thead><tr><th>单位</th><th class=\"n\">指标</th><th class=\"n\">不低于 ≥</th><th class=\"n\">不超过 ≤</th><th class=\"n\">等于 =</th><th class=\"n\">范围</th></tr></thead>\n<tbody>\n"
            for (unit, u) in ReportLabels.unitRows(g) {
                s += "<tr><td>\(esc(unit))</td><td class=\"n\">\(u.total)</td><td class=\"n\">\(u.atLeast)</td><td class=\"n\">\(u.atMost)</td><td class=\"n\">\(u.equal)</td><td class=\"n\">\(u.range)</td></tr>\n"
            }
            s += "</tbody>\n</table>\n"
        }
        if g.atRisk.isEmpty {
            s += "<p>有指标的任务都没有滞后或逾期。</p>\n"
        } else {
            s += "<h3>有指标但滞后或逾期的任务（\(g.atRisk.count)）</h3>\n<table>\n<thead><tr><th>任务</th><th>状态</th><th class=\"n\">进度</th><th>指标</th><th>备注</th></tr></thead>\n<tbody>\n"
            let atRisk = ReportLabels.capped(g.atRisk)
            for t in atRisk.shown {
                s += "<tr><td class=\"id\">\(esc(t.id))</td><td>\(statusCell(t))</td><td class=\"n\">\(t.progress)%</td><td>\(esc(ReportLabels.targets(t)))</td><td\(t.note.isEmpty ? "" : " class=\"note\"")>\(esc(t.note))</td></tr>\n"
            }
            s += "</tbody>\n</table>\n" + moreLine(atRisk.more)
        }
        return s
    }

    static func changes(_ d: ReportData) -> String {
        guard let c = d.changes else { return "<p>没有更早的快照可对比（每月用 <code>save</code> 保存快照）。</p>\n" }
        let delta = d.averageProgress - c.previousAverage
        var s = "<ul>\n"
        s += "<li>平均进度 \(ReportLabels.percent(c.previousAverage)) → <b>\(ReportLabels.percent(d.averageProgress))</b>（<span class=\"\(delta >= 0 ? "up" : "down")\">\(ReportLabels.delta(delta))</span>）</li>\n"
        s += "<li>进度提高 \(c.progressUp) 项" + (c.progressDown > 0 ? "，下降 \(c.progressDown) 项" : "") + "</li>\n"
        s += "<li>新完成 <b class=\"up\">\(c.newlyDone.count)</b> 项，新滞后 <b class=\"down\">\(c.newlyBehind.count)</b> 项，摆脱滞后 \(c.recovered.count) 项</li>\n"
        if !c.added.isEmpty { s += "<li>新增任务：\(esc(c.added.map(\.id).joined(separator: "、")))</li>\n" }
        if !c.removed.isEmpty { s += "<li>已不在计划中的任务：\(esc(c.removed.joined(separator: "、")))</li>\n" }
        s += "</ul>\n"
        let (moves, movesMore) = ReportLabels.capped(c.statusMoves)
        if !moves.isEmpty {
            s += "<h3>状态变化（\(c.statusMoves.count)）</h3>\n<table>\n<thead><tr><th>任务</th><th>状态</th><th class=\"n\">进度</th><th>任务内容</th><th>备注</th></tr></thead>\n<tbody>\n"
            for m in moves {
                s += "<tr><td class=\"id\">\(esc(m.task.id))</td><td class=\"move\"><span class=\"st \(m.oldStatus.keyword)\">\(m.oldStatus.chineseLabel)</span> → <span class=\"st \(m.task.status.keyword)\">\(m.task.status.chineseLabel)</span></td>"
                s += "<td class=\"n\">\(m.oldProgress)% → \(m.task.progress)%</td><td>\(esc(m.task.heading))</td><td\(m.task.note.isEmpty ? "" : " class=\"note\"")>\(esc(m.task.note))</td></tr>\n"
            }
            s += "</tbody>\n</table>\n" + moreLine(movesMore)
        }
        let gains = c.biggestGains(5)
        if !gains.isEmpty {
            s += "<h3>进度提高最多</h3>\n<table>\n<thead><tr><th>任务</th><th class=\"n\">进度</th><th class=\"n\">提高</th><th>任务内容</th></tr></thead>\n<tbody>\n"
            for m in gains {
                s += "<tr><td class=\"id\">\(esc(m.task.id))</td><td class=\"n\">\(m.oldProgress)% → \(m.task.progress)%</td><td class=\"n up\">+\(m.progressDelta)</td><td>\(esc(m.task.heading))</td></tr>\n"
            }
            s += "</tbody>\n</table>\n"
        }
        return s
    }

    static func byOffice(_ d: ReportData) -> String {
        var s = ""
        for o in d.offices {
            s += "<h3>\(esc(o.office))</h3>\n<p>\(o.tasks) 项，已完成 \(o.done)，滞后 \(o.behind)，未启动 \(o.notStarted)，平均进度 \(ReportLabels.average(o.averageProgress))。</p>\n"
            let ts = d.tasks.filter { $0.offices.contains(o.office) && ReportText.needsAttention($0) }
            if !ts.isEmpty { s += taskTable(ts, limit: ReportLabels.officeListLimit) }
        }
        return s
    }

    // MARK: Helpers

    /// Pixels a label takes at 13px: CJK characters are a full em, others about half.
    static func textWidth(_ s: String) -> Double { Double(DisplayWidth.of(s)) * 6.8 }

    static func f(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
