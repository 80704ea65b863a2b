/// `count … by F, G`: counts rows per combination of values. A multi-valued field counts a
/// task once per distinct value it holds (a task with no office is not counted by office).
///
/// Fields with small code domains (office, status, plan, progress, unit, note, level) count into
/// a dense array indexed by the mixed-radix combination of codes; others go through a dictionary.
struct Grouping {
    let evaluator: Evaluator
    let fields: [Field]
    var tasks: TaskTable { evaluator.tasks }
    var workspace: Workspace { evaluator.workspace }

    struct Group {
        var values: [ResultTable.Cell]
        var count: Int
    }

    func count(_ selection: Selection) -> [Group] {
        let sources = fields.map { $0.entry.group(evaluator.source) }
        var dense: [Int]?
        var radices: [Int] = []
        if sources.allSatisfy({ $0.domain != nil }) {
            radices = sources.map { max(1, $0.domain ?? 1) }
            let size = radices.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            if size <= 1 << 22 { dense = [Int](repeating: 0, count: size) }
        }
        var sparse: [[Int]: Int] = [:]
        // Fields counted by first appearance: their codes renumbered as rows reach them.
        var seen = sources.map { s in s.firstSeen ? s.domain.map(FirstSeen.init) : nil }

        // Fast path: one or two dense fields, no per-row closures for office and status.
        if var d = dense, fields == [.office, .status] || fields == [.office] || fields == [.status] {
            countOfficeStatus(selection, into: &d)
            dense = d
        } else if var d = dense, sources.allSatisfy({ $0.column != nil }) {
            countColumns(selection, sources, radices: radices, seen: &seen, into: &d)
            dense = d
        } else {
            countRows(selection, sources, radices: radices, seen: &seen, dense: &dense, sparse: &sparse)
        }

        var groups: [(codes: [Int], count: Int)] = []
        if let dense {
            for (key, c) in dense.enumerated() where c > 0 {
                var codes = [Int](repeating: 0, count: sources.count)
                var rest = key
                for k in sources.indices.reversed() {
                    codes[k] = rest % radices[k]
                    rest /= radices[k]
                }
                groups.append((codes, c))
            }
        } else {
            groups = sparse.map { ($0.key, $0.value) }
        }
        let original = seen.map { $0?.original }
        Self.sortLargestFirst(&groups, sources, original)
        return groups.map { g in
            Group(values: sources.indices.map { k in sources[k].value(original[k]?[g.codes[k]] ?? g.codes[k]) }, count: g.count)
        }
    }

    /// Codes renumbered in the order rows reach them (fields with `GroupKey.firstSeen`).
    struct FirstSeen {
        /// Code → renumbered code, -1 until seen.
        var renumbered: [Int]
        /// Renumbered code → code.
        var original: [Int] = []

        init(domain: Int) { renumbered = [Int](repeating: -1, count: max(1, domain)) }

        @inline(__always)
        mutating func code(_ c: Int) -> Int {
            if renumbered[c] < 0 {
                renumbered[c] = original.count
                original.append(c)
            }
            return renumbered[c]
        }
    }

    /// The general path: each field's codes of each row through its closure, every combination
    /// of a row's codes counted (a task once per distinct office); a row stops at its first field
    /// without a code.
    private func countRows(_ selection: Selection, _ sources: [GroupKey], radices: [Int], seen: inout [FirstSeen?],
                           dense: inout [Int]?, sparse: inout [[Int]: Int]) {
        var buffers = Array(repeating: [Int](), count: sources.count)
        // Ctrl-C: the remaining rows are skipped; the engine then throws, showing nothing.
        var stopped = false
        func visit(_ r: Int) {
            if stopped || (r & 0xFFF == 0 && Cancellation.isRequested) { stopped = true; return }
            for (k, s) in sources.enumerated() {
                buffers[k].removeAll(keepingCapacity: true)
                s.codes(r, &buffers[k])
                if buffers[k].isEmpty { return }
                if seen[k] != nil {
                    for i in buffers[k].indices { buffers[k][i] = seen[k]?.code(buffers[k][i]) ?? buffers[k][i] }
                }
            }
            // Every combination of this row's codes.
            var idx = [Int](repeating: 0, count: sources.count)
            while true {
                if dense != nil {
                    var key = 0
                    for k in sources.indices { key = key * radices[k] + buffers[k][idx[k]] }
                    dense![key] += 1
                } else {
                    sparse[sources.indices.map { buffers[$0][idx[$0]] }, default: 0] += 1
                }
                var k = sources.count - 1
                while k >= 0 {
                    idx[k] += 1
                    if idx[k] < buffers[k].count { break }
                    idx[k] = 0
                    k -= 1
                }
                if k < 0 { break }
            }
        }
        switch selection {
        case let .all(rows): for r in 0..<rows { visit(r) }
        case let .list(l): for r in l { visit(Int(r)) }
        case let .bitmap(b): for r in b.rows() { visit(Int(r)) }
        }
    }

