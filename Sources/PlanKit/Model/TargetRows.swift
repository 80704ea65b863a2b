/// The rows of `find targets` / `count targets` (SPEC §11): every target of every task
/// (qualifiers are not rows), and every indicator of every plan, in natural id order — per plan,
/// its indicators (`yy2025#I1`, `#` sorts before `:`), then its tasks' targets (`yy2025:1.1#1`).
public struct TargetRows: Sendable {
    /// Per row: the figure index in the task table's target columns, or -1 for an indicator.
    public private(set) var figure: [Int32] = []
    /// Per row: the task row, or -1 for an indicator.
    public private(set) var taskRow: [Int32] = []
    /// Per row: the plan row (index into `Workspace.plans`).
    public private(set) var planRow: [UInt32] = []
    /// Per row: n of `TASK#n` or of `PLAN#In`.
    public private(set) var number: [UInt32] = []

    public var count: Int { number.count }

    public init(_ w: Workspace) {
        let t = w.tasks
        let n = t.targetKind.count - t.targetKind.reduce(0) { $0 + Int($1) }
        figure.reserveCapacity(n)
        taskRow.reserveCapacity(n)
        planRow.reserveCapacity(n)
        number.reserveCapacity(n)
        for (p, plan) in w.plans.enumerated() {
            for k in plan.indicators.indices { append(-1, -1, p, k + 1) }
            for r in w.taskRanges[p] {
                var k = 0
                for i in t.targetRange(row: r) where t.targetKind[i] == 0 {
                    k += 1
                    append(Int32(i), Int32(r), p, k)
                }
            }
        }
    }

    private mutating func append(_ f: Int32, _ r: Int32, _ p: Int, _ k: Int) {
        figure.append(f)
        taskRow.append(r)
        planRow.append(UInt32(p))
        number.append(UInt32(k))
    }

    public func isIndicator(_ row: Int) -> Bool { figure[row] < 0 }

    /// The target of a row, with its actual.
    public func target(_ row: Int, in w: Workspace) -> Target {
        let f = Int(figure[row])
        if f >= 0 { return w.tasks.target(at: f) }
        return w.plans[Int(planRow[row])].indicators[Int(number[row]) - 1].target
    }

    public func ref(_ row: Int, in w: Workspace) -> TargetRef {
        let plan = w.plans[Int(planRow[row])].id
        let r = Int(taskRow[row])
        return TargetRef(plan: plan, path: r < 0 ? "" : w.tasks.paths[r], number: Int(number[row]))
    }

    /// Offices of a row, lead first: the task's offices, or the indicator's 责任科室.
    public func offices(_ row: Int, in w: Workspace) -> [String] {
        let r = Int(taskRow[row])
        if r >= 0 { return w.tasks.officeCodes(row: r).map { w.tasks.offices[$0] } }
        return w.plans[Int(planRow[row])].indicators[Int(number[row]) - 1].offices
    }

    /// The row of a target id, or nil.
    public func row(of ref: TargetRef, in w: Workspace) -> Int? {
        guard let p = w.planIndex(ref.plan) else { return nil }
        if ref.isIndicator {
            guard ref.number >= 1, ref.number <= w.plans[p].indicators.count else { return nil }
            return (0..<count).first { planRow[$0] == UInt32(p) && figure[$0] < 0 && Int(number[$0]) == ref.number }
        }
        guard let r = w.row(plan: ref.plan, path: ref.path), let i = w.tasks.targetIndex(row: r, number: ref.number) else {
            return nil
        }
        return binarySearch(figure: Int32(i))
    }

    private func binarySearch(figure f: Int32) -> Int? {
        // Figures of task rows ascend with the row; indicators (-1) sit between plans.
        var lo = 0, hi = count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            var m = mid
            while m <= hi, figure[m] < 0 { m += 1 }
            if m > hi { hi = mid - 1; continue }
            if figure[m] == f { return m }
            if figure[m] < f { lo = m + 1 } else { hi = mid - 1 }
        }
        return nil
    }
}

/// Attainment, met and light of every target row, judged once per query or report.
public struct TargetJudgements: Sendable {
    /// NaN when the row has no actual (or no value).
    public private(set) var attainment: [Double]
    /// 0 not met, 1 met, 2 no actual.
    public private(set) var met: [UInt8]
    /// `TargetLight.rawValue` index: 0 red, 1 yellow, 2 green; 3 no light.
    public private(set) var light: [UInt8]

    public static let noMet: UInt8 = 2
    public static let noLight: UInt8 = 3

    /// `calendar(taskRow, planRow)` gives the calendar of a task's target (task row ≥ 0) or of a
    /// plan indicator (task row -1: the plan's whole period).
    public init(_ rows: TargetRows, in w: Workspace, calendar: (Int, Int) -> TargetCalendar) {
        let n = rows.count
        attainment = Array(repeating: .nan, count: n)
        met = Array(repeating: Self.noMet, count: n)
        light = Array(repeating: Self.noLight, count: n)
        let t = w.tasks
        for k in 0..<n {
            let f = Int(rows.figure[k])
            // Most targets have no actual: skip them without materialising anything.
            if f >= 0, t.targetActual[f].isNaN { continue }
            let g = rows.target(k, in: w)
            guard let j = TargetJudgement(g) else { continue }
            attainment[k] = j.attainment
            met[k] = j.met ? 1 : 0
            let c = calendar(Int(rows.taskRow[k]), Int(rows.planRow[k]))
            let l = j.light(isRate: TargetUnit.isRate(unit: g.unit, metric: g.metric), calendar: c)
            light[k] = UInt8(TargetLight.allCases.firstIndex(of: l) ?? 3)
        }
    }

    public func light(_ row: Int) -> TargetLight? {
        light[row] < 3 ? TargetLight.allCases[Int(light[row])] : nil
    }

    public func met(_ row: Int) -> Bool? { met[row] == Self.noMet ? nil : met[row] == 1 }

    /// At risk: an actual is in and the light is yellow or red.
    public func atRisk(_ row: Int) -> Bool { light[row] < 2 }
}
