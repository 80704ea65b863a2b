import Foundation

/// Evaluates checked predicates over a workspace's columns.
///
/// Equality on office, plan, status and id is answered from indexes (office postings,
/// plan row ranges, the status index, row lookup); an `and` starts from its most selective
/// indexed operand and tests the others row by row; everything else is a tight scan of the
/// columns into a bitmap (`contains` searches the text column's bytes in one pass).
struct Evaluator {
    let source: RowSource
    let workspace: Workspace
    let tasks: TaskTable
    /// Rows of the source (tasks, or targets).
    let n: Int

    init(_ source: RowSource) {
        self.source = source
        workspace = source.workspace
        tasks = source.tasks
        n = source.count
    }

    var progressIndex: ProgressIndex { tasks.queryCache.progress(of: tasks) }

    // MARK: Selecting

    /// The rows satisfying `p`.
    func select(_ p: Predicate) -> Selection {
        switch p {
        case let .constant(b):
            return b ? .all(n) : .list([])
        case let .rows(r):
            return .list(r)
        case let .offices(set):
            let codes = set.indices.filter { set[$0] }
            if codes.isEmpty { return .list([]) }
            if codes.count == 1 { return .list(tasks.officeRows[codes[0]]) }
            var b = RowBitmap(count: n)
            for c in codes { b.formUnion(RowBitmap(rows: tasks.officeRows[c], count: n)) }
            return .bitmap(b)
        case let .plans(set):
            var out: [UInt32] = []
            for (i, on) in set.enumerated() where on {
                out.append(contentsOf: workspace.taskRanges[i].lazy.map { UInt32($0) })
            }
            return .list(out)
        case let .status(mask):
            let statuses = (0..<4).filter { mask & (1 << $0) != 0 }
            if statuses.isEmpty { return .list([]) }
            if statuses.count == 4 { return .all(n) }
            let index = progressIndex
            if statuses.count == 1 { return .list(Array(index.rows(status: statuses[0]))) }
            var b = RowBitmap(count: n)
            for s in statuses { b.formUnion(RowBitmap(rows: index.rows(status: s), count: n)) }
            return .bitmap(b)
        case let .and(xs):
            return selectAnd(xs)
        case let .or(xs):
            var b = RowBitmap(count: n)
            for x in xs {
                let s = select(x)
                if case .all = s { return .all(n) }
                b.formUnion(s.bitmap(count: n))
            }
            return .bitmap(b)
        case let .not(x):
            var b = select(x).bitmap(count: n)
            b.invert()
            return .bitmap(b)
        case let .text(column, .contains(pattern)) where column != .id:
            let col = stringColumn(column)
            // Heading and text: only the rows whose characters could hold the needle are read.
            let rows = column == .path || TextSignature.bits(of: pattern.bytes).isEmpty
                ? pattern.rows(containingIn: col)
                : pattern.rows(containingIn: col, signature: tasks.textCache.signature(column == .heading ? 0 : 1, col))
            return canonical(.list(rows), column, .contains(pattern))
        case let .text(column, test) where column == .heading || column == .text:
            return canonical(.bitmap(scan(p)), column, test)
        case let .section(plan?, _):
            return .list(workspace.taskRanges[plan].lazy.map { UInt32($0) }.filter { test(p, Int($0)) })
        default:
            return .bitmap(scan(p))
        }
    }

    /// `a and b and …`: start from the smallest indexed operand when it is selective, else
    /// intersect bitmaps, switching to row tests once few rows remain.
    func selectAnd(_ xs: [Predicate]) -> Selection {
        let estimates = xs.map(estimate)
        var order = Array(xs.indices)
        order.sort { (estimates[$0] ?? Int.max, $0) < (estimates[$1] ?? Int.max, $1) }
        guard let first = order.first else { return .all(n) }
        var current = select(xs[first])
        for i in order.dropFirst() {
            let c = current.count
            if c == 0 { return .list([]) }
            if c <= n / 16 || estimates[i] == nil && c <= n / 4 {
                let rows = current.rows()
                current = .list(rows.filter { test(xs[i], Int($0)) })
            } else {
                var b = current.bitmap(count: n)
                b.formIntersection(select(xs[i]).bitmap(count: n))
                current = .bitmap(b)
            }
        }
        return current
    }

