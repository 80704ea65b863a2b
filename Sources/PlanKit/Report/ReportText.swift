/// The report document on a screen: `■` headings, Unicode bar charts, tables aligned by
/// display width. When the width is short, bar columns go before any name is cut.
enum ReportText {
    static func render(_ doc: ReportDocument, width: Int) -> String {
        let width = max(40, width)
        var out = [doc.title] + wrapParts(doc.subtitle, width: width)
        for s in doc.sections {
            out += ["", "■ \(s.title)"]
            for b in s.blocks { out += block(b, width: width, doc.language) }
        }
        return out.map { DisplayWidth.truncate($0, to: width) }.joined(separator: "\n") + "\n"
    }

    /// Subtitle parts joined with ` · `, wrapped between parts.
    static func wrapParts(_ parts: [String], width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for part in parts {
            let next = line.isEmpty ? part : line + " · " + part
            if DisplayWidth.of(next) > width && !line.isEmpty {
                lines.append(line)
                line = part
            } else {
                line = next
            }
        }
        return lines + [line]
    }

    static func block(_ b: ReportDocument.Block, width: Int, _ l: Language) -> [String] {
        switch b {
        case let .paragraph(text):
            return DisplayWidth.wrap(plain(text), to: width - 2).map { "  " + $0 }
        case let .list(items):
            return items.flatMap { DisplayWidth.wrap(plain($0), to: width - 4).enumerated().map { ($0 == 0 ? "  · " : "    ") + $1 } }
        case let .subheading(text):
            return ["  " + plain(text) + ":"]
        case let .table(t):
            return table(t, width: width, l)
        case let .statusChart(counts, total, _):
            return statusBars(counts, total: total, width: width, l)
        case .officeChart:
            return []
        case let .tasks(tasks, _):
            return tasks.flatMap { taskLines($0, width: width, l) }
        case let .more(n):
            return ["  " + Lexicon.Report.more(n)[l]]
        case let .lights(items):
            return items.flatMap { lightLines($0, width: width, l) }
        }
    }

    /// `  · 红灯 ID  text`, wrapped under itself, then each detail line wrapped two columns further in.
    static func lightLines(_ item: ReportDocument.LightItem, width: Int, _ l: Language) -> [String] {
        let head = DisplayWidth.wrap("\(item.label(l)) \(item.id)  \(plain(item.text))", to: width - 4)
            .enumerated().map { ($0 == 0 ? "  · " : "    ") + $1 }
        return head + item.detail.flatMap { DisplayWidth.wrap(plain($0), to: width - 6).map { "      " + $0 } }
    }

    /// A table indented by two, without its bar column when bars would make it wider than `width`.
    static func table(_ t: ReportDocument.Table, width: Int, _ l: Language, indent: String = "  ") -> [String] {
        let room = width - indent.count
        var result = t.resultTable(bars: true) { $0.text(l) }
        if t.hasBars, naturalWidth(result) > room { result = t.resultTable(bars: false) { $0.text(l) } }
        return result.render(.table, RenderContext(width: room)).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map { indent + $0 }
    }

    /// The width a table takes when nothing is cut.
    static func naturalWidth(_ t: ResultTable) -> Int {
        t.render(.table, RenderContext(width: Int.max / 4)).split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
    }

    static func statusBars(_ counts: [StatusCount], total: Int, width: Int, _ l: Language) -> [String] {
        let barWidth = max(10, min(40, width - 30))
        let labelWidth = counts.map { DisplayWidth.of(Lexicon.status($0.status, in: l)) }.max() ?? 6
        let countWidth = String(total).count
        return counts.map { s in
            "  " + DisplayWidth.pad(Lexicon.status(s.status, in: l), to: labelWidth) + "  "
                + DisplayWidth.pad(String(s.count), to: countWidth, right: true) + "  "
                + DisplayWidth.pad(ReportFormat.percent(s.percent), to: 6, right: true) + "  "
                + ReportFormat.bar(s.percent / 100, width: barWidth)
        }
    }

    static func taskLines(_ t: ReportTask, width: Int, _ l: Language) -> [String] {
        var head = "  \(t.id)  \(ReportFormat.standing(t, l))"
        if let due = t.due { head += "  " + Lexicon.Report.dueOn(due)[l] }
        if !t.offices.isEmpty { head += "  \(ReportFormat.offices(t.offices))" }
        var lines = [head, "    \(t.heading)"]
        let prefix = "    " + Lexicon.Report.notePrefix[l]
        for (i, line) in DisplayWidth.wrap(t.note, to: max(20, width - 10)).enumerated() where !t.note.isEmpty {
            lines.append((i == 0 ? prefix : String(repeating: " ", count: DisplayWidth.of(prefix))) + line)
        }
        return lines
    }

    /// Inline markup for the screen: `**bold**` loses its stars; code spans keep their backticks.
    static func plain(_ s: String) -> String { s.replacingOccurrences(of: "**", with: "") }
}
