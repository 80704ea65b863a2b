/// Task fields of supervision (SPEC §9): the lead office, the task's calendar, and what the
/// `Judge` computes as of the query's day (expected, gap, due_in, light, pace). Nothing here is
/// stored: every value comes from the columns, the workspace's rules and `context.asOf`.
extension TaskFields {
    static func judge(_ s: RowSource) -> Judge { Judge(asOf: s.context.asOf, rules: s.workspace.rules) }
    static func judge(_ c: Checker) -> Judge { judge(c.source) }

    static let lead = FieldEntry(
        "lead", aliases: ["牵头科室", "牵头单位"], kind: .name,
        summary: "lead office: the one the tag names 牵头 (牵头单位:A;配合单位:B), else the first office written",
        cell: { s, r in s.tasks.leadCode(row: r).map { .text(s.tasks.offices[$0]) } ?? .null },
        order: { s in
            let t = s.tasks
            let rank = Ordering.ranks(t.offices.names)
            return { a, b in FieldSupport.compare(t.leadCode(row: a).map { rank[Int($0)] } ?? -1,
                                                  t.leadCode(row: b).map { rank[Int($0)] } ?? -1) }
        },
        group: { s in
            let t = s.tasks
            let rank = Ordering.ranks(t.offices.names)
            let none = t.offices.count
            return GroupKey(domain: none + 1, codes: { r, out in out.append(Int(t.leadCode(row: r) ?? UInt32(none))) },
                            value: { $0 == none ? .null : .text(t.offices.names[$0]) },
                            rank: { $0 == none ? Double.infinity : Double(rank[$0]) },
                            column: { FieldSupport.leadCodes(t) })
        },
        json: .init(key: "lead") { s, r in s.tasks.leadCode(row: r).map { JSON.quote(s.tasks.offices[$0]) } ?? "null" },
        complete: { w, _ in
            Array(Set((0..<w.tasks.count).compactMap { w.tasks.leadCode(row: $0) })).map { w.tasks.offices[$0] }.sorted()
        },
        compare: { c, _, op, _, v in
            if op == .equal { return .custom(LeadTest(t: c.tasks, set: try c.officeSet(v))) }
            let test = TextTest.order(op, Array(TextFolding.fold(v.text).utf8))
            return .custom(LeadTest(t: c.tasks, set: c.tasks.offices.names.map(test.test)))
        },
        inList: { c, _, vs, _ in
            var set = [Bool](repeating: false, count: c.tasks.offices.count)
            for v in vs { for (i, on) in try c.officeSet(v).enumerated() where on { set[i] = true } }
            return .custom(LeadTest(t: c.tasks, set: set))
        },
        textMatch: { c, test in .custom(LeadTest(t: c.tasks, set: c.tasks.offices.names.map(test.test))) },
        empty: { _ in .officesEmpty })

    static let start = FieldEntry(
        "start", aliases: ["开始"], kind: .day,
        summary: "when the task's calendar starts: the plan's start unless set",
        cell: { s, r in CalendarDay(ordinal: s.tasks.start[r]).map { .text($0.description) } ?? .null },
        order: { s in { a, b in FieldSupport.compare(s.tasks.start[a], s.tasks.start[b]) } },
        group: { s in dayGroup(s.tasks.start) },
        json: .init(key: "start") { s, r in CalendarDay(ordinal: s.tasks.start[r]).map { JSON.quote($0.description) } ?? "null" },
        compare: { c, _, op, _, v in
            guard let (lo, hi) = QueryText.dayRange(v.text) else {
                throw Diagnostic(Messages.badStartValue(v.text), at: v.span)
            }
            return .custom(DayRangeTest(days: c.tasks.start, op: op, lo: lo, hi: hi))
        })

    static let expected = FieldEntry(
        "expected", aliases: ["序时进度"], kind: .number,
        summary: "序时进度: the share of the task's calendar elapsed as of the as-of day (set today), 0–100",
        column: ResultTable.Column("expected", alignment: .right),
        cell: { s, r in .text(Judge.formatTenths(judge(s).expectedTenths(row: r, in: s.tasks))) },
        order: { s in
            let j = judge(s)
            return { a, b in j.compareExpected(a, b, in: s.tasks) }
        },
        group: { s in tenthsGroup { r in judge(s).expectedTenths(row: r, in: s.tasks) } },
        json: .init(key: "expected") { s, r in Judge.formatTenths(judge(s).expectedTenths(row: r, in: s.tasks)) },
        compare: { c, f, op, _, v in
            .custom(ScaledTest(judge: judge(c), t: c.tasks, op: op, scaled: try scaled(c.number(f, v, percent: true)), gap: false))
        })