    /// The number of rows an indexed predicate selects, without evaluating it; nil when it needs a scan.
    func estimate(_ p: Predicate) -> Int? {
        switch p {
        case let .constant(b): return b ? n : 0
        case let .rows(r): return r.count
        case let .offices(set):
            var total = 0
            for (c, on) in set.enumerated() where on { total += tasks.officeRows[c].count }
            return total
        case let .plans(set):
            var total = 0
            for (i, on) in set.enumerated() where on { total += workspace.taskRanges[i].count }
            return total
        case let .status(mask):
            let index = progressIndex
            return (0..<4).reduce(0) { mask & (1 << $1) != 0 ? $0 + index.statusStart[$1 + 1] - index.statusStart[$1] : $0 }
        case let .section(plan?, _): return workspace.taskRanges[plan].count
        case let .and(xs): return xs.compactMap(estimate).min()
        case let .or(xs):
            var total = 0
            for x in xs {
                guard let e = estimate(x) else { return nil }
                total += e
            }
            return min(total, n)
        default: return nil
        }
    }

    // MARK: Scanning

    /// Every row satisfying `p`, by a pass over the columns it reads.
    func scan(_ p: Predicate) -> RowBitmap {
        var b = RowBitmap(count: n)
        switch p {
        case let .status(mask):
            return tasks.status.withUnsafeBufferPointer { st in
                RowBitmap(count: min(n, st.count)) { mask & (1 << (st[$0] & 7)) != 0 }.padded(to: n)
            }
        case let .progress(op, x):
            tasks.progress.withUnsafeBufferPointer { pr in
                for r in 0..<n where op.holds(Double(pr[r]), x) { b.insert(r) }
            }
        case .due:
            // One loop over the due column (`due_in <= 14` is checked as a due comparison).
            // The comparison as a range of days [a, b] (a task without a due date, 0, is never in
            // it), tested with one unsigned compare.
            guard case let .due(op, lo, hi) = p else { return b }
            let days: (Int64, Int64) = switch op {
            case .equal: (Int64(lo), Int64(hi))
            case .less: (1, Int64(lo) - 1)
            case .lessOrEqual: (1, Int64(hi))
            case .greater: (Int64(hi) + 1, Int64(Int32.max))
            case .greaterOrEqual: (Int64(lo), Int64(Int32.max))
            default: (1, 0)
            }
            let a = max(1, days.0), width = days.1 - a
            guard width >= 0 else { return b }
            return tasks.due.withUnsafeBufferPointer { due in
                RowBitmap(count: min(n, due.count)) { UInt64(bitPattern: Int64(due[$0]) &- a) <= UInt64(width) }.padded(to: n)
            }
        case let .target(op, x, units, figures):
            scanTargets(op, x, units, figures, into: &b)
        case let .custom(t):
            t.scan(n, into: &b)
        case let .text(column, test) where column != .id:
            let col = stringColumn(column)
            col.bytes.withUnsafeBytes { raw in
                let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
                for r in 0..<n {
                    // Ctrl-C: stop early; the engine then throws instead of showing a partial result.
                    if r & 0xFFF == 0 && Cancellation.isRequested { break }
                    if Evaluator.test(test, base, col.byteRange(r)) { b.insert(r) }
                }
            }
        default:
            for r in 0..<n {
                if r & 0xFFF == 0 && Cancellation.isRequested { break }
                if test(p, r) { b.insert(r) }
            }
        }
        return b
    }

