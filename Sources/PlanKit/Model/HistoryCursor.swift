/// Reads `HistoryLog` records in order from a checkpoint, as codes (`HistoryLog.materialize`
/// makes strings). Every read is bounds-checked: a damaged log ends early, never traps.
struct HistoryCursor {
    struct Raw {
        var plan: UInt32, path: UInt32, field: UInt32, old: UInt32, new: UInt32, prefix: UInt32
        var number: UInt64
        var when: Int64
        var month: Int32
    }

    private let records: [UInt8]
    private let runStart: [Int], runWhen: [Int64], runMonth: [Int32]
    private let count: Int
    private var pos: Int
    private(set) var index: Int
    private var run: Int
    private var plan: UInt32 = 0, path: UInt32 = 0, prefix: UInt32 = 0, number: UInt64 = 0

    /// Starts at record `from`, which must be a checkpoint (a multiple of the interval) or `count`.
    init(log: HistoryLog, from: Int) {
        records = log.records
        runStart = log.runStart
        runWhen = log.runWhen
        runMonth = log.runMonth
        count = log.count
        index = from
        let k = from / HistoryLog.checkpointInterval
        pos = k < log.checkpoints.count ? log.checkpoints[k] : records.count
        var lo = 0, hi = max(0, runStart.count - 1)
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if runStart[mid] <= from { lo = mid } else { hi = mid - 1 }
        }
        run = lo
    }

    private mutating func varint() -> UInt64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while pos < records.count && shift < 64 {
            let b = records[pos]
            pos += 1
            v |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return v }
            shift += 7
        }
        return nil
    }

    private mutating func code() -> UInt32? { varint().map { UInt32(clamping: $0) } }

    mutating func next() -> Raw? {
        guard index < count, pos < records.count else { return nil }
        let flags = records[pos]
        pos += 1
        if flags & 1 != 0 {
            guard let a = code(), let b = code() else { return nil }
            plan = a
            path = b
        }
        guard let field = code(), let old = code(), let new = code() else { return nil }
        if flags & 2 != 0 {
            guard let a = code(), let b = varint() else { return nil }
            prefix = a
            number = b
        }
        while run + 1 < runStart.count && runStart[run + 1] <= index { run += 1 }
        let when = run < runWhen.count ? runWhen[run] : 0
        let month = run < runMonth.count ? runMonth[run] : -1
        index += 1
        return Raw(plan: plan, path: path, field: field, old: old, new: new, prefix: prefix, number: number,
                   when: when, month: month)
    }
}
