/// The cell styles every workbook plansh writes shares (`xl/styles.xml`), by index.
enum XlsxStyle: Int, CaseIterable {
    case plain = 0, header, text, number, date, red, yellow, green

    static func of(_ cell: XlsxCell) -> XlsxStyle {
        switch cell.fill {
        case .red?: return .red
        case .yellow?: return .yellow
        case .green?: return .green
        case nil: break
        }
        switch cell.value {
        case .empty, .text: return .text
        case .number: return .number
        case .date: return .date
        }
    }

    /// The custom number format of date cells.
    static let dateFormatID = 164

    /// Fonts: regular, bold. Fills: none, gray125 (both required), header grey, red, yellow, green
    /// (the light fills of Excel's conditional formatting presets). Border: none, thin all round.
    static let stylesXML: String = {
        var s = XlsxWriter.header + #"<styleSheet xmlns="\#(XlsxWriter.mainNS)">"#
        s += #"<numFmts count="1"><numFmt numFmtId="\#(dateFormatID)" formatCode="yyyy-mm-dd"/></numFmts>"#
        s += #"<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font>"#
        s += #"<font><b/><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts>"#
        s += #"<fills count="6"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        for rgb in ["FFD9E1F2", "FFFFC7CE", "FFFFEB9C", "FFC6EFCE"] {
            s += #"<fill><patternFill patternType="solid"><fgColor rgb="\#(rgb)"/><bgColor indexed="64"/></patternFill></fill>"#
        }
        s += "</fills>"
        s += #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
        s += #"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>"#
        s += #"<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#
        s += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        let top = #"<alignment vertical="top" wrapText="1"/>"#
        let center = #"<alignment horizontal="center" vertical="top"/>"#
        let xfs = [
            #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
            #"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>"#,
            #"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">\#(top)</xf>"#,
            #"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>"#,
            #"<xf numFmtId="\#(dateFormatID)" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>"#,
        ] + (3...5).map { fill in
            #"<xf numFmtId="0" fontId="0" fillId="\#(fill)" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1">\#(center)</xf>"#
        }
        s += #"<cellXfs count="\#(xfs.count)">"# + xfs.joined() + "</cellXfs>"
        s += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        return s + "</styleSheet>"
    }()
}

/// One worksheet's XML.
enum XlsxSheetXML {
    /// `A`, `B`, …, `Z`, `AA`, … for column index 0, 1, ….
    static func columnName(_ i: Int) -> String {
        var n = i + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// `$A$1:$L$101`: the header and data of a sheet.
    static func absoluteRange(_ sheet: XlsxSheet) -> String {
        let last = columnName(max(0, sheet.headers.count - 1))
        return "$A$1:$\(last)$\(sheet.rows.count + 1)"
    }

    /// Column widths in character cells: the widest display width (CJK = 2) of each column's
    /// header and cells, plus padding, between 6 and the sheet's maximum.
    static func widths(_ sheet: XlsxSheet) -> [Int] {
        let cap = sheet.maxColumnWidth
        var w = sheet.headers.map { DisplayWidth.of($0) + 4 }
        for row in sheet.rows {
            for (i, c) in row.enumerated() where i < w.count && w[i] < cap {
                // Only the first line of a multi-line cell sets the width; wrapping does the rest.
                let text = c.displayText
                let line = text.firstIndex(of: "\n").map { text[..<$0] } ?? Substring(text)
                w[i] = max(w[i], DisplayWidth.of(line) + 2)
            }
        }
        return w.map { min(cap, max(6, $0)) }
    }

    static func render(_ sheet: XlsxSheet, shared: inout SharedStrings) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (sheet.rows.count + 1) * max(1, sheet.headers.count))
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        let lastColumn = columnName(max(0, sheet.headers.count - 1))
        put(XlsxWriter.header + #"<worksheet xmlns="\#(XlsxWriter.mainNS)" xmlns:r="\#(XlsxWriter.relNS)">"#)
        put(#"<dimension ref="A1:\#(lastColumn)\#(sheet.rows.count + 1)"/>"#)
        if sheet.freezeHeader {
            put(#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#)
            put(#"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#)
        }
        put(#"<sheetFormatPr defaultRowHeight="15"/>"#)
        if !sheet.headers.isEmpty {
            put("<cols>")
            for (i, w) in widths(sheet).enumerated() {
                put(#"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(w)" customWidth="1"/>"#)
            }
            put("</cols>")
        }
        put("<sheetData>")
        put(#"<row r="1">"#)
        for (i, h) in sheet.headers.enumerated() {
            put(#"<c r="\#(columnName(i))1" s="\#(XlsxStyle.header.rawValue)" t="s"><v>\#(shared.id(h))</v></c>"#)
        }
        put("</row>")
        let names = (0..<max(sheet.headers.count, sheet.rows.map(\.count).max() ?? 0)).map(columnName)
        for (r, row) in sheet.rows.enumerated() {
            let n = String(r + 2)
            put(#"<row r="\#(n)">"#)
            for (i, cell) in row.enumerated() {
                cellXML(cell, ref: names[i] + n, into: &out, shared: &shared)
            }
            put("</row>")
        }
        put("</sheetData>")
        if sheet.autoFilter && !sheet.headers.isEmpty {
            put(#"<autoFilter ref="A1:\#(lastColumn)\#(sheet.rows.count + 1)"/>"#)
        }
        if !sheet.validations.isEmpty {
            put(#"<dataValidations count="\#(sheet.validations.count)">"#)
            for v in sheet.validations {
                let col = columnName(v.column)
                let list = "\"" + v.values.joined(separator: ",") + "\""
                put(#"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" "#)
                put(#"sqref="\#(col)2:\#(col)\#(max(2, sheet.rows.count + 1) + 1000)"><formula1>\#(XML.escape(list))</formula1></dataValidation>"#)
            }
            put("</dataValidations>")
        }
        put(#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#)
        put("</worksheet>")
        return out
    }

    static func cellXML(_ cell: XlsxCell, ref: String, into out: inout [UInt8], shared: inout SharedStrings) {
        let style = XlsxStyle.of(cell).rawValue
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        switch cell.value {
        case .empty:
            // An empty cell is written only when it has a look of its own (a border, a light).
            put(#"<c r="\#(ref)" s="\#(style)"/>"#)
        case let .text(s):
            put(#"<c r="\#(ref)" s="\#(style)" t="s"><v>\#(shared.id(s))</v></c>"#)
        case let .number(v):
            put(#"<c r="\#(ref)" s="\#(style)"><v>\#(XlsxNumberFormat.text(v))</v></c>"#)
        case let .date(d):
            put(#"<c r="\#(ref)" s="\#(style)"><v>\#(XlsxNumberFormat.serial(of: d))</v></c>"#)
        }
    }
}
