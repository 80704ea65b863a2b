/// A workbook to write as .xlsx: sheets of typed cells, each with a header row (frozen, with an
/// autofilter), column widths by display width and optional list validations.
public struct XlsxWorkbook: Sendable {
    public var sheets: [XlsxSheet]
    public init(sheets: [XlsxSheet]) { self.sheets = sheets }
}

/// One worksheet: a header row, then data rows.
public struct XlsxSheet: Sendable {
    public var name: String
    public var headers: [String]
    public var rows: [[XlsxCell]]
    /// Keep the header row in view while scrolling, and put filter buttons on it.
    public var freezeHeader = true
    public var autoFilter = true
    /// Columns whose cells must be one of a list of words (a drop-down in Excel, WPS, LibreOffice).
    public var validations: [(column: Int, values: [String])] = []
    /// The widest a column gets, in character cells; longer text wraps.
    public var maxColumnWidth = 60

    public init(name: String, headers: [String], rows: [[XlsxCell]]) {
        self.name = name
        self.headers = headers
        self.rows = rows
    }
}

/// A cell's value and how it looks.
public struct XlsxCell: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case empty
        case text(String)
        case number(Double)
        case date(CalendarDay)
    }

    /// A background for a traffic light (三色预警).
    public enum Fill: Sendable, Hashable, CaseIterable { case red, yellow, green }

    public var value: Value
    public var fill: Fill?

    public init(_ value: Value, fill: Fill? = nil) {
        self.value = value
        self.fill = fill
    }

    public static let empty = XlsxCell(.empty)
    public static func text(_ s: String) -> XlsxCell { s.isEmpty ? .empty : XlsxCell(.text(s)) }
    public static func number(_ v: Double) -> XlsxCell { XlsxCell(.number(v)) }
    public static func integer(_ v: Int) -> XlsxCell { XlsxCell(.number(Double(v))) }
    public static func date(_ d: CalendarDay?) -> XlsxCell { d.map { XlsxCell(.date($0)) } ?? .empty }

    /// The text the width of its column is measured by.
    var displayText: String {
        switch value {
        case .empty: ""
        case let .text(s): s
        case let .number(v): XlsxNumberFormat.text(v)
        case let .date(d): d.description
        }
    }
}

extension XlsxWorkbook {
    /// A workbook of one sheet holding `table` (its columns as the header, numbers as numbers).
    public init(table: ResultTable, sheetName: String) {
        let rows = table.rows.map { row in
            table.columns.indices.map { i -> XlsxCell in
                guard i < row.count else { return .empty }
                return XlsxCell(resultCell: row[i])
            }
        }
        self.init(sheets: [XlsxSheet(name: sheetName, headers: table.columns.map(\.name), rows: rows)])
    }
}

extension XlsxCell {
    /// A result table cell: numbers stay numbers, the rest is its text.
    public init(resultCell c: ResultTable.Cell) {
        switch c {
        case let .integer(i): self = .integer(i)
        case let .number(d): self = d.isFinite ? .number(d) : .text(c.text)
        case .null: self = .empty
        default: self = .text(c.text)
        }
    }
}
