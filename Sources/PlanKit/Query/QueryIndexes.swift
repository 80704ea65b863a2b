import Foundation

/// Indexes over the progress columns, derived on first use by a query.
///
/// - `statusRows`: for each status, its rows ascending (answers `status = …` without a scan).
/// - `buckets`: for each (status, progress) pair, its rows ascending (answers
///   `order by progress … limit N` by walking buckets from the top instead of sorting).
public struct ProgressIndex: Sendable {
    public static let progressSlots = 256
    /// `statusRows[statusStart[s]..<statusStart[s+1]]` are the rows with status `s`.
    public let statusStart: [Int]
    public let statusRows: [UInt32]
    /// `bucketRows[bucketStart[k]..<bucketStart[k+1]]`, k = status × 256 + progress.
    public let bucketStart: [Int]
    public let bucketRows: [UInt32]

    init(status: [UInt8], progress: [UInt8]) {
        let n = status.count
        var sCount = [Int](repeating: 0, count: 5)
        var bCount = [Int](repeating: 0, count: 4 * ProgressIndex.progressSlots + 1)
        status.withUnsafeBufferPointer { st in
            progress.withUnsafeBufferPointer { pr in
                for r in 0..<n {
                    let s = Int(min(st[r], 3))
                    sCount[s + 1] += 1
                    bCount[s * ProgressIndex.progressSlots + Int(pr[r]) + 1] += 1
                }
            }
        }
        for i in 1..<sCount.count { sCount[i] += sCount[i - 1] }
        for i in 1..<bCount.count { bCount[i] += bCount[i - 1] }
        statusStart = sCount
        bucketStart = bCount
        var sNext = Array(sCount.dropLast())
        var bNext = Array(bCount.dropLast())
        var sRows = [UInt32](repeating: 0, count: n)
        var bRows = [UInt32](repeating: 0, count: n)
        status.withUnsafeBufferPointer { st in
            progress.withUnsafeBufferPointer { pr in
                sRows.withUnsafeMutableBufferPointer { so in
                    bRows.withUnsafeMutableBufferPointer { bo in
                        for r in 0..<n {
                            let s = Int(min(st[r], 3))
                            so[sNext[s]] = UInt32(r)
                            sNext[s] += 1
                            let k = s * ProgressIndex.progressSlots + Int(pr[r])
                            bo[bNext[k]] = UInt32(r)
                            bNext[k] += 1
                        }
                    }
                }
            }
        }
        statusRows = sRows
        bucketRows = bRows
    }

    public func rows(status s: Int) -> ArraySlice<UInt32> { statusRows[statusStart[s]..<statusStart[s + 1]] }
    public func rows(status s: Int, progress p: Int) -> ArraySlice<UInt32> {
        let k = s * ProgressIndex.progressSlots + p
        return bucketRows[bucketStart[k]..<bucketStart[k + 1]]
    }
}

/// Holds a `TaskTable`'s derived query indexes, built lazily under a lock.
///
/// `TaskTable` replaces (or, when it is the only owner, clears) its cache whenever status,
/// progress, start or due changes, so a copy of the table never sees an index built from another
/// copy's data, and judged lights never outlive the columns they were judged from.
public final class QueryIndexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var progressIndex: ProgressIndex?
    /// The lights of the last judge that asked (see `JudgedLights`): dropped with the progress index.
    private var lights: JudgedLights?
    /// Every row's lead office code (`TaskTable.leadCodes`): the table's structure, never changed in place.
    private var leads: [Int32]?
    /// The target rows of a workspace over this table, with the indicator count of each plan
    /// they were made for (the rows depend on nothing else but the table's own structure).
    private var targets: (indicators: [Int], rows: TargetRows)?
    /// `count targets by unit`'s codes for those rows (see `TargetUnitCodes`).
    private var targetUnits: (indicators: [Int], codes: TargetUnitCodes)?
    /// The day-free part of judging those rows (see `TargetActualRows`): dropped when an actual changes.
    private var targetActuals: (indicators: [Int], rows: TargetActualRows)?

    public init() {}

    var isBuilt: Bool {
        lock.lock()
        defer { lock.unlock() }
        return progressIndex != nil || lights != nil
    }

    func clear() {
        lock.lock()
        progressIndex = nil
        lights = nil
        lock.unlock()
    }

    /// The lights of every row of `table` as `judge` sees them, judged on first use and kept
    /// until the table's status, progress, start or due changes, or another day or rules ask.
    func lights(of table: TaskTable, judge: Judge) -> JudgedLights {
        lock.lock()
        defer { lock.unlock() }
        if let l = lights, l.fits(judge) { return l }
        let made = JudgedLights(table, judge)
        lights = made
        return made
    }

    /// Every row's lead office code of `table`, the office count for rows without an office
    /// (`TaskTable.leadCodes`), built on first use.
    func leadCodes(of table: TaskTable) -> [Int32] {
        lock.lock()
        defer { lock.unlock() }
        if let l = leads, l.count == table.count { return l }
        let made = table.leadCodes(none: Int32(table.offices.count))
        leads = made
        return made
    }

    var hasActuals: Bool {
        lock.lock()
        defer { lock.unlock() }
        return targetActuals != nil
    }

    func clearActuals() {
        lock.lock()
        targetActuals = nil
        lock.unlock()
    }

    /// The rows of `find targets` over `w` (whose task table holds this cache), built on first use.
    public func targetRows(of w: Workspace) -> TargetRows {
        let indicators = Self.indicatorCounts(w)
        lock.lock()
        defer { lock.unlock() }
        if let t = targets, t.indicators == indicators { return t.rows }
        let rows = TargetRows(w)
        targets = (indicators, rows)
        return rows
    }

    /// The unit codes of `rows`, the target rows of `w`, built on first use.
    func targetUnits(of w: Workspace, rows: TargetRows) -> TargetUnitCodes {
        let indicators = Self.indicatorCounts(w)
        lock.lock()
        defer { lock.unlock() }
        if let t = targetUnits, t.indicators == indicators { return t.codes }
        let codes = TargetUnitCodes(w, rows: rows)
        targetUnits = (indicators, codes)
        return codes
    }

    /// Which of `rows`, the target rows of `w`, have an actual, and how each stands, built on first use.
    func targetActuals(of w: Workspace, rows: TargetRows) -> TargetActualRows {
        let indicators = Self.indicatorCounts(w)
        lock.lock()
        defer { lock.unlock() }
        if let t = targetActuals, t.indicators == indicators { return t.rows }
        let made = TargetActualRows(rows, w.tasks)
        targetActuals = (indicators, made)
        return made
    }

    /// How many indicators each plan has: what the target rows depend on besides the table.
    private static func indicatorCounts(_ w: Workspace) -> [Int] {
        var counts = [Int](repeating: 0, count: w.plans.count)
        for i in w.plans.indices { counts[i] = w.plans[i].indicators.count }
        return counts
    }

    /// The progress index of `table`, built on first use.
    public func progress(of table: TaskTable) -> ProgressIndex {
        lock.lock()
        defer { lock.unlock() }
        if let p = progressIndex { return p }
        let p = ProgressIndex(status: table.status, progress: table.progress)
        progressIndex = p
        return p
    }
}
