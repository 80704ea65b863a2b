/// Row tests of the supervision fields: each `scan` is one loop over the columns.

/// `lead` in a set of office codes.
struct LeadTest: RowTest {
    let t: TaskTable
    let set: [Bool]
    func test(_ r: Int) -> Bool { t.leadCode(row: r).map { set[Int($0)] } ?? false }
}

/// A date column against `[lo, hi]` (a month literal is a range of days), as `due` is compared.
struct DayRangeTest: RowTest {
    let days: [Int32]
    let op: QueryOperator
    let lo: Int32, hi: Int32
    func test(_ r: Int) -> Bool { Self.holds(op, lo: lo, hi: hi, days[r]) }

    /// Whether day `d` stands in relation `op` to the range `[lo, hi]`: the one reading of a date
    /// comparison (`due`, `start`; a month literal is a range of days).
    @inline(__always)
    static func holds(_ op: QueryOperator, lo: Int32, hi: Int32, _ d: Int32) -> Bool {
        switch op {
        case .equal: return d >= lo && d <= hi
        case .less: return d < lo
        case .lessOrEqual: return d <= hi
        case .greater: return d > hi
        case .greaterOrEqual: return d >= lo
        default: return false
        }
    }
}

/// `expected op x` or `gap op x`, exact: the fraction against x in ten-thousandths.
struct ScaledTest: RowTest {
    let judge: Judge
    let t: TaskTable
    let op: QueryOperator
    /// x × 10 000.
    let scaled: Int
    let gap: Bool
    func test(_ r: Int) -> Bool {
        let (n, d) = gap ? judge.gapFraction(row: r, in: t) : judge.expectedFraction(row: r, in: t)
        // n / d op x  ⇔  n × 10 000 op x × 10 000 × d  (d > 0).
        return op.holds(FieldSupport.compare(n * 10_000, scaled * d))
    }
}

/// `light` in a set (bit `1 << Light.rawValue`).
struct LightTest: RowTest {
    let judge: Judge
    let t: TaskTable
    let mask: UInt8
    func test(_ r: Int) -> Bool { mask & (1 << judge.light(row: r, in: t).rawValue) != 0 }
    /// Every row through the lights kept between queries (`Judge.lights(in:)`), 64 rows a word
    /// of the bitmap (no branch per row: most rows of a late plan may be red).
    func scan(_ n: Int, into b: inout RowBitmap) {
        let mask = UInt64(mask), lights = judge.lights(in: t)
        let m = min(n, lights.count, b.count)
        lights.withUnsafeBufferPointer { l in
            b.words.withUnsafeMutableBufferPointer { w in
                var r = 0
                while r < m {
                    let end = min(r + 64, m)
                    var word: UInt64 = 0
                    for i in r..<end { word |= ((mask >> UInt64(l[i])) & 1) << UInt64(i & 63) }
                    w[r >> 6] |= word
                    r = end
                }
            }
        }
    }
}

/// `pace` in a set (bit `1 << Pace.rawValue`).
struct PaceTest: RowTest {
    let judge: Judge
    let t: TaskTable
    let mask: UInt8
    func test(_ r: Int) -> Bool { mask & (1 << judge.pace(row: r, in: t).rawValue) != 0 }
}

/// Any deadline phrase passing `test`; nil: the task has none (`is empty`).
struct DeadlineTextTest: RowTest {
    let t: TaskTable
    let test: TextTest?
    func test(_ r: Int) -> Bool {
        let range = t.deadlineRange(row: r)
        guard let test else { return range.isEmpty }
        return range.contains { test.test(t.deadlineRaw[$0]) }
    }
}
