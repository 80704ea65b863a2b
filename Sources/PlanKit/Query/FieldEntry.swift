/// One field of the registry: everything plansh knows about it, declared once.
///
/// The checker asks an entry to turn `field op value` into a `Predicate` (entries with a
/// specialised column evaluator return one of the columnar predicate cases, or `.custom` with a
/// `RowTest` whose `scan` is a tight loop); ordering, grouping, every renderer, `help query`
/// and completion read the other members. Adding a field is adding one entry to a group file
/// (`TaskFields…swift`) and naming it in `FieldRegistry`.
final class FieldEntry: Sendable {
    /// `field op value` for `=`, `<`, `<=`, `>`, `>=` (`!=` is checked as `not =`).
    typealias Compare = @Sendable (Checker, FieldRef, QueryOperator, _ opSpan: Range<Int>, Literal) throws -> Predicate
    /// `field in (v, …)`; nil: the `or` of `field = v`.
    typealias InList = @Sendable (Checker, FieldRef, [Literal], _ span: Range<Int>) throws -> Predicate
    /// `contains` / `matches` with the checked text test; nil: the field is not text.
    typealias TextMatch = @Sendable (Checker, TextTest) -> Predicate

    let name: String
    let rowKind: RowKind
    /// Other spellings (Chinese names first, then English plurals); folded and lowercased on lookup.
    let aliases: [String]
    let kind: Field.Kind
    let summary: String
    let multiValued: Bool
    /// Table column: header (from the lexicon by name), alignment, overflow, minimum width.
    let column: ResultTable.Column
    /// The cell of row `r`, in English (JSON's words).
    let cell: @Sendable (RowSource, Int) -> ResultTable.Cell
    /// A text value in another language (`behind` → `滞后`) for the screen and CSV; nil: as is.
    let localize: (@Sendable (String, Language) -> String)?
    /// Builds, once per output of `rows`, a writer appending row `r`'s CSV field (quoted as needed)
    /// straight from the column bytes; nil: the cell's text, quoted.
    let csv: (@Sendable (RowSource, _ rows: [Int]) -> CSVWriter)?
    /// The field of every row, each on its own CRLF line, when it is the only column (what
    /// `find … show id` writes): the writer; nil: row by row through `csv`.
    let csvLines: (@Sendable (RowSource, _ rows: [Int]) -> (inout ByteBuffer) -> Void)?
    /// Builds a row comparator (-1, 0, 1) once per query; ties are broken by row by the caller.
    let order: @Sendable (RowSource) -> (Int, Int) -> Int
    /// Builds the group codes of `count … by` once per query.
    let group: @Sendable (RowSource) -> GroupKey
    /// The JSON key and value of row `r` in the row object; nil: not in JSON.
    let json: JSONMember?
    /// Tab-completion values for the word being typed.
    let complete: @Sendable (Workspace, _ word: String) -> [String]
    let compare: Compare
    let inList: InList?
    let textMatch: TextMatch?
    /// `field is empty`; nil: the field always has a value.
    let empty: (@Sendable (Checker) -> Predicate)?

    typealias CSVWriter = (Int, inout ByteBuffer) -> Void

    /// `cell` as shown in `language`.
    func display(_ cell: ResultTable.Cell, in language: Language) -> ResultTable.Cell {
        guard language != .en, let localize else { return cell }
        switch cell {
        case let .text(t): return .text(localize(t, language))
        case let .list(l): return .list(l.map { localize($0, language) })
        default: return cell
        }
    }

    struct JSONMember: Sendable {
        var key: String
        var value: @Sendable (RowSource, Int) -> String
    }

    init(_ name: String, _ rowKind: RowKind = .tasks, aliases: [String] = [], kind: Field.Kind, summary: String,
         multiValued: Bool = false, column: ResultTable.Column? = nil,
         cell: @escaping @Sendable (RowSource, Int) -> ResultTable.Cell,
         localize: (@Sendable (String, Language) -> String)? = nil,
         csv: (@Sendable (RowSource, _ rows: [Int]) -> CSVWriter)? = nil,
         csvLines: (@Sendable (RowSource, _ rows: [Int]) -> (inout ByteBuffer) -> Void)? = nil,
         order: @escaping @Sendable (RowSource) -> (Int, Int) -> Int,
         group: @escaping @Sendable (RowSource) -> GroupKey,
         json: JSONMember? = nil,
         complete: @escaping @Sendable (Workspace, String) -> [String] = { _, _ in [] },
         compare: @escaping Compare, inList: InList? = nil, textMatch: TextMatch? = nil,
         empty: (@Sendable (Checker) -> Predicate)? = nil) {
        self.name = name
        self.rowKind = rowKind
        self.aliases = aliases
        self.kind = kind
        self.summary = summary
        self.multiValued = multiValued
        self.column = column ?? ResultTable.Column(name, alignment: kind == .integer || kind == .number ? .right : nil)
        self.cell = cell
        self.localize = localize
        self.csv = csv
        self.csvLines = csvLines
        self.order = order
        self.group = group
        self.json = json
        self.complete = complete
        self.compare = compare
        self.inList = inList
        self.textMatch = textMatch
        self.empty = empty
    }
}

/// What a query is judged against besides the data: one as-of date for every rule that
/// depends on the calendar (overdue, §9's expected, gap, due_in and lights: `Judge`), and the
/// language labels are shown in. Built once per command by the session and passed through the
/// checker, evaluator, ordering, grouping and renderers.
public struct QueryContext: Sendable {
    /// The day every judgement is made as of.
    public var asOf: CalendarDay
    /// The language of headers and status names on the screen and in CSV (JSON stays English).
    public var language: Language

    public init(asOf: CalendarDay, language: Language = .en) {
        self.asOf = asOf
        self.language = language
    }
}

/// The rows a query runs over and what it is judged against: passed to every entry.
public struct RowSource: Sendable {
    public let kind: RowKind
    public let workspace: Workspace
    public let context: QueryContext
    /// `workspace.tasks`, stored so per-row reads do not copy the table.
    public let tasks: TaskTable
    /// Target rows (SPEC §11) and their judgement as of `context.asOf`; empty for task rows.
    public let targets: TargetRows
    public let judged: TargetJudgements

    public init(_ kind: RowKind = .tasks, workspace: Workspace, context: QueryContext) {
        self.kind = kind
        self.workspace = workspace
        self.context = context
        tasks = workspace.tasks
        targets = kind == .targets ? workspace.tasks.queryCache.targetRows(of: workspace) : TargetRows()
        judged = kind == .targets
            ? TargetJudgements(targets, in: workspace, asOf: context.asOf,
                               actuals: workspace.tasks.queryCache.targetActuals(of: workspace, rows: targets))
            : TargetJudgements()
    }

    /// Number of rows of this kind (tasks, or targets of tasks and plans).
    public var count: Int {
        switch kind {
        case .tasks: workspace.tasks.count
        case .targets: targets.count
        }
    }

    /// The row's id as users type it (`yy2025:2.1.1`, `yy2025:2.1.1#2`, `yy2025#I1`).
    public func id(row r: Int) -> String {
        switch kind {
        case .tasks: workspace.taskID(row: r)
        case .targets: targets.ref(r, in: workspace).description
        }
    }
}

extension TaskTable {
    /// The task row owning target `i` (binary search over `targetStart`).
    public func task(ofTarget i: Int) -> Int {
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(targetStart[mid]) <= i { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
