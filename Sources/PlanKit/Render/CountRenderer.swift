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

    public init(fields: [Field], groups: [Group], total: Int) {
        self.fields = fields
        self.groups = groups
        self.total = total
    }

    public func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        if fields.isEmpty {
            switch format {
            case .json: return "{\"count\": \(total)}\n"
            case .table, .text: return "\(total)\n"
            default: break
            }
        }
        return table().render(format, context)
    }

    public func table() -> ResultTable {
        if fields.isEmpty {
            return ResultTable(columns: [.init("count", alignment: .right)], rows: [[.integer(total)]], showsRowCount: false)
        }
        let cols = fields.map { f -> ResultTable.Column in
            f == .progress || f == .level || f == .target ? .init(f.name, alignment: .right) : .init(f.name)
        } + [.init("count", alignment: .right)]
        return ResultTable(columns: cols, rows: groups.map { $0.values + [.integer($0.count)] }, rowNoun: "groups")
    }
}
