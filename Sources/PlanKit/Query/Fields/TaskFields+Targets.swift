/// Task fields about the task's quantitative targets (lists: any target matches).
extension TaskFields {
    static let target = FieldEntry(
        "target", aliases: ["指标", "targets"], kind: .number,
        summary: "any target value; 90% or 10分钟 also require the unit", multiValued: true,
        column: ResultTable.Column("target"),
        cell: { s, r in .list(s.tasks.targetRange(row: r).map { s.tasks.targetRaw[$0] }) },
        order: { s in
            let t = s.tasks
            let first: (Int) -> Double = { r in
                let i = Int(t.targetStart[r])
                guard i < Int(t.targetStart[r + 1]) else { return -Double.infinity }
                let v = t.targetValue[i]
                return v.isNaN ? -Double.infinity : v
            }
            return { a, b in FieldSupport.compare(first(a), first(b)) }
        },
        group: { s in
            let t = s.tasks
            let dict = Interner<Double>()
            return GroupKey(domain: nil, codes: { r, out in
                for i in t.targetRange(row: r) where !t.targetValue[i].isNaN {
                    let c = dict.code(t.targetValue[i])
                    if !out.contains(c) { out.append(c) }
                }
            }, value: { .number(dict.values[$0]) }, rank: { dict.values[$0] })
        },
        json: .init(key: "targets") { s, r in
            "[" + s.tasks.targetRange(row: r).map { i in
                let g = s.tasks.target(at: i)
                return "{\"raw\": " + JSON.quote(g.raw) + ", \"metric\": " + JSON.quote(g.metric)
                    + ", \"comparator\": " + JSON.quote(g.comparator.rawValue)
                    + ", \"value\": " + JSON.number(g.value) + ", \"low\": " + JSON.number(g.low)
                    + ", \"high\": " + JSON.number(g.high) + ", \"unit\": " + JSON.quote(g.unit) + "}"
            }.joined(separator: ", ") + "]"
        },
        compare: { c, _, op, _, v in
            guard let (x, unit) = QueryText.numberWithUnit(v.text) else {
                throw Diagnostic("target compares with a number, optionally with a unit (90%, 10分钟); \(Checker.quoted(v)) is not a number",
                                 at: v.span)
            }
            guard let unit else { return .target(op, x, units: nil) }
            let folded = TextFolding.fold(unit)
            let set = c.tasks.units.names.map { TextFolding.fold($0) == folded }
            if !set.contains(true), c.tasks.count > 0 {
                throw Diagnostic("no target has the unit \"\(unit)\"" + QueryText.suggestion(unit, in: c.tasks.units.names), at: v.span)
            }
            return .target(op, x, units: set)
        },
        empty: { _ in .targetsEmpty })

    static let unit = FieldEntry(
        "unit", aliases: ["单位", "units"], kind: .name, summary: "any target unit, e.g. % 个 分钟", multiValued: true,
        cell: { s, r in .list(s.tasks.targetRange(row: r).map { s.tasks.units[s.tasks.targetUnit[$0]] }) },
        order: { s in
            let t = s.tasks
            let rank = Ordering.ranks(t.units.names)
            let first: (Int) -> Int = { r in
                t.targetStart[r] == t.targetStart[r + 1] ? -1 : rank[Int(t.targetUnit[Int(t.targetStart[r])])]
            }
            return { a, b in FieldSupport.compare(first(a), first(b)) }
        },
        group: { s in
            let t = s.tasks
            let rank = Ordering.naturalRanks(t.units.names)
            return GroupKey(domain: t.units.count, codes: { r, out in
                for i in t.targetRange(row: r) where !out.contains(Int(t.targetUnit[i])) { out.append(Int(t.targetUnit[i])) }
            }, value: { .text(t.units.names[$0]) }, rank: { Double(rank[$0]) })
        },
        complete: { w, _ in w.tasks.units.names.filter { !$0.isEmpty }.sorted() },
        compare: { c, _, op, _, v in
            let set = c.tasks.units.names.map(c.textCompare(op, v).test)
            if op == .equal, !set.contains(true), c.tasks.count > 0 {
                throw Diagnostic("no target has the unit \(Checker.quoted(v))" + QueryText.suggestion(v.text, in: c.tasks.units.names),
                                 at: v.span)
            }
            return .units(set)
        },
        textMatch: { c, test in .units(c.tasks.units.names.map(test.test)) },
        empty: { _ in .targetsEmpty })
}

extension Field {
    public static let target = Field(TaskFields.target)
    public static let unit = Field(TaskFields.unit)
}
