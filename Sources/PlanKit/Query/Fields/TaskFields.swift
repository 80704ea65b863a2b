/// The fields of a task row: identity and text here; offices and progress in
/// `TaskFields+Progress.swift`; targets in `TaskFields+Targets.swift`.
///
/// The order of `all` is the order of `help query`, `show all` and the JSON object (SPEC §3:
/// `id plan path heading text offices targets status progress note due updated`, new keys after).
enum TaskFields {
    static let all: [FieldEntry] = [
        id, plan, path, section, heading, text, office, target, unit,
        status, progress, note, due, updated, level, overdue, figure,
        lead, start, expected, gap, dueIn, light, pace, deadlines,
    ]

    // MARK: Identity

    static let id = FieldEntry(
        "id", aliases: ["编号", "任务", "task"], kind: .name,
        summary: "task id plan:path; ordered naturally",
        column: ResultTable.Column("id", minWidth: 28),
        cell: { s, r in .text(s.workspace.taskID(row: r)) },
        csv: { s, rows in
            let ids = IDWriter(s.workspace, tasks: rows)
            return { r, out in ids.appendTask(r, to: &out) }
        },
        csvLines: { s, rows in
            let ids = IDWriter(s.workspace, tasks: rows)
            return { out in ids.appendTaskLines(rows, to: &out) }
        },
        order: { _ in { a, b in FieldSupport.compare(a, b) } },
        group: { s in GroupKey.strings { s.workspace.taskID(row: $0) } },
        json: .init(key: "id") { s, r in JSON.quote(s.workspace.taskID(row: r)) },
        complete: { w, word in
            // Task ids of the plan being typed; plan ids with ":" until then.
            guard let colon = word.lastIndex(of: ":") else { return w.plans.map { $0.id + ":" } }
            guard let p = w.planIndex(String(word[..<colon])) else { return [] }
            return w.taskRanges[p].map { w.taskID(row: $0) }
        },
        compare: { c, _, op, _, v in
            if op == .equal { return .rows([UInt32(try c.idRow(v))]) }
            let folded = TextFolding.fold(v.text)
            // `id < yy2025` (no path) compares with the start of that plan.
            let colon = folded.lastIndex(of: ":") ?? folded.endIndex
            let planID = Array(folded[..<colon].utf8)
            let path = colon == folded.endIndex ? [] : Array(folded[folded.index(after: colon)...].utf8)
            let planOrder = c.workspace.plans.map { Int8(NaturalOrder.compare(Array($0.id.utf8), planID)) }
            return .idOrder(op, planOrder: planOrder, path: path)
        },
        inList: { c, _, vs, _ in
            var rows = Set<UInt32>()
            for v in vs { rows.insert(UInt32(try c.idRow(v))) }
            return .rows(rows.sorted())
        },
        textMatch: { _, test in .text(.id, test) })

    static let plan = FieldEntry(
        "plan", aliases: ["计划"], kind: .name, summary: "plan id",
        cell: { s, r in .text(s.workspace.plans[Int(s.tasks.planRow[r])].id) },
        order: { s in { a, b in FieldSupport.compare(s.tasks.planRow[a], s.tasks.planRow[b]) } },
        group: { s in
            GroupKey(domain: s.workspace.plans.count, codes: { r, out in out.append(Int(s.tasks.planRow[r])) },
                     value: { .text(s.workspace.plans[$0].id) }, rank: { Double($0) })
        },
        json: .init(key: "plan") { s, r in JSON.quote(s.workspace.plans[Int(s.tasks.planRow[r])].id) },
        complete: { w, _ in w.plans.map(\.id) },
        compare: { c, _, op, _, v in
            if op == .equal {
                var set = [Bool](repeating: false, count: c.workspace.plans.count)
                set[try c.planIndex(v)] = true
                return .plans(set)
            }
            let b = Array(TextFolding.fold(v.text).utf8)
            return .plans(c.workspace.plans.map { op.holds(NaturalOrder.compare(Array($0.id.utf8), b)) })
        },
        inList: { c, _, vs, _ in
            var set = [Bool](repeating: false, count: c.workspace.plans.count)
            for v in vs { set[try c.planIndex(v)] = true }
            return .plans(set)
        },
        textMatch: { c, test in .plans(c.workspace.plans.map { test.test($0.id) }) })

