/// Task fields about responsibility and progress: offices, status, progress, note, due,
/// updated and the overdue rule.
extension TaskFields {
    static let office = FieldEntry(
        "office", aliases: ["科室", "责任科室", "offices"], kind: .name,
        summary: "responsible offices, any of them", multiValued: true,
        cell: { s, r in .list(s.tasks.officeCodes(row: r).map { s.tasks.offices[$0] }) },
        order: { s in
            let t = s.tasks
            let rank = Ordering.ranks(t.offices.names)
            let first: (Int) -> Int = { r in
                t.officeStart[r] == t.officeStart[r + 1] ? -1 : rank[Int(t.officeCodes[Int(t.officeStart[r])])]
            }
            return { a, b in FieldSupport.compare(first(a), first(b)) }
        },
        group: { s in
            let t = s.tasks
            let rank = Ordering.naturalRanks(t.offices.names)
            let canon = FieldSupport.foldedRepresentatives(t.offices.names)
            return GroupKey(domain: t.offices.count, codes: { r, out in
                for c in t.officeCodes(row: r) where !out.contains(canon[Int(c)]) { out.append(canon[Int(c)]) }
            }, value: { .text(t.offices.names[$0]) }, rank: { Double(rank[$0]) })
        },
        json: .init(key: "offices") { s, r in
            "[" + s.tasks.officeCodes(row: r).map { JSON.quote(s.tasks.offices[$0]) }.joined(separator: ", ") + "]"
        },
        complete: { w, _ in w.tasks.offices.names.sorted() },
        compare: { c, _, op, _, v in
            if op == .equal { return .offices(try c.officeSet(v)) }
            let test = TextTest.order(op, Array(TextFolding.fold(v.text).utf8))
            return .offices(c.tasks.offices.names.map(test.test))
        },
        inList: { c, _, vs, _ in
            var set = [Bool](repeating: false, count: c.tasks.offices.count)
            for v in vs { for (i, on) in try c.officeSet(v).enumerated() where on { set[i] = true } }
            return .offices(set)
        },
        textMatch: { c, test in .offices(c.tasks.offices.names.map(test.test)) },
        empty: { _ in .officesEmpty })

    static let status = FieldEntry(
        "status", aliases: ["状态"], kind: .choice,
        summary: "not_started on_track behind done / 未启动 推进中 滞后 已完成",
        column: .toned("status"),
        cell: { s, r in .text(Lexicon.status(s.tasks.status[r], in: .en)) },
        localize: Lexicon.statusName,
        order: { s in { a, b in FieldSupport.compare(s.tasks.status[a], s.tasks.status[b]) } },
        group: { s in
            GroupKey(domain: 4, codes: { r, out in out.append(Int(min(s.tasks.status[r], 3))) },
                     value: { .text(Lexicon.status(UInt8($0), in: .en)) }, rank: { Double($0) })
        },
        json: .init(key: "status") { s, r in JSON.quote(Lexicon.status(s.tasks.status[r], in: .en)) },
        complete: { _, _ in TaskStatus.allCases.map(\.keyword) + TaskStatus.allCases.map(\.chineseLabel) },
        compare: { c, _, op, opSpan, v in
            guard op == .equal else {
                throw Diagnostic(Messages.statusOperator(op.rawValue), at: opSpan)
            }
            return .status(1 << (try c.status(v).rawValue))
        },
        inList: { c, _, vs, _ in
            var mask: UInt8 = 0
            for v in vs { mask |= 1 << (try c.status(v).rawValue) }
            return .status(mask)
        })

    static let progress = FieldEntry(
        "progress", aliases: ["进度"], kind: .integer, summary: "0–100",
        cell: { s, r in .integer(Int(s.tasks.progress[r])) },
        csv: { s, _ in
            let progress = s.tasks.progress
            return { r, out in IDWriter.appendDecimal(Int(progress[r]), to: &out) }
        },
        order: { s in { a, b in FieldSupport.compare(s.tasks.progress[a], s.tasks.progress[b]) } },
        group: { s in
            GroupKey(domain: 256, codes: { r, out in out.append(Int(s.tasks.progress[r])) },
                     value: { .integer($0) }, rank: { Double($0) })
        },
        json: .init(key: "progress") { s, r in String(s.tasks.progress[r]) },
        compare: { c, f, op, _, v in .progress(op, try c.number(f, v, percent: true)) })

    static let note = FieldEntry(
        "note", aliases: ["备注"], kind: .text, summary: "progress note",
        cell: { s, r in .text(s.tasks.notes[s.tasks.noteCode[r]]) },
        order: { s in
            let t = s.tasks
            let rank = Ordering.ranks(t.notes.names)
            return { a, b in FieldSupport.compare(rank[Int(t.noteCode[a])], rank[Int(t.noteCode[b])]) }
        },
        group: { s in
            let t = s.tasks
            let rank = Ordering.naturalRanks(t.notes.names)
            let canon = FieldSupport.foldedRepresentatives(t.notes.names)
            return GroupKey(domain: t.notes.count, codes: { r, out in out.append(canon[Int(t.noteCode[r])]) },
                            value: { .text(t.notes.names[$0]) }, rank: { Double(rank[$0]) })
        },
        json: .init(key: "note") { s, r in JSON.quote(s.tasks.notes[s.tasks.noteCode[r]]) },
        complete: { w, _ in Array(w.tasks.notes.names.filter { !$0.isEmpty }.sorted().prefix(500)) },
        compare: { c, _, op, _, v in .notes(c.tasks.notes.names.map(c.textCompare(op, v).test)) },
        textMatch: { c, test in .notes(c.tasks.notes.names.map(test.test)) },
        empty: { c in .notes(c.tasks.notes.names.map(\.isEmpty)) })

