/// Task and target ids written straight into an output buffer (`plan:path`, `plan:path#n`,
/// `plan#In`), from the plan ids and the path column's bytes: no `String` per row. CSV of a
/// large `find … show id` is mostly this. Ids never need CSV quoting (plan ids and paths hold
/// no comma, quote or line break).
struct IDWriter {
    /// `planBytes[planLow[p]..<planHigh[p]]` is plan p's id (for the plans the rows name).
    private let planBytes: [UInt8]
    private let planLow: [Int32]
    private let planHigh: [Int32]
    private let paths: StringColumn
    private let planRow: [UInt32]

    /// For writing task `rows`.
    init(_ w: Workspace, tasks rows: [Int]) {
        self.init(w, rows: rows, planRow: w.tasks.planRow)
    }

    /// For writing target `rows` of `targets`.
    init(_ w: Workspace, targets: TargetRows, rows: [Int]) {
        self.init(w, rows: rows, planRow: targets.planRow)
    }

    /// Copies the id of every plan `planRow` gives `rows` once, each followed by ":" (what a
    /// task id puts next); a store may hold thousands of plans, a `find … limit 20` names one or
    /// two, and a result with more rows than the store has plans takes them all without a pass.
    private init(_ w: Workspace, rows: [Int], planRow rowPlan: [UInt32]) {
        var bytes: [UInt8] = []
        var low = [Int32](repeating: 0, count: w.plans.count), high = low
        func add(_ p: Int) {
            low[p] = Int32(bytes.count)
            bytes.append(contentsOf: w.plans[p].id.utf8)
            high[p] = Int32(bytes.count)
            bytes.append(0x3A)
        }
        if rows.count >= w.plans.count {
            bytes.reserveCapacity(w.plans.count * 16)
            for p in w.plans.indices { add(p) }
        } else {
            var last = -1
            let plans = rowPlan.span
            for r in rows where r >= 0 && r < plans.count {
                let p = Int(plans[r])
                guard p != last, p < w.plans.count else { continue }
                last = p
                if low[p] == high[p] { add(p) }
            }
        }
        planBytes = bytes
        planLow = low
        planHigh = high
        paths = w.tasks.paths
        planRow = w.tasks.planRow
    }

    /// Plan p's id.
    @inline(__always)
    func appendPlan(_ p: Int, to out: inout ByteBuffer) {
        out.append(planBytes, Int(planLow[p])..<Int(planHigh[p]))
    }

    /// Task row r's id, `plan:path`.
    @inline(__always)
    func appendTask(_ r: Int, to out: inout ByteBuffer) {
        appendPlan(Int(planRow[r]), to: &out)
        out.append(0x3A)
        out.append(paths.bytes, paths.offsets[r]..<paths.offsets[r + 1])
    }

    /// Every row's id on a line of its own (CRLF), as CSV of `show id` is: one loop, no call a row.
    func appendTaskLines(_ rows: [Int], to out: inout ByteBuffer) {
        let planRow = planRow.span, offsets = paths.offsets.span, low = planLow.span, high = planHigh.span
        planBytes.withUnsafeBufferPointer { plans in
            paths.bytes.withUnsafeBufferPointer { pathBytes in
                guard let planBase = plans.baseAddress ?? UnsafePointer(bitPattern: 1),
                      let pathBase = pathBytes.baseAddress ?? UnsafePointer(bitPattern: 1) else { return }
                for r in rows {
                    let p = Int(planRow[r])
                    // The plan's id and its ":" in one copy, the path, then CRLF.
                    let lo = Int(low[p]), prefix = Int(high[p]) &- lo &+ 1
                    let a = offsets[r], pathCount = offsets[r &+ 1] &- a
                    out.write(atMost: prefix &+ pathCount &+ 2) { dst in
                        ByteBuffer.copy(dst, planBase + lo, prefix)
                        ByteBuffer.copy(dst + prefix, pathBase + a, pathCount)
                        UnsafeMutableRawPointer(dst + (prefix &+ pathCount)).storeBytes(of: UInt16(0x0A0D).littleEndian, as: UInt16.self)
                        return prefix &+ pathCount &+ 2
                    }
                }
            }
        }
    }