    static let path = FieldEntry(
        "path", aliases: ["路径"], kind: .name, summary: "dotted heading numbers, e.g. 2.1.1",
        column: ResultTable.Column("path", minWidth: 6),
        cell: { s, r in .text(s.tasks.paths[r]) },
        csv: { s, _ in
            let paths = s.tasks.paths
            return { r, out in out.append(paths.bytes, paths.byteRange(r)) }
        },
        order: FieldSupport.pathOrder,
        group: { s in GroupKey.strings { s.tasks.paths[$0] } },
        json: .init(key: "path") { s, r in JSON.quote(s.tasks.paths[r]) },
        complete: { w, _ in FieldSupport.paths(w) },
        compare: { _, _, op, _, v in
            if op == .equal { return .text(.path, .equals(FoldedPattern(v.text))) }
            return .pathOrder(op, Array(TextFolding.fold(v.text).utf8))
        },
        textMatch: { _, test in .text(.path, test) })

    static let section = FieldEntry(
        "section", aliases: ["章节"], kind: .name,
        summary: "section = 2.1 matches the whole subtree; also plan:2.1",
        column: ResultTable.Column("section", minWidth: 6),
        cell: { s, r in .text(s.tasks.paths[r]) },
        order: FieldSupport.pathOrder,
        group: { s in GroupKey.strings { s.tasks.paths[$0] } },
        complete: { w, _ in FieldSupport.paths(w) },
        compare: { c, _, op, opSpan, v in
            switch op {
            case .equal: return try c.section(v)
            case .contains, .matches: throw Diagnostic(Messages.sectionOperator(op.rawValue, textual: true), at: opSpan)
            default: throw Diagnostic(Messages.sectionOperator(op.rawValue, textual: false), at: opSpan)
            }
        })

    static let heading = FieldEntry(
        "heading", aliases: ["标题"], kind: .text, summary: "first sentence of the task",
        cell: { s, r in .text(s.tasks.heading(row: r)) },
        csv: { s, _ in
            let headings = s.tasks.headings
            return { r, out in FieldSupport.appendCSV(headings, r, to: &out) }
        },
        order: { s in FieldSupport.byteOrder(s.tasks.headings) },
        group: { s in GroupKey.strings { s.tasks.headings[$0] } },
        json: .init(key: "heading") { s, r in JSON.quote(s.tasks.heading(row: r)) },
        compare: { c, _, op, _, v in .text(.heading, c.textCompare(op, v)) },
        textMatch: { _, test in .text(.heading, test) },
        empty: { _ in .text(.heading, .empty) })

    static let text = FieldEntry(
        "text", aliases: ["内容"], kind: .text, summary: "full text of the task",
        cell: { s, r in .text(s.tasks.text(row: r)) },
        csv: { s, _ in
            let texts = s.tasks.texts
            return { r, out in FieldSupport.appendCSV(texts, r, to: &out) }
        },
        order: { s in FieldSupport.byteOrder(s.tasks.texts) },
        group: { s in GroupKey.strings { s.tasks.texts[$0] } },
        json: .init(key: "text") { s, r in JSON.quote(s.tasks.text(row: r)) },
        compare: { c, _, op, _, v in .text(.text, c.textCompare(op, v)) },
        textMatch: { _, test in .text(.text, test) },
        empty: { _ in .text(.text, .empty) })

    static let level = FieldEntry(
        "level", aliases: ["层级"], kind: .integer, summary: "depth of the path, 2.1.1 → 3",
        cell: { s, r in .integer(FieldSupport.level(s.tasks, r)) },
        order: { s in { a, b in FieldSupport.compare(FieldSupport.level(s.tasks, a), FieldSupport.level(s.tasks, b)) } },
        group: { s in
            GroupKey(domain: 64, codes: { r, out in out.append(min(63, FieldSupport.level(s.tasks, r))) },
                     value: { .integer($0) }, rank: { Double($0) })
        },
        compare: { c, f, op, _, v in .level(op, try c.number(f, v)) })
}

extension Field {
    public static let id = Field(TaskFields.id)
    public static let plan = Field(TaskFields.plan)
    public static let path = Field(TaskFields.path)
    public static let section = Field(TaskFields.section)
    public static let heading = Field(TaskFields.heading)
    public static let text = Field(TaskFields.text)
    public static let level = Field(TaskFields.level)
}