    /// Largest groups first (SPEC: grouped counts by count, then natural order of the values).
    private static func sortLargestFirst(_ groups: inout [(codes: [Int], count: Int)], _ sources: [GroupKey],
                                         _ original: [[Int]?]) {
        groups.sort { a, b in
            if a.count != b.count { return a.count > b.count }
            for k in sources.indices where a.codes[k] != b.codes[k] {
                let ra = sources[k].rank(original[k]?[a.codes[k]] ?? a.codes[k])
                let rb = sources[k].rank(original[k]?[b.codes[k]] ?? b.codes[k])
                if ra != rb { return ra < rb }
                return a.codes[k] < b.codes[k]
            }
            return false
        }
    }

    /// Every field has at most one code per row in a column (lead, light, pace, a target's unit):
    /// a mixed-radix key over the columns, counted in one loop.
    private func countColumns(_ selection: Selection, _ sources: [GroupKey], radices: [Int], seen: inout [FirstSeen?],
                              into d: inout [Int]) {
        if sources.count == 2, case .all = selection, let (bytes, none, rows) = sources[1].byteColumn?(), seen[1] == nil {
            // A field by a field of a few values (`count tasks by lead, light`, `count targets by
            // unit, light`): one loop over a column and a byte column.
            var table: [Int32]?
            if seen[0] != nil {
                guard let firstRows = sources[0].firstRows?() else {
                    let columns = sources.compactMap { $0.column?() }
                    countColumnsInOrder(selection, columns, radices: radices, seen: &seen, into: &d)
                    return
                }
                table = Grouping.numberByFirstRow(firstRows, domain: radices[0], seen: &seen[0])
            }
            countByBytes(sources[0].column?() ?? [], bytes, none: none, rows: rows, renumbered: table, radix: radices[1], into: &d)
            return
        }
        let columns = sources.compactMap { $0.column?() }
        let n = min(evaluator.source.count, columns.map(\.count).min() ?? 0)
        if seen.contains(where: { $0 != nil }) {
            // The first field's codes over every row are numbered in the order of their first rows.
            guard case .all = selection, seen.indices.allSatisfy({ seen[$0] == nil || $0 == 0 }),
                  let firstRows = sources[0].firstRows?() else {
                countColumnsInOrder(selection, columns, radices: radices, seen: &seen, into: &d)
                return
            }
            let table = Grouping.numberByFirstRow(firstRows, domain: radices[0], seen: &seen[0])
            countColumns(columns, n: n, renumbered: table, radices: radices, into: &d)
            return
        }
        if columns.contains(where: { $0.contains { $0 < 0 } }) {
            if case .all = selection {
                countColumns(columns, n: n, renumbered: nil, radices: radices, into: &d)
            } else {
                countColumnsInOrder(selection, columns, radices: radices, seen: &seen, into: &d)
            }
            return
        }
        if columns.count == 2, case .all = selection {
            // Two columns over every row (`count tasks by lead, light`): no key array.
            let radix = radices[1]
            d.withUnsafeMutableBufferPointer { out in
                columns[0].withUnsafeBufferPointer { a in
                    columns[1].withUnsafeBufferPointer { b in
                        for r in 0..<n { out[Int(a[r]) * radix + Int(b[r])] += 1 }
                    }
                }
            }
            return
        }
        var keys = [Int](repeating: 0, count: n)
        for (k, col) in columns.enumerated() {
            let radix = radices[k]
            keys.withUnsafeMutableBufferPointer { key in
                col.withUnsafeBufferPointer { c in
                    for r in 0..<n { key[r] = key[r] * radix + Int(c[r]) }
                }
            }
        }
        d.withUnsafeMutableBufferPointer { out in
            keys.withUnsafeBufferPointer { key in
                switch selection {
                case .all: for r in 0..<n { out[key[r]] += 1 }
                case let .list(l): for r in l where Int(r) < n { out[key[Int(r)]] += 1 }
                case let .bitmap(b): for r in b.rows() where Int(r) < n { out[key[Int(r)]] += 1 }
                }
            }
        }
    }

