/// How a target's value is to be read against progress: "at least", "at most", "exactly" or a range.
public enum Comparator: String, Sendable, Hashable, CaseIterable, Codable {
    case atLeast = ">="
    case atMost = "<="
    case equal = "="
    case range = "range"
}

/// A quantitative figure (指标) found in a task's text, e.g. `达35%以上`.
///
/// `value` is nil for redacted figures (`xx.x%`); ranges keep `low` and `high`
/// and set `value` to `low`, as the corpus truth does.
public struct Target: Sendable, Hashable, Codable {
    public var raw: String
    public var metric: String
    public var comparator: Comparator
    public var value: Double?
    public var low: Double?
    public var high: Double?
    public var unit: String

    public init(raw: String, metric: String, comparator: Comparator, value: Double?,
                low: Double? = nil, high: Double? = nil, unit: String) {
        self.raw = raw
        self.metric = metric
        self.comparator = comparator
        self.value = value
        self.low = low
        self.high = high
        self.unit = unit
    }
}
