/// The rows a `find` returned, in order, and the columns `show` chose for the screen.
///
/// Every column comes from its field's registry entry: header, alignment, cell, CSV bytes and
/// JSON member. JSON is the stable shape for other programs (SPEC §3): an array of row objects
/// with every field that has a JSON member, whatever `show` selected. CSV is written straight
/// from the columns' bytes where the entry offers it, so large results cost little more than
/// their size; the table, Markdown and HTML go through `ResultTable`.
public struct TaskList: Renderable, Sendable {
    public let source: RowSource
    /// Rows of the source, in result order.
    public let rows: [Int]
    public let columns: [Field]

    /// What `find` shows when no `show` is given.
    public static let defaultColumns: [Field] = [.id, .office, .status, .progress, .heading]

    public init(_ source: RowSource, rows: [Int], columns: [Field] = []) {
        self.source = source
        self.rows = rows
        self.columns = columns.isEmpty ? TaskList.defaultColumns(source.kind) : columns
    }

    public var workspace: Workspace { source.workspace }

    /// What `find targets` shows when no `show` is given.
    public static let defaultTargetColumns: [Field] = ["id", "lead", "metric", "comparator", "value", "unit", "actual",
                                                       "attainment", "light"].compactMap { FieldRegistry.field(named: $0, in: .targets) }

    /// The default columns of a row kind.
    public static func defaultColumns(_ kind: RowKind) -> [Field] {
        kind == .tasks ? defaultColumns : defaultTargetColumns
    }

    public var taskIDs: [String] { rows.map { source.id(row: $0) } }

    public func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        switch format {
        case .json: return renderJSON()
        case .csv: return renderCSV()
        default:
            var c = context
            c.language = source.context.language
            return table().render(format, c)
        }
    }

    /// The shown columns as a generic table, headers in the context's language.
    public func table() -> ResultTable {
        let language = source.context.language
        let cols = columns.map { f -> ResultTable.Column in
            var c = f.entry.column
            c.name = Lexicon.header(f, in: language)
            return c
        }
        let entries = columns.map(\.entry)
        let cells = rows.map { r in entries.map { $0.display($0.cell(source, r), in: language) } }
        return ResultTable(columns: cols, rows: cells, rowNoun: RowNoun(source.kind))
    }

    /// One field of one row as a cell.
    public func cell(_ f: Field, row r: Int) -> ResultTable.Cell { f.entry.cell(source, r) }

    // MARK: CSV

    public func byteWriter(_ format: OutputFormat, _ context: RenderContext) -> ByteWriter? {
        guard format == .csv else { return nil }
        return { put in
            withoutActuallyEscaping(put) { put in
                var out = ByteBuffer(flushingTo: put)
                writeCSV(to: &out)
                out.flush()
            }
        }
    }

    func renderCSV() -> String {
        var out = ByteBuffer(capacity: rows.count * 32 * columns.count + 64)
        writeCSV(to: &out)
        return out.string()
    }

    /// The CSV text's bytes: the header, then a line (CRLF) per row.
    func writeCSV(to out: inout ByteBuffer) {
        let language = source.context.language
        let header = Array(columns.map { ResultTable.csvField(Lexicon.header($0, in: language)) }.joined(separator: ",").utf8)
            + [0x0D, 0x0A]
        header.withUnsafeBufferPointer { out.append($0) }
        if columns.count == 1, let lines = columns[0].entry.csvLines {
            lines(source, rows)(&out)
            return
        }
        let writers: [FieldEntry.CSVWriter] = columns.map { f in
            if let make = f.entry.csv { return make(source, rows) }
            let entry = f.entry, s = source
            return { r, out in FieldSupport.appendCSV(entry.display(entry.cell(s, r), in: language).text, to: &out) }
        }
        if writers.count == 1, let write = writers.first {
            for r in rows {
                write(r, &out)
                out.append(0x0D)
                out.append(0x0A)
            }
            return
        }
        for r in rows {
            for (k, write) in writers.enumerated() {
                if k > 0 { out.append(0x2C) }
                write(r, &out)
            }
            out.append(0x0D)
            out.append(0x0A)
        }
    }

    // MARK: JSON

    func renderJSON() -> String {
        guard !rows.isEmpty else { return "[]\n" }
        let members = FieldRegistry.entries(source.kind).compactMap(\.json)
        var out = "[\n"
        for (k, r) in rows.enumerated() {
            out += "  " + TaskList.json(members, source, row: r)
            out += k == rows.count - 1 ? "\n" : ",\n"
        }
        return out + "]\n"
    }

    /// The stable JSON object of one task (SPEC §3): every entry's JSON member, in registry order.
    public static func json(workspace: Workspace, row r: Int, context: QueryContext) -> String {
        let source = RowSource(.tasks, workspace: workspace, context: context)
        return json(FieldRegistry.entries(.tasks).compactMap(\.json), source, row: r)
    }

    static func json(_ members: [FieldEntry.JSONMember], _ source: RowSource, row r: Int) -> String {
        var o = "{"
        for (i, m) in members.enumerated() {
            if i > 0 { o += ", " }
            o += JSON.quote(m.key) + ": " + m.value(source, r)
        }
        return o + "}"
    }
}
