/// The fields of a target row (`find targets`, `count targets`, SPEC §11): identity, what the
/// target commits to, and how far the actual has come (judged as of the query's as-of day).
/// A field a task has too (plan, lead, office, unit, light) takes the task field's aliases: one
/// list, so a word means the same field for both kinds of row.
enum TargetFields {
    static let all: [FieldEntry] = [
        id, task, plan, lead, office, metric, comparator, value, low, high, unit, kind,
        actual, month, attainment, met, light,
    ]

    /// A row test from a closure (the target columns are small: one pass per query is cheap).
    struct Test: RowTest {
        let holds: @Sendable (Int) -> Bool
        func test(_ r: Int) -> Bool { holds(r) }
    }

    static func target(_ s: RowSource, _ r: Int) -> Target { s.targets.target(r, in: s.workspace) }

    // MARK: Builders

    /// A text field: `=` folded, `<`… code-point order, `contains`/`matches`, `is empty`.
    static func text(_ name: String, aliases: [String], kind: Field.Kind = .name, summary: String,
                     minWidth: Int? = nil, multiValued: Bool = false, complete: Bool = false,
                     group: (@Sendable (RowSource) -> GroupKey)? = nil,
                     _ values: @escaping @Sendable (RowSource, Int) -> [String]) -> FieldEntry {
        let one: @Sendable (RowSource, Int) -> String = { s, r in values(s, r).first ?? "" }
        @Sendable func test(_ c: Checker, _ t: TextTest) -> Predicate {
            let s = c.source
            return .custom(Test { r in values(s, r).contains { t.test($0) } })
        }
        return FieldEntry(
            name, .targets, aliases: aliases, kind: kind, summary: summary, multiValued: multiValued,
            column: minWidth.map { ResultTable.Column(name, minWidth: $0) },
            cell: { s, r in multiValued ? .list(values(s, r)) : .text(one(s, r)) },
            order: { s in { a, b in QueryText.compareBytes(Array(TextFolding.fold(one(s, a)).utf8), Array(TextFolding.fold(one(s, b)).utf8)) } },
            group: group ?? { s in
                let dict = Interner<String>()
                return GroupKey(domain: nil, codes: { r, out in
                    for v in values(s, r) where !out.contains(dict.code(TextFolding.fold(v))) { out.append(dict.code(TextFolding.fold(v))) }
                }, value: { .text(dict.values[$0]) }, rank: { _ in 0 })
            },
            json: .init(key: name == "office" ? "offices" : name) { s, r in
                multiValued ? "[" + values(s, r).map(JSON.quote).joined(separator: ", ") + "]" : JSON.quote(one(s, r))
            },
            complete: { w, _ in
                guard complete else { return [] }
                let s = RowSource(.targets, workspace: w, context: QueryContext(asOf: CalendarDay(year: 2000, month: 1, day: 1) ?? .init(containing: .init())))
                return Array(Set((0..<s.count).flatMap { values(s, $0) })).filter { !$0.isEmpty }.sorted()
            },
            compare: { c, _, op, _, v in test(c, c.textCompare(op, v)) },
            textMatch: { c, t in test(c, t) },
            empty: { c in test(c, .empty) })
    }

    /// A number per row (NaN: none), computed once per query.
    static func number(_ name: String, aliases: [String], summary: String, percent: Bool = false,
                       _ column: @escaping @Sendable (RowSource) -> @Sendable (Int) -> Double) -> FieldEntry {
        FieldEntry(
            name, .targets, aliases: aliases, kind: .number, summary: summary,
            cell: { s, r in
                let v = column(s)(r)
                return v.isNaN ? .null : percent ? .text(Self.percentText(v)) : .number(v)
            },
            order: { s in
                let f = column(s)
                // No value sorts last, as tasks with no due do.
                return { a, b in
                    let x = f(a), y = f(b)
                    if x.isNaN || y.isNaN { return FieldSupport.compare(x.isNaN ? 1 : 0, y.isNaN ? 1 : 0) }
                    return FieldSupport.compare(x, y)
                }
            },
            group: { s in
                // No value: its own group, empty and ranked last (as `light`). NaN never equals itself,
                // so every NaN is interned as infinity (no figure or ratio is infinite).
                let f = column(s)
                let dict = Interner<Double>()
                return GroupKey(domain: nil, codes: { r, out in
                    let v = f(r)
                    out.append(dict.code(v.isNaN ? .infinity : v))
                }, value: { dict.values[$0] == .infinity ? .null : .number(dict.values[$0]) }, rank: { dict.values[$0] })
            },
            json: .init(key: name) { s, r in JSON.number(column(s)(r)) },
            compare: { c, f, op, _, v in
                guard let (written, unit) = QueryText.numberWithUnit(v.text) else {
                    throw Diagnostic(Messages.targetFieldNotANumber(name, value: v.text, ratio: percent), at: v.span)
                }
                let s = c.source
                let col = column(s)
                let x = percent && unit == "%" ? written / 100 : written
                if percent {
                    if let unit, unit != "%" {
                        throw Diagnostic(Messages.ratioWithUnit(name, unit: unit), at: v.span)
                    }
                    return .custom(Test { r in op.holds(col(r), x) })
                }
                // `value >= 90%`: the number in that unit only.
                guard let unit else { return .custom(Test { r in op.holds(col(r), x) }) }
                let folded = TextFolding.fold(unit)
                return .custom(Test { r in TextFolding.fold(target(s, r).unit) == folded && op.holds(col(r), x) })
            },
            empty: { c in
                let s = c.source, col = column(s)
                return .custom(Test { r in col(r).isNaN })
            })
    }

