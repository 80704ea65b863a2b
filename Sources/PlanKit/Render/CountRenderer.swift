/// What `count` returns: a total, or one count per group of `by` values.
///
/// JSON (SPEC §3): `{"count": N}` without `by`; with `by F, G` an array of
/// `{"F": value, "G": value, "count": N}`.
public struct CountResult: Renderable, Sendable {
    public struct Group: Sendable, Hashable {
        public var values: [ResultTable.Cell]
        public var count: Int
        public init(values: [ResultTable.Cell], count: Int) {
            self.values = values
            self.count = count
        }
    }

    /// The `by` fields; empty for a plain total.
    public let fields: [Field]
    public let groups: [Group]
    /// Matching tasks (each counted once, whatever the grouping).
    public let total: Int

    /// What was counted (`tasks`, `targets`).
    public let rowKind: RowKind
    public let context: QueryContext

    public init(fields: [Field], groups: [Group], total: Int, rowKind: RowKind = .tasks, context: QueryContext) {
        self.fields = fields
        self.groups = groups
        self.total = total
        self.rowKind = rowKind
        self.context = context
    }

    public func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        if fields.isEmpty {
            switch format {
            case .json: return "{\"count\": \(total)}\n"
            case .table, .text: return "\(total)\n"
            default: break
            }
        }
        var c = context
        c.language = self.context.language
        return table(format == .json ? .en : c.language).render(format, c)
    }

    /// The groups as a table, headers and values in `language` (JSON: English).
    public func table(_ language: Language = .en) -> ResultTable {
        if fields.isEmpty {
            return ResultTable(columns: [.init("count", alignment: .right)], rows: [[.integer(total)]], showsRowCount: false)
        }
        // A group value is one value even for a list field: numbers right-aligned.
        let cols = fields.map { f -> ResultTable.Column in
            .init(Lexicon.header(f, in: language), alignment: f.kind == .integer || f.kind == .number ? .right : nil)
        } + [.init(Lexicon.countHeader(language), alignment: .right)]
        let entries = fields.map(\.entry)
        let rows = groups.map { g in zip(entries, g.values).map { $0.display($1, in: language) } + [.integer(g.count)] }
        return ResultTable(columns: cols, rows: rows, rowNoun: .groups)
    }
}
