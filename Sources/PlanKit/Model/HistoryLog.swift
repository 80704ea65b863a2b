/// Every recorded progress change, kept compactly: one byte buffer holding each record's
/// strings (task id, field, old, new, source — each a LEB128 length and its UTF-8), plus
/// columns for the time and month.
///
/// A store of a million tasks gathers millions of history records; as an array of structs
/// with five `String`s each they would take hundreds of megabytes and a long time to load.
/// Here a snapshot reads them back with four `pread`s, and a record becomes a
/// `TaskHistoryRecord` only when it is looked at. It is a random-access collection of
/// `TaskHistoryRecord`, so `count`, `for … in`, `filter` and `last` work as on an array.
public struct HistoryLog: Sendable, RandomAccessCollection {
    /// The records' strings, back to back.
    public private(set) var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i+1]` is record i in `bytes`; `offsets.count == count + 1`.
    public private(set) var offsets: [Int] = [0]
    /// Seconds since 1970.
    public private(set) var when: [Int64] = []
    /// `YearMonth.ordinal`, -1 when none.
    public private(set) var month: [Int32] = []

    public init() {}

    public init(_ records: some Sequence<TaskHistoryRecord>) {
        for r in records { append(r) }
    }

    /// Assembles a log from stored columns (snapshot loading); `isWellFormed` should be checked.
    init(bytes: [UInt8], offsets: [Int], when: [Int64], month: [Int32]) {
        self.bytes = bytes
        self.offsets = offsets
        self.when = when
        self.month = month
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { when.count }

    public subscript(i: Int) -> TaskHistoryRecord {
        var pos = offsets[i]
        let end = offsets[i + 1]
        let id = string(&pos, end), field = string(&pos, end), old = string(&pos, end)
        let new = string(&pos, end), source = string(&pos, end)
        let m = month[i]
        return TaskHistoryRecord(taskID: id, entry: HistoryEntry(
            when: when[i], month: m < 0 ? nil : YearMonth(ordinal: Int(m)), field: field, old: old, new: new, source: source))
    }

    public mutating func append(_ r: TaskHistoryRecord) {
        appendString(r.taskID)
        appendString(r.entry.field)
        appendString(r.entry.old)
        appendString(r.entry.new)
        appendString(r.entry.source)
        offsets.append(bytes.count)
        when.append(r.entry.when)
        month.append(r.entry.month.map { Int32(clamping: $0.ordinal) } ?? -1)
    }

    private mutating func appendString(_ s: String) {
        var s = s
        s.withUTF8 { u in
            if bytes.capacity - bytes.count < u.count + 5 {
                // Grow geometrically ourselves: a buffer loaded from a snapshot has no spare capacity.
                bytes.reserveCapacity(Swift.max(bytes.capacity * 2, bytes.count + u.count + 5, 1024))
            }
            var n = u.count
            while n >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: n) | 0x80)
                n >>= 7
            }
            bytes.append(UInt8(n))
            bytes.append(contentsOf: u)
        }
    }

    /// Keeps the records for which `remove` is false, in order.
    public mutating func removeAll(where remove: (TaskHistoryRecord) throws -> Bool) rethrows {
        var kept = HistoryLog()
        kept.bytes.reserveCapacity(bytes.count)
        for i in indices where !(try remove(self[i])) {
            kept.bytes.append(contentsOf: bytes[offsets[i]..<offsets[i + 1]])
            kept.offsets.append(kept.bytes.count)
            kept.when.append(when[i])
            kept.month.append(month[i])
        }
        self = kept
    }

    /// The entries of one task, oldest first, comparing ids in place without building the others.
    public func entries(of taskID: String) -> [HistoryEntry] {
        let target = Array(taskID.utf8)
        var out: [HistoryEntry] = []
        for i in indices {
            var pos = offsets[i]
            let n = length(&pos, offsets[i + 1])
            guard n == target.count, pos + n <= offsets[i + 1],
                  bytes[pos..<(pos + n)].elementsEqual(target) else { continue }
            out.append(self[i].entry)
        }
        return out
    }

    /// Every record holds five complete strings and the columns agree (checked after loading).
    var isWellFormed: Bool {
        guard offsets.count == when.count + 1, month.count == when.count, offsets.first == 0,
              offsets.last == bytes.count else { return false }
        for i in indices {
            var pos = offsets[i]
            let end = offsets[i + 1]
            // Offsets come from a file: each record must lie inside the bytes (fuzzing found
            // a snapshot whose middle offsets pointed past them).
            guard pos >= 0, pos <= end, end <= bytes.count else { return false }
            for _ in 0..<5 {
                let n = length(&pos, end)
                guard n >= 0, n <= end - pos else { return false }
                pos += n
            }
            guard pos == end else { return false }
        }
        return true
    }

    /// Reads a LEB128 length; -1 when it runs past `end` or is absurd.
    private func length(_ pos: inout Int, _ end: Int) -> Int {
        var n = 0, shift = 0
        while pos < end {
            let b = bytes[pos]
            pos += 1
            n |= Int(b & 0x7F) << shift
            if b & 0x80 == 0 { return n }
            shift += 7
            if shift > 35 { return -1 }
        }
        return -1
    }

    private func string(_ pos: inout Int, _ end: Int) -> String {
        let n = length(&pos, end)
        guard n >= 0 else { return "" }
        let stop = Swift.min(end, pos + n)
        defer { pos = stop }
        return String(decoding: bytes[pos..<stop], as: UTF8.self)
    }
}