    /// Every target row's id on a line of its own (CRLF), as CSV of `find targets … show id` is.
    func appendTargetLines(_ rows: [Int], of targets: TargetRows, to out: inout ByteBuffer) {
        let taskRow = targets.taskRow.span, planRow = targets.planRow.span, number = targets.number.span
        let offsets = paths.offsets.span, low = planLow.span, high = planHigh.span
        planBytes.withUnsafeBufferPointer { plans in
            paths.bytes.withUnsafeBufferPointer { pathBytes in
                guard let planBase = plans.baseAddress ?? UnsafePointer(bitPattern: 1),
                      let pathBase = pathBytes.baseAddress ?? UnsafePointer(bitPattern: 1) else { return }
                for k in rows {
                    let r = Int(taskRow[k]), p = Int(planRow[k])
                    let lo = Int(low[p]), planCount = Int(high[p]) &- lo
                    let a = r >= 0 ? offsets[r] : 0, pathCount = r >= 0 ? offsets[r + 1] &- a : 0
                    let n = Int(number[k])
                    // plan + ":" + path + "#" + up to 10 digits, or plan + "#I" + digits; then CRLF.
                    out.write(atMost: planCount &+ pathCount &+ 15) { dst in
                        ByteBuffer.copy(dst, planBase + lo, planCount)
                        var at = planCount
                        if r >= 0 {
                            dst[at] = 0x3A
                            ByteBuffer.copy(dst + (at &+ 1), pathBase + a, pathCount)
                            at = at &+ 1 &+ pathCount
                            dst[at] = 0x23
                            at &+= 1
                        } else {
                            dst[at] = 0x23
                            dst[at &+ 1] = 0x49
                            at &+= 2
                        }
                        at &+= IDWriter.writeDecimal(n, to: dst + at)
                        dst[at] = 0x0D
                        dst[at &+ 1] = 0x0A
                        return at &+ 2
                    }
                }
            }
        }
    }

    /// A non-negative integer's decimal digits (at most 10) at `dst`; returns how many.
    @inline(__always)
    static func writeDecimal(_ n: Int, to dst: UnsafeMutablePointer<UInt8>) -> Int {
        // Most numbers are one digit (a task's first few targets).
        if n >= 0 && n < 10 {
            dst[0] = 0x30 &+ UInt8(truncatingIfNeeded: n)
            return 1
        }
        var x = max(0, min(n, 9_999_999_999)), digits = 1
        var y = x / 10
        while y > 0 { digits += 1; y /= 10 }
        for i in stride(from: digits - 1, through: 0, by: -1) {
            dst[i] = 0x30 + UInt8(x % 10)
            x /= 10
        }
        return digits
    }

    /// Target row k's id: `plan:path#n` for a task's target, `plan#In` for a plan's indicator.
    @inline(__always)
    func appendTarget(_ k: Int, of rows: TargetRows, to out: inout ByteBuffer) {
        let r = Int(rows.taskRow[k])
        if r >= 0 {
            appendTask(r, to: &out)
            out.append(0x23)
        } else {
            appendPlan(Int(rows.planRow[k]), to: &out)
            out.append(0x23)
            out.append(0x49)
        }
        IDWriter.appendDecimal(Int(rows.number[k]), to: &out)
    }

    /// A non-negative integer's decimal digits.
    @inline(__always)
    static func appendDecimal(_ n: Int, to out: inout ByteBuffer) {
        var x = max(0, n)
        if x < 10 {
            out.append(0x30 + UInt8(x))
            return
        }
        var digits: (UInt64, Int) = (0, 0)
        while x > 0 {
            digits.0 = digits.0 << 8 | UInt64(0x30 + x % 10)
            digits.1 += 1
            x /= 10
        }
        for _ in 0..<digits.1 {
            out.append(UInt8(truncatingIfNeeded: digits.0))
            digits.0 >>= 8
        }
    }
}