    static let due = FieldEntry(
        "due", aliases: ["截止", "期限", "截止日期", "完成时限"], kind: .day,
        summary: "due date YYYY-MM-DD; YYYY-MM means the whole month",
        cell: { s, r in CalendarDay(ordinal: s.tasks.due[r]).map { .text($0.description) } ?? .null },
        order: { s in
            // Tasks with no due date sort last.
            let key: (Int) -> Int32 = { r in s.tasks.due[r] > 0 ? s.tasks.due[r] : Int32.max }
            return { a, b in FieldSupport.compare(key(a), key(b)) }
        },
        group: { s in
            // Codes are handed out while scanning; 0 is no due date.
            let dict = Interner<Int32>()
            return GroupKey(domain: nil, codes: { r, out in out.append(dict.code(s.tasks.due[r])) },
                            value: { dict.values[$0] > 0 ? .text(CalendarDay(ordinal: dict.values[$0])?.description ?? "") : .null },
                            rank: { Double(dict.values[$0] > 0 ? dict.values[$0] : Int32.max) })
        },
        json: .init(key: "due") { s, r in CalendarDay(ordinal: s.tasks.due[r]).map { JSON.quote($0.description) } ?? "null" },
        compare: { _, _, op, _, v in
            guard let (lo, hi) = QueryText.dayRange(v.text) else {
                throw Diagnostic(Messages.badDueValue(v.text), at: v.span)
            }
            return .due(op, lo: lo, hi: hi)
        },
        empty: { _ in .dueEmpty })

    static let updated = FieldEntry(
        "updated", aliases: ["更新"], kind: .month, summary: "month of the latest progress, YYYY-MM",
        cell: { s, r in s.tasks.updated[r] < 0 ? .null : .text(YearMonth(ordinal: Int(s.tasks.updated[r])).description) },
        order: { s in { a, b in FieldSupport.compare(s.tasks.updated[a], s.tasks.updated[b]) } },
        group: { s in
            let dict = Interner<Int32>()
            return GroupKey(domain: nil, codes: { r, out in out.append(dict.code(s.tasks.updated[r])) },
                            value: { dict.values[$0] >= 0 ? .text(YearMonth(ordinal: Int(dict.values[$0])).description) : .null },
                            rank: { Double(dict.values[$0]) })
        },
        json: .init(key: "updated") { s, r in
            s.tasks.updated[r] < 0 ? "null" : JSON.quote(YearMonth(ordinal: Int(s.tasks.updated[r])).description)
        },
        compare: { _, _, op, _, v in
            guard let m = QueryText.month(v.text) else {
                throw Diagnostic(Messages.badUpdatedValue(v.text), at: v.span)
            }
            return .updated(op, m)
        },
        empty: { _ in .updatedEmpty })

    static let overdue = FieldEntry(
        "overdue", aliases: ["逾期"], kind: .boolean,
        summary: "true when due is before the as-of day and status is not done",
        cell: { s, r in .bool(Judge.isOverdue(dueOrdinal: s.tasks.due[r], status: s.tasks.status[r], asOf: s.context.asOf.ordinal)) },
        order: { s in
            let asOf = s.context.asOf.ordinal
            let od: (Int) -> Int = { r in Judge.isOverdue(dueOrdinal: s.tasks.due[r], status: s.tasks.status[r], asOf: asOf) ? 1 : 0 }
            return { a, b in FieldSupport.compare(od(a), od(b)) }
        },
        group: { s in
            let asOf = s.context.asOf.ordinal
            return GroupKey(domain: 2, codes: { r, out in
                out.append(Judge.isOverdue(dueOrdinal: s.tasks.due[r], status: s.tasks.status[r], asOf: asOf) ? 1 : 0)
            }, value: { .bool($0 == 1) }, rank: { Double($0) })
        },
        complete: { _, _ in ["true", "false"] },
        compare: { c, _, op, opSpan, v in
            guard op == .equal else { throw Diagnostic(Messages.booleanOperator("overdue"), at: opSpan) }
            guard let b = QueryText.boolean(v.text) else {
                throw Diagnostic(Messages.notABoolean("overdue", value: v.text, suggestion: Suggest.phrase(v.text, in: ["true", "false"])),
                                 at: v.span)
            }
            let p = Predicate.overdue(asOf: c.source.context.asOf.ordinal)
            return b ? p : .not(p)
        })
}

extension Field {
    public static let office = Field(TaskFields.office)
    public static let status = Field(TaskFields.status)
    public static let progress = Field(TaskFields.progress)
    public static let note = Field(TaskFields.note)
    public static let due = Field(TaskFields.due)
    public static let updated = Field(TaskFields.updated)
    public static let overdue = Field(TaskFields.overdue)
}