    static let gap = FieldEntry(
        "gap", aliases: ["差距"], kind: .number,
        summary: "progress − expected (negative: behind the calendar; a done task counts 100)",
        column: ResultTable.Column("gap", alignment: .right),
        cell: { s, r in .text(Judge.formatTenths(judge(s).gapTenths(row: r, in: s.tasks))) },
        order: { s in
            let j = judge(s)
            return { a, b in j.compareGap(a, b, in: s.tasks) }
        },
        group: { s in tenthsGroup { r in judge(s).gapTenths(row: r, in: s.tasks) } },
        json: .init(key: "gap") { s, r in Judge.formatTenths(judge(s).gapTenths(row: r, in: s.tasks)) },
        compare: { c, f, op, _, v in
            .custom(ScaledTest(judge: judge(c), t: c.tasks, op: op, scaled: try scaled(c.number(f, v, percent: true)), gap: true))
        })

    static let dueIn = FieldEntry(
        "due_in", aliases: ["剩余天数"], kind: .integer,
        summary: "days from the as-of day (set today) to due (negative once past)",
        cell: { s, r in .integer(judge(s).dueIn(row: r, in: s.tasks)) },
        order: { s in { a, b in FieldSupport.compare(s.tasks.due[a], s.tasks.due[b]) } },
        group: { s in
            let j = judge(s)
            let dict = Interner<Int>()
            return GroupKey(domain: nil, codes: { r, out in out.append(dict.code(j.dueIn(row: r, in: s.tasks))) },
                            value: { .integer(dict.values[$0]) }, rank: { Double(dict.values[$0]) })
        },
        json: .init(key: "due_in") { s, r in String(judge(s).dueIn(row: r, in: s.tasks)) },
        compare: { c, f, op, _, v in
            let x = try c.number(f, v)
            guard x == x.rounded(), abs(x) < 1_000_000 else {
                throw Diagnostic(Messages.dueInNotWhole(v.text), at: v.span)
            }
            // due_in op N is due op (as-of + N): the due column is compared directly.
            let day = CalendarDay(dayNumber: c.source.context.asOf.dayNumber + Int(x)).ordinal
            return .due(op == .notEqual ? .equal : op, lo: day, hi: day)
        })

    static let light = FieldEntry(
        "light", aliases: ["灯", "预警"], kind: .choice,
        summary: "red yellow green / 红 黄 绿 (红灯 黄灯 绿灯), judged as of the as-of day (set today)",
        column: .toned("light"),
        cell: { s, r in .text(judge(s).light(row: r, in: s.tasks).keyword) },
        localize: Lexicon.lightName,
        order: { s in
            let lights = judge(s).lights(in: s.tasks)
            return { a, b in FieldSupport.compare(lights[a], lights[b]) }
        },
        group: { s in
            let lights = judge(s).lights(in: s.tasks)
            return GroupKey(domain: 3, codes: { r, out in out.append(Int(lights[r])) },
                            value: { .text((Light(rawValue: UInt8($0)) ?? .green).keyword) }, rank: { Double($0) },
                            column: { FieldSupport.int32Column(lights) }, byteColumn: { (lights, 0xFF, nil) })
        },
        json: .init(key: "light") { s, r in JSON.quote(judge(s).light(row: r, in: s.tasks).keyword) },
        complete: { _, _ in Lexicon.lightWords },
        compare: { c, _, op, opSpan, v in
            guard op == .equal else { throw Diagnostic(Messages.choiceOperator("light", op: op.rawValue), at: opSpan) }
            return .custom(LightTest(judge: judge(c), t: c.tasks, mask: 1 << (try light(v).rawValue)))
        },
        inList: { c, _, vs, _ in
            var mask: UInt8 = 0
            for v in vs { mask |= 1 << (try light(v).rawValue) }
            return .custom(LightTest(judge: judge(c), t: c.tasks, mask: mask))
        })

