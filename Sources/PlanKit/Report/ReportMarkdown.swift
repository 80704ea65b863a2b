/// The report document as Markdown: numbered headings, pipe tables, ids as code.
enum ReportMarkdown {
    static func render(_ doc: ReportDocument) -> String {
        var out = ["# \(doc.title)", "", doc.subtitle.joined(separator: " · ")]
        for s in doc.sections {
            out += ["", "## \(s.number)、\(s.title)"]
            for b in s.blocks {
                let lines = block(b)
                if !lines.isEmpty { out += [""] + lines }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func block(_ b: ReportDocument.Block) -> [String] {
        switch b {
        case let .paragraph(text): return [text]
        case let .list(items): return items.map { "- " + $0 }
        case let .subheading(text): return ["### \(text)"]
        case let .table(t), let .tasks(_, t): return table(t)
        case let .statusChart(counts, _, _):
            return table(ReportDocument.Table(
                columns: [.init("状态"), .init("任务", numeric: true), .init("占比", numeric: true), .init("", isBar: true)],
                rows: counts.map { [.text($0.status.chineseLabel), .number($0.count), .figure(ReportLabels.percent($0.percent)), .bar($0.percent / 100)] }),
                bars: true)
        case .officeChart: return []
        case let .more(n): return [ReportLabels.moreLine(n)]
        case let .lights(items):
            // The light's word in bold leads the item; the why lines are a list under it.
            return items.flatMap { i in ["- **\(i.label)** `\(i.id)` \(i.text)"] + i.detail.map { "  - " + $0 } }
        }
    }

    /// A pipe table; ids as code spans, bars only when asked for.
    static func table(_ t: ReportDocument.Table, bars: Bool = false) -> [String] {
        let result = t.resultTable(bars: bars) { cell in
            if case let .id(id) = cell { return "`\(id)`" }
            return cell.text
        }
        return result.render(.markdown, RenderContext()).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }
}
