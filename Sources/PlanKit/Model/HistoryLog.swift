/// Every recorded progress change, kept compactly: each distinct string once in `names`, each
/// record a few varints in `records`, and time and month as runs.
///
/// A million-task store gathers millions of records after a month of progress, and they repeat
/// themselves: the same task for three fields, the same sheet for a million rows, a few statuses,
/// numbers and notes. A record is
/// ```
/// flags    u8: bit 0 the task follows, bit 1 the source follows (else both are the previous record's)
/// [task]   varint plan-name code, varint path-name code + 1 (0: the id has no ':')
/// field, old, new   varint name codes
/// [source] varint prefix-name code, varint row number + 1 (0: the source ends in no `:N`)
/// ```
/// and every 16th record (a checkpoint, whose offset is kept) writes task and source, so record i
/// is decoded from the checkpoint before it. A task id is split at its first `:` (plan, path), a
/// source at a last `:` followed by a row number; both split exactly back. Decoding never traps:
/// a code or length out of range reads as an empty string (checksums keep damage out; this keeps
/// a hand-made file from crashing). A snapshot stores these arrays as they are.
///
/// It is a random-access collection of `TaskHistoryRecord`, so `count`, `for … in`, `filter` and
/// `last` work as on an array; iterating decodes sequentially.
public struct HistoryLog: Sendable, RandomAccessCollection {
    /// Distinct strings the records name (plan ids, paths, fields, values, source prefixes).
    var names = StringColumn()
    /// The records, back to back (see the type's comment).
    var records: [UInt8] = []
    /// Byte offset in `records` of record 16·k.
    var checkpoints: [Int] = []
    /// Runs of consecutive records sharing time and month: index of the run's first record.
    var runStart: [Int] = []
    /// Seconds since 1970, per run.
    var runWhen: [Int64] = []
    /// `YearMonth.ordinal` per run, -1 when none.
    var runMonth: [Int32] = []
    public private(set) var count = 0

    /// Codes of `names`, built at the first append after a load.
    private var codes: [String: UInt32]?
    /// The previous record's task and source, as strings and codes (for the "same as before" flags).
    private var previous: (task: String, plan: UInt32, path: UInt32, source: String, prefix: UInt32, number: UInt64)?

    static let checkpointInterval = 16

    public init() {}

    public init(_ records: some Sequence<TaskHistoryRecord>) {
        for r in records { append(r) }
    }

