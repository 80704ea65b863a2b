/// A generic result: named columns and rows of cells, renderable in every `OutputFormat`.
///
/// Queries, `offices`, `plans`, reports and the tutorial all hand one of these to the session.
/// The table format aligns columns by display width (CJK = two columns), fits the table into
/// `RenderContext.width` by cutting (`…`) or wrapping the widest text columns, right-aligns
/// numbers and ends with a row count; CSV is RFC 4180 (the session adds the UTF-8 BOM when
/// it writes a `.csv` file); JSON is an array of objects keyed by column name; Markdown is a
/// pipe table; HTML a plain `<table>`.
public struct ResultTable: Renderable, Sendable {
    public enum Alignment: Sendable, Hashable { case left, right }

    /// What the table format does with text wider than its column.
    public enum Overflow: Sendable, Hashable {
        /// Cut with `…` (one line per row).
        case truncate
        /// Continue on following lines.
        case wrap
    }

    public struct Column: Sendable, Hashable {
        public var name: String
        /// Nil: right for columns whose cells are all numbers, left otherwise.
        public var alignment: Alignment?
        public var overflow: Overflow
        /// The table format never narrows this column below `min(minWidth, its natural width)`
        /// (use it for identifiers); nil: the header's width capped at 12, or for numbers their width.
        public var minWidth: Int?
        /// Cells are coloured by `Palette` on a terminal (statuses, lights).
        public var tone = false
        /// The header people read, in each language, when it is not the name (JSON's key) or the
        /// Lexicon's word for it: the score table's `lead office` (牵头科室) over `office`.
        public var header: Term?

        /// A column whose values are coloured on a terminal.
        public static func toned(_ name: String) -> Column {
            var c = Column(name)
            c.tone = true
            return c
        }

        public init(_ name: String, alignment: Alignment? = nil, overflow: Overflow = .truncate, minWidth: Int? = nil) {
            self.name = name
            self.alignment = alignment
            self.overflow = overflow
            self.minWidth = minWidth
        }
    }

