/// A monthly report, renderable in every output format.
///
/// The screen, Markdown and HTML print one `ReportDocument` built from the data (sections of
/// paragraphs, lists, tables and charts): the screen with Unicode bars, Markdown with pipe
/// tables, HTML as one self-contained page with SVG charts. `csv` is one row per task;
/// `json` the figures of every section.
public struct Report: Renderable {
    public var data: ReportData

    public init(_ data: ReportData) { self.data = data }

    public func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        switch format {
        case .table, .text: ReportText.render(ReportDocument(data), width: context.width)
        case .markdown: ReportMarkdown.render(ReportDocument(data))
        case .html: ReportHTML.render(ReportDocument(data))
        case .csv: ReportCSV.render(data)
        case .json: ReportJSON.render(data)
        }
    }
}

/// Labels and number formats shared by the report renderers (the report's words live here).
enum ReportLabels {
    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v) }
    static func average(_ v: Double) -> String { String(format: "%.1f", v) }

    /// `+7.1`, `-2.0`, `±0.0`.
    static func delta(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        if r == 0 { return "±0.0" }
        return (r > 0 ? "+" : "") + String(format: "%.1f", r)
    }

    static func offices(_ list: [String]) -> String { list.joined(separator: "、") }

    static func comparator(_ c: Comparator) -> String {
        switch c {
        case .atLeast: "≥"
        case .atMost: "≤"
        case .equal: "="
        case .range: "范围"
        }
    }

    /// The plans a report covers, for its subtitle.
    static func scope(_ d: ReportData) -> String {
        if d.plans.count == 1, let p = d.plans.first { return "计划 \(p.id)" }
        return "\(d.plans.count) 个计划（\(d.plans.map(\.id).joined(separator: "、"))）"
    }

    /// What the report covers and compares with, in short parts joined with ` · `.
    static func subtitleParts(_ d: ReportData) -> [String] {
        var parts = [scope(d), "\(d.taskCount) 项任务", "进度截至 \(d.month)", "逾期按 \(d.asOf) 计"]
        if let c = d.changes { parts.append("对比快照 \(c.snapshot)") } else { parts.append("无更早的快照可对比") }
        return parts
    }

    static func subtitle(_ d: ReportData) -> String { subtitleParts(d).joined(separator: " · ") }

    /// `≥ 58 · ≤ 25 · = 24 · 范围 3`, leaving out comparators with no targets.
    static func comparatorLine(_ u: TargetSummary.UnitCount) -> String {
        [("不低于", u.atLeast), ("不超过", u.atMost), ("等于", u.equal), ("范围", u.range)]
            .filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: "，")
    }

    /// Rows of the unit table: the eight most frequent units, then the rest summed up.
    static func unitRows(_ g: TargetSummary) -> [(unit: String, count: TargetSummary.UnitCount)] {
        let (top, rest) = g.topUnits(8)
        var rows = top.map { (unit: $0.unit.isEmpty ? "—" : $0.unit, count: $0) }
        if let rest { rows.append((unit: "其他 \(rest.units) 种单位", count: rest.count)) }
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

    /// `一` … `十` for section numbers (a report has fewer than ten sections).
    static func sectionNumber(_ n: Int) -> String {
        let digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return (1...digits.count).contains(n) ? digits[n - 1] : String(n)
    }

    /// Tasks an office should look at: behind, not started or overdue.
    static func needsAttention(_ t: ReportTask) -> Bool {
        t.status == .behind || t.status == .notStarted || t.overdue
    }

    /// `2.1.4 → 15%`: a task's status and progress in a few characters.
    static func standing(_ t: ReportTask) -> String {
        "\(t.status.chineseLabel) \(t.progress)%" + (t.overdue ? " 逾期" : "")
    }

    /// Long lists stop after this many entries on the screen, in Markdown and in HTML
    /// (the CSV has every task); an office's own list after `officeListLimit`.
    static let listLimit = 100
    static let officeListLimit = 20

    /// The first `limit` items and how many were left out.
    static func capped<T>(_ items: [T], _ limit: Int = listLimit) -> (shown: [T], more: Int) {
        (Array(items.prefix(limit)), max(0, items.count - limit))
    }

    /// The line that says how many were left out.
    static func moreLine(_ n: Int) -> String {
        "… 另有 \(n) 项未列出（完整清单见 `report … > FILE.csv` 或 `find`）"
    }

    /// The targets of a task as printed, joined: `达60%以上；不超过30分钟`.
    static func targets(_ t: ReportTask) -> String {
        var seen = Set<String>()
        return t.targets.map(\.raw).filter { seen.insert($0).inserted }.joined(separator: "；")
    }
}
