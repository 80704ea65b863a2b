/// Task and target ids written straight into an output buffer (`plan:path`, `plan:path#n`,
/// `plan#In`), from the plan ids and the path column's bytes: no `String` per row. CSV of a
/// large `find … show id` is mostly this. Ids never need CSV quoting (plan ids and paths hold
/// no comma, quote or line break).
struct IDWriter {
    /// `planBytes[planStart[p]..<planStart[p + 1]]` is plan p's id.
    private let planBytes: [UInt8]
    private let planStart: [Int]
    private let paths: StringColumn
    private let planRow: [UInt32]

    init(_ w: Workspace) {
        var bytes: [UInt8] = [], start = [0]
        start.reserveCapacity(w.plans.count + 1)
        for p in w.plans {
            bytes.append(contentsOf: p.id.utf8)
            start.append(bytes.count)
        }
        planBytes = bytes
        planStart = start
        paths = w.tasks.paths
        planRow = w.tasks.planRow
    }

    /// Plan p's id.
    @inline(__always)
    func appendPlan(_ p: Int, to out: inout ByteBuffer) {
        let range = planStart[p]..<planStart[p + 1]
        out.append(planBytes, range)
    }

    /// Task row r's id, `plan:path`.
    @inline(__always)
    func appendTask(_ r: Int, to out: inout ByteBuffer) {
        appendPlan(Int(planRow[r]), to: &out)
        out.append(0x3A)
        out.append(paths.bytes, paths.offsets[r]..<paths.offsets[r + 1])
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
