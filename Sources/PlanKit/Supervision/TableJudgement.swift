/// Judging rows of the columnar task table: the whole-column loops the queries use, and
/// one-row judgements for display. Dates are stored as `YYYYMMDD`; they are turned into day
/// numbers through a one-entry cache each, since most rows share their plan's start and due.
extension Judge {
    /// Converts stored `YYYYMMDD` ordinals to day numbers, remembering the last one.
    struct DayCache {
        var ordinal: Int32 = -1
        var day = 0
        @inline(__always) mutating func day(_ o: Int32) -> Int {
            if o != ordinal {
                ordinal = o
                day = CalendarDay.dayNumber(ordinal: o)
            }
            return day
        }
        /// The day number of a due ordinal (`Judge.dueDay`: 0 is no due), remembering the last one.
        @inline(__always) mutating func due(_ o: Int32) -> Int {
            if o != ordinal {
                ordinal = o
                day = Judge.dueDay(ordinal: o)
            }
            return day
        }
    }

    /// The light of every row, as `Light.rawValue` (red 0, yellow 1, green 2): judged once per
    /// as-of day and rules, then kept in the table's query cache until a light's column changes.
    public func lights(in t: TaskTable) -> [UInt8] { t.queryCache.lights(of: t, judge: self).light }

    /// How many rows are red, and how many are due soon (the prompt's counts), kept with the lights.
    public func redAndDueSoon(in t: TaskTable) -> (red: Int, dueSoon: Int) {
        let judged = t.queryCache.lights(of: t, judge: self)
        return (judged.red, judged.dueSoon)
    }

    /// The light of one row.
    @inline(__always)
    public func light(row r: Int, in t: TaskTable) -> Light {
        light(start: CalendarDay.dayNumber(ordinal: t.start[r]), due: Judge.dueDay(ordinal: t.due[r]),
              progress: Int(t.progress[r]), status: t.status[r]).0
    }

    /// Days from as-of to due of every row (negative once past).
    public func dueIn(in t: TaskTable) -> [Int32] {
        var dc = DayCache()
        return t.due.map { Int32(clamping: dc.due($0) - asOfDay) }
    }

    @inline(__always)
    public func dueIn(row r: Int, in t: TaskTable) -> Int {
        Judge.dueDay(ordinal: t.due[r]) - asOfDay
    }

    /// 序时进度 of one row in tenths of a point.
    public func expectedTenths(row r: Int, in t: TaskTable) -> Int {
        let (e, total) = span(start: CalendarDay.dayNumber(ordinal: t.start[r]), due: Judge.dueDay(ordinal: t.due[r]))
        return Judge.roundedTenths(1000 * e, total)
    }

    /// Gap of one row in tenths of a point (a done task counts 100).
    public func gapTenths(row r: Int, in t: TaskTable) -> Int {
        let (e, total) = span(start: CalendarDay.dayNumber(ordinal: t.start[r]), due: Judge.dueDay(ordinal: t.due[r]))
        let p = t.status[r] == TaskStatus.done.rawValue ? 100 : Int(t.progress[r])
        return Judge.roundedTenths(10 * (p * total - 100 * e), total)
    }

    /// Compares the exact expected progress of two rows (for ordering): negative, zero or positive.
    public func compareExpected(_ a: Int, _ b: Int, in t: TaskTable) -> Int {
        let (ea, ta) = span(start: CalendarDay.dayNumber(ordinal: t.start[a]), due: Judge.dueDay(ordinal: t.due[a]))
        let (eb, tb) = span(start: CalendarDay.dayNumber(ordinal: t.start[b]), due: Judge.dueDay(ordinal: t.due[b]))
        return (ea * tb - eb * ta).signum()
    }

    /// The exact numerator and denominator of one row's gap: (progress × total − 100 × elapsed) / total.
    @inline(__always)
    func gapFraction(row r: Int, in t: TaskTable) -> (Int, Int) {
        let (e, total) = span(start: CalendarDay.dayNumber(ordinal: t.start[r]), due: Judge.dueDay(ordinal: t.due[r]))
        let p = t.status[r] == TaskStatus.done.rawValue ? 100 : Int(t.progress[r])
        return (p * total - 100 * e, total)
    }

    /// The exact numerator and denominator of one row's expected: 100 × elapsed / total.
    @inline(__always)
    func expectedFraction(row r: Int, in t: TaskTable) -> (Int, Int) {
        let (e, total) = span(start: CalendarDay.dayNumber(ordinal: t.start[r]), due: Judge.dueDay(ordinal: t.due[r]))
        return (100 * e, total)
    }

    /// Compares the exact gaps of two rows (for ordering): negative, zero or positive.
    public func compareGap(_ a: Int, _ b: Int, in t: TaskTable) -> Int {
        let (na, da) = gapFraction(row: a, in: t), (nb, db) = gapFraction(row: b, in: t)
        return (na * db - nb * da).signum()
    }

    /// The full judgement of one row.
    public func judge(row r: Int, in t: TaskTable) -> Judgement {
        let start = CalendarDay(ordinal: t.start[r]) ?? asOf
        let due = CalendarDay(ordinal: t.due[r]) ?? CalendarDay(dayNumber: Judge.noDueDay)
        return judge(start: start, due: due, progress: Int(t.progress[r]),
                     status: TaskStatus(rawValue: t.status[r]) ?? .notStarted)
    }

    /// The pace of one row.
    public func pace(row r: Int, in t: TaskTable) -> Pace {
        pace(start: CalendarDay.dayNumber(ordinal: t.start[r]), due: Judge.dueDay(ordinal: t.due[r]),
             progress: Int(t.progress[r]), status: t.status[r])
    }

    /// Whether one row is due soon (临期).
    public func isDueSoon(row r: Int, in t: TaskTable) -> Bool {
        isDueSoon(due: Judge.dueDay(ordinal: t.due[r]), status: t.status[r])
    }
}
