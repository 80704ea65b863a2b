/// A monthly report, renderable in every output format.
///
/// The screen, Markdown and HTML print one `ReportDocument` built from the data (sections of
/// paragraphs, lists, tables and charts): the screen with Unicode bars, Markdown with pipe
/// tables, HTML as one self-contained page with SVG charts, all in the report's language
/// (`set lang`). `csv` is one row per task; `json` the figures of every section.
public struct Report: Renderable {
    public var data: ReportData
    /// The language of the report's words (the session's `set lang`, as a query result carries it).
    public var language: Language

    public init(_ data: ReportData, language: Language = .en) {
        self.data = data
        self.language = language
    }

    public func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        switch format {
        case .table, .text: ReportText.render(ReportDocument(data, language: language), width: context.width)
        case .markdown: ReportMarkdown.render(ReportDocument(data, language: language))
        case .html: ReportHTML.render(ReportDocument(data, language: language))
        case .csv: ReportCSV.render(data)
        case .json: ReportJSON.render(data)
        }
    }
}

/// Number formats, bars and list limits shared by the report's printers. The report's words are
/// the Lexicon's (`Lexicon.Report`), in the language of `set lang`.
enum ReportFormat {
    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v) }
    static func average(_ v: Double) -> String { String(format: "%.1f", v) }

    /// `+7.1`, `-2.0`, `±0.0`.
    static func delta(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        if r == 0 { return "±0.0" }
        return (r > 0 ? "+" : "") + String(format: "%.1f", r)
    }

    /// Office names as one cell (names are data: joined the Chinese way in both languages).
    static func offices(_ list: [String]) -> String { list.joined(separator: "、") }

    /// What the report covers and compares with, in short parts joined with ` · `.
    static func subtitleParts(_ d: ReportData, _ l: Language) -> [String] {
        typealias W = Lexicon.Report
        return [W.scope(plans: d.plans.map(\.id))[l], W.taskCount(d.taskCount)[l], W.progressAsOf(d.month)[l], W.overdueAsOf(d.asOf)[l],
                (d.changes.map { W.comparedWith($0.snapshot) } ?? W.noEarlierSnapshot)[l]]
    }

    /// Rows of the unit table: the eight most frequent units, then the rest summed up.
    static func unitRows(_ g: TargetSummary, _ l: Language) -> [(unit: String, count: TargetSummary.UnitCount)] {
        let (top, rest) = g.topUnits(8)
        var rows = top.map { (unit: $0.unit.isEmpty ? "—" : $0.unit, count: $0) }
        if let rest { rows.append((unit: Lexicon.Report.otherUnits(rest.units)[l], count: rest.count)) }
        return rows
    }

    /// A bar of `fraction` (0…1) of `width` cells, in eighths: `███▍`.
    static func bar(_ fraction: Double, width: Int) -> String {
        let f = max(0, min(1, fraction.isFinite ? fraction : 0))
        let eighths = Int((f * Double(width) * 8).rounded())
        let full = eighths / 8, rest = eighths % 8
        let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: full) + partials[rest]
    }

    /// Tasks an office should look at: behind, not started or overdue.
    static func needsAttention(_ t: ReportTask) -> Bool {
        t.status == .behind || t.status == .notStarted || t.overdue
    }

    /// `2.1.4 → 15%`: a task's status and progress in a few characters.
    static func standing(_ t: ReportTask, _ l: Language) -> String {
        "\(Lexicon.status(t.status, in: l)) \(t.progress)%" + (t.overdue ? " " + Lexicon.Report.overdue[l] : "")
    }

    /// Long lists stop after this many entries on the screen, in Markdown and in HTML
    /// (the CSV has every task); an office's own list after `officeListLimit`.
    static let listLimit = 100
    static let officeListLimit = 20

    /// The first `limit` items and how many were left out.
    static func capped<T>(_ items: [T], _ limit: Int = listLimit) -> (shown: [T], more: Int) {
        (Array(items.prefix(limit)), max(0, items.count - limit))
    }

    /// The targets of a task as printed, joined: `达60%以上；不超过30分钟` (data, as written).
    static func targets(_ t: ReportTask) -> String {
        var seen = Set<String>()
        return t.targets.filter(\.isTarget).map(\.raw).filter { seen.insert($0).inserted }.joined(separator: "；")
    }
}
