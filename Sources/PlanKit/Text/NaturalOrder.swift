/// Natural ordering: digit runs compare as numbers, so `2.2` < `2.10` and `9.2.2` < `10.1.2`.
public enum NaturalOrder {
    /// True when `a` sorts before `b`.
    public static func less(_ a: String, _ b: String) -> Bool {
        compare(a, b) < 0
    }

    /// `compare` of two strings' UTF-8, read in place (no byte arrays made) when stored contiguously.
    public static func compare(_ a: String, _ b: String) -> Int {
        let inPlace = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb in compare(pa, pb) }
        }
        return (inPlace ?? nil) ?? compare(Array(a.utf8), Array(b.utf8))
    }

    /// -1, 0 or 1, comparing UTF-8 bytes with digit runs taken as numbers.
    public static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in compare(pa, pb) } }
    }

    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0, j = 0
        while i < a.count && j < b.count {
            let ca = a[i], cb = b[j]
            if isDigit(ca) && isDigit(cb) {
                var i2 = i, j2 = j
                while i2 < a.count && isDigit(a[i2]) { i2 += 1 }
                while j2 < b.count && isDigit(b[j2]) { j2 += 1 }
                // Skip leading zeros, then longer run is larger, then bytewise.
                var si = i, sj = j
                while si < i2 - 1 && a[si] == 0x30 { si += 1 }
                while sj < j2 - 1 && b[sj] == 0x30 { sj += 1 }
                let la = i2 - si, lb = j2 - sj
                if la != lb { return la < lb ? -1 : 1 }
                var k = 0
                while k < la {
                    if a[si + k] != b[sj + k] { return a[si + k] < b[sj + k] ? -1 : 1 }
                    k += 1
                }
                i = i2
                j = j2
            } else {
                if ca != cb { return ca < cb ? -1 : 1 }
                i += 1
                j += 1
            }
        }
        if i < a.count { return 1 }
        if j < b.count { return -1 }
        return 0
    }

    /// Task ids order by plan id, then path; both naturally.
    public static func lessID(plan a: String, path pa: String, plan b: String, path pb: String) -> Bool {
        let c = compare(a, b)
        if c != 0 { return c < 0 }
        return compare(pa, pb) < 0
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}