    static let pace = FieldEntry(
        "pace", aliases: ["序时状态"], kind: .choice,
        summary: "done ahead on_pace behind_pace / 已完成 超序时 达序时 欠序时",
        cell: { s, r in .text(judge(s).pace(row: r, in: s.tasks).keyword) },
        localize: { word, language in
            guard language == .zh, let p = Pace(parsing: word) else { return word }
            return p.chineseLabel
        },
        order: { s in
            let j = judge(s)
            return { a, b in FieldSupport.compare(j.pace(row: a, in: s.tasks).rawValue, j.pace(row: b, in: s.tasks).rawValue) }
        },
        group: { s in
            let j = judge(s)
            return GroupKey(domain: 4, codes: { r, out in out.append(Int(j.pace(row: r, in: s.tasks).rawValue)) },
                            value: { .text((Pace(rawValue: UInt8($0)) ?? .onPace).keyword) }, rank: { Double($0) })
        },
        json: .init(key: "pace") { s, r in JSON.quote(judge(s).pace(row: r, in: s.tasks).keyword) },
        complete: { _, _ in Pace.allCases.map(\.keyword) + Pace.allCases.map(\.chineseLabel) },
        compare: { c, _, op, opSpan, v in
            guard op == .equal else { throw Diagnostic(Messages.choiceOperator("pace", op: op.rawValue), at: opSpan) }
            return .custom(PaceTest(judge: judge(c), t: c.tasks, mask: 1 << (try pace(v).rawValue)))
        },
        inList: { c, _, vs, _ in
            var mask: UInt8 = 0
            for v in vs { mask |= 1 << (try pace(v).rawValue) }
            return .custom(PaceTest(judge: judge(c), t: c.tasks, mask: mask))
        })

    static let deadlines = FieldEntry(
        "deadlines", aliases: ["时限"], kind: .text,
        summary: "deadline phrases read from the task's text (年底前, 6月底前, …)", multiValued: true,
        cell: { s, r in .list(s.tasks.deadlineRange(row: r).map { s.tasks.deadlineRaw[$0] }) },
        order: { s in { a, b in FieldSupport.compare(s.tasks.deadlineRange(row: a).count, s.tasks.deadlineRange(row: b).count) } },
        group: { s in GroupKey.strings { r in s.tasks.deadlineRange(row: r).map { s.tasks.deadlineRaw[$0] }.joined(separator: "、") } },
        json: .init(key: "deadlines") { s, r in
            "[" + s.tasks.deadlineRange(row: r).map { i in
                "{\"raw\": " + JSON.quote(s.tasks.deadlineRaw[i]) + ", \"date\": "
                    + (CalendarDay(ordinal: s.tasks.deadlineDay[i]).map { JSON.quote($0.description) } ?? "null") + "}"
            }.joined(separator: ", ") + "]"
        },
        compare: { c, _, op, _, v in .custom(DeadlineTextTest(t: c.tasks, test: c.textCompare(op, v))) },
        textMatch: { c, test in .custom(DeadlineTextTest(t: c.tasks, test: test)) },
        empty: { c in .custom(DeadlineTextTest(t: c.tasks, test: nil)) })

    // MARK: Helpers

    static func light(_ v: Literal) throws -> Light {
        if let l = Light(parsing: v.text) { return l }
        throw Diagnostic(Messages.unknownLight(v.text, suggestion: Suggest.phrase(v.text, in: Lexicon.lightWords)), at: v.span)
    }

    static func pace(_ v: Literal) throws -> Pace {
        if let p = Pace(parsing: v.text) { return p }
        let names = Pace.allCases.flatMap { [$0.keyword, $0.chineseLabel] }
        throw Diagnostic(Messages.unknownPace(v.text, suggestion: Suggest.phrase(v.text, in: names)), at: v.span)
    }

    /// A number in ten-thousandths, for exact comparisons with expected and gap.
    static func scaled(_ x: Double) -> Int { Int((x * 10_000).rounded()) }

    static func dayGroup(_ days: [Int32]) -> GroupKey {
        let dict = Interner<Int32>()
        return GroupKey(domain: nil, codes: { r, out in out.append(dict.code(days[r])) },
                        value: { .text(CalendarDay(ordinal: dict.values[$0])?.description ?? "") },
                        rank: { Double(dict.values[$0]) })
    }

    static func tenthsGroup(_ tenths: @escaping (Int) -> Int) -> GroupKey {
        let dict = Interner<Int>()
        return GroupKey(domain: nil, codes: { r, out in out.append(dict.code(tenths(r))) },
                        value: { .text(Judge.formatTenths(dict.values[$0])) }, rank: { Double(dict.values[$0]) })
    }
}

extension Field {
    public static let lead = Field(TaskFields.lead)
    public static let start = Field(TaskFields.start)
    public static let expected = Field(TaskFields.expected)
    public static let gap = Field(TaskFields.gap)
    public static let dueIn = Field(TaskFields.dueIn)
    public static let light = Field(TaskFields.light)
    public static let pace = Field(TaskFields.pace)
    public static let deadlines = Field(TaskFields.deadlines)
}