    /// `0.734` → `73.4%`.
    static func percentText(_ v: Double) -> String {
        let tenths = (v * 1000).rounded()
        return JSON.number(tenths / 10) + "%"
    }

    // MARK: Fields

    static let id = FieldEntry(
        "id", .targets, aliases: ["指标编号", "编号"], kind: .name,
        summary: "target id plan:path#n (n counts the task's targets), plan#In for a plan's indicator table",
        column: ResultTable.Column("id", minWidth: 20),
        cell: { s, r in .text(s.id(row: r)) },
        csv: { s, rows in
            let targets = s.targets, ids = IDWriter(s.workspace, targets: targets, rows: rows)
            return { r, out in ids.appendTarget(r, of: targets, to: &out) }
        },
        csvLines: { s, rows in
            let targets = s.targets, ids = IDWriter(s.workspace, targets: targets, rows: rows)
            return { out in ids.appendTargetLines(rows, of: targets, to: &out) }
        },
        order: { _ in { a, b in FieldSupport.compare(a, b) } },
        group: { s in GroupKey.strings { s.id(row: $0) } },
        json: .init(key: "id") { s, r in JSON.quote(s.id(row: r)) },
        complete: { w, word in
            let rows = TargetRows(w)
            let ids = (0..<rows.count).map { rows.ref($0, in: w).description }
            return ids.filter { $0.hasPrefix(TextFolding.fold(word)) }
        },
        compare: { c, _, op, _, v in
            let s = c.source
            if op == .equal { return .rows([UInt32(try targetRow(c, v))]) }
            let x = Array(TextFolding.fold(v.text).utf8)
            return .custom(Test { r in op.holds(NaturalOrder.compare(Array(s.id(row: r).utf8), x)) })
        },
        inList: { c, _, vs, _ in .rows(Set(try vs.map { UInt32(try targetRow(c, $0)) }).sorted()) },
        textMatch: { c, t in
            let s = c.source
            return .custom(Test { r in t.test(s.id(row: r)) })
        })

    /// The row of a target id literal, or an error that says what is wrong with it.
    static func targetRow(_ c: Checker, _ v: Literal) throws -> Int {
        let text = TextFolding.fold(v.text)
        guard let ref = TargetRef(parsing: text) else {
            if c.workspace.row(id: text) != nil {
                throw Diagnostic(Messages.taskForTarget(v.text, id: text), at: v.span)
            }
            throw Diagnostic(Messages.badTargetID(v.text), at: v.span)
        }
        if let r = c.source.targets.row(of: ref, in: c.workspace) { return r }
        throw Diagnostic(TargetRows.missing(ref, in: c.workspace), at: v.span)
    }

    static let task = text("task", aliases: ["任务"], summary: "the task id (empty for a plan's indicator)", minWidth: 16) { s, r in
        let t = Int(s.targets.taskRow[r])
        return [t < 0 ? "" : s.workspace.taskID(row: t)]
    }

    static let plan = text("plan", aliases: TaskFields.plan.aliases, summary: "plan id", complete: true) { s, r in
        [s.workspace.plans[Int(s.targets.planRow[r])].id]
    }

    static let lead = text("lead", aliases: TaskFields.lead.aliases, summary: "lead office of the task or indicator row: the one named 牵头, else the first office written", complete: true) { s, r in
        [s.targets.offices(r, in: s.workspace).first ?? ""]
    }

    static let office = text("office", aliases: TaskFields.office.aliases, summary: "every office of the target's task",
                             multiValued: true, complete: true) { s, r in s.targets.offices(r, in: s.workspace) }

