/// The report document as one self-contained HTML page: inline CSS and SVG charts, no
/// scripts, no network. Printed, page 1 holds the first section (the 通报) and the summary
/// figures, and a heading is kept with the block after it.
enum ReportHTML {
    static let colors: [TaskStatus: String] = [
        .done: "#2e7d32", .onTrack: "#1f6fb2", .behind: "#c62828", .notStarted: "#a3a9b0",
    ]

    static func render(_ doc: ReportDocument) -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="\(Lexicon.Report.htmlLang[doc.language])">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(doc.title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>
        <header>
        <h1>\(esc(doc.title))</h1>
        <p class="sub">\(esc(doc.subtitle.joined(separator: " · ")))</p>
        </header>

        """
        // The 通报 opens the page (§9); the figures follow it, still on page 1.
        for (i, s) in doc.sections.enumerated() {
            h += section(s, doc.language)
            if i == 0 { h += figures(doc.figures) }
        }
        if doc.sections.isEmpty { h += figures(doc.figures) }
        h += """
        <footer>\(esc(doc.footer))</footer>
        </main>
        </body>
        </html>

        """
        return h
    }

    static let css = """
    :root { --done: #2e7d32; --on: #1f6fb2; --behind: #c62828; --idle: #a3a9b0; --ink: #1d2327; --muted: #5f6b75; --line: #d9dee3;
      --red: #c62828; --yellow: #f2a900; --green: #2e7d32; }
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
    /* Lights (三色预警): a coloured dot beside the light's word, so the page reads the same in
       grey print and to a screen reader. */
    .light { white-space: nowrap; font-weight: 600; }
    .light .dot { font-size: 1.15em; line-height: 1; margin-right: 2px; }
    .light.red .dot { color: var(--red); } .light.yellow .dot { color: var(--yellow); } .light.green .dot { color: var(--green); }
    ul.lights { list-style: none; padding-left: 4px; }
    ul.lights li { margin: 0 0 6px; }
    ul.lights .why { color: var(--muted); font-size: 13px; padding-left: 1.6em; }
    footer { margin-top: 30px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
    @media (max-width: 720px) {
      main { padding: 16px; }
      .kpis { grid-template-columns: repeat(2, 1fr); }
      td.id { white-space: normal; word-break: break-all; }
    }
    @media print {
      body { background: #fff; font-size: 11pt; }
      main { max-width: none; padding: 0; }
      /* Sections flow on from page 1 (no forced breaks); a heading stays with what follows it,
         and small blocks are never split. */
      h1, h2, h3, .keep-next { break-after: avoid; page-break-after: avoid; }
      .keep, tr, .kpis, svg, table.small, ul, p { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      ul.lights { break-inside: auto; page-break-inside: auto; }
      ul.lights li { break-inside: avoid; page-break-inside: avoid; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    @page { size: A4; margin: 16mm 14mm; }
    """

    // MARK: Blocks

    /// A section; its heading is kept on one page with the first block (when that block is
    /// small enough to move as a whole), so no heading is left alone at the bottom of a page.
    static func section(_ s: ReportDocument.Section, _ lang: Language) -> String {
        var blocks = s.blocks.map { block($0, lang) }.filter { !$0.isEmpty }
        let head = "<h2>\(esc(s.numbered))</h2>\n"
        var out = "<section>\n"
        if let first = s.blocks.first, isSmall(first), !blocks.isEmpty {
            out += "<div class=\"keep\">\n" + head + blocks.removeFirst() + "</div>\n"
        } else {
            out += head
        }
        return out + blocks.joined() + "</section>\n"
    }

    /// Blocks that fit on a page whole (moved with their heading).
    static func isSmall(_ b: ReportDocument.Block) -> Bool {
        switch b {
        case let .table(t), let .tasks(_, t): return t.rows.count <= 12
        case let .officeChart(offices, _): return offices.count <= 24
        default: return true
        }
    }

    static func block(_ b: ReportDocument.Block, _ lang: Language) -> String {
        switch b {
        case let .paragraph(text): return "<p>\(inline(text))</p>\n"
        case let .list(items): return "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
        case let .subheading(text): return "<h3>\(esc(text))</h3>\n"
        case let .table(t), let .tasks(_, t): return table(t, lang)
        case let .statusChart(counts, total, average): return statusChart(counts, total: total, average: average, lang) + legend(lang)
        case let .officeChart(offices, compared): return officeChart(offices, compared: compared, lang)
        case let .more(n): return "<p class=\"sub\">\(esc(Lexicon.Report.more(n)[lang]))</p>\n"
        case let .lights(items):
            return "<ul class=\"lights\">\n" + items.map { i in
                let badges = i.lights.count == 1 ? badge(i.lights[0], lang)
                    : i.lights.map { badge($0, lang, short: true) }.joined(separator: "→")
                return "<li>\(badges) <code>\(esc(i.id))</code> \(inline(i.text))"
                    + i.detail.map { "<div class=\"why\">\(inline($0))</div>" }.joined() + "</li>\n"
            }.joined() + "</ul>\n"
        }
    }

    /// A light as a coloured dot and its word (`● 红灯`; `● 红` in a change): the word is the text
    /// alternative, the title names it on hover, the colour comes from the class (no script).
    static func badge(_ light: Light, _ lang: Language, short: Bool = false) -> String {
        let word = Lexicon.light(light, in: lang)
        return "<span class=\"light \(light.keyword)\" title=\"\(word)\"><span class=\"dot\" aria-hidden=\"true\">●</span>"
            + (short ? Lexicon.lightShort(light, in: lang) : word) + "</span>"
    }

    static func figures(_ figures: [ReportDocument.Figure]) -> String {
        "<div class=\"kpis\">\n" + figures.map {
            "<div class=\"kpi \($0.tone)\"><b>\(esc($0.value))</b><span>\(esc($0.label))</span></div>\n"
        }.joined() + "</div>\n"
    }

    /// A table with styled cells; bar columns are left to the charts. Small tables never split.
    static func table(_ t: ReportDocument.Table, _ lang: Language) -> String {
        let keep = t.columns.indices.filter { !t.columns[$0].isBar }
        var s = "<table\(t.rows.count <= 12 ? " class=\"small\"" : "")>\n<thead><tr>"
        for i in keep {
            let c = t.columns[i]
            s += (c.numeric ? "<th class=\"n\">" : "<th>") + (c.light.map { badge($0, lang) } ?? esc(c.name)) + "</th>"
        }
        s += "</tr></thead>\n<tbody>\n"
        for row in t.rows {
            s += "<tr>" + keep.map { cell(row[$0], numeric: t.columns[$0].numeric, lang) }.joined() + "</tr>\n"
        }
        return s + "</tbody>\n</table>\n"
    }

    static func cell(_ c: ReportDocument.Cell, numeric: Bool, _ lang: Language) -> String {
        func st(_ s: TaskStatus) -> String { "<span class=\"st \(s.keyword)\">\(Lexicon.status(s, in: lang))</span>" }
        switch c {
        case let .id(id): return "<td class=\"id\">\(esc(id))</td>"
        case let .status(status, overdue, due):
            var s = st(status)
            if overdue {
                s += " <span class=\"st behind\">\(Lexicon.Report.overdue[lang])</span>" + (due.map { "<br><small>\($0)</small>" } ?? "")
            }
            return "<td>\(s)</td>"
        case let .move(a, b):
            return "<td class=\"move\">\(st(a)) → \(st(b))</td>"
        case let .delta(v):
            let tone = (v ?? 0) > 0 ? " up" : (v ?? 0) < 0 ? " down" : ""
            return "<td class=\"n\(tone)\">\(esc(c.text(lang)))</td>"
        case let .note(n): return n.isEmpty ? "<td></td>" : "<td class=\"note\">\(esc(n))</td>"
        case let .light(light): return "<td>\(badge(light, lang))</td>"
        default: return numeric ? "<td class=\"n\">\(esc(c.text(lang)))</td>" : "<td>\(esc(c.text(lang)))</td>"
        }
    }

    /// `**bold**` → `<b>`, `` `code` `` → `<code>`, the rest escaped.
    static func inline(_ s: String) -> String {
        var out = "", bold = false, code = false
        var rest = Substring(s)
        while let c = rest.first {
            if rest.hasPrefix("**"), !code {
                out += bold ? "</b>" : "<b>"
                bold.toggle()
                rest = rest.dropFirst(2)
                continue
            }
            if c == "`" {
                out += code ? "</code>" : "<code>"
                code.toggle()
            } else {
                out += esc(String(c))
            }
            rest = rest.dropFirst()
        }
        return out + (code ? "</code>" : "") + (bold ? "</b>" : "")
    }

    static func legend(_ lang: Language) -> String {
        "<p class=\"legend\">" + ReportData.statusOrder.map {
            "<span><i style=\"background:\(colors[$0] ?? "#999")\"></i>\(Lexicon.status($0, in: lang))</span>"
        }.joined() + "</p>\n"
    }

    static func statusChart(_ counts: [StatusCount], total: Int, average: Double, _ lang: Language) -> String {
        let w = 960.0, barH = 34.0
        var s = "<svg viewBox=\"0 0 \(Int(w)) 64\" role=\"img\" aria-label=\"\(Lexicon.Report.tasksByStatus[lang])\">\n"
        var x = 0.0
        for c in counts where c.count > 0 {
            let sw = w * c.percent / 100
            s += "<rect x=\"\(f(x))\" y=\"4\" width=\"\(f(sw))\" height=\"\(f(barH))\" fill=\"\(colors[c.status] ?? "#999")\"><title>\(Lexicon.status(c.status, in: lang)) \(c.count)</title></rect>\n"
            let label = Lexicon.Report.statusShare(Lexicon.status(c.status, in: lang), c.count, ReportFormat.percent(c.percent))[lang]
            if textWidth(label) + 10 < sw {
                s += "<text x=\"\(f(x + 6))\" y=\"\(f(4 + barH / 2 + 5))\" style=\"fill:#fff;font-weight:600\">\(esc(label))</text>\n"
            } else if textWidth(String(c.count)) + 6 < sw {
                s += "<text x=\"\(f(x + 3))\" y=\"\(f(4 + barH / 2 + 5))\" style=\"fill:#fff\">\(c.count)</text>\n"
            }
            x += sw
        }
        if total == 0 {
            s += "<rect x=\"0\" y=\"4\" width=\"\(f(w))\" height=\"\(f(barH))\" fill=\"#eee\"/>\n"
        }
        s += "<text class=\"muted\" x=\"0\" y=\"58\">\(Lexicon.Report.chartTotal(total, average: ReportFormat.percent(average))[lang])</text>\n"
        return s + "</svg>\n"
    }

    /// One row per office: its tasks as status segments (scaled to the busiest office) and its average progress.
    static func officeChart(_ offices: [OfficeSummary], compared: Bool, _ lang: Language) -> String {
        typealias W = Lexicon.Report
        guard !offices.isEmpty else { return "" }
        let rowH = 26.0, top = 8.0
        let labelW = (offices.map { textWidth($0.office) }.max() ?? 60) + 14
        let progressW = 280.0
        let w = 960.0
        let barW = w - labelW - progressW - 60
        let maxTasks = Double(offices.map(\.tasks).max() ?? 1)
        let height = top + Double(offices.count) * rowH + 22
        var s = "<svg viewBox=\"0 0 \(Int(w)) \(Int(height))\" role=\"img\" aria-label=\"\(W.officeChart[lang])\">\n"
        let px = labelW + barW + 60
        s += "<text class=\"muted\" x=\"\(f(labelW))\" y=\"\(f(height - 4))\">\(W.tasksByStatusAxis[lang])</text>\n"
        s += "<text class=\"muted\" x=\"\(f(px))\" y=\"\(f(height - 4))\">\(W.averageColumn[lang])</text>\n"
        for (i, o) in offices.enumerated() {
            let y = top + Double(i) * rowH
            s += "<text x=\"\(f(labelW - 8))\" y=\"\(f(y + 15))\" text-anchor=\"end\">\(esc(o.office))</text>\n"
            var x = labelW
            for (status, n) in [(TaskStatus.done, o.done), (.onTrack, o.onTrack), (.behind, o.behind), (.notStarted, o.notStarted)] where n > 0 {
                let sw = barW * Double(n) / maxTasks
                s += "<rect x=\"\(f(x))\" y=\"\(f(y + 3))\" width=\"\(f(sw))\" height=\"16\" fill=\"\(colors[status] ?? "#999")\"><title>\(esc(o.office)) \(Lexicon.status(status, in: lang)) \(n)</title></rect>\n"
                x += sw
            }
            s += "<text x=\"\(f(x + 6))\" y=\"\(f(y + 15))\">\(o.tasks)</text>\n"
            // Average progress: a thin track with the filled part.
            s += "<rect x=\"\(f(px))\" y=\"\(f(y + 7))\" width=\"\(f(progressW - 50))\" height=\"8\" rx=\"4\" fill=\"#e6e9ec\"/>\n"
            s += "<rect x=\"\(f(px))\" y=\"\(f(y + 7))\" width=\"\(f((progressW - 50) * o.averageProgress / 100))\" height=\"8\" rx=\"4\" fill=\"#455a64\"/>\n"
            if let p = o.previousAverage {
                let mx = px + (progressW - 50) * p / 100
                s += "<line x1=\"\(f(mx))\" x2=\"\(f(mx))\" y1=\"\(f(y + 3))\" y2=\"\(f(y + 19))\" stroke=\"#e08a00\" stroke-width=\"2\"><title>\(W.previousAverage(ReportFormat.average(p))[lang])</title></line>\n"
            }
            s += "<text x=\"\(f(px + progressW - 44))\" y=\"\(f(y + 15))\">\(ReportFormat.average(o.averageProgress))</text>\n"
        }
        s += "</svg>\n"
        if compared {
            s += "<p class=\"legend\"><span><i style=\"background:#455a64\"></i>\(W.thisAverage[lang])</span><span><i style=\"background:#e08a00\"></i>\(W.previousAverageLegend[lang])</span></p>\n"
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

    static func esc(_ s: String) -> String { ResultTable.htmlEscape(s) }
}
