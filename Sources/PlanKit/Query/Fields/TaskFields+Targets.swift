/// Task fields about the task's figures (lists: any one matches). `target` and `unit` look at
/// targets only; `figure` at every figure, qualifiers too (SPEC §11).
extension TaskFields {
    static let target = figureValues(
        "target", aliases: ["指标", "targets"], figures: false,
        summary: "any target value (qualifiers such as 65岁以上 are not targets); 90% or 10分钟 also require the unit")

    static let figure = figureValues(
        "figure", aliases: ["数字", "figures"], figures: true,
        summary: "any figure of the text, qualifiers included; 15分钟 also requires the unit")

    /// The figures a field looks at: targets only, or every figure.
    static func figureIndices(_ t: TaskTable, _ r: Int, figures: Bool) -> [Int] {
        figures ? Array(t.targetRange(row: r)) : t.targetRange(row: r).filter { !t.isQualifier($0) }
    }

    static func figureValues(_ name: String, aliases: [String], figures: Bool, summary: String) -> FieldEntry {
        FieldEntry(
            name, aliases: aliases, kind: .number, summary: summary, multiValued: true,
            column: ResultTable.Column(name),
            cell: { s, r in .list(figureIndices(s.tasks, r, figures: figures).map { s.tasks.targetRawText(at: $0) }) },
            order: { s in
                let t = s.tasks
                let first: (Int) -> Double = { r in
                    guard let i = t.targetRange(row: r).first(where: { figures || !t.isQualifier($0) }) else { return -Double.infinity }
                    let v = t.targetValue[i]
                    return v.isNaN ? -Double.infinity : v
                }
                return { a, b in FieldSupport.compare(first(a), first(b)) }
            },
            group: { s in
                let t = s.tasks
                let dict = Interner<Double>()
                return GroupKey(domain: nil, codes: { r, out in
                    for i in t.targetRange(row: r) where !t.targetValue[i].isNaN && (figures || !t.isQualifier(i)) {
                        let c = dict.code(t.targetValue[i])
                        if !out.contains(c) { out.append(c) }
                    }
                }, value: { .number(dict.values[$0]) }, rank: { dict.values[$0] })
            },
            json: figures ? nil : .init(key: "targets") { s, r in targetsJSON(s, row: r) },
            compare: { c, _, op, _, v in
                guard let (x, unit) = QueryText.numberWithUnit(v.text) else {
                    throw Diagnostic(Messages.targetNotANumber(name, value: v.text), at: v.span)
                }
                guard let unit else { return .target(op, x, units: nil, figures: figures) }
                let folded = TextFolding.fold(unit)
                let set = c.tasks.units.names.map { TextFolding.fold($0) == folded }
                if !set.contains(true), c.tasks.count > 0 {
                    throw Diagnostic(Messages.unknownUnit(unit, field: name, suggestion: QueryText.suggestion(unit, in: c.tasks.units.names)), at: v.span)
                }
                return .target(op, x, units: set, figures: figures)
            },
            empty: { _ in .targetsEmpty(figures: figures) })
    }

    /// The `targets` array of a task's JSON: every figure, with its kind, target id (null for a
    /// qualifier), actual, month, attainment, met and light as of the query's as-of day.
    static func targetsJSON(_ s: RowSource, row r: Int) -> String {
        let t = s.tasks
        let numbers = t.targetNumbers(row: r)
        var calendar: TargetCalendar?
        let id = s.workspace.taskID(row: r)
        return "[" + zip(t.targetRange(row: r), numbers).map { i, n in
            let g = t.target(alone: i)
            var o = "{\"raw\": " + JSON.quote(g.raw) + ", \"metric\": " + JSON.quote(g.metric)
                + ", \"comparator\": " + JSON.quote(g.comparator.rawValue)
                + ", \"value\": " + JSON.number(g.value) + ", \"low\": " + JSON.number(g.low)
                + ", \"high\": " + JSON.number(g.high) + ", \"unit\": " + JSON.quote(g.unit)
            o += ", \"id\": " + (n.map { JSON.quote(id + "#\($0)") } ?? "null") + ", \"kind\": " + JSON.quote(g.kind.rawValue)
            o += ", \"actual\": " + JSON.number(g.actual) + ", \"month\": " + (g.actualMonth.map { JSON.quote($0.description) } ?? "null")
            let judged = g.isTarget ? TargetJudgement(g) : nil
            var light = "null"
            if let j = judged {
                let c = calendar ?? TargetJudgements.calendar(task: r, plan: Int(t.planRow[r]), in: s.workspace, asOf: s.context.asOf)
                calendar = c
                light = JSON.quote(j.light(isRate: TargetUnit.isRate(unit: g.unit, metric: g.metric), calendar: c).keyword)
            }
            o += ", \"attainment\": " + JSON.number(judged?.attainment) + ", \"met\": " + (judged.map { $0.met ? "true" : "false" } ?? "null")
            return o + ", \"light\": " + light + "}"
        }.joined(separator: ", ") + "]"
    }

    static let unit = FieldEntry(
        "unit", aliases: ["单位", "units"], kind: .name, summary: "any target unit, e.g. % 个 分钟", multiValued: true,
        cell: { s, r in .list(figureIndices(s.tasks, r, figures: false).map { s.tasks.units[s.tasks.targetUnit[$0]] }) },
        order: { s in
            let t = s.tasks
            let rank = Ordering.ranks(t.units.names)
            let first: (Int) -> Int = { r in
                t.targetRange(row: r).first { !t.isQualifier($0) }.map { rank[Int(t.targetUnit[$0])] } ?? -1
            }
            return { a, b in FieldSupport.compare(first(a), first(b)) }
        },
        group: { s in
            let t = s.tasks
            let rank = Ordering.naturalRanks(t.units.names)
            return GroupKey(domain: t.units.count, codes: { r, out in
                for i in t.targetRange(row: r) where !t.isQualifier(i) && !out.contains(Int(t.targetUnit[i])) { out.append(Int(t.targetUnit[i])) }
            }, value: { .text(t.units.names[$0]) }, rank: { Double(rank[$0]) })
        },
        complete: { w, _ in w.tasks.units.names.filter { !$0.isEmpty }.sorted() },
        compare: { c, _, op, _, v in
            let set = c.tasks.units.names.map(c.textCompare(op, v).test)
            if op == .equal, !set.contains(true), c.tasks.count > 0 {
                throw Diagnostic(Messages.unknownUnit(v.text, suggestion: QueryText.suggestion(v.text, in: c.tasks.units.names)), at: v.span)
            }
            return .units(set, figures: false)
        },
        textMatch: { c, test in .units(c.tasks.units.names.map(test.test), figures: false) },
        empty: { _ in .targetsEmpty(figures: false) })
}

extension Field {
    public static let target = Field(TaskFields.target)
    public static let figure = Field(TaskFields.figure)
    public static let unit = Field(TaskFields.unit)
}
