/// A plan-level target from an indicator table in the plan (`指标名称|目标值|责任科室` rows),
/// id `PLAN#I<n>` (SPEC §11 "Identity").
public struct PlanIndicator: Sendable, Hashable {
    /// `metric` is the 指标名称 cell, `raw` the 目标值 cell; kind is always `.target`.
    public var target: Target
    /// Offices of the 责任科室 cell, lead first.
    public var offices: [String]
    /// 1-based source line of the row.
    public var line: Int

    public init(target: Target, offices: [String], line: Int) {
        self.target = target
        self.offices = offices
        self.line = line
    }

    public var lead: String? { offices.first }
}

/// The id of one target: `plan:path#n` for the n-th target of a task (qualifiers not counted),
/// `plan#In` for the n-th indicator of a plan's indicator table.
public struct TargetRef: Sendable, Hashable, CustomStringConvertible {
    public var plan: String
    /// Empty for a plan-level indicator.
    public var path: String
    public var number: Int

    public init(plan: String, path: String, number: Int) {
        self.plan = plan
        self.path = path
        self.number = number
    }

    public var isIndicator: Bool { path.isEmpty }
    /// The task id (`plan:path`), or the plan id for an indicator.
    public var ownerID: String { path.isEmpty ? plan : plan + ":" + path }
    public var description: String { path.isEmpty ? "\(plan)#I\(number)" : "\(plan):\(path)#\(number)" }
    /// The history field of this target's actual value: `actual#2`, `actual#I1`.
    public var historyField: String { path.isEmpty ? "actual#I\(number)" : "actual#\(number)" }

    /// Parses `plan:path#n` or `plan#In`; nil when the text is not shaped like a target id.
    public init?(parsing text: String) {
        guard let hash = text.lastIndex(of: "#") else { return nil }
        let owner = text[..<hash]
        var tail = text[text.index(after: hash)...]
        let indicator = tail.first == "I" || tail.first == "i"
        if indicator { tail = tail.dropFirst() }
        guard !tail.isEmpty, tail.allSatisfy(\.isASCIIDigit), tail.count <= 6, let n = Int(tail), n >= 1 else { return nil }
        if indicator {
            guard !owner.isEmpty, !owner.contains(":") else { return nil }
            self.init(plan: String(owner), path: "", number: n)
        } else {
            guard let colon = owner.lastIndex(of: ":") else { return nil }
            let plan = owner[..<colon], path = owner[owner.index(after: colon)...]
            guard !plan.isEmpty, !path.isEmpty else { return nil }
            self.init(plan: String(plan), path: String(path), number: n)
        }
    }
}

/// A new actual value for one target of a `ProgressUpdate`'s task (or plan, for an indicator).
public struct ActualUpdate: Sendable, Hashable {
    /// `n` of `TASK#n` (or of `PLAN#In` when the update's path is empty).
    public var number: Int
    /// In the target's own unit; nil clears the actual.
    public var value: Double?

    public init(number: Int, value: Double?) {
        self.number = number
        self.value = value
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
