/// `order by … limit N`: sorts rows by the keys, ties by id (row order, which is natural id order).
///
/// Ordering by progress walks the (status, progress) buckets of the progress index from the top,
/// so `… order by progress desc limit 20` touches about 20 rows instead of sorting; other keys
/// sort (or, with a small limit, keep the best N while scanning).
struct Ordering {
    let evaluator: Evaluator
    let keys: [OrderKey]
    var tasks: TaskTable { evaluator.tasks }

    /// Whether the bucket walk applies: progress first, then nothing or `id` ascending.
    var usesProgressBuckets: Bool {
        guard let k = keys.first, k.field.field == .progress else { return false }
        if keys.count == 1 { return true }
        return keys.count == 2 && keys[1].field.field == .id && !keys[1].descending
    }

    /// Rows satisfying `filter` in progress order, at most `limit`, by walking buckets.
    /// `statuses` (bit mask) limits the buckets visited when the filter fixes the status.
    func progressOrdered(filter: Predicate?, statuses: UInt8, limit: Int?) -> [UInt32] {
        let index = evaluator.progressIndex
        let desc = keys[0].descending
        let want = limit ?? Int.max
        var out: [UInt32] = []
        let allowed = (0..<4).filter { statuses & (1 << $0) != 0 }
        var merged: [UInt32] = []
        for step in 0..<ProgressIndex.progressSlots {
            let p = desc ? ProgressIndex.progressSlots - 1 - step : step
            if out.count >= want { break }
            var bucket: ArraySlice<UInt32>
            if allowed.count == 1 {
                bucket = index.rows(status: allowed[0], progress: p)
            } else {
                merged.removeAll(keepingCapacity: true)
                for s in allowed { merged.append(contentsOf: index.rows(status: s, progress: p)) }
                if merged.isEmpty { continue }
                merged.sort()
                bucket = merged[...]
            }
            for r in bucket {
                if let filter, !evaluator.test(filter, Int(r)) { continue }
                out.append(r)
                if out.count >= want { break }
            }
        }
        return out
    }

