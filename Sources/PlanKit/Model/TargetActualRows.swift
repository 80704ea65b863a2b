/// What judging the target rows needs that is the same whatever the day and the rules (SPEC §11):
/// which task targets have an actual, whether each is met, the two sides of its attainment and
/// whether it is a rate. Made once per set of actuals (kept in the task table's
/// `QueryIndexCache`, dropped when an actual changes), so a query of lights only compares these
/// numbers with its calendar.
struct TargetActualRows: Sendable {
    /// Task targets with an actual and a value (rows of `TargetRows`), ascending.
    let rows: [UInt32]
    /// Per entry: its task row (start and due are read from it on every judgement: they may change).
    let task: [Int32]
    /// Per entry: `TargetJudgement.ratio`, numerator and denominator of the attainment.
    let num: [Double]
    let den: [Double]
    /// Per entry: `met`, `rate` (not met: judged by its due date) or `quantity` (not met: against 序时进度).
    let state: [UInt8]
    /// Plan indicator rows: judged from their plan's `Target` every time (plans change apart from the table).
    let indicators: [UInt32]
    /// The rows that may have a light: `rows` and `indicators`, ascending.
    let judged: [UInt32]

    static let met: UInt8 = 0
    static let rate: UInt8 = 1
    static let quantity: UInt8 = 2

    /// No rows.
    init() {
        rows = []
        task = []
        num = []
        den = []
        state = []
        indicators = []
        judged = []
    }

    /// From the target rows of a workspace whose task table is `t`.
    init(_ targets: TargetRows, _ t: TaskTable) {
        let n = min(targets.count, targets.figure.count), comparators = Comparator.allCases
        var rows: [UInt32] = [], task: [Int32] = [], num: [Double] = [], den: [Double] = [], state: [UInt8] = []
        var indicators: [UInt32] = [], judged: [UInt32] = []
        let figure = targets.figure.span, taskRow = targets.taskRow.span, rates = targets.isRate.span
        let actual = t.targetActual.span, value = t.targetValue.span, low = t.targetLow.span, high = t.targetHigh.span
        let comparator = t.targetComparator.span
        for k in 0..<n {
            let f = Int(figure[k])
            guard f >= 0 else {
                indicators.append(UInt32(k))
                judged.append(UInt32(k))
                continue
            }
            guard f < actual.count, f < value.count else { continue }
            let a = actual[f], v = value[f]
            if a.isNaN || v.isNaN { continue }
            let code = Int(comparator[f]), lo = low[f], hi = high[f]
            let j = TargetJudgement(code < comparators.count ? comparators[code] : .equal, value: v,
                                    low: lo.isNaN ? nil : lo, high: hi.isNaN ? nil : hi, actual: a)
            rows.append(UInt32(k))
            judged.append(UInt32(k))
            task.append(taskRow[k])
            num.append(j.ratio.0)
            den.append(j.ratio.1)
            state.append(j.met ? Self.met : rates[k] ? Self.rate : Self.quantity)
        }
        self.rows = rows
        self.task = task
        self.num = num
        self.den = den
        self.state = state
        self.indicators = indicators
        self.judged = judged
    }
}