    static let metric = text("metric", aliases: ["指标名称"], kind: .text, summary: "what the target measures (best effort)") { s, r in
        [target(s, r).metric]
    }

    static let comparator = text("comparator", aliases: ["比较"], summary: ">= <= = or range") { s, r in
        [target(s, r).comparator.rawValue]
    }

    static let value = number("value", aliases: ["目标值"], summary: "the value committed to (a range: its low end); empty when redacted") { s in
        { r in target(s, r).value ?? .nan }
    }

    static let low = number("low", aliases: ["下限"], summary: "a range's low end") { s in { r in target(s, r).low ?? .nan } }
    static let high = number("high", aliases: ["上限"], summary: "a range's high end") { s in { r in target(s, r).high ?? .nan } }

    static let unit = text("unit", aliases: TaskFields.unit.aliases, summary: "the target's unit, e.g. % 个 分钟 /10万", complete: true,
                           group: unitGroup) { s, r in
        [target(s, r).unit]
    }

    /// `count targets by unit`: one code per row from the unit column (units equal after folding
    /// as one), groups of equal count in the order the rows reach them, as text fields group.
    @Sendable static func unitGroup(_ s: RowSource) -> GroupKey {
        let codes = s.tasks.queryCache.targetUnits(of: s.workspace, rows: s.targets)
        let values = codes.names, column = codes.column, firstRows = codes.firstRows
        return GroupKey(domain: max(1, values.count), codes: { r, out in out.append(Int(column[r])) },
                        value: { .text(values[$0]) }, rank: { _ in 0 }, column: { column }, firstSeen: true,
                        firstRows: { firstRows })
    }

    static let kind = text("kind", aliases: ["类别"], summary: "target (qualifiers are not rows)") { s, r in
        [target(s, r).kind.rawValue]
    }

    static let actual = number("actual", aliases: ["完成值"], summary: "the value reached, in the target's unit; empty until reported") { s in
        { r in target(s, r).actual ?? .nan }
    }

    static let month = FieldEntry(
        "month", .targets, aliases: ["月份"], kind: .month, summary: "the month the actual refers to",
        cell: { s, r in target(s, r).actualMonth.map { .text($0.description) } ?? .null },
        order: { s in { a, b in FieldSupport.compare(target(s, a).actualMonth?.ordinal ?? -1, target(s, b).actualMonth?.ordinal ?? -1) } },
        group: { s in GroupKey.strings { target(s, $0).actualMonth?.description ?? "" } },
        json: .init(key: "month") { s, r in target(s, r).actualMonth.map { JSON.quote($0.description) } ?? "null" },
        compare: { c, _, op, _, v in
            guard let m = QueryText.month(v.text) else { throw Diagnostic(Messages.badTargetMonth(v.text), at: v.span) }
            let s = c.source
            return .custom(Test { r in target(s, r).actualMonth.map { op.holds(Double($0.ordinal), Double(m)) } ?? false })
        },
        empty: { c in
            let s = c.source
            return .custom(Test { r in target(s, r).actualMonth == nil })
        })

    static let attainment = number("attainment", aliases: ["完成率"], summary: "actual against value: 0.73 in JSON, 73% on screen",
                                   percent: true) { s in { r in s.judged.attainment[r] } }

    static let met = FieldEntry(
        "met", .targets, aliases: ["达标"], kind: .boolean, summary: "true when the actual meets the target; empty until reported",
        cell: { s, r in s.judged.met(r).map { .bool($0) } ?? .null },
        order: { s in { a, b in FieldSupport.compare(s.judged.met[a], s.judged.met[b]) } },
        group: { s in
            // No actual: its own group, empty, as `light`.
            GroupKey(domain: Int(TargetJudgements.noMet) + 1, codes: { r, out in out.append(Int(s.judged.met[r])) },
                     value: { $0 == Int(TargetJudgements.noMet) ? .null : .bool($0 == 1) }, rank: { Double($0) })
        },
        json: .init(key: "met") { s, r in s.judged.met(r).map { $0 ? "true" : "false" } ?? "null" },
        complete: { _, _ in ["true", "false"] },
        compare: { c, _, op, opSpan, v in
            guard op == .equal else { throw Diagnostic(Messages.booleanOperator("met"), at: opSpan) }
            guard let b = QueryText.boolean(v.text) else {
                throw Diagnostic(Messages.notABoolean("met", value: v.text, suggestion: Suggest.phrase(v.text, in: ["true", "false"])), at: v.span)
            }
            let s = c.source, want: UInt8 = b ? 1 : 0
            return .custom(Test { r in s.judged.met[r] == want })
        },
        empty: { c in
            let s = c.source
            return .custom(Test { r in s.judged.met[r] == TargetJudgements.noMet })
        })

