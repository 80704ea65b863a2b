/// Building blocks the field entries share: comparisons, orders over string columns,
/// group keys and CSV quoting.
enum FieldSupport {
    @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }

    /// Byte (code point) order of a string column's rows.
    static func byteOrder(_ col: StringColumn) -> (Int, Int) -> Int {
        { a, b in
            col.bytes.withUnsafeBytes { raw in
                QueryText.compareBytes(UnsafeRawBufferPointer(rebasing: raw[col.byteRange(a)]),
                                       UnsafeRawBufferPointer(rebasing: raw[col.byteRange(b)]))
            }
        }
    }

    /// Natural order of paths (`2.2` before `2.10`).
    static func pathOrder(_ s: RowSource) -> (Int, Int) -> Int {
        let paths = s.tasks.paths
        return { a, b in NaturalOrder.compare(Array(paths.bytes[paths.byteRange(a)]), Array(paths.bytes[paths.byteRange(b)])) }
    }

    /// Depth of row `r`'s path (`2.1.1` → 3).
    static func level(_ t: TaskTable, _ r: Int) -> Int {
        var dots = 1
        for i in t.paths.byteRange(r) where t.paths.bytes[i] == 0x2E { dots += 1 }
        return dots
    }

    /// A byte column as group codes; `none` (when given) becomes -1, a row with no value.
    static func int32Column(_ bytes: [UInt8], none: UInt8? = nil) -> [Int32] {
        bytes.withUnsafeBufferPointer { src in
            [Int32](unsafeUninitializedCapacity: src.count) { out, count in
                if let none {
                    for i in 0..<src.count { out[i] = src[i] == none ? -1 : Int32(src[i]) }
                } else {
                    for i in 0..<src.count { out[i] = Int32(src[i]) }
                }
                count = src.count
            }
        }
    }

    /// Every row's lead office code (`TaskTable.leadCode`), the office count for a row without
    /// one: made once per table and kept in its query cache.
    static func leadCodes(_ t: TaskTable) -> [Int32] { t.queryCache.leadCodes(of: t) }

    /// Distinct paths in natural order (the first 200,000 rows), for completion.
    static func paths(_ w: Workspace) -> [String] {
        let t = w.tasks
        var seen = Set<String>()
        var out: [String] = []
        for r in 0..<min(t.count, 200_000) {
            let p = t.paths[r]
            if seen.insert(p).inserted { out.append(p) }
        }
        return out.sorted(by: NaturalOrder.less)
    }

    /// For each interned name, the code of the first name equal to it after folding (SPEC §3:
    /// `count by` groups values equal after folding once, under their first spelling).
    static func foldedRepresentatives(_ names: [String]) -> [Int] {
        var first: [String: Int] = [:]
        return names.indices.map { i in
            let key = TextFolding.fold(names[i])
            if let c = first[key] { return c }
            first[key] = i
            return i
        }
    }

    /// Appends a CSV field, quoted when it holds a comma, quote, CR or LF (RFC 4180).
    static func appendCSV(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        if bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            out.append(0x22)
            for b in bytes {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        } else {
            out.append(bytes)
        }
    }

    /// Row r of a string column as a CSV field.
    @inline(__always)
    static func appendCSV(_ column: StringColumn, _ r: Int, to out: inout ByteBuffer) {
        let range = column.offsets[r]..<column.offsets[r + 1]
        column.bytes.withUnsafeBufferPointer { appendCSV(UnsafeBufferPointer(rebasing: $0[range]), to: &out) }
    }

    /// Text as a CSV field.
    static func appendCSV(_ text: String, to out: inout ByteBuffer) {
        var text = text
        text.withUTF8 { appendCSV($0, to: &out) }
    }
}

/// One field's group codes for `count … by`: how to get a row's codes, and the value and
/// sort rank each code stands for. Built once per query by the field's entry.
struct GroupKey {
    /// Number of codes when fixed in advance (nil: codes are handed out while scanning).
    var domain: Int?
    var codes: (Int, inout [Int]) -> Void
    var value: (Int) -> ResultTable.Cell
    /// Sort rank of a code.
    var rank: (Int) -> Double
    /// When every row has at most one code: the codes of all rows (-1: none, the row is not
    /// counted), built in one pass; counting then runs over plain columns, with no call per row.
    var column: (() -> [Int32])? = nil
    /// Groups of equal count and rank keep the order in which the rows reach their codes (as
    /// codes handed out while scanning do), not the order of the codes themselves.
    var firstSeen = false
    /// For a first-seen field with a column: each code's first row (`Int.max`: none), so a count
    /// over every row knows the order in advance.
    var firstRows: (() -> [Int])? = nil
    /// The same codes as `column`, one byte a row (`none`: no code), for a field of a few values
    /// (lights): counted from the bytes, no column of `Int32` made. `rows`, when given, are the
    /// only rows (ascending) whose byte may be other than `none` (a target's light needs an actual).
    var byteColumn: (() -> (codes: [UInt8], none: UInt8, rows: [UInt32]?))? = nil

    /// Group by a string per row, values equal after folding as one group shown with their
    /// first spelling, ranked in natural order.
    static func strings(_ text: @escaping (Int) -> String) -> GroupKey {
        let dict = Interner<String>()
        let cache = RankCache()
        let spelling = RankCache()
        return GroupKey(domain: nil, codes: { r, out in
                            let s = text(r)
                            let c = dict.code(TextFolding.fold(s))
                            if c == spelling.names.count { spelling.names.append(s) }
                            out.append(c)
                        },
                        value: { .text(spelling.names[$0]) },
                        rank: { code in
                            if cache.ranks.count != dict.values.count {
                                let order = dict.values.indices.sorted { NaturalOrder.less(dict.values[$0], dict.values[$1]) }
                                var ranks = [Int](repeating: 0, count: order.count)
                                for (k, i) in order.enumerated() { ranks[i] = k }
                                cache.ranks = ranks
                            }
                            return Double(cache.ranks[code])
                        })
    }
}

/// Codes handed out in order of first appearance, for group keys without a fixed domain.
final class Interner<T: Hashable> {
    var values: [T] = []
    var codes: [T: Int] = [:]
    func code(_ v: T) -> Int {
        if let c = codes[v] { return c }
        values.append(v)
        codes[v] = values.count - 1
        return values.count - 1
    }
}

final class RankCache {
    var ranks: [Int] = []
    var names: [String] = []
}
