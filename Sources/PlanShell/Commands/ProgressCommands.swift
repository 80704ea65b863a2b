import Foundation
import PlanKit

/// Commands of this group, one file each beside this one: progress (update, history,
/// import progress) and the store (save, snapshots, load, diff, check).
enum ProgressCommands {
    static let specs: [CommandSpec] = [
        UpdateCommand.spec, HistoryCommand.spec, ImportProgressCommand.spec,
        SaveCommand.spec, SnapshotsCommand.spec, LoadCommand.spec, DiffCommand.spec, CheckCommand.spec,
    ]

    /// Seconds since 1970, now.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    /// `2025-04-30 14:05` in local time.
    static func localTime(_ t: Int64) -> String {
        var time = time_t(t)
        var tm = tm()
        localtime_r(&time, &tm)
        return String(format: "%04d-%02d-%02d %02d:%02d", Int(tm.tm_year) + 1900, Int(tm.tm_mon) + 1, Int(tm.tm_mday),
                      Int(tm.tm_hour), Int(tm.tm_min))
    }

    /// `1.2 MB`
    static func size(_ bytes: Int) -> String {
        let b = Double(bytes)
        if b < 1024 { return "\(bytes) B" }
        if b < 1024 * 1024 { return String(format: "%.1f KB", b / 1024) }
        if b < 1024 * 1024 * 1024 { return String(format: "%.1f MB", b / 1024 / 1024) }
        return String(format: "%.2f GB", b / 1024 / 1024 / 1024)
    }

    /// Runs `body` with the store's progress going to the session's progress line, and Ctrl-C
    /// stopping long snapshot work (nothing changes then).
    static func withProgress<T>(_ session: Session, _ body: () throws -> T) rethrows -> T {
        session.store.progressHandler = { [weak session] line in session?.reportProgress(line) }
        session.store.isCancelled = { Interrupt.isPending }
        defer {
            session.store.progressHandler = nil
            session.store.isCancelled = nil
            session.finishProgress()
        }
        return try body()
    }

    /// Refuses a data-changing command on a read-only store, pointing at the command word.
    static func requireWritable(_ session: Session, _ input: CommandInput, _ what: String) throws {
        if session.store.isReadOnly {
            throw Diagnostic("the store is open read-only (another plansh holds it); \(what) is refused",
                             at: input.words.first?.span)
        }
    }

    /// The task row of a user-typed id, or a diagnostic at `span` with a suggestion.
    static func row(of id: String, span: Range<Int>, in w: Workspace) throws -> Int {
        let folded = TextFolding.fold(id)
        if let r = w.row(id: folded) { return r }
        guard let colon = folded.lastIndex(of: ":") else {
            throw Diagnostic("\"\(id)\" is not a task id (PLAN:PATH, e.g. yy2025:2.1.1)", at: span)
        }
        let plan = String(folded[..<colon])
        guard let p = w.planIndex(plan) else {
            throw Diagnostic("no plan \"\(plan)\"" + Suggest.phrase(plan, in: w.plans.map(\.id)), at: span)
        }
        let paths = w.taskRanges[p].map { w.tasks.paths[$0] }
        let path = String(folded[folded.index(after: colon)...])
        let hint = Suggest.nearest(path, in: paths).map { " — did you mean \"\(plan):\($0)\"?" } ?? ""
        throw Diagnostic("no task \"\(folded)\"" + hint, at: span)
    }
}

/// A simple result table for this group's commands: aligned text on the screen (display
/// widths, long cells cut with `…`), CSV, Markdown, HTML, and JSON objects.
struct RecordTable: Renderable {
    struct Column: Sendable {
        var title: String
        /// Key in JSON output.
        var key: String
        var numeric = false
        /// Cells of this column may be cut to fit the terminal.
        var shrinkable = false
    }