    /// `target op x [unit]`: one pass over the figure columns, the owning row advanced as the
    /// figures go by (rows own consecutive figures), so a row costs a compare and a figure a few.
    func scanTargets(_ op: QueryOperator, _ x: Double, _ units: [Bool]?, _ figures: Bool, into b: inout RowBitmap) {
        // The comparison chosen once, outside the loop.
        switch op {
        case .greaterOrEqual: scanFigures(units, figures, into: &b) { $0 >= x }
        case .greater: scanFigures(units, figures, into: &b) { $0 > x }
        case .lessOrEqual: scanFigures(units, figures, into: &b) { $0 <= x }
        case .less: scanFigures(units, figures, into: &b) { $0 < x }
        default: scanFigures(units, figures, into: &b) { op.holds($0, x) }
        }
    }

    @inline(__always)
    private func scanFigures(_ units: [Bool]?, _ figures: Bool, into b: inout RowBitmap, _ holds: (Double) -> Bool) {
        // A qualifier (kind 1) is skipped unless every figure counts.
        let skip: UInt8 = figures ? 2 : 1
        let anyUnit = [Bool](repeating: true, count: tasks.units.count)
        tasks.targetStart.withUnsafeBufferPointer { start in
            tasks.targetValue.withUnsafeBufferPointer { value in
                tasks.targetUnit.withUnsafeBufferPointer { unit in
                    tasks.targetKind.withUnsafeBufferPointer { kind in
                        (units ?? anyUnit).withUnsafeBufferPointer { ok in
                            let end = min(Int(start[min(n, start.count - 1)]), value.count, unit.count, kind.count)
                            var r = 0, next = Int(start[min(1, start.count - 1)])
                            var i = Int(start[0])
                            while i < end {
                                // The row owning figure i (rows without figures are passed over).
                                while next <= i, r + 1 < n {
                                    r += 1
                                    next = Int(start[r + 1])
                                }
                                if kind[i] != skip, ok[Int(unit[i])], holds(value[i]) {
                                    b.insert(r)
                                    // The row is in: on to its next row's figures.
                                    i = max(i + 1, next)
                                    continue
                                }
                                i += 1
                            }
                        }
                    }
                }
            }
        }
    }

    func stringColumn(_ c: TextColumn) -> StringColumn {
        switch c {
        case .heading: tasks.headings
        case .text: tasks.texts
        case .path, .id: tasks.paths
        }
    }

    // MARK: Folding the stored side

    /// Rows of a text column whose stored text NFC changes (none for paths and ids).
    func exceptions(_ c: TextColumn) -> CanonicalExceptions {
        switch c {
        case .heading: tasks.textCache.exceptions(0, tasks.headings)
        case .text: tasks.textCache.exceptions(1, tasks.texts)
        case .path, .id: .none
        }
    }

    /// `selection` with the column's NFC exceptions judged on their folded text instead of their bytes.
    func canonical(_ selection: Selection, _ column: TextColumn, _ test: TextTest) -> Selection {
        let ex = exceptions(column)
        guard !ex.isEmpty else { return selection }
        var b = selection.bitmap(count: n)
        for (k, r) in ex.rows.enumerated() {
            if test.test(ex.folded[k]) { b.insert(Int(r)) } else { b.remove(Int(r)) }
        }
        return .bitmap(b)
    }

    // MARK: Testing one row