    /// One value. Numbers stay numbers in JSON and are right-aligned in tables.
    public enum Cell: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case text(String)
        case integer(Int)
        case number(Double)
        case bool(Bool)
        case list([String])
        case null

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int) { self = .integer(value) }

        /// The cell as plain text (lists joined with `、`, null empty).
        public var text: String {
            switch self {
            case let .text(s): s
            case let .integer(i): String(i)
            case let .number(d): JSON.number(d)
            case let .bool(b): b ? "true" : "false"
            case let .list(l): l.joined(separator: "、")
            case .null: ""
            }
        }

        public var isNumeric: Bool {
            switch self {
            case .integer, .number: true
            default: false
            }
        }

        /// The cell as a JSON value.
        public var json: String {
            switch self {
            case let .text(s): JSON.quote(s)
            case let .integer(i): String(i)
            case let .number(d): JSON.number(d)
            case let .bool(b): b ? "true" : "false"
            case let .list(l): "[" + l.map(JSON.quote).joined(separator: ", ") + "]"
            case .null: "null"
            }
        }
    }

    public var columns: [Column]
    public var rows: [[Cell]]
    /// Shown above the table (table, Markdown, HTML); not part of CSV or JSON.
    public var title: String?
    /// End the table format with `(N rows)`.
    public var showsRowCount: Bool
    /// What the rows are, for the row count line (`(3 tasks)`, `（共 3 项任务）`).
    public var rowNoun: RowNoun

    public init(columns: [Column], rows: [[Cell]], title: String? = nil, showsRowCount: Bool = true, rowNoun: RowNoun = .rows) {
        self.columns = columns
        self.rows = rows
        self.title = title
        self.showsRowCount = showsRowCount
        self.rowNoun = rowNoun
    }

    /// Convenience: columns by name only.
    public init(_ names: [String], rows: [[Cell]], title: String? = nil) {
        self.init(columns: names.map { Column($0) }, rows: rows, title: title)
    }

    public func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        // `set lang zh`: headers in Chinese everywhere but JSON, whose keys stay English.
        // A column's own `header` for people in English too (English CSV keeps the names, for programs).
        if format != .json, context.language != .en || (format != .csv && columns.contains { $0.header != nil }),
           let headed = headed(in: context.language) {
            return headed.render(format, context)
        }
        switch format {
        case .table, .text: return renderTable(width: context.width, colour: format == .table && context.usesColour, language: context.language)
        case .csv: return renderCSV()
        case .json: return renderJSON()
        case .markdown: return renderMarkdown()
        case .html: return renderHTML()
        }
    }

    /// This table with its English column names in `language` (`Lexicon.columnHeader`); nil
    /// when no header changes.
    public func headed(in language: Language) -> ResultTable? {
        var t = self
        for i in t.columns.indices {
            t.columns[i].name = columns[i].header?[language] ?? Lexicon.columnHeader(columns[i].name, in: language)
        }
        return t.columns == columns ? nil : t
    }

    /// The alignment column `i` uses.
    public func alignment(ofColumn i: Int) -> Alignment {
        if let a = columns[i].alignment { return a }
        var sawNumber = false
        for r in rows where i < r.count {
            switch r[i] {
            case .integer, .number: sawNumber = true
            case .null: continue
            default: return .left
            }
        }
        return sawNumber ? .right : .left
    }

    /// The line under the table, in `language` (the Lexicon's words).
    public func rowCountLine(in language: Language = .en) -> String {
        Lexicon.rowCount(rows.count, rowNoun)[language]
    }

    // MARK: Table

    static let separator = "  "

    func renderTable(width: Int, colour: Bool = false, language: Language = .en) -> String {
        let n = columns.count
        var out = ""
        if let title { out += title + "\n" }
        guard n > 0 else {
            if showsRowCount { out += rowCountLine(in: language) + "\n" }
            return out
        }
        let texts: [[String]] = rows.map { row in (0..<n).map { $0 < row.count ? TableText.singleLine(row[$0].text) : "" } }
        let headers = columns.map { DisplayWidth.of($0.name) }
        let (measured, cellWidths) = TableText.widths(texts, columns: n)
        let aligns = (0..<n).map { alignment(ofColumn: $0) }
        let minimums = (0..<n).map { i -> Int in
            if let m = columns[i].minWidth { return m }
            if aligns[i] == .right { return max(1, cellWidths[i]) }
            return max(3, min(headers[i], 12))
        }
        var widths = zip(headers, cellWidths).map { max($0, $1) }
        let available = width - ResultTable.separator.count * (n - 1)
        widths = ResultTable.fit(widths, minimums: minimums, into: available)
        if widths.reduce(0, +) > available {
            // Too narrow for the preferred minimums: other text columns give first, identifiers
            // (explicit `minWidth`) last; numbers keep their width.
            widths = ResultTable.fit(widths, minimums: (0..<n).map {
                aligns[$0] == .right || columns[$0].minWidth != nil ? minimums[$0] : 3
            }, into: available)
            if widths.reduce(0, +) > available {
                widths = ResultTable.fit(widths, minimums: (0..<n).map { aligns[$0] == .right ? minimums[$0] : 3 }, into: available)
            }
        }

        func emit(_ cells: [String], _ isHeader: Bool) {
            // Each cell becomes one or more physical lines.
            var lines: [[String]] = []
            for i in 0..<n {
                let t = cells[i]
                if TableText.width(t) <= widths[i] {
                    lines.append([t])
                } else if columns[i].overflow == .wrap && !isHeader {
                    lines.append(DisplayWidth.wrap(t, to: widths[i]))
                } else {
                    lines.append([DisplayWidth.truncate(t, to: widths[i])])
                }
            }
            let height = lines.map(\.count).max() ?? 1
            for l in 0..<height {
                var line = ""
                for i in 0..<n {
                    let piece = l < lines[i].count ? lines[i][l] : ""
                    if i > 0 { line += ResultTable.separator }
                    let padded = TableText.pad(piece, to: widths[i], right: aligns[i] == .right)
                    if colour && !isHeader && columns[i].tone, let tone = Palette.tone(of: piece),
                       let r = padded.range(of: piece) {
                        line += padded.replacingCharacters(in: r, with: Palette.paint(piece, tone))
                    } else {
                        line += padded
                    }
                }
                out += TableText.trimTrailing(line) + "\n"
            }
        }
        let painted = colour && columns.contains(where: \.tone)
        emit(columns.map(\.name), true)
        // A column without a header (a bar chart beside the numbers) gets no rule either.
        let rule = zip(widths, columns).map { String(repeating: $1.name.isEmpty ? " " : "─", count: $0) }
        out += TableText.trimTrailing(rule.joined(separator: ResultTable.separator)) + "\n"
        for (k, row) in texts.enumerated()
        where painted || !ResultTable.appendFitting(row, measured[(k * n)..<(k * n + n)], widths, aligns, to: &out) {
            emit(row, false)
        }
        if showsRowCount { out += rowCountLine(in: language) + "\n" }
        return out
    }

    /// Writes a row whose cells all fit on one line straight into `out` (false, writing nothing,
    /// when one does not): padding is owed and written only before the next text, so no line has
    /// trailing spaces to trim. `measured` holds the cells' display widths.
    static func appendFitting(_ cells: [String], _ measured: ArraySlice<Int>, _ widths: [Int], _ aligns: [Alignment],
                              to out: inout String) -> Bool {
        let base = measured.startIndex
        for i in cells.indices where measured[base + i] > widths[i] || cells[i].utf8.last == 0x20 { return false }
        var owed = 0
        for i in cells.indices {
            if i > 0 { owed += separator.utf8.count }
            let pad = widths[i] - measured[base + i]
            if aligns[i] == .right { owed += pad }
            if !cells[i].isEmpty {
                TableText.appendSpaces(owed, to: &out)
                out += cells[i]
                owed = 0
            }
            if aligns[i] != .right { owed += pad }
        }
        out += "\n"
        return true
    }

    /// Shrinks column widths until their sum fits `available`, taking from the widest first
    /// and never below a column's minimum (or its natural width when smaller).
    static func fit(_ natural: [Int], minimums: [Int], into available: Int) -> [Int] {
        var w = natural
        var total = w.reduce(0, +)
        guard total > available else { return w }
        let minimum = zip(natural, minimums).map { min($0, $1) }
        while total > available {
            // The widest column that can still give; take it down to the next width below it.
            var widest = -1
            for i in w.indices where w[i] > minimum[i] && (widest < 0 || w[i] > w[widest]) { widest = i }
            if widest < 0 { break }
            var next = minimum[widest]
            for i in w.indices where i != widest && w[i] < w[widest] && w[i] > next { next = w[i] }
            let give = min(w[widest] - next, total - available)
            w[widest] -= max(1, give)
            total -= max(1, give)
        }
        return w
    }

    // MARK: CSV (RFC 4180)

    func renderCSV() -> String {
        var out = columns.map { ResultTable.csvField($0.name) }.joined(separator: ",") + "\r\n"
        out.reserveCapacity(rows.count * 16 * max(1, columns.count))
        for row in rows {
            var first = true
            for i in columns.indices {
                if !first { out += "," }
                first = false
                if i < row.count { out += ResultTable.csvField(row[i].text) }
            }
            out += "\r\n"
        }
        return out
    }

    /// A field quoted when it holds a comma, quote, CR or LF (quotes doubled), as RFC 4180 says.
    public static func csvField(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needs = true
            break
        }
        guard needs else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: JSON

    func renderJSON() -> String {
        let keys = columns.map { JSON.quote($0.name) }
        guard !rows.isEmpty else { return "[]\n" }
        var out = "[\n"
        for (r, row) in rows.enumerated() {
            out += "  {"
            for i in columns.indices {
                if i > 0 { out += ", " }
                out += keys[i] + ": " + (i < row.count ? row[i].json : "null")
            }
            out += r == rows.count - 1 ? "}\n" : "},\n"
        }
        return out + "]\n"
    }

    // MARK: Markdown

    func renderMarkdown() -> String {
        var out = ""
        if let title { out += "**" + ResultTable.markdownEscape(title) + "**\n\n" }
        guard !columns.isEmpty else { return out }
        out += "| " + columns.map { ResultTable.markdownEscape($0.name) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.indices.map { alignment(ofColumn: $0) == .right ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for row in rows {
            let cells = columns.indices.map { $0 < row.count ? ResultTable.markdownEscape(row[$0].text) : "" }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// `|` escaped, line breaks as `<br>` so a cell stays on its row.
    public static func markdownEscape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|": out += "\\|"
            case "\\": out += "\\\\"
            case "\n", "\r\n": out += "<br>"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out
    }

    // MARK: HTML

    func renderHTML() -> String {
        var out = "<table>\n"
        if let title { out += "<caption>" + ResultTable.htmlEscape(title) + "</caption>\n" }
        let aligns = columns.indices.map { alignment(ofColumn: $0) }
        out += "<thead><tr>"
        for (i, c) in columns.enumerated() {
            out += aligns[i] == .right ? "<th style=\"text-align:right\">" : "<th>"
            out += ResultTable.htmlEscape(c.name) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for i in columns.indices {
                out += aligns[i] == .right ? "<td style=\"text-align:right\">" : "<td>"
                out += i < row.count ? ResultTable.htmlEscape(row[i].text) : ""
                out += "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The one HTML escaper (tables, reports): `& < > " '`.
    public static func htmlEscape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// Small text helpers for the table format (fast paths for ASCII).
enum TableText {
    static func width(_ s: String) -> Int {
        var ascii = true
        for b in s.utf8 where b >= 0x80 {
            ascii = false
            break
        }
        return ascii ? s.utf8.count : DisplayWidth.of(s)
    }

    static func pad(_ s: String, to w: Int, right: Bool) -> String {
        let n = w - width(s)
        guard n > 0 else { return s }
        let fill = String(repeating: " ", count: n)
        return right ? fill + s : s + fill
    }

    /// Line breaks and tabs become spaces so a cell stays on one line before fitting.
    static func singleLine(_ s: String) -> String {
        var has = false
        for b in s.utf8 where b == 0x0A || b == 0x0D || b == 0x09 {
            has = true
            break
        }
        guard has else { return s }
        return String(s.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
    }

    /// Every cell's display width (row-major) and each column's widest, measured once.
    static func widths(_ texts: [[String]], columns n: Int) -> (cells: [Int], widest: [Int]) {
        var widest = Array(repeating: 0, count: n)
        var cells: [Int] = []
        cells.reserveCapacity(texts.count * n)
        for row in texts {
            for (i, t) in row.enumerated() {
                let w = width(t)
                cells.append(w)
                if w > widest[i] { widest[i] = w }
            }
        }
        return (cells, widest)
    }

    private static let spaces = String(repeating: " ", count: 64)

    static func appendSpaces(_ n: Int, to out: inout String) {
        var left = n
        while left > 0 {
            let k = min(left, 64)
            out += k == 64 ? spaces : String(spaces.utf8.prefix(k)) ?? ""
            left -= k
        }
    }

    /// `s` without its trailing spaces, found on the UTF-8 (dropping `Character`s one by one
    /// counted the line each time: a quarter of a 500-row `find`'s start-up).
    static func trimTrailing(_ s: String) -> String {
        let u = s.utf8
        var end = u.endIndex
        while end > u.startIndex, u[u.index(before: end)] == 0x20 { end = u.index(before: end) }
        return end == u.endIndex ? s : String(s[..<end])
    }
}
