/// The small structured parts of a snapshot (plans, printed paths, history runs), as blobs.
extension ModelCodec {
    static func encodePlans(_ plans: [PlanInfo]) -> [UInt8] {
        var b = BinaryWriter()
        b.count(plans.count)
        for p in plans { encode(p, into: &b) }
        return b.bytes
    }

    static func decodePlans(_ r: inout BinaryReader) throws -> [PlanInfo] {
        let n = try r.count()
        var plans: [PlanInfo] = []
        plans.reserveCapacity(n)
        for _ in 0..<n { plans.append(try decodePlanInfo(&r)) }
        return plans
    }

    /// Paths printed differently from their digits, by row.
    static func encodePrintedPaths(_ paths: [Int: String]) -> [UInt8] {
        var b = BinaryWriter()
        b.count(paths.count)
        for (row, p) in paths.sorted(by: { $0.key < $1.key }) {
            b.count(row)
            b.string(p)
        }
        return b.bytes
    }

    static func decodePrintedPaths(_ reader: BinaryReader) throws -> [Int: String] {
        var r = reader
        var out: [Int: String] = [:]
        for _ in 0..<(try r.count()) {
            let row = try r.int()
            out[row] = try r.string()
        }
        return out
    }

    /// History's runs of time and month: count, then per run the distance from the previous
    /// run's first record, the time and the month (zig-zag).
    static func encodeRuns(_ h: HistoryLog) -> [UInt8] {
        var b = BinaryWriter()
        b.count(h.runStart.count)
        var previous = 0
        for i in h.runStart.indices {
            b.count(h.runStart[i] - previous)
            previous = h.runStart[i]
            b.zigzag(h.runWhen[i])
            b.zigzag(Int64(h.runMonth[i]))
        }
        return b.bytes
    }

    static func decodeRuns(_ r: inout BinaryReader) throws -> (starts: [Int], when: [Int64], month: [Int32]) {
        let n = try r.count(minimumSize: 3)
        var starts: [Int] = [], when: [Int64] = [], month: [Int32] = []
        starts.reserveCapacity(n)
        when.reserveCapacity(n)
        month.reserveCapacity(n)
        var at = 0
        for _ in 0..<n {
            let d = try r.int()
            guard d <= Int.max - at else { throw r.corrupt("run start too large") }
            at += d
            starts.append(at)
            when.append(try r.zigzag())
            let m = try r.zigzag()
            guard m >= -1, m <= Int64(Int32.max) else { throw r.corrupt("bad month") }
            month.append(Int32(m))
        }
        guard r.isAtEnd else { throw r.corrupt("trailing bytes") }
        return (starts, when, month)
    }
}

/// History as snapshot format versions 2 and 3 stored it: per record five strings (task id,
/// field, old, new, source; each a LEB128 length and its UTF-8) back to back, with offsets,
/// times and months in columns.
enum LegacyHistory {
    /// The records as a `HistoryLog`, or nil when the columns disagree or a record is not five
    /// complete strings (a damaged or hand-made file: fuzzing found one with offsets past the bytes).
    static func convert(bytes: [UInt8], offsets: [Int], when: [Int64], month: [Int32]) -> HistoryLog? {
        guard offsets.count == when.count + 1, month.count == when.count, offsets.first == 0,
              offsets.last == bytes.count else { return nil }
        var log = HistoryLog()
        for i in when.indices {
            var pos = offsets[i]
            let end = offsets[i + 1]
            guard pos >= 0, pos <= end, end <= bytes.count else { return nil }
            var fields: [String] = []
            for _ in 0..<5 {
                guard let n = length(bytes, &pos, end), n <= end - pos else { return nil }
                fields.append(String(decoding: bytes[pos..<(pos + n)], as: UTF8.self))
                pos += n
            }
            guard pos == end else { return nil }
            let m = month[i]
            log.append(TaskHistoryRecord(taskID: fields[0], entry: HistoryEntry(
                when: when[i], month: m < 0 ? nil : YearMonth(ordinal: Int(m)),
                field: fields[1], old: fields[2], new: fields[3], source: fields[4])))
        }
        return log
    }

    /// A LEB128 length; nil when it runs past `end` or is absurd.
    private static func length(_ bytes: [UInt8], _ pos: inout Int, _ end: Int) -> Int? {
        var n = 0, shift = 0
        while pos < end {
            let b = bytes[pos]
            pos += 1
            n |= Int(b & 0x7F) << shift
            if b & 0x80 == 0 { return n }
            shift += 7
            if shift > 35 { return nil }
        }
        return nil
    }
}