    /// Every row by a column of codes (-1: none) and a byte column (`none`: none).
    /// `rows`, when given, are the only rows whose byte may be other than `none` (ascending).
    private func countByBytes(_ codes: [Int32], _ bytes: [UInt8], none: UInt8, rows: [UInt32]?, renumbered: [Int32]?,
                              radix: Int, into d: inout [Int]) {
        let identity = renumbered == nil, table = renumbered ?? [0]
        d.withUnsafeMutableBufferPointer { out in
            table.withUnsafeBufferPointer { first in
                codes.withUnsafeBufferPointer { a in
                    bytes.withUnsafeBufferPointer { b in
                        let n = min(a.count, b.count)
                        @inline(__always) func count(_ r: Int) {
                            let y = b[r], x = Int(a[r])
                            if y == none || x < 0 { return }
                            out[(identity ? x : Int(first[x])) * radix + Int(y)] += 1
                        }
                        if let rows {
                            for r in rows where Int(r) < n { count(Int(r)) }
                        } else {
                            for r in 0..<n { count(r) }
                        }
                    }
                }
            }
        }
    }

    /// Codes numbered in the order of their first rows (codes no row holds get none).
    static func numberByFirstRow(_ firstRows: [Int], domain: Int, seen: inout FirstSeen?) -> [Int32] {
        var numbered = FirstSeen(domain: domain)
        var table = [Int32](repeating: 0, count: max(1, domain))
        let order = firstRows.indices.filter { firstRows[$0] != Int.max && $0 < domain }.sorted { firstRows[$0] < firstRows[$1] }
        for c in order { table[c] = Int32(numbered.code(c)) }
        seen = numbered
        return table
    }

    /// Every row, skipping rows with no code (-1) in some column; the first column's codes through
    /// `renumbered` when given. Two columns (`count targets by unit, light`) in a loop of their own.
    private func countColumns(_ columns: [[Int32]], n: Int, renumbered: [Int32]?, radices: [Int], into d: inout [Int]) {
        let identity = renumbered == nil
        let table = renumbered ?? [0]
        d.withUnsafeMutableBufferPointer { out in
            table.withUnsafeBufferPointer { first in
                if columns.count == 2 {
                    let radix = radices[1]
                    columns[0].withUnsafeBufferPointer { a in
                        columns[1].withUnsafeBufferPointer { b in
                            for r in 0..<n {
                                let y = Int(b[r]), x = Int(a[r])
                                if x < 0 || y < 0 { continue }
                                out[(identity ? x : Int(first[x])) * radix + y] += 1
                            }
                        }
                    }
                    return
                }
                rowLoop: for r in 0..<n {
                    var key = 0
                    for k in columns.indices {
                        var c = Int(columns[k][r])
                        if c < 0 { continue rowLoop }
                        if k == 0 && !identity { c = Int(first[c]) }
                        key = key * radices[k] + c
                    }
                    out[key] += 1
                }
            }
        }
    }

