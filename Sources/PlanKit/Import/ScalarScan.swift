/// Searches over a text's scalars eight at a time: most scalars of a plan are none of those
/// sought, and a vector comparison passes over eight of them at once. Each search ends with a
/// scalar-by-scalar look at the chunk that holds the answer (and at the last, partial chunk),
/// so it answers exactly as the one-scalar loop it stands for.
enum ScalarScan {
    typealias Chunk = SIMD8<UInt32>

    /// The first index at or after `from` holding `a` or `b`, or `b.count`.
    static func firstIndex(of a: UInt32, _ b: UInt32, in buf: UnsafeBufferPointer<UInt32>, from: Int) -> Int {
        var k = max(from, 0)
        let n = buf.count
        if let base = buf.baseAddress {
            let va = Chunk(repeating: a), vb = Chunk(repeating: b)
            while k + Chunk.scalarCount <= n {
                let v = UnsafeRawPointer(base + k).loadUnaligned(as: Chunk.self)
                if any((v .== va) .| (v .== vb)) { break }
                k += Chunk.scalarCount
            }
        }
        while k < n, buf[k] != a, buf[k] != b { k += 1 }
        return k
    }

    /// The first index at or after `from` holding `a`, `b` or `c`, or `b.count`.
    static func firstIndex(of a: UInt32, _ b: UInt32, _ c: UInt32, in buf: UnsafeBufferPointer<UInt32>, from: Int) -> Int {
        var k = max(from, 0)
        let n = buf.count
        if let base = buf.baseAddress {
            let va = Chunk(repeating: a), vb = Chunk(repeating: b), vc = Chunk(repeating: c)
            while k + Chunk.scalarCount <= n {
                let v = UnsafeRawPointer(base + k).loadUnaligned(as: Chunk.self)
                if any((v .== va) .| (v .== vb) .| (v .== vc)) { break }
                k += Chunk.scalarCount
            }
        }
        while k < n, buf[k] != a, buf[k] != b, buf[k] != c { k += 1 }
        return k
    }

    /// The first index at or after `from` whose scalar lies outside `lo..<hi` and passes `test`
    /// (scalars inside the range never do), or `b.count`.
    @inline(__always)
    static func firstIndex(outside lo: UInt32, _ hi: UInt32, in buf: UnsafeBufferPointer<UInt32>, from: Int,
                           where test: (UInt32) -> Bool) -> Int {
        var k = max(from, 0)
        let n = buf.count
        guard let base = buf.baseAddress else { return k }
        let vlo = Chunk(repeating: lo), width = Chunk(repeating: hi &- lo)
        while k < n {
            while k + Chunk.scalarCount <= n {
                let v = UnsafeRawPointer(base + k).loadUnaligned(as: Chunk.self)
                if any((v &- vlo) .>= width) { break }
                k += Chunk.scalarCount
            }
            // A chunk with a scalar outside the range (or the last, partial one), one scalar at a
            // time; an outside scalar need not pass the test, and then the chunks go on.
            let stop = min(k + Chunk.scalarCount, n)
            while k < stop {
                if buf[k] &- lo >= hi &- lo, test(buf[k]) { return k }
                k += 1
            }
        }
        return k
    }

    /// The last index before `end` (and at or after `start`) holding `a`, `b` or `c`, or nil.
    static func lastIndex(of a: UInt32, _ b: UInt32, _ c: UInt32, in buf: UnsafeBufferPointer<UInt32>,
                          from start: Int, before end: Int) -> Int? {
        var k = min(end, buf.count)
        let lo = max(start, 0)
        if let base = buf.baseAddress {
            let va = Chunk(repeating: a), vb = Chunk(repeating: b), vc = Chunk(repeating: c)
            while k - Chunk.scalarCount >= lo {
                let v = UnsafeRawPointer(base + k - Chunk.scalarCount).loadUnaligned(as: Chunk.self)
                if any((v .== va) .| (v .== vb) .| (v .== vc)) { break }
                k -= Chunk.scalarCount
            }
        }
        while k > lo {
            let u = buf[k - 1]
            if u == a || u == b || u == c { return k - 1 }
            k -= 1
        }
        return nil
    }
}
