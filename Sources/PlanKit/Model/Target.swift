/// How a target's value is to be read against progress: "at least", "at most", "exactly" or a range.
public enum Comparator: String, Sendable, Hashable, CaseIterable, Codable {
    case atLeast = ">="
    case atMost = "<="
    case equal = "="
    case range = "range"
}

/// What a figure is to its plan (SPEC §11): a value the plan commits to, or a figure that says
/// whom or what a commitment is about (`65岁及以上老年人`, `15分钟健康服务圈`, `每50万人口`).
public enum TargetKind: String, Sendable, Hashable, CaseIterable, Codable {
    case target
    case qualifier
}

/// A quantitative figure (指标) found in a task's text, e.g. `达35%以上`.
///
/// `value` is nil for redacted figures (`xx.x%`); ranges keep `low` and `high`
/// and set `value` to `low`, as the corpus truth does. Every figure of the text is kept; `kind`
/// says whether it is tracked (a target, with an id, an actual value and a light) or only
/// describes one (a qualifier).
public struct Target: Sendable, Hashable, Codable {
    public var raw: String
    public var metric: String
    public var comparator: Comparator
    public var value: Double?
    public var low: Double?
    public var high: Double?
    public var unit: String
    public var kind: TargetKind
    /// The value reached, in the target's own unit (SPEC §11 "Actuals"); nil until reported.
    public var actual: Double?
    /// The month `actual` refers to.
    public var actualMonth: YearMonth?

    public init(raw: String, metric: String, comparator: Comparator, value: Double?,
                low: Double? = nil, high: Double? = nil, unit: String, kind: TargetKind = .target,
                actual: Double? = nil, actualMonth: YearMonth? = nil) {
        self.raw = raw
        self.metric = metric
        self.comparator = comparator
        self.value = value
        self.low = low
        self.high = high
        self.unit = unit
        self.kind = kind
        self.actual = actual
        self.actualMonth = actualMonth
    }

    public var isTarget: Bool { kind == .target }
    /// A redacted figure (`xx%`): no value, so no actual can be judged against it.
    public var isRedacted: Bool { value == nil }
}
