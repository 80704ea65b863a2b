/// Indicator tables written in a plan as pipe rows (SPEC §2, §11): a header such as
/// `指标名称|目标值|责任科室` and one row per indicator. They are a table, not tasks: their rows
/// leave the text and become the plan's own targets, `PLAN#I1`, `PLAN#I2`, … in written order,
/// each with the offices of its 责任科室 cell (lead first).
enum IndicatorTable {
    typealias Line = (scalars: ArraySlice<UInt32>, line: Int)

    /// The columns of a header row: which cell names the indicator, its target value, its office.
    struct Columns {
        var name: Int
        var value: Int
        var office: Int?
    }

    /// Whether `s` holds a cell separator `|` or `｜`.
    static func isRow(_ s: ArraySlice<UInt32>) -> Bool { s.contains { $0 == 0x7C || $0 == 0xFF5C } }

    static func cells(_ s: ArraySlice<UInt32>) -> [String] {
        s.split(omittingEmptySubsequences: false) { $0 == 0x7C || $0 == 0xFF5C }  // | ｜
            .map { trimmed($0).string }
            .drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed()
    }

    /// The header's columns, or nil when the row is not an indicator table header.
    static func header(_ cells: [String]) -> Columns? {
        guard cells.count >= 2,
              let name = cells.firstIndex(where: { $0.holds("指标") && !$0.holds("值") && !$0.holds("目标") }),
              let value = cells.firstIndex(where: { $0.holds("目标") || $0.holds("值") }), value != name else { return nil }
        let office = cells.firstIndex { $0.holds("科室") || $0.holds("单位") || $0.holds("处室") || $0.holds("责任") }
        return Columns(name: name, value: value, office: office == name || office == value ? nil : office)
    }

    /// Removes every indicator table from `lines`; returns the indicators, with a warning per table
    /// and one for each row whose target cell holds no figure (its text is kept as an extra).
    static func extract(_ lines: inout [Line], warnings: inout [ImportWarning], extras: inout [String]) -> [PlanIndicator] {
        // Most documents have no pipe at all: leave them untouched at no cost.
        guard lines.contains(where: { isRow($0.scalars) }) else { return [] }
        var out: [PlanIndicator] = []
        var kept: [Line] = []
        var i = 0
        while i < lines.count {
            // A header has two cells or more, so a line without a pipe is not one (and is not split).
            guard isRow(lines[i].scalars), let cols = header(cells(lines[i].scalars)) else {
                kept.append(lines[i])
                i += 1
                continue
            }
            let first = lines[i].line, before = out.count
            i += 1
            while i < lines.count, isRow(lines[i].scalars) {
                let row = cells(lines[i].scalars)
                defer { i += 1 }
                if row.allSatisfy({ $0.allSatisfy { "-:— ".contains($0) } }) { continue }  // a Markdown rule
                guard row.count > max(cols.name, cols.value) else { continue }
                guard var t = FigureExtractor.targets(in: row[cols.value]).first else {
                    warnings.append(ImportWarning(line: lines[i].line, Messages.indicatorWithoutFigure(row[cols.name])))
                    extras.append(row.joined(separator: "|"))
                    continue
                }
                t.metric = row[cols.name]
                t.raw = row[cols.value]
                t.kind = .target
                var offices: [String] = []
                if let o = cols.office, o < row.count {
                    offices = OfficeTag.splitOffices(scalars(of: row[o])[...]).0
                }
                out.append(PlanIndicator(target: t, offices: offices, line: lines[i].line))
            }
            let n = out.count - before
            warnings.append(ImportWarning(line: first, n == 0 ? Messages.indicatorTableEmpty()
                                          : Messages.indicatorRowsRead(n, first: before + 1, last: out.count)))
        }
        lines = kept
        return out
    }
}
