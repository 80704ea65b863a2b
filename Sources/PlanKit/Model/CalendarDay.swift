import Foundation

/// A calendar month `YYYY-MM`, the period progress refers to.
public struct YearMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init?(year: Int, month: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` (also `YYYY-M`).
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(year: y, month: m)
    }

    /// The month containing `date`, in the local time zone.
    public init(containing date: Date) {
        let c = Calendar(identifier: .gregorian).dateComponents(in: .current, from: date)
        year = c.year ?? 1970
        month = c.month ?? 1
    }

    public var ordinal: Int { year * 12 + (month - 1) }
    public init(ordinal: Int) {
        year = ordinal / 12
        month = ordinal % 12 + 1
    }

    public var previous: YearMonth { YearMonth(ordinal: ordinal - 1) }
    public var description: String { String(format: "%04d-%02d", year, month) }
    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.ordinal < b.ordinal }
}

/// A calendar day `YYYY-MM-DD` (due dates).
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= CalendarDay.daysIn(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; `YYYY-MM` means the last day of that month.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count == 4,
              let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        if parts.count == 3 {
            guard let d = Int(parts[2]) else { return nil }
            self.init(year: y, month: m, day: d)
        } else {
            guard (1...12).contains(m) else { return nil }
            self.init(year: y, month: m, day: CalendarDay.daysIn(year: y, month: m))
        }
    }

    public init(containing date: Date) {
        let c = Calendar(identifier: .gregorian).dateComponents(in: .current, from: date)
        year = c.year ?? 1970
        month = c.month ?? 1
        day = c.day ?? 1
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A sortable integer `YYYYMMDD`, what the columnar store keeps.
    public var ordinal: Int32 { Int32(year * 10000 + month * 100 + day) }
    public init?(ordinal: Int32) {
        guard ordinal > 0 else { return nil }
        let o = Int(ordinal)
        self.init(year: o / 10000, month: o / 100 % 100, day: o % 100)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.ordinal < b.ordinal }

    /// Days since 1970-01-01 (negative before), for counting days between dates.
    public var dayNumber: Int { CalendarDay.dayNumber(year: year, month: month, day: day) }

    /// The day `n` days after 1970-01-01.
    public init(dayNumber n: Int) {
        // Howard Hinnant's civil_from_days.
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01 of a valid date (Hinnant's days_from_civil).
    @inline(__always)
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Days since 1970-01-01 of a stored ordinal `YYYYMMDD` (no validation: the store keeps valid dates).
    @inline(__always)
    public static func dayNumber(ordinal o: Int32) -> Int {
        let v = Int(o)
        return dayNumber(year: v / 10000, month: v / 100 % 100, day: v % 100)
    }

    /// The last day of `month` in `year`.
    public static func lastDay(year: Int, month: Int) -> CalendarDay? {
        guard (1...12).contains(month) else { return nil }
        return CalendarDay(year: year, month: month, day: daysIn(year: year, month: month))
    }
}