    /// Whether row `r` satisfies `p`.
    func test(_ p: Predicate, _ r: Int) -> Bool {
        switch p {
        case let .constant(b): return b
        case let .and(xs): return xs.allSatisfy { test($0, r) }
        case let .or(xs): return xs.contains { test($0, r) }
        case let .not(x): return !test(x, r)
        case let .offices(set):
            for c in tasks.officeCodes(row: r) where set[Int(c)] { return true }
            return false
        case .officesEmpty: return tasks.officeStart[r] == tasks.officeStart[r + 1]
        case let .status(mask): return mask & (1 << (tasks.status[r] & 7)) != 0
        case let .plans(set): return set[Int(tasks.planRow[r])]
        case let .notes(set): return set[Int(tasks.noteCode[r])]
        case let .rows(list):
            var lo = 0, hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(list[mid]) < r { lo = mid + 1 } else { hi = mid }
            }
            return lo < list.count && Int(list[lo]) == r
        case let .text(.id, t):
            let id = Array(workspace.taskID(row: r).utf8)
            return id.withUnsafeBytes { Evaluator.test(t, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, 0..<id.count) }
        case let .text(column, t):
            if let folded = exceptions(column).folded(row: r) { return t.test(folded) }
            let col = stringColumn(column)
            return col.bytes.withUnsafeBytes { Evaluator.test(t, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, col.byteRange(r)) }
        case let .idOrder(op, planOrder, path):
            var c = Int(planOrder[Int(tasks.planRow[r])])
            if c == 0 { c = NaturalOrder.compare(Array(tasks.paths.bytes[tasks.paths.byteRange(r)]), path) }
            return op.holds(c)
        case let .pathOrder(op, path):
            return op.holds(NaturalOrder.compare(Array(tasks.paths.bytes[tasks.paths.byteRange(r)]), path))
        case let .section(plan, prefix):
            if let plan, Int(tasks.planRow[r]) != plan { return false }
            let range = tasks.paths.byteRange(r)
            let bytes = tasks.paths.bytes
            guard range.count >= prefix.count else { return false }
            for (k, b) in prefix.enumerated() where bytes[range.lowerBound + k] != b { return false }
            return range.count == prefix.count || bytes[range.lowerBound + prefix.count] == 0x2E
        case let .progress(op, x): return op.holds(Double(tasks.progress[r]), x)
        case let .level(op, x): return op.holds(Double(level(r)), x)
        case .due:
            return Evaluator.dueHolds(p, tasks.due[r])
        case .dueEmpty: return tasks.due[r] <= 0
        case let .updated(op, m):
            let u = tasks.updated[r]
            guard u >= 0 else { return false }
            return op.holds(u < m ? -1 : u > m ? 1 : 0)
        case .updatedEmpty: return tasks.updated[r] < 0
        case let .target(op, x, units, figures):
            for i in tasks.targetRange(row: r) where figures || !tasks.isQualifier(i) {
                if let units, !units[Int(tasks.targetUnit[i])] { continue }
                if op.holds(tasks.targetValue[i], x) { return true }
            }
            return false
        case let .targetsEmpty(figures):
            return !tasks.targetRange(row: r).contains { figures || !tasks.isQualifier($0) }
        case let .units(set, figures):
            for i in tasks.targetRange(row: r) where (figures || !tasks.isQualifier(i)) && set[Int(tasks.targetUnit[i])] { return true }
            return false
        case let .overdue(asOf):
            return Judge.isOverdue(dueOrdinal: tasks.due[r], status: tasks.status[r], asOf: asOf)
        case let .custom(t):
            return t.test(r)
        }
    }

    /// Whether a due day `d` (0: none) satisfies a `.due` predicate (a month literal is a range).
    @inline(__always)
    static func dueHolds(_ p: Predicate, _ d: Int32) -> Bool {
        guard case let .due(op, lo, hi) = p, d > 0 else { return false }
        return DayRangeTest.holds(op, lo: lo, hi: hi, d)
    }

    /// Depth of row `r`'s path (`2.1.1` → 3).
    func level(_ r: Int) -> Int { FieldSupport.level(tasks, r) }

    /// Applies a text test to `base[range]`.
    static func test(_ t: TextTest, _ base: UnsafeRawPointer, _ range: Range<Int>) -> Bool {
        switch t {
        case let .equals(p): return p.equals(base, range)
        case let .contains(p): return p.occurs(in: base, range)
        case .empty: return range.isEmpty
        case .matches, .order:
            let s = String(decoding: UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
            return t.test(s)
        }
    }
}
