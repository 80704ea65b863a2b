/// A target with an actual, as the report's targets section lists it (SPEC §6, §11).
public struct TrackedTarget: Sendable, Hashable {
    public var id: String
    public var metric: String
    /// The target as printed (`达60%以上`).
    public var raw: String
    public var unit: String
    public var actual: Double
    public var attainment: Double
    public var met: Bool
    public var light: Light
}

extension ReportData {
    /// Targets of `plans` with an actual, judged as of `asOf`: at risk first (red, then yellow),
    /// then green, each in id order; and the number of targets with no actual yet.
    static func trackedTargets(_ w: Workspace, plans: Set<String>, asOf: CalendarDay) -> ([TrackedTarget], noActual: Int) {
        let rows = TargetRows(w)
        let judged = TargetJudgements(rows, in: w, asOf: asOf)
        var out: [TrackedTarget] = []
        var noActual = 0
        for k in 0..<rows.count where plans.contains(w.plans[Int(rows.planRow[k])].id) {
            let t = rows.target(k, in: w)
            guard let a = t.actual, let light = judged.light(k) else {
                if !t.isRedacted { noActual += 1 }
                continue
            }
            out.append(TrackedTarget(id: rows.ref(k, in: w).description, metric: t.metric, raw: t.raw, unit: t.unit, actual: a,
                                     attainment: judged.attainment[k], met: judged.met(k) ?? false, light: light))
        }
        // Stable: ids stay in natural order within a light.
        let order = out.enumerated().sorted { ($0.element.light.rawValue, $0.offset) < ($1.element.light.rawValue, $1.offset) }
        return (order.map(\.element), noActual)
    }
}

extension ReportDocument {
    /// The targets with actuals: counts met / at risk / no actual yet, then the list, at risk first.
    static func trackedTargets(_ g: TargetSummary, _ l: Language) -> [Block] {
        let met = g.tracked.filter(\.met).count
        let risk = g.tracked.filter { $0.light != .green }.count
        var out: [Block] = [.subheading(W.tracked[l])]
        out.append(.paragraph(W.trackedParagraph(met: met, atRisk: risk, onPace: g.tracked.count - met - risk, noActual: g.noActual)[l]))
        guard !g.tracked.isEmpty else { return out }
        let (shown, more) = ReportFormat.capped(g.tracked)
        out.append(.table(Table(
            columns: [Column(W.targetID[l]), Column(W.metric[l]), Column(W.target[l]), Column(W.actual[l], numeric: true),
                      Column(W.attainment[l], numeric: true), Column(W.light[l])],
            rows: shown.map { t in
                [.id(t.id), .text(t.metric), .text(t.raw), .figure(JSON.number(t.actual) + t.unit),
                 .figure(JSON.number((t.attainment * 1000).rounded() / 10) + "%"), .light(t.light)]
            })))
        if more > 0 { out.append(.more(more)) }
        return out
    }
}