    /// Assembles a log from stored columns (snapshot loading); `isWellFormed` should be checked.
    init(names: StringColumn, records: [UInt8], checkpoints: [Int], count: Int,
         runStart: [Int], runWhen: [Int64], runMonth: [Int32]) {
        self.names = names
        self.records = records
        self.checkpoints = checkpoints
        self.count = count
        self.runStart = runStart
        self.runWhen = runWhen
        self.runMonth = runMonth
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> TaskHistoryRecord {
        precondition(i >= 0 && i < count, "history index out of range")
        var cursor = HistoryCursor(log: self, from: i / Self.checkpointInterval * Self.checkpointInterval)
        // A damaged log ends early (next() is nil): the record then reads as empty, never loops.
        var record = cursor.next()
        while record != nil && cursor.index <= i { record = cursor.next() }
        return record.map { materialize($0) } ?? Self.emptyRecord
    }

    public func makeIterator() -> Iterator { Iterator(log: self) }

    /// Decodes records one after the other (far cheaper than subscripting each). It always
    /// yields `count` records, as a collection must: past a record that does not decode (a log
    /// `isWellFormed` refuses; never one read from a file) they read as empty.
    public struct Iterator: IteratorProtocol {
        var cursor: HistoryCursor
        let log: HistoryLog
        var index = 0
        var broken = false
        init(log: HistoryLog) {
            self.log = log
            cursor = HistoryCursor(log: log, from: 0)
        }
        public mutating func next() -> TaskHistoryRecord? {
            guard index < log.count else { return nil }
            index += 1
            if !broken, let r = cursor.next() { return log.materialize(r) }
            broken = true
            return HistoryLog.emptyRecord
        }
    }

    static let emptyRecord = TaskHistoryRecord(taskID: "", entry: HistoryEntry(when: 0, month: nil, field: "", old: "",
                                                                              new: "", source: ""))

    /// The month of every record (`YearMonth.ordinal`, -1 when none), in order.
    public var month: RunColumn<Int32> { RunColumn(starts: runStart, values: runMonth, count: count) }
    /// The time of every record (seconds since 1970), in order.
    public var when: RunColumn<Int64> { RunColumn(starts: runStart, values: runWhen, count: count) }

    // MARK: Appending

    public mutating func append(_ r: TaskHistoryRecord) {
        if codes == nil { buildCodes() }
        if previous == nil && count % Self.checkpointInterval != 0 { restorePrevious() }
        let e = r.entry
        let atCheckpoint = count % Self.checkpointInterval == 0
        if atCheckpoint { checkpoints.append(records.count) }
        var flags: UInt8 = 0
        var p = previous ?? (task: "", plan: 0, path: 0, source: "", prefix: 0, number: 0)
        if atCheckpoint || previous?.task != r.taskID {
            flags |= 1
            let (plan, path) = Self.splitTask(r.taskID)
            p.task = r.taskID
            p.plan = intern(plan)
            p.path = path.map { intern($0) + 1 } ?? 0
        }
        if atCheckpoint || previous?.source != e.source {
            flags |= 2
            let (prefix, number) = Self.splitSource(e.source)
            p.source = e.source
            p.prefix = intern(prefix)
            p.number = number.map { $0 + 1 } ?? 0
        }
        records.append(flags)
        if flags & 1 != 0 {
            putVarint(UInt64(p.plan))
            putVarint(UInt64(p.path))
        }
        putVarint(UInt64(intern(e.field)))
        putVarint(UInt64(intern(e.old)))
        putVarint(UInt64(intern(e.new)))
        if flags & 2 != 0 {
            putVarint(UInt64(p.prefix))
            putVarint(p.number)
        }
        previous = p
        let m = e.month.map { Int32(clamping: $0.ordinal) } ?? -1
        if runStart.isEmpty || runWhen[runWhen.count - 1] != e.when || runMonth[runMonth.count - 1] != m {
            runStart.append(count)
            runWhen.append(e.when)
            runMonth.append(m)
        }
        count += 1
    }

    private mutating func putVarint(_ v: UInt64) {
        if records.capacity - records.count < 10 {
            // Grow geometrically ourselves: a buffer loaded from a snapshot has no spare capacity.
            records.reserveCapacity(Swift.max(records.capacity * 2, 1024))
        }
        var v = v
        while v >= 0x80 {
            records.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        records.append(UInt8(v))
    }

    private mutating func intern(_ s: String) -> UInt32 {
        if let c = codes?[s] { return c }
        let c = UInt32(names.count)
        names.append(s)
        codes?[s] = c
        return c
    }

    private mutating func buildCodes() {
        var map: [String: UInt32] = [:]
        map.reserveCapacity(names.count)
        for i in 0..<names.count where map[names[i]] == nil { map[names[i]] = UInt32(i) }
        codes = map
    }

    /// The task and source state after the last record (after a load, before the first append).
    private mutating func restorePrevious() {
        var cursor = HistoryCursor(log: self, from: (count - 1) / Self.checkpointInterval * Self.checkpointInterval)
        var last: HistoryCursor.Raw?
        while let r = cursor.next() { last = r }
        guard let r = last else { return }
        let x = materialize(r)
        previous = (x.taskID, r.plan, r.path, x.entry.source, r.prefix, r.number)
    }

    /// Keeps the records for which `remove` is false, in order (names no longer used are dropped).
    public mutating func removeAll(where remove: (TaskHistoryRecord) throws -> Bool) rethrows {
        var kept = HistoryLog()
        for r in self where !(try remove(r)) { kept.append(r) }
        self = kept
    }

    /// The entries of one task, oldest first, comparing codes without building the other records.
    public func entries(of taskID: String) -> [HistoryEntry] {
        let (plan, path) = Self.splitTask(taskID)
        guard let planCode = code(of: plan) else { return [] }
        var pathCode: UInt32 = 0
        if let path {
            guard let c = code(of: path) else { return [] }
            pathCode = c + 1
        }
        var out: [HistoryEntry] = []
        var cursor = HistoryCursor(log: self, from: 0)
        while let r = cursor.next() {
            if r.plan == planCode && r.path == pathCode { out.append(materialize(r).entry) }
        }
        return out
    }

    private func code(of s: String) -> UInt32? {
        if let codes { return codes[s] }
        let target = Array(s.utf8)
        for i in 0..<names.count where names.bytes[names.byteRange(i)].elementsEqual(target) { return UInt32(i) }
        return nil
    }

    func materialize(_ r: HistoryCursor.Raw) -> TaskHistoryRecord {
        let plan = name(r.plan)
        let taskID = r.path == 0 ? plan : plan + ":" + name(r.path - 1)
        let prefix = name(r.prefix)
        let source = r.number == 0 ? prefix : prefix + ":" + String(r.number - 1)
        return TaskHistoryRecord(taskID: taskID, entry: HistoryEntry(
            when: r.when, month: r.month < 0 ? nil : YearMonth(ordinal: Int(r.month)),
            field: name(r.field), old: name(r.old), new: name(r.new), source: source))
    }

    /// Name `code`, or "" when it is out of range (a damaged file).
    func name(_ code: UInt32) -> String { Int(code) < names.count ? names[Int(code)] : "" }

    // MARK: Splitting ids and sources

    /// A task id at its first `:`; nil path when it has none (a plan's own indicators).
    static func splitTask(_ id: String) -> (String, String?) {
        guard let colon = id.utf8.firstIndex(of: UInt8(ascii: ":")) else { return (id, nil) }
        return (String(id[..<colon]), String(id[id.utf8.index(after: colon)...]))
    }

    /// A source at a last `:` followed by a row number written canonically (`sheet a.csv:12`).
    static func splitSource(_ s: String) -> (String, UInt64?) {
        guard let colon = s.utf8.lastIndex(of: UInt8(ascii: ":")) else { return (s, nil) }
        let digits = s.utf8[s.utf8.index(after: colon)...]
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              digits.first != 0x30 || digits.count == 1 else { return (s, nil) }
        var n: UInt64 = 0
        for d in digits { n = n * 10 + UInt64(d - 0x30) }
        return (String(s[..<colon]), n)
    }

    /// Checkpoints, runs and counts agree (checked after loading; records decode without trapping anyway).
    var isWellFormed: Bool {
        let expected = (count + Self.checkpointInterval - 1) / Self.checkpointInterval
        guard count >= 0, checkpoints.count == expected, runWhen.count == runStart.count,
              runMonth.count == runStart.count, (count == 0) == runStart.isEmpty,
              runStart.first.map({ $0 == 0 }) ?? true, names.isSound(rows: names.count) else { return false }
        var previous = -1
        for c in checkpoints {
            guard c > previous, c < records.count else { return false }
            previous = c
        }
        previous = -1
        for s in runStart {
            guard s > previous, s < count else { return false }
            previous = s
        }
        return recordsDecode
    }

    /// Every record decodes, starts where its checkpoint says, names only names there are, and
    /// the last one ends the bytes. The same reading as `HistoryCursor.next` (codes clamped to
    /// 32 bits, a varint of at most 64 bits), in one loop over the bytes: opening a store checks
    /// every record, so this is on the way to every first answer (issue 15).
    private var recordsDecode: Bool {
        let limit = UInt64(UInt32(clamping: names.count))
        let interval = Self.checkpointInterval
        return records.withUnsafeBufferPointer { rec in
            checkpoints.withUnsafeBufferPointer { marks in
                let end = rec.count
                var pos = 0
                @inline(__always) func varint() -> UInt64? {
                    // Most codes take one or two bytes.
                    if pos &+ 2 <= end {
                        let b0 = rec[pos]
                        if b0 < 0x80 {
                            pos &+= 1
                            return UInt64(b0)
                        }
                        let b1 = rec[pos &+ 1]
                        if b1 < 0x80 {
                            pos &+= 2
                            return UInt64(b0 & 0x7F) | UInt64(b1) << 7
                        }
                    }
                    var v: UInt64 = 0, shift: UInt64 = 0
                    while pos < end && shift < 64 {
                        let b = rec[pos]
                        pos &+= 1
                        v |= UInt64(b & 0x7F) << shift
                        if b & 0x80 == 0 { return v }
                        shift &+= 7
                    }
                    return nil
                }
                @inline(__always) func code() -> UInt64? { varint().map { UInt64(UInt32(clamping: $0)) } }
                var plan: UInt64 = 0, path: UInt64 = 0, prefix: UInt64 = 0
                for i in 0..<count {
                    if i % interval == 0 {
                        let k = i / interval
                        guard k < marks.count, pos == marks[k], marks[k] < end, rec[marks[k]] & 3 == 3 else { return false }
                    }
                    guard pos < end else { return false }
                    let flags = rec[pos]
                    pos &+= 1
                    if flags & 1 != 0 {
                        guard let a = code(), let b = code() else { return false }
                        plan = a
                        path = b
                    }
                    guard let field = code(), let old = code(), let new = code() else { return false }
                    if flags & 2 != 0 {
                        guard let a = code(), varint() != nil else { return false }
                        prefix = a
                    }
                    guard plan < limit, path <= limit, field < limit, old < limit, new < limit, prefix < limit else { return false }
                }
                return pos == end
            }
        }
    }
}

/// The values of a column stored as runs, one per record (`HistoryLog.month`, `.when`).
public struct RunColumn<Value: Sendable>: RandomAccessCollection, Sendable {
    let starts: [Int]
    let values: [Value]
    public let count: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(i: Int) -> Value {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return values[lo]
    }

    public func makeIterator() -> Iterator { Iterator(column: self) }

    public struct Iterator: IteratorProtocol {
        let column: RunColumn
        var index = 0, run = -1, runEnd = 0
        var value: Value?
        init(column: RunColumn) { self.column = column }
        public mutating func next() -> Value? {
            guard index < column.count else { return nil }
            while index >= runEnd {
                run += 1
                guard run < column.starts.count, run < column.values.count else { return nil }
                value = column.values[run]
                runEnd = run + 1 < column.starts.count ? column.starts[run + 1] : column.count
            }
            index += 1
            return value
        }
    }
}
