/// The report document as Markdown: numbered headings, pipe tables, ids as code.
enum ReportMarkdown {
    static func render(_ doc: ReportDocument) -> String {
        var out = ["# \(doc.title)", "", doc.subtitle.joined(separator: " · ")]
        for s in doc.sections {
            out += ["", "## \(s.numbered)"]
            for b in s.blocks {
                let lines = block(b, doc.language)
                if !lines.isEmpty { out += [""] + lines }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func block(_ b: ReportDocument.Block, _ l: Language) -> [String] {
        switch b {
        case let .paragraph(text): return [text]
        case let .list(items): return items.map { "- " + $0 }
        case let .subheading(text): return ["### \(text)"]
        case let .table(t), let .tasks(_, t): return table(t, l)
        case let .statusChart(counts, _, _):
            typealias W = Lexicon.Report
            return table(ReportDocument.Table(
                columns: [.init(W.status[l]), .init(W.tasks[l], numeric: true), .init(W.share[l], numeric: true), .init("", isBar: true)],
                rows: counts.map {
                    [.text(Lexicon.status($0.status, in: l)), .number($0.count), .figure(ReportFormat.percent($0.percent)), .bar($0.percent / 100)]
                }), l, bars: true)
        case .officeChart: return []
        case let .more(n): return [Lexicon.Report.more(n)[l]]
        case let .lights(items):
            // The light's word in bold leads the item; the why lines are a list under it.
            return items.flatMap { i in ["- **\(i.label(l))** `\(i.id)` \(i.text)"] + i.detail.map { "  - " + $0 } }
        }
    }

    /// A pipe table; ids as code spans, bars only when asked for.
    static func table(_ t: ReportDocument.Table, _ l: Language, bars: Bool = false) -> [String] {
        let result = t.resultTable(bars: bars) { cell in
            if case let .id(id) = cell { return "`\(id)`" }
            return cell.text(l)
        }
        return result.render(.markdown, RenderContext()).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }
}