    var columns: [Column]
    var rows: [[String]]
    /// A line after the table (`3 snapshots`); not in CSV or JSON.
    var footer: String?
    /// For people, show these two columns as one `old → new` column (CSV and JSON keep both).
    var arrow: (old: Int, new: Int, title: String)?

    init(columns: [Column], rows: [[String]], footer: String? = nil, arrow: (old: Int, new: Int, title: String)? = nil) {
        self.columns = columns
        self.rows = rows
        self.footer = footer
        self.arrow = arrow
    }

    func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        switch format {
        case .json: return json()
        case .csv: return csv()
        case .markdown: return merged().markdown()
        case .html: return merged().html()
        case .table, .text: return merged().text(width: context.width)
        }
    }

    /// The table with the `arrow` columns joined.
    func merged() -> RecordTable {
        guard let a = arrow else { return self }
        var cols = columns
        cols[a.old] = Column(title: a.title, key: a.title, shrinkable: true)
        cols.remove(at: a.new)
        let rs = rows.map { r -> [String] in
            var r2 = r
            r2[a.old] = r[a.old].isEmpty && r[a.new].isEmpty ? "" : "\(r[a.old].isEmpty ? "—" : r[a.old]) → \(r[a.new].isEmpty ? "—" : r[a.new])"
            r2.remove(at: a.new)
            return r2
        }
        return RecordTable(columns: cols, rows: rs, footer: footer)
    }

    func text(width: Int) -> String {
        let gap = 2
        var widths = columns.indices.map { c in
            rows.reduce(DisplayWidth.of(columns[c].title)) { max($0, DisplayWidth.of($1[c])) }
        }
        let total = widths.reduce(0, +) + gap * max(0, columns.count - 1)
        if total > width {
            // Shrink the widest shrinkable column first, down to 10 columns each.
            var excess = total - width
            while excess > 0 {
                guard let c = columns.indices.filter({ columns[$0].shrinkable && widths[$0] > 10 })
                        .max(by: { widths[$0] < widths[$1] }) else { break }
                let cut = min(excess, widths[c] - 10)
                widths[c] -= cut
                excess -= cut
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (c, cell) in cells.enumerated() {
                let shown = DisplayWidth.truncate(cell, to: widths[c])
                let last = c == cells.count - 1
                parts.append(last && !columns[c].numeric ? shown : DisplayWidth.pad(shown, to: widths[c], right: columns[c].numeric))
            }
            var l = parts.joined(separator: String(repeating: " ", count: gap))
            while l.hasSuffix(" ") { l.removeLast() }
            return l
        }
        var out = [line(columns.map(\.title))]
        out.append(line(widths.map { String(repeating: "─", count: $0) }))
        for r in rows { out.append(line(r)) }
        if let footer { out.append(footer) }
        return out.joined(separator: "\n") + "\n"
    }

    func csv() -> String {
        func quote(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = columns.map { quote($0.key) }.joined(separator: ",") + "\r\n"
        for r in rows { out += r.map(quote).joined(separator: ",") + "\r\n" }
        return out
    }

    func markdown() -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "| " + columns.map { cell($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.numeric ? " ---: |" : " --- |" }.joined() + "\n"
        for r in rows { out += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
        if let footer { out += "\n" + footer + "\n" }
        return out
    }

    func html() -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        var out = "<table>\n<tr>" + columns.map { "<th>\(esc($0.title))</th>" }.joined() + "</tr>\n"
        for r in rows { out += "<tr>" + r.map { "<td>\(esc($0))</td>" }.joined() + "</tr>\n" }
        return out + "</table>\n"
    }

    func json() -> String {
        let objects = rows.map { r in
            "{" + zip(columns, r).map { c, v in
                JSON.quote(c.key) + ": " + (c.numeric && Double(v) != nil ? v : JSON.quote(v))
            }.joined(separator: ", ") + "}"
        }
        return objects.isEmpty ? "[]\n" : "[\n  " + objects.joined(separator: ",\n  ") + "\n]\n"
    }
}