    /// `countColumns` when a row may have no code for a field (-1: not counted) or a field is
    /// counted by first appearance: rows in order, fields in order, as `countRows` visits them.
    private func countColumnsInOrder(_ selection: Selection, _ columns: [[Int32]], radices: [Int],
                                     seen: inout [FirstSeen?], into d: inout [Int]) {
        let m = columns.count
        let n = columns.map(\.count).min() ?? 0
        // One table for every first-seen field: slot offset[k] + code → renumbered code, -1 unseen.
        var offset = [Int](repeating: -1, count: m), slots = 0
        for k in 0..<m where seen[k] != nil {
            offset[k] = slots
            slots += radices[k]
        }
        var renumbered = [Int32](repeating: -1, count: max(1, slots))
        var originals = Array(repeating: [Int](), count: m)
        // Rows in order: every row, or the selected ones (no nested function: captured state
        // would be checked for exclusive access on every row).
        let list: [UInt32]?
        switch selection {
        case .all: list = nil
        case let .list(l): list = l
        case let .bitmap(b): list = b.rows()
        }
        let total = list?.count ?? selection.count
        renumbered.withUnsafeMutableBufferPointer { table in
            d.withUnsafeMutableBufferPointer { out in
                rowLoop: for i in 0..<total {
                    let r = list.map { Int($0[i]) } ?? i
                    guard r < n else { continue }
                    var key = 0
                    for k in 0..<m {
                        var c = Int(columns[k][r])
                        if c < 0 { continue rowLoop }
                        if offset[k] >= 0 {
                            let slot = offset[k] + c
                            if table[slot] < 0 {
                                table[slot] = Int32(originals[k].count)
                                originals[k].append(c)
                            }
                            c = Int(table[slot])
                        }
                        key = key * radices[k] + c
                    }
                    out[key] += 1
                }
            }
        }
        for k in 0..<m where seen[k] != nil {
            var f = FirstSeen(domain: radices[k])
            for c in originals[k] { _ = f.code(c) }
            seen[k] = f
        }
    }

    /// Every row by office (and status), when no two office spellings fold together: each
    /// office's rows (its posting list names a row once) with their status, no row visited twice.
    private func countOfficePostings(byStatus: Bool, into counts: inout [Int]) {
        let postings = tasks.officeRows
        tasks.status.withUnsafeBufferPointer { status in
            counts.withUnsafeMutableBufferPointer { out in
                for c in postings.indices {
                    guard byStatus else { out[c] += postings[c].count; continue }
                    var byCode = (0, 0, 0, 0)
                    postings[c].withUnsafeBufferPointer { rows in
                        for r in rows {
                            switch status[Int(r)] {
                            case 0: byCode.0 += 1
                            case 1: byCode.1 += 1
                            case 2: byCode.2 += 1
                            default: byCode.3 += 1
                            }
                        }
                    }
                    out[c * 4] += byCode.0
                    out[c * 4 + 1] += byCode.1
                    out[c * 4 + 2] += byCode.2
                    out[c * 4 + 3] += byCode.3
                }
            }
        }
    }

    /// Q3's shape (`by office, status`, or either alone) as one loop over the columns.
    func countOfficeStatus(_ selection: Selection, into counts: inout [Int]) {
        let byOffice = fields.contains(.office), byStatus = fields.contains(.status)
        let statusRadix = byStatus ? 4 : 1
        // Spellings equal after folding count as one office (the first spelling's code).
        let canon = FieldSupport.foldedRepresentatives(tasks.offices.names)
        if case .all = selection, byOffice, canon.indices.allSatisfy({ canon[$0] == $0 }) {
            countOfficePostings(byStatus: byStatus, into: &counts)
            return
        }
        tasks.officeStart.withUnsafeBufferPointer { start in
            tasks.officeCodes.withUnsafeBufferPointer { codes in
                tasks.status.withUnsafeBufferPointer { status in
                    counts.withUnsafeMutableBufferPointer { out in
                        func visit(_ r: Int) {
                            let s = byStatus ? Int(min(status[r], 3)) : 0
                            guard byOffice else { out[s] += 1; return }
                            let lo = Int(start[r]), hi = Int(start[r + 1])
                            for i in lo..<hi {
                                let c = canon[Int(codes[i])]
                                var dup = false
                                var j = lo
                                while j < i { if canon[Int(codes[j])] == c { dup = true; break }; j += 1 }
                                if !dup { out[c * statusRadix + s] += 1 }
                            }
                        }
                        switch selection {
                        case let .all(n): for r in 0..<n { visit(r) }
                        case let .list(l): for r in l { visit(Int(r)) }
                        case let .bitmap(b): for r in b.rows() { visit(Int(r)) }
                        }
                    }
                }
            }
        }
    }
}