    static let light = FieldEntry(
        "light", .targets, aliases: TaskFields.light.aliases, kind: .choice,
        summary: "green yellow red (绿 黄 红): met, or a quantity against 序时进度, a rate against its due date; empty until reported",
        column: .toned("light"),
        cell: { s, r in s.judged.light(r).map { .text($0.keyword) } ?? .null },
        localize: Lexicon.lightName,
        order: { s in { a, b in FieldSupport.compare(s.judged.light[a], s.judged.light[b]) } },
        group: { s in
            // A target with no actual has no light: its own group, empty (as a task with no lead).
            let lights = s.judged.light
            return GroupKey(domain: Int(TargetJudgements.noLight) + 1, codes: { r, out in out.append(Int(lights[r])) },
                            value: { Light(rawValue: UInt8($0)).map { .text($0.keyword) } ?? .null }, rank: { Double($0) },
                            column: { FieldSupport.int32Column(lights) }, byteColumn: { (lights, 0xFF, nil) })
        },
        json: .init(key: "light") { s, r in s.judged.light(r).map { JSON.quote($0.keyword) } ?? "null" },
        complete: { _, _ in Lexicon.lightWords },
        compare: { c, _, op, opSpan, v in
            guard op == .equal else { throw Diagnostic(Messages.choiceOperator("light", op: op.rawValue), at: opSpan) }
            // One reading of a light for tasks and targets: the same words, the same error.
            let l = try TaskFields.light(v)
            let judged = c.source.judged
            return .custom(LightTest(lights: judged.light, value: l.rawValue, rows: judged.judgedRows))
        },
        empty: { c in .custom(LightTest(lights: c.source.judged.light, value: TargetJudgements.noLight, rows: nil)) })

    /// `light = red`: one byte compare per row that may have a light (`rows`), or per row.
    struct LightTest: RowTest {
        let lights: [UInt8]
        let value: UInt8
        /// The only rows whose light may be other than none (ascending); nil: every row.
        let rows: [UInt32]?
        func test(_ r: Int) -> Bool { lights[r] == value }
        func scan(_ n: Int, into b: inout RowBitmap) {
            let v = value
            lights.withUnsafeBufferPointer { l in
                let n = min(n, l.count)
                guard let rows else {
                    for r in 0..<n where l[r] == v { b.insert(r) }
                    return
                }
                for r32 in rows {
                    let r = Int(r32)
                    if r < n && l[r] == v { b.insert(r) }
                }
            }
        }
    }
}

extension TargetRows {
    /// Why a target id names no target, in words.
    public static func missing(_ ref: TargetRef, in w: Workspace) -> Message {
        guard let p = w.planIndex(ref.plan) else {
            return Messages.noTargetNoPlan(ref.description, plan: ref.plan, plans: w.plans.map(\.id))
        }
        if ref.isIndicator {
            return Messages.noIndicator(ref.description, plan: ref.plan, count: w.plans[p].indicators.count)
        }
        guard let r = w.row(plan: ref.plan, path: ref.path) else { return Messages.noTargetNoTask(ref.description, task: ref.ownerID) }
        let n = w.tasks.targetNumbers(row: r).compactMap { $0 }.count
        return Messages.noTargetNumber(ref.description, task: ref.ownerID, count: n)
    }
}

/// The unit of every target row as a code (units equal after folding share one), with the folded
/// names and each code's first row: what `count targets by unit` counts with.
struct TargetUnitCodes: Sendable {
    let names: [String]
    let column: [Int32]
    let firstRows: [Int]

    init(_ w: Workspace, rows: TargetRows) {
        let t = w.tasks
        var names: [String] = [], index: [String: Int32] = [:]
        func code(_ unit: String) -> Int32 {
            let folded = TextFolding.fold(unit)
            if let c = index[folded] { return c }
            names.append(folded)
            index[folded] = Int32(names.count - 1)
            return Int32(names.count - 1)
        }
        let byUnit = t.units.names.map(code)
        var column = [Int32](repeating: 0, count: rows.count)
        let figure = rows.figure, units = t.targetUnit
        for k in 0..<rows.count {
            let f = Int(figure[k])
            column[k] = f >= 0 ? byUnit[Int(units[f])] : code(rows.target(k, in: w).unit)
        }
        var first = [Int](repeating: Int.max, count: names.count)
        for (k, c) in column.enumerated() where first[Int(c)] == Int.max { first[Int(c)] = k }
        self.names = names
        self.column = column
        firstRows = first
    }
}
