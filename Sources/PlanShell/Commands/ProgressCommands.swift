import Foundation
import PlanKit

/// Commands of this group, one file each beside this one: progress (update, history,
/// import progress) and the store (save, snapshots, load, diff, check, recover).
enum ProgressCommands {
    static let specs: [CommandSpec] = [
        UpdateCommand.spec, HistoryCommand.spec, ImportProgressCommand.spec,
        SaveCommand.spec, SnapshotsCommand.spec, LoadCommand.spec, DiffCommand.spec, CheckCommand.spec,
        RecoverCommand.spec,
    ]

    /// Seconds since 1970, now.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

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
}

/// The tables of this group's commands, drawn by the shared `ResultTable`: for people (table,
/// Markdown, HTML) two columns may be shown as one `old → new` column, while CSV and JSON keep
/// them apart for programs.
struct RecordTable: Renderable {
    struct Column: Sendable {
        var title: String
        var numeric = false
        /// Cells of this column may be cut to fit the terminal (otherwise kept whole).
        var shrinkable = false
    }

    var columns: [Column]
    var rows: [[String]]
    /// Shown above the table (table, Markdown, HTML).
    var title: String?
    /// The noun of the row count line.
    var rowNoun: RowNoun
    /// For people, show these two columns as one `old → new` column.
    var arrow: (old: Int, new: Int)?
    /// The tasks the table is about (a history, a diff), when it is about tasks.
    var subjects: [String]?
    /// The title in each language, when it has one (`set lang`); nil: `title` in every language.
    var titles: Term?
    /// A row's words in another language (`set lang zh`) for every format but JSON; nil: as is.
    var words: (@Sendable ([String], Language) -> [String])?

    init(columns: [Column], rows: [[String]], title: String? = nil, rowNoun: RowNoun = .rows,
         arrow: (old: Int, new: Int)? = nil) {
        self.columns = columns
        self.rows = rows
        self.title = title
        self.rowNoun = rowNoun
        self.arrow = arrow
    }

    func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        let shown = format == .json ? self : self.in(context.language)
        return shown.table(forPeople: ![.csv, .json].contains(format)).render(format, context)
    }

    /// This table with its title and rows in `language`.
    func `in`(_ language: Language) -> RecordTable {
        var t = self
        if let titles { t.title = titles[language] }
        if let words, language != .en { t.rows = rows.map { words($0, language) } }
        return t
    }

    func table(forPeople: Bool) -> ResultTable {
        func cell(_ v: String, _ c: Column) -> ResultTable.Cell {
            c.numeric ? Int(v).map { .integer($0) } ?? .text(v) : .text(v)
        }
        var cols = columns.map {
            ResultTable.Column($0.title, alignment: $0.numeric ? .right : .left, overflow: .truncate,
                               minWidth: $0.shrinkable ? nil : DisplayWidth.of($0.title))
        }
        var cells = rows.map { r in zip(r, columns).map { cell($0, $1) } }
        if forPeople, let a = arrow {
            cols[a.old] = ResultTable.Column("\(columns[a.old].title) → \(columns[a.new].title)")
            cols.remove(at: a.new)
            cells = zip(rows, cells).map { r, c in
                var c2 = c
                let old = r[a.old], new = r[a.new]
                c2[a.old] = .text(old.isEmpty && new.isEmpty ? "" : "\(old.isEmpty ? "—" : old) → \(new.isEmpty ? "—" : new)")
                c2.remove(at: a.new)
                return c2
            }
        }
        return ResultTable(columns: cols, rows: cells, title: forPeople ? title : nil, rowNoun: rowNoun)
    }
}
