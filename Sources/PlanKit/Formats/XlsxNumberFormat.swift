import Foundation

/// What a spreadsheet number format makes of a number: a date, a percent, or a plain number.
/// Shared by the xlsx reader (to read a cell as its user sees it) and writer (date cells).
enum XlsxNumberFormat: Sendable, Equatable {
    case number, percent, date

    /// The kind of a built-in format id: 9–10 are percents; 14–22 dates and times; 27–36 and
    /// 50–58 the dates of East Asian locales (`yyyy"年"m"月"d"日"`, what a Chinese Excel writes).
    static func builtIn(_ id: Int) -> XlsxNumberFormat {
        switch id {
        case 9, 10: .percent
        case 14...22, 27...36, 50...58: .date
        default: .number
        }
    }

    /// The kind of a format code: a date when it has a y, d or m (m only without h or s, which
    /// would make it minutes) outside quotes, escapes and `[…]`; a percent when it has a `%`.
    /// (`General` has none of these letters.)
    static func code(_ code: String) -> XlsxNumberFormat {
        var plain = ""
        var quoted = false, bracket = false, escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            switch ch {
            case "\"": quoted.toggle()
            case "\\" where !quoted: escaped = true
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default: if !quoted && !bracket { plain.append(ch) }
            }
        }
        // Only the first section (positive numbers) says what the cell is.
        let first = plain.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? plain
        let lower = first.lowercased()
        if lower.contains("y") || lower.contains("d") { return .date }
        if lower.contains("m") && !lower.contains("h") && !lower.contains("s") { return .date }
        if first.contains("%") { return .percent }
        return .number
    }

    /// The day a date serial number stands for (1900 date system, with Excel's phantom
    /// 1900-02-29 at serial 60; or 1904 when the workbook says so); nil when out of range.
    static func day(serial: Double, date1904: Bool) -> CalendarDay? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        if date1904 {
            days += 1462
        } else if days < 60 {
            days += 1
        }
        // Serial 25569 is 1970-01-01 (serials count days from 1899-12-30).
        return CalendarDay(dayNumber: days - 25569)
    }

    /// The 1900-system serial number of a day (what the writer puts in a date cell).
    static func serial(of day: CalendarDay) -> Int {
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (day.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let unix = era * 146_097 + doe - 719_468
        return unix + 25569
    }

    /// A number as a person reads it in a General cell: up to 15 significant digits, no
    /// trailing zeros, no exponent for ordinary sizes (`40`, `0.3`, `2.1`).
    static func text(_ v: Double) -> String {
        guard v.isFinite else { return String(v) }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        var s = String(format: "%.15g", v)
        if s.contains("e") { return s }
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// The text of a numeric cell shown in this format: a date as `YYYY-MM-DD`, a percent as its
    /// number of percent (0.4 → `40`), anything else as a number.
    func text(_ v: Double, date1904: Bool) -> String {
        switch self {
        case .number: return XlsxNumberFormat.text(v)
        case .percent: return XlsxNumberFormat.text((v * 100 * 1e9).rounded() / 1e9)
        case .date:
            return XlsxNumberFormat.day(serial: v, date1904: date1904)?.description ?? XlsxNumberFormat.text(v)
        }
    }
}