    /// `rows` (ascending) sorted by the keys, cut to `limit`.
    func sorted(_ rows: [UInt32], limit: Int?) -> [UInt32] {
        if keys.isEmpty || keys.count == 1 && keys[0].field.field == .id && !keys[0].descending {
            return limit.map { Array(rows.prefix($0)) } ?? rows
        }
        let cmp = comparator()
        if let k = limit, k < rows.count / 8, k <= 4096 {
            // Keep the best k while scanning: a sorted buffer with binary insertion.
            var best: [UInt32] = []
            best.reserveCapacity(k + 1)
            if k == 0 { return [] }
            for r in rows {
                if best.count == k, !cmp(r, best[k - 1]) { continue }
                var lo = 0, hi = best.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cmp(best[mid], r) { lo = mid + 1 } else { hi = mid }
                }
                best.insert(r, at: lo)
                if best.count > k { best.removeLast() }
            }
            return best
        }
        if keys.count == 1, let rowKeys = integerKeys(rows) {
            let desc = keys[0].descending
            if let all = Ordering.countingSort(rows, keys: rowKeys, descending: desc) {
                return limit.map { Array(all.prefix($0)) } ?? all
            }
            // One key with an integer per row: sort (key, row) packed in 64 bits, no closures.
            var packed = zip(rows, rowKeys.keys).map { r, key -> UInt64 in
                let k = Int64(key) + (1 << 31)
                return UInt64(desc ? (1 << 32) - 1 - k : k) << 32 | UInt64(r)
            }
            packed.sort()
            let all = packed.map { UInt32(truncatingIfNeeded: $0) }
            return limit.map { Array(all.prefix($0)) } ?? all
        }
        let all = rows.sorted(by: cmp)
        return limit.map { Array(all.prefix($0)) } ?? all
    }

    /// `rows` (ascending) stably ordered by an integer key whose values span at most 2^18 (dates,
    /// lights): counted, then placed, keeping row order within a key. Nil when the span is wider.
    ///
    /// The rows are taken as four quarters, each with its own counter per key, worked on in
    /// turn: runs of equal keys (tasks due the same day) then make four independent chains of
    /// increments instead of one where each waits on the last.
    static func countingSort(_ rows: [UInt32], keys rowKeys: RowKeys, descending: Bool) -> [UInt32]? {
        guard !rows.isEmpty else { return [] }
        let base = Int(rowKeys.low), span = Int(rowKeys.high) - base + 1
        guard span <= 1 << 18 else { return nil }
        let n = rows.count, quarter = (n + 3) / 4
        // slots[4 * (key - base) + q]: quarter q's count of the key, then where its next row goes.
        var slots = [Int](repeating: 0, count: 4 * span)
        rowKeys.keys.withUnsafeBufferPointer { k in
            slots.withUnsafeMutableBufferPointer { s in
                for j in 0..<quarter {
                    for q in 0..<4 {
                        let i = q &* quarter &+ j
                        if i < n { s[4 &* (Int(k[i]) &- base) &+ q] &+= 1 }
                    }
                }
                // Positions: keys in order (largest first when descending), quarters in order within a key.
                var at = 0
                for step in 0..<span {
                    let v = descending ? span &- 1 &- step : step
                    for q in 0..<4 {
                        let c = s[4 &* v &+ q]
                        s[4 &* v &+ q] = at
                        at &+= c
                    }
                }
            }
        }
        // Rows placed in one pass over unchecked buffers: the slots were counted from these keys.
        return [UInt32](unsafeUninitializedCapacity: n) { out, count in
            rows.withUnsafeBufferPointer { r in
                rowKeys.keys.withUnsafeBufferPointer { k in
                    slots.withUnsafeMutableBufferPointer { s in
                        for j in 0..<quarter {
                            for q in 0..<4 {
                                let i = q &* quarter &+ j
                                guard i < n else { continue }
                                let slot = 4 &* (Int(k[i]) &- base) &+ q
                                out[s[slot]] = r[i]
                                s[slot] &+= 1
                            }
                        }
                    }
                }
            }
            count = n
        }
    }

    /// The 32-bit sort key of each of `rows` and their least and greatest.
    struct RowKeys {
        var keys: [Int32]
        var low: Int32
        var high: Int32
    }

    /// The 32-bit sort keys of `rows` for the fields that have one (the due date orders `due`
    /// and `due_in`, a task without one last; the light column orders `light`), in one pass over
    /// the column; nil for the other fields.
    func integerKeys(_ rows: [UInt32]) -> RowKeys? {
        let t = evaluator.tasks
        switch keys[0].field.field {
        case .due, .dueIn: return Ordering.gather(rows, t.due) { $0 > 0 ? $0 : Int32.max }
        case .light:
            let lights = Judge(asOf: evaluator.source.context.asOf, rules: evaluator.workspace.rules).lights(in: t)
            return Ordering.gather(rows, lights) { Int32($0) }
        default: return nil
        }
    }

    /// `key(column[r])` for each of `rows`, with the least and greatest.
    @inline(__always)
    static func gather<T>(_ rows: [UInt32], _ column: [T], _ key: (T) -> Int32) -> RowKeys {
        var low = Int32.max, high = Int32.min
        let column = column.span
        let keys = [Int32](unsafeUninitializedCapacity: rows.count) { out, count in
            for (i, r) in rows.enumerated() {
                let k = key(column[Int(r)])
                out[i] = k
                low = min(low, k)
                high = max(high, k)
            }
            count = rows.count
        }
        return RowKeys(keys: keys, low: low, high: high)
    }

    /// "a before b" by the keys, then by row.
    func comparator() -> (UInt32, UInt32) -> Bool {
        let compares = keys.map { key -> (Int, Int) -> Int in
            let f = key.field.field.entry.order(evaluator.source)
            return key.descending ? { a, b in f(b, a) } : f
        }
        return { a, b in
            let x = Int(a), y = Int(b)
            for c in compares {
                let v = c(x, y)
                if v != 0 { return v < 0 }
            }
            return a < b
        }
    }

    /// Each name's rank in natural order (digit runs by value: `科室2` before `科室10`).
    static func naturalRanks(_ names: [String]) -> [Int] {
        let order = names.indices.sorted { NaturalOrder.less(names[$0], names[$1]) }
        var rank = [Int](repeating: 0, count: names.count)
        for (k, i) in order.enumerated() { rank[i] = k }
        return rank
    }

    /// Each name's rank in byte order.
    static func ranks(_ names: [String]) -> [Int] {
        let order = names.indices.sorted { QueryText.compareBytes(Array(names[$0].utf8), Array(names[$1].utf8)) < 0 }
        var rank = [Int](repeating: 0, count: names.count)
        for (k, i) in order.enumerated() { rank[i] = k }
        return rank
    }
}
