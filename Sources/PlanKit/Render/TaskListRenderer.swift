/// The tasks a `find` returned, in order, and the columns `show` chose for the screen.
///
/// JSON is the stable shape for other programs (SPEC §3): an array of task objects with every
/// field, whatever `show` selected. CSV is written straight from the columns' bytes, so large
/// results cost little more than their size; the table, Markdown and HTML go through `ResultTable`.
public struct TaskList: Renderable, Sendable {
    public let workspace: Workspace
    /// Rows of `workspace.tasks`, in result order.
    public let rows: [Int]
    public let columns: [Field]

    /// What `find` shows when no `show` is given.
    public static let defaultColumns: [Field] = [.id, .office, .status, .progress, .heading]

    public init(workspace: Workspace, rows: [Int], columns: [Field] = TaskList.defaultColumns) {
        self.workspace = workspace
        self.rows = rows
        self.columns = columns.isEmpty ? TaskList.defaultColumns : columns
    }

    public var taskIDs: [String] { rows.map { workspace.taskID(row: $0) } }

    public func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        switch format {
        case .json: return renderJSON()
        case .csv: return renderCSV()
        default:
            var t = table()
            t.rowNoun = "tasks"
            return t.render(format, context)
        }
    }

    /// The shown columns as a generic table.
    public func table() -> ResultTable {
        let cols = columns.map { f -> ResultTable.Column in
            switch f {
            case .id: ResultTable.Column("id", minWidth: 28)
            case .heading, .text, .note: ResultTable.Column(f.name, overflow: .truncate)
            case .progress, .level: ResultTable.Column(f.name, alignment: .right)
            case .status: ResultTable.Column.toned(f.name)
            default: ResultTable.Column(f.name)
            }
        }
        let cells = rows.map { r in columns.map { cell($0, row: r) } }
        return ResultTable(columns: cols, rows: cells, rowNoun: "tasks")
    }

    /// One field of one row as a cell.
    public func cell(_ f: Field, row r: Int) -> ResultTable.Cell {
        let t = workspace.tasks
        switch f {
        case .id: return .text(workspace.taskID(row: r))
        case .plan: return .text(workspace.plans[Int(t.planRow[r])].id)
        case .path, .section: return .text(t.paths[r])
        case .heading: return .text(t.headings[r])
        case .text: return .text(t.texts[r])
        case .office: return .list(t.officeCodes(row: r).map { t.offices[$0] })
        case .status: return .text((TaskStatus(rawValue: t.status[r]) ?? .notStarted).keyword)
        case .progress: return .integer(Int(t.progress[r]))
        case .note: return .text(t.notes[t.noteCode[r]])
        case .due: return CalendarDay(ordinal: t.due[r]).map { .text($0.description) } ?? .null
        case .updated: return t.updated[r] < 0 ? .null : .text(YearMonth(ordinal: Int(t.updated[r])).description)
        case .target: return .list(t.targetRange(row: r).map { t.targetRaw[$0] })
        case .unit: return .list(t.targetRange(row: r).map { t.units[t.targetUnit[$0]] })
        case .level: return .integer(t.paths[r].split(separator: ".").count)
        case .overdue:
            let today = CalendarDay(containing: .init()).ordinal
            return .bool(t.due[r] > 0 && t.due[r] < today && t.status[r] != TaskStatus.done.rawValue)
        }
    }

    // MARK: CSV

    func renderCSV() -> String {
        let t = workspace.tasks
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 24 * columns.count + 64)
        out.append(contentsOf: columns.map(\.name).joined(separator: ",").utf8)
        out.append(contentsOf: [0x0D, 0x0A])
        func field(_ bytes: ArraySlice<UInt8>) {
            if bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out.append(0x22)
                for b in bytes {
                    if b == 0x22 { out.append(0x22) }
                    out.append(b)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: bytes)
            }
        }
        // Plan id bytes, made once per plan that appears.
        var planBytes = [[UInt8]?](repeating: nil, count: workspace.plans.count)
        for r in rows {
            for (k, f) in columns.enumerated() {
                if k > 0 { out.append(0x2C) }
                switch f {
                case .id:
                    // Plan ids and paths never need quoting.
                    let p = Int(t.planRow[r])
                    if planBytes[p] == nil { planBytes[p] = Array(workspace.plans[p].id.utf8) }
                    out.append(contentsOf: planBytes[p] ?? [])
                    out.append(0x3A)
                    out.append(contentsOf: t.paths.bytes[t.paths.byteRange(r)])
                case .path, .section:
                    out.append(contentsOf: t.paths.bytes[t.paths.byteRange(r)])
                case .heading:
                    field(t.headings.bytes[t.headings.byteRange(r)])
                case .text:
                    field(t.texts.bytes[t.texts.byteRange(r)])
                case .progress:
                    out.append(contentsOf: String(t.progress[r]).utf8)
                default:
                    field(ArraySlice(cell(f, row: r).text.utf8))
                }
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: JSON

    func renderJSON() -> String {
        guard !rows.isEmpty else { return "[]\n" }
        var out = "[\n"
        for (k, r) in rows.enumerated() {
            out += "  " + TaskList.json(workspace: workspace, row: r)
            out += k == rows.count - 1 ? "\n" : ",\n"
        }
        return out + "]\n"
    }

    /// The stable JSON object of one task (SPEC §3).
    public static func json(workspace: Workspace, row r: Int) -> String {
        let t = workspace.tasks
        let plan = workspace.plans[Int(t.planRow[r])].id
        let path = t.paths[r]
        var o = "{\"id\": " + JSON.quote(plan + ":" + path)
        o += ", \"plan\": " + JSON.quote(plan)
        o += ", \"path\": " + JSON.quote(path)
        o += ", \"heading\": " + JSON.quote(t.headings[r])
        o += ", \"text\": " + JSON.quote(t.texts[r])
        o += ", \"offices\": [" + t.officeCodes(row: r).map { JSON.quote(t.offices[$0]) }.joined(separator: ", ") + "]"
        o += ", \"targets\": [" + t.targetRange(row: r).map { i in
            let g = t.target(at: i)
            return "{\"raw\": " + JSON.quote(g.raw) + ", \"metric\": " + JSON.quote(g.metric)
                + ", \"comparator\": " + JSON.quote(g.comparator.rawValue)
                + ", \"value\": " + JSON.number(g.value) + ", \"low\": " + JSON.number(g.low)
                + ", \"high\": " + JSON.number(g.high) + ", \"unit\": " + JSON.quote(g.unit) + "}"
        }.joined(separator: ", ") + "]"
        o += ", \"status\": " + JSON.quote((TaskStatus(rawValue: t.status[r]) ?? .notStarted).keyword)
        o += ", \"progress\": " + String(t.progress[r])
        o += ", \"note\": " + JSON.quote(t.notes[t.noteCode[r]])
        o += ", \"due\": " + (CalendarDay(ordinal: t.due[r]).map { JSON.quote($0.description) } ?? "null")
        o += ", \"updated\": " + (t.updated[r] < 0 ? "null" : JSON.quote(YearMonth(ordinal: Int(t.updated[r])).description))
        return o + "}"
    }
}
