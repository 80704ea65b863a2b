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

    /// One field's codes for a row and the value each code stands for.
    struct KeySource {
        /// Number of codes when fixed in advance (nil: codes are handed out while scanning).
        var domain: Int?
        var codes: (Int, inout [Int]) -> Void
        var value: (Int) -> ResultTable.Cell
        /// Sort rank of a code.
        var rank: (Int) -> Double
    }

    func count(_ selection: Selection) -> [Group] {
        let sources = fields.map(source)
        let n = tasks.count
        var buffers = Array(repeating: [Int](), count: fields.count)
        var dense: [Int]?
        var radices: [Int] = []
        if sources.allSatisfy({ $0.domain != nil }) {
            radices = sources.map { max(1, $0.domain ?? 1) }
            let size = radices.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            if size <= 1 << 22 { dense = [Int](repeating: 0, count: size) }
        }
        var sparse: [[Int]: Int] = [:]

        // Fast path: one or two dense fields, no per-row closures for office and status.
        if var d = dense, fields == [.office, .status] || fields == [.office] || fields == [.status] {
            countOfficeStatus(selection, into: &d)
            dense = d
        } else {
            // Ctrl-C: the remaining rows are skipped; the engine then throws, showing nothing.
            var stopped = false
            func visit(_ r: Int) {
                if stopped || (r & 0xFFF == 0 && Cancellation.isRequested) { stopped = true; return }
                for (k, s) in sources.enumerated() {
                    buffers[k].removeAll(keepingCapacity: true)
                    s.codes(r, &buffers[k])
                    if buffers[k].isEmpty { return }
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
            case .all: for r in 0..<n { visit(r) }
            case let .list(l): for r in l { visit(Int(r)) }
            case let .bitmap(b): for r in b.rows() { visit(Int(r)) }
            }
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
        groups.sort { a, b in
            for k in sources.indices where a.codes[k] != b.codes[k] {
                let ra = sources[k].rank(a.codes[k]), rb = sources[k].rank(b.codes[k])
                if ra != rb { return ra < rb }
                return a.codes[k] < b.codes[k]
            }
            return false
        }
        return groups.map { g in Group(values: sources.indices.map { sources[$0].value(g.codes[$0]) }, count: g.count) }
    }

    /// Q3's shape (`by office, status`, or either alone) as one loop over the columns.
    func countOfficeStatus(_ selection: Selection, into counts: inout [Int]) {
        let byOffice = fields.contains(.office), byStatus = fields.contains(.status)
        let statusRadix = byStatus ? 4 : 1
        tasks.officeStart.withUnsafeBufferPointer { start in
            tasks.officeCodes.withUnsafeBufferPointer { codes in
                tasks.status.withUnsafeBufferPointer { status in
                    counts.withUnsafeMutableBufferPointer { out in
                        func visit(_ r: Int) {
                            let s = byStatus ? Int(min(status[r], 3)) : 0
                            guard byOffice else { out[s] += 1; return }
                            let lo = Int(start[r]), hi = Int(start[r + 1])
                            for i in lo..<hi {
                                let c = codes[i]
                                var dup = false
                                var j = lo
                                while j < i { if codes[j] == c { dup = true; break }; j += 1 }
                                if !dup { out[Int(c) * statusRadix + s] += 1 }
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

    /// How to get codes and values for `field`.
    func source(_ field: Field) -> KeySource {
        let t = tasks
        let w = workspace
        switch field {
        case .office:
            let rank = Ordering.ranks(t.offices.names)
            return KeySource(domain: t.offices.count, codes: { r, out in
                for c in t.officeCodes(row: r) where !out.contains(Int(c)) { out.append(Int(c)) }
            }, value: { .text(t.offices.names[$0]) }, rank: { Double(rank[$0]) })
        case .status:
            return KeySource(domain: 4, codes: { r, out in out.append(Int(min(t.status[r], 3))) },
                             value: { .text((TaskStatus(rawValue: UInt8($0)) ?? .notStarted).keyword) }, rank: { Double($0) })
        case .plan:
            return KeySource(domain: w.plans.count, codes: { r, out in out.append(Int(t.planRow[r])) },
                             value: { .text(w.plans[$0].id) }, rank: { Double($0) })
        case .progress:
            return KeySource(domain: 256, codes: { r, out in out.append(Int(t.progress[r])) },
                             value: { .integer($0) }, rank: { Double($0) })
        case .level:
            let e = evaluator
            return KeySource(domain: 64, codes: { r, out in out.append(min(63, e.level(r))) },
                             value: { .integer($0) }, rank: { Double($0) })
        case .unit:
            let rank = Ordering.ranks(t.units.names)
            return KeySource(domain: t.units.count, codes: { r, out in
                for i in t.targetRange(row: r) where !out.contains(Int(t.targetUnit[i])) { out.append(Int(t.targetUnit[i])) }
            }, value: { .text(t.units.names[$0]) }, rank: { Double(rank[$0]) })
        case .note:
            let rank = Ordering.ranks(t.notes.names)
            return KeySource(domain: t.notes.count, codes: { r, out in out.append(Int(t.noteCode[r])) },
                             value: { .text(t.notes.names[$0]) }, rank: { Double(rank[$0]) })
        case .overdue:
            let today = CalendarDay(containing: .init()).ordinal
            return KeySource(domain: 2, codes: { r, out in
                out.append(t.due[r] > 0 && t.due[r] < today && t.status[r] != TaskStatus.done.rawValue ? 1 : 0)
            }, value: { .bool($0 == 1) }, rank: { Double($0) })
        case .due:
            // Codes are the day ordinals offset by one (0: no due date).
            let dict = Interner<Int32>()
            return KeySource(domain: nil, codes: { r, out in out.append(dict.code(t.due[r])) },
                             value: { dict.values[$0] > 0 ? .text(CalendarDay(ordinal: dict.values[$0])?.description ?? "") : .null },
                             rank: { Double(dict.values[$0]) })
        case .updated:
            let dict = Interner<Int32>()
            return KeySource(domain: nil, codes: { r, out in out.append(dict.code(t.updated[r])) },
                             value: { dict.values[$0] >= 0 ? .text(YearMonth(ordinal: Int(dict.values[$0])).description) : .null },
                             rank: { Double(dict.values[$0]) })
        case .target:
            let dict = Interner<Double>()
            return KeySource(domain: nil, codes: { r, out in
                for i in t.targetRange(row: r) where !t.targetValue[i].isNaN {
                    let c = dict.code(t.targetValue[i])
                    if !out.contains(c) { out.append(c) }
                }
            }, value: { .number(dict.values[$0]) }, rank: { dict.values[$0] })
        case .id, .path, .section, .heading, .text:
            let dict = Interner<String>()
            let text: (Int) -> String = { r in
                switch field {
                case .id: w.taskID(row: r)
                case .heading: t.headings[r]
                case .text: t.texts[r]
                default: t.paths[r]
                }
            }
            let natural = field == .id || field == .path || field == .section
            return KeySource(domain: nil, codes: { r, out in out.append(dict.code(text(r))) },
                             value: { .text(dict.values[$0]) },
                             rank: { _ in 0 }).sortedBy(dict, natural: natural)
        }
    }
}

extension Grouping.KeySource {
    /// Rank string codes after the scan: natural order for ids and paths, byte order otherwise.
    func sortedBy(_ dict: Interner<String>, natural: Bool) -> Grouping.KeySource {
        var copy = self
        let cache = RankCache()
        copy.rank = { code in
            if cache.ranks.count != dict.values.count {
                let order = dict.values.indices.sorted { a, b in
                    natural ? NaturalOrder.less(dict.values[a], dict.values[b])
                        : QueryText.compareBytes(Array(dict.values[a].utf8), Array(dict.values[b].utf8)) < 0
                }
                var r = [Int](repeating: 0, count: order.count)
                for (k, i) in order.enumerated() { r[i] = k }
                cache.ranks = r
            }
            return Double(cache.ranks[code])
        }
        return copy
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
}
