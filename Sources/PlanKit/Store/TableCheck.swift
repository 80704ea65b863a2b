/// Structural checks on a loaded task table, so a file with valid checksums but inconsistent
/// contents (a bug, a hand-made file) is refused instead of crashing later on an index.
struct TableCheck {
    let displayName: String

    func fail(_ what: String) -> StoreCorruption {
        StoreCorruption(Messages.fileDamaged(displayName, what))
    }

    func offsets(_ o: [Int], rows: Int, bytes: Int, _ what: String) throws {
        guard o.count == rows + 1, o.first == 0, o.last == bytes else { throw fail("\(what) offsets do not match") }
        guard ascending(o) else { throw fail("\(what) offsets go backwards") }
    }

    /// No value is smaller than the one before it (one pass without early exit, which vectorises).
    func ascending<T: FixedWidthInteger>(_ values: [T]) -> Bool {
        values.withUnsafeBufferPointer { v in
            guard v.count > 1 else { return true }
            var bad: UInt8 = 0
            for i in 1..<v.count { bad |= v[i] < v[i - 1] ? 1 : 0 }
            return bad == 0
        }
    }

    /// A string column: its offsets when it is in memory; its row count when it is still packed
    /// (unpacking checks the rest).
    func column(_ box: StringColumnBox, rows: Int, _ what: String) throws {
        guard box.rows == rows else { throw fail("\(what) column has \(box.rows) rows, expected \(rows)") }
        guard box.isUnpacked else { return }
        let c = box.value
        try offsets(c.offsets, rows: rows, bytes: c.bytes.count, what)
    }

    /// Every value is a real day (the check is made once per run of equal values: most tasks
    /// share their plan's dates).
    func validDates(_ days: [Int32]) -> Bool {
        var previous: Int32 = 0
        for d in days where d != previous {
            guard CalendarDay(ordinal: d) != nil else { return false }
            previous = d
        }
        return true
    }

    /// Every value is below `limit` (the largest is found in one pass the compiler vectorises).
    func below<T: FixedWidthInteger & UnsignedInteger>(_ values: [T], _ limit: Int) -> Bool {
        values.withUnsafeBufferPointer { v in
            var m: T = 0
            for x in v { m = Swift.max(m, x) }
            return v.isEmpty || Int(m) < limit
        }
    }

    func starts(_ s: [UInt32], rows: Int, total: Int, _ what: String) throws {
        guard s.count == rows + 1, s.first == 0, Int(s.last ?? 0) == total else { throw fail("\(what) index does not match") }
        guard ascending(s) else { throw fail("\(what) index goes backwards") }
    }

    func validate(_ t: TaskTable, plans: Int, distinctNames: [(String, Int, Int)]) throws {
        for (what, kept, stored) in distinctNames where kept != stored {
            throw fail("\(what) repeat (\(stored) stored, \(kept) distinct)")
        }
        let n = t.planRow.count
        for (what, c) in [("lines", t.line.count), ("flags", t.flags.count), ("statuses", t.status.count),
                          ("progress", t.progress.count), ("notes", t.noteCode.count), ("due dates", t.due.count),
                          ("months", t.updated.count), ("start dates", t.start.count)] where c != n {
            throw fail("\(what) column has \(c) rows, expected \(n)")
        }
        try offsets(t.paths.offsets, rows: n, bytes: t.paths.bytes.count, "path")
        try column(t.headingBox, rows: n, "heading")
        try column(t.textBox, rows: n, "text")
        try starts(t.officeStart, rows: n, total: t.officeCodes.count, "office")
        try starts(t.targetStart, rows: n, total: t.targetValue.count, "target")
        try starts(t.deadlineStart, rows: n, total: t.deadlineDay.count, "deadline")
        guard t.deadlineKind.count == t.deadlineDay.count else { throw fail("deadline kinds do not match") }
        try offsets(t.deadlineRaw.offsets, rows: t.deadlineDay.count, bytes: t.deadlineRaw.bytes.count, "deadline text")
        guard validDates(t.due), validDates(t.start), validDates(t.deadlineDay) else { throw fail("bad date") }
        let nt = t.targetValue.count
        for (what, c) in [("target lows", t.targetLow.count), ("target highs", t.targetHigh.count),
                          ("comparators", t.targetComparator.count), ("target units", t.targetUnit.count),
                          ("target kinds", t.targetKind.count), ("actuals", t.targetActual.count),
                          ("actual months", t.targetActualMonth.count)] where c != nt {
            throw fail("\(what) column has \(c) rows, expected \(nt)")
        }
        try column(t.targetRawBox, rows: nt, "target text")
        try column(t.targetMetricBox, rows: nt, "target metric")
        guard below(t.planRow, plans), ascending(t.planRow) else { throw fail("task rows are not grouped by plan") }
        guard below(t.officeCodes, t.offices.count) else { throw fail("office code out of range") }
        guard below(t.targetUnit, t.units.count) else { throw fail("unit code out of range") }
        guard below(t.noteCode, t.notes.count) else { throw fail("note code out of range") }
        guard below(t.targetComparator, Comparator.allCases.count) else { throw fail("bad comparator") }
        guard below(t.targetKind, 2) else { throw fail("bad target kind") }
        guard below(t.status, 4) else { throw fail("bad status") }
        guard below(t.progress, 101) else { throw fail("progress over 100") }
        guard t.printedPaths.keys.allSatisfy({ $0 < n }) else { throw fail("printed path of a missing row") }
        guard t.notes.count > 0, t.notes.names[0].isEmpty else { throw fail("note table does not start with the empty note") }
    }
}
