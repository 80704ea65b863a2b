/// The report built once from its data: a title, a subtitle, summary figures and numbered
/// sections of paragraphs, lists, tables and charts. The screen, Markdown and HTML printers
/// only lay it out (xlsx joins them: `tables` gives every table with its section).
///
/// Paragraph and list text may hold `**bold**` and `` `code` `` spans; each printer renders them
/// its own way (the screen keeps code spans and drops the stars).
public struct ReportDocument: Sendable {
    /// The language of every word (`set lang`); printers read it for the words they add.
    public var language: Language
    public var title: String
    public var subtitle: [String]
    /// The headline numbers (HTML shows them as tiles on page 1).
    public var figures: [Figure]
    public var sections: [Section]
    public var footer: String

    public struct Figure: Sendable {
        public var value: String
        public var label: String
        /// `done`, `behind`, `on` (colour in HTML), or empty.
        public var tone: String
    }

    public struct Section: Sendable {
        public var title: String
        /// The title numbered (`一、通报`, `1. Summary`): HTML and Markdown headings.
        public var numbered: String
        public var blocks: [Block]
    }

    public enum Block: Sendable {
        case paragraph(String)
        case list([String])
        /// A sub-heading inside a section (an office in `by office`).
        case subheading(String)
        case table(Table)
        /// Tasks by status as a bar chart (screen: bars; Markdown: a table with bars; HTML: SVG).
        case statusChart([StatusCount], total: Int, average: Double)
        /// Each office's tasks by status and mean progress (HTML only: an SVG; the office table
        /// carries the same numbers everywhere).
        case officeChart([OfficeSummary], compared: Bool)
        /// Tasks needing attention (screen: a few lines each; elsewhere: the table).
        case tasks([ReportTask], table: Table)
        /// `… 另有 N 项未列出`.
        case more(Int)
        /// Items marked by a light (red and yellow lists, due soon, light changes): the screen and
        /// Markdown print the light's word, HTML a coloured dot with the word, xlsx a filled cell.
        case lights([LightItem])
    }

    /// A list item led by one light, or by two for a change (`黄→红`), with lines under it
    /// (the why lines of §9).
    public struct LightItem: Sendable {
        public var lights: [Light]
        /// The task's id (code in Markdown, monospace in HTML).
        public var id: String
        public var text: String
        public var detail: [String]

        public init(_ lights: [Light], id: String, _ text: String, detail: [String] = []) {
            self.lights = lights
            self.id = id
            self.text = text
            self.detail = detail
        }

        /// The lights in words: `红灯`, or `黄→红` for a change.
        public func label(_ l: Language) -> String {
            lights.count == 1 ? Lexicon.light(lights[0], in: l) : lights.map { Lexicon.lightShort($0, in: l) }.joined(separator: "→")
        }
    }

    /// A table of the report: cells keep their meaning so each printer can style them.
    public struct Table: Sendable {
        public var columns: [Column]
        public var rows: [[Cell]]
    }

    public struct Column: Sendable {
        public var name: String
        public var numeric: Bool
        /// A bar beside the numbers: on the screen only, and dropped first when the width is short.
        public var isBar: Bool
        /// Names (offices, plans, ids) are never cut on the screen: other columns give first.
        public var isName: Bool
        /// A column counting one light (绿灯 黄灯 红灯): HTML marks its heading with the dot.
        public var light: Light?

        public init(_ name: String, numeric: Bool = false, isBar: Bool = false, isName: Bool = false, light: Light? = nil) {
            self.name = name
            self.numeric = numeric
            self.isBar = isBar
            self.isName = isName
            self.light = light
        }
    }

    public enum Cell: Sendable {
        case text(String)
        case number(Int)
        /// A number already formatted (`23.3`, `41%`), right-aligned.
        case figure(String)
        /// A task, plan or snapshot id (code in Markdown, monospace in HTML).
        case id(String)
        case status(TaskStatus, overdue: Bool, due: CalendarDay?)
        case move(from: TaskStatus, to: TaskStatus)
        /// A change of a mean (`+13.3`), coloured up or down in HTML.
        case delta(Double?)
        /// A fraction 0…1 drawn as a bar.
        case bar(Double)
        /// A progress note (highlighted in HTML).
        case note(String)
        /// A light: its word (HTML adds the coloured dot, xlsx fills the cell).
        case light(Light)

        /// The cell as plain text in `l` (the screen and every format without styles).
        public func text(_ l: Language) -> String {
            switch self {
            case let .text(s), let .figure(s), let .id(s), let .note(s): s
            case let .number(n): String(n)
            case let .status(s, overdue, due):
                Lexicon.status(s, in: l) + (overdue ? Lexicon.Report.overdueSince(due)[l] : "")
            case let .move(a, b): "\(Lexicon.status(a, in: l)) → \(Lexicon.status(b, in: l))"
            case let .delta(v): v.map(ReportFormat.delta) ?? "—"
            case let .bar(f): ReportFormat.bar(f, width: 20)
            case let .light(light): Lexicon.light(light, in: l)
            }
        }
    }

    /// Every table with the title of its section, in order (for printers that write sheets).
    public var tables: [(section: String, table: Table)] {
        sections.flatMap { s in
            s.blocks.compactMap { b -> (String, Table)? in
                switch b {
                case let .table(t), let .tasks(_, t): (s.title, t)
                default: nil
                }
            }
        }
    }
}

extension ReportDocument.Table {
    /// The table for `ResultTable`'s printers, without bar columns unless `bars`; cells in `cell`'s words.
    func resultTable(bars: Bool, cell: (ReportDocument.Cell) -> String) -> ResultTable {
        let keep = columns.indices.filter { bars || !columns[$0].isBar }
        let cols = keep.map { i -> ResultTable.Column in
            let c = columns[i]
            if c.isBar { return ResultTable.Column("", alignment: .left) }
            let names = c.isName || rows.contains { if case .id = $0[i] { true } else { false } }
            let widest = rows.map { DisplayWidth.of(cell($0[i])) }.max() ?? 0
            return ResultTable.Column(c.name, alignment: c.numeric ? .right : .left, minWidth: names ? min(24, widest) : nil)
        }
        let cells = rows.map { r in keep.map { ResultTable.Cell.text(cell(r[$0])) } }
        return ResultTable(columns: cols, rows: cells, showsRowCount: false)
    }

    var hasBars: Bool { columns.contains(where: \.isBar) }
}
