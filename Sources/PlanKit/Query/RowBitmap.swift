/// A set of task rows as one bit per row: and / or / not are word-wise loops.
struct RowBitmap: Sendable {
    var words: [UInt64]
    let count: Int

    init(count: Int, full: Bool = false) {
        self.count = count
        words = [UInt64](repeating: full ? ~0 : 0, count: (count + 63) >> 6)
        if full { clearTail() }
    }

    init(rows: some Sequence<UInt32>, count: Int) {
        self.init(count: count)
        words.withUnsafeMutableBufferPointer { w in
            for r in rows { w[Int(r) >> 6] |= 1 << (UInt64(r) & 63) }
        }
    }

    /// The rows `holds` is true for, a word of 64 rows made at a time without a branch per row.
    @inline(__always)
    init(count: Int, where holds: (Int) -> Bool) {
        self.count = count
        words = [UInt64](unsafeUninitializedCapacity: (count + 63) >> 6) { w, made in
            for i in 0..<w.count {
                let first = i &<< 6, end = Swift.min(64, count &- first)
                var x: UInt64 = 0
                for b in 0..<end { x |= UInt64(holds(first &+ b) ? 1 : 0) &<< UInt64(b) }
                w[i] = x
            }
            made = w.count
        }
    }

    /// The same rows in a set of `n` rows (n at least `count`).
    func padded(to n: Int) -> RowBitmap {
        guard n > count else { return self }
        var b = RowBitmap(count: n)
        b.words.withUnsafeMutableBufferPointer { w in
            for (i, x) in words.enumerated() { w[i] = x }
        }
        return b
    }

    @inline(__always) mutating func insert(_ r: Int) { words[r >> 6] |= 1 << UInt64(r & 63) }
    @inline(__always) mutating func remove(_ r: Int) { words[r >> 6] &= ~(1 << UInt64(r & 63)) }
    @inline(__always) func contains(_ r: Int) -> Bool { words[r >> 6] & (1 << UInt64(r & 63)) != 0 }

    mutating func formIntersection(_ o: RowBitmap) {
        words.withUnsafeMutableBufferPointer { a in
            o.words.withUnsafeBufferPointer { b in
                for i in a.indices { a[i] &= b[i] }
            }
        }
    }

    mutating func formUnion(_ o: RowBitmap) {
        words.withUnsafeMutableBufferPointer { a in
            o.words.withUnsafeBufferPointer { b in
                for i in a.indices { a[i] |= b[i] }
            }
        }
    }

    mutating func invert() {
        words.withUnsafeMutableBufferPointer { a in
            for i in a.indices { a[i] = ~a[i] }
        }
        clearTail()
    }

    private mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0, !words.isEmpty { words[words.count - 1] &= ~0 >> UInt64(extra) }
    }

    var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The rows, ascending.
    func rows() -> [UInt32] {
        let total = cardinality
        return [UInt32](unsafeUninitializedCapacity: total) { out, made in
            var k = 0
            words.withUnsafeBufferPointer { w in
                for i in w.indices {
                    var x = w[i]
                    let first = UInt32(truncatingIfNeeded: i &<< 6)
                    while x != 0 {
                        out[k] = first &+ UInt32(truncatingIfNeeded: x.trailingZeroBitCount)
                        k &+= 1
                        x &= x &- 1
                    }
                }
            }
            made = k
        }
    }
}

/// Rows chosen by a condition, in whichever form was cheapest to produce.
enum Selection: Sendable {
    /// Every row of a table of this size.
    case all(Int)
    /// Rows ascending.
    case list([UInt32])
    case bitmap(RowBitmap)

    func bitmap(count: Int) -> RowBitmap {
        switch self {
        case .all: RowBitmap(count: count, full: true)
        case let .list(l): RowBitmap(rows: l, count: count)
        case let .bitmap(b): b
        }
    }

    func rows() -> [UInt32] {
        switch self {
        case let .all(n): (0..<n).map { UInt32($0) }
        case let .list(l): l
        case let .bitmap(b): b.rows()
        }
    }

    var count: Int {
        switch self {
        case let .all(n): n
        case let .list(l): l.count
        case let .bitmap(b): b.cardinality
        }
    }
}
