import Foundation

/// A checked condition over one task, with every value converted to what the columns hold
/// (status codes, office codes, day ordinals, folded byte patterns, compiled regular expressions).
indirect enum Predicate: @unchecked Sendable {
    case constant(Bool)
    case and([Predicate])
    case or([Predicate])
    case not(Predicate)
    /// Any of the task's offices has a code marked true.
    case offices([Bool])
    case officesEmpty
    /// Status in the set (bit `1 << status`).
    case status(UInt8)
    /// Plan index marked true.
    case plans([Bool])
    /// Note code marked true.
    case notes([Bool])
    /// Explicit rows, ascending (`id = …`, `id in (…)`).
    case rows([UInt32])
    case text(TextColumn, TextTest)
    /// `id` compared in natural order: each plan's id against the value's plan (-1, 0, 1), then the path.
    case idOrder(QueryOperator, planOrder: [Int8], path: [UInt8])
    /// `path` compared in natural order.
    case pathOrder(QueryOperator, [UInt8])
    /// `section = P`: the path is P or starts with `P.`; restricted to one plan when given.
    case section(plan: Int?, prefix: [UInt8])
    case progress(QueryOperator, Double)
    case level(QueryOperator, Double)
    /// `due op [lo, hi]` (a month literal is a range of days).
    case due(QueryOperator, lo: Int32, hi: Int32)
    case dueEmpty
    case updated(QueryOperator, Int32)
    case updatedEmpty
    /// Any target with a value satisfying `op value`, and with a unit in the set when given;
    /// qualifiers count too when `figures` (the `figure` field, SPEC §11).
    case target(QueryOperator, Double, units: [Bool]?, figures: Bool)
    case targetsEmpty(figures: Bool)
    /// Any target unit marked true.
    case units([Bool], figures: Bool)
    case overdue(asOf: Int32)
    /// A test a field entry compiled itself (a computed column, a row kind of its own).
    case custom(any RowTest)
}

/// A condition over rows that a field entry evaluates itself. `scan` should be a tight loop
/// over columns (it runs once per query over every row); `test` checks one row (after an
/// indexed operand of an `and` has narrowed the rows).
protocol RowTest: Sendable {
    func test(_ r: Int) -> Bool
    func scan(_ n: Int, into b: inout RowBitmap)
}

extension RowTest {
    func scan(_ n: Int, into b: inout RowBitmap) {
        for r in 0..<n where test(r) { b.insert(r) }
    }
}

/// `field op x` over a column of numbers computed once per query (NaN: no value, never matches).
struct NumberColumnTest: RowTest {
    let values: [Double]
    let op: QueryOperator
    let x: Double

    func test(_ r: Int) -> Bool { op.holds(values[r], x) }

    func scan(_ n: Int, into b: inout RowBitmap) {
        let op = op, x = x
        values.withUnsafeBufferPointer { v in
            for r in 0..<min(n, v.count) where op.holds(v[r], x) { b.insert(r) }
        }
    }
}

/// String columns a text test can run over.
enum TextColumn: Sendable {
    case heading, text, path, id
}

/// A test on one string.
enum TextTest: @unchecked Sendable {
    case equals(FoldedPattern)
    case contains(FoldedPattern)
    case matches(BoundedRegex)
    /// Folded string order (Unicode scalar order of UTF-8 bytes).
    case order(QueryOperator, [UInt8])
    case empty

    /// Applies the test to a Swift string (offices, plan ids, notes, units), compared after the
    /// same folding as the query (NFC here; full-width forms by the folded pattern).
    func test(_ stored: String) -> Bool {
        let s = TextFolding.canonical(stored)
        switch self {
        case let .equals(p):
            let b = Array(s.utf8)
            return b.withUnsafeBytes { p.equals($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, 0..<b.count) }
        case let .contains(p):
            let b = Array(s.utf8)
            return b.withUnsafeBytes { p.occurs(in: $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, 0..<b.count) }
        case let .matches(re):
            return re.matches(TextFolding.fold(s))
        case let .order(op, v):
            return op.holds(QueryText.compareBytes(Array(TextFolding.fold(s).utf8), v))
        case .empty:
            return s.isEmpty
        }
    }
}

/// Turns the syntax tree into predicates, rejecting what cannot be evaluated with a
/// diagnostic at the exact span: unknown values (with the nearest valid one), numbers that are
/// not numbers, operators a field does not take, invalid regular expressions.
///
/// What each field accepts is its registry entry's business; the checker applies the rules
/// common to all (`!=` is `not =`, `contains`/`matches` only on text, `is empty` only where
/// a field can be empty) and offers the value lookups entries share.
struct Checker {
    let source: RowSource
    /// The query\'s `matches` patterns, verified after evaluation (step limit, Ctrl-C).
    let patterns = BoundedPatterns()

    init(_ source: RowSource) {
        self.source = source
    }

    var workspace: Workspace { source.workspace }
    var tasks: TaskTable { source.tasks }

    func check(_ e: Expr) throws -> Predicate {
        switch e {
        case let .or(xs): return .or(try xs.map(check))
        case let .and(xs): return .and(try xs.map(check))
        case let .not(x, _): return .not(try check(x))
        case let .compare(f, op, opSpan, v): return try compare(f, op, opSpan: opSpan, v)
        case let .inList(f, vs, span):
            if let inList = f.field.entry.inList { return try inList(self, f, vs, span) }
            return .or(try vs.map { try compare(f, .equal, opSpan: span, $0) })
        case let .isEmpty(f, negated, _):
            guard let empty = f.field.entry.empty else {
                throw Diagnostic(Messages.emptyNotApplicable(f.field.name, fields: FieldRegistry.emptyableFields(f.field.rowKind)),
                                 at: f.span)
            }
            let p = empty(self)
            return negated ? .not(p) : p
        }
    }

    // MARK: Comparisons

    func compare(_ f: FieldRef, _ op: QueryOperator, opSpan: Range<Int>, _ v: Literal) throws -> Predicate {
        let entry = f.field.entry
        // `!=` is the negation of `=` for every field (for lists: no value matches).
        if op == .notEqual {
            return .not(try compare(f, .equal, opSpan: opSpan, v))
        }
        if op == .contains || op == .matches {
            if let match = entry.textMatch { return match(self, try textTest(op, v)) }
            guard entry.kind == .text || entry.kind == .name else {
                throw Diagnostic(Messages.textOperatorOnNonText(op.rawValue, textFields: FieldRegistry.textFields(entry.rowKind),
                                                                field: entry.name, kind: entry.kind.described), at: opSpan)
            }
        }
        return try entry.compare(self, f, op, opSpan, v)
    }

    /// `=` as a folded equality, other operators as folded code-point order.
    func textCompare(_ op: QueryOperator, _ v: Literal) -> TextTest {
        op == .equal ? .equals(FoldedPattern(v.text)) : .order(op, Array(TextFolding.fold(v.text).utf8))
    }

    /// A number literal for a numeric field (`progress` also takes `62%`).
    func number(_ f: FieldRef, _ v: Literal, percent: Bool = false) throws -> Double {
        guard let x = QueryText.number(v.text, allowPercent: percent) else {
            throw Diagnostic(Messages.notANumber(f.field.name, value: v.text, percent: percent), at: v.span)
        }
        return x
    }

    func textTest(_ op: QueryOperator, _ v: Literal) throws -> TextTest {
        if op == .contains { return .contains(FoldedPattern(v.text)) }
        do {
            let re = try BoundedRegex(v.text, span: v.span)
            patterns.add(re)
            return .matches(re)
        } catch {
            throw Diagnostic(Messages.invalidRegex(v.text, problem: QueryText.regexProblem(v.text)), at: v.span)
        }
    }

    // MARK: Values

    /// A status value, read as `update` and sheets read it.
    func status(_ v: Literal) throws -> TaskStatus {
        switch ProgressValue.status(v.text) {
        case let .success(s): return s
        case let .failure(p): throw Diagnostic(p.message, at: v.span)
        }
    }

    /// Offices equal to `v` (folded); an office no task names is an error with a suggestion.
    func officeSet(_ v: Literal) throws -> [Bool] {
        var set = [Bool](repeating: false, count: tasks.offices.count)
        for c in try officeCodes(matching: .equals(FoldedPattern(v.text)), literal: v, exact: true) { set[c] = true }
        return set
    }

    func officeCodes(matching test: TextTest, literal v: Literal, exact: Bool) throws -> [Int] {
        let codes = tasks.offices.names.indices.filter { test.test(tasks.offices.names[$0]) }
        if codes.isEmpty && exact && tasks.count > 0 {
            throw Diagnostic(Messages.unknownOffice(v.text, suggestion: QueryText.suggestion(v.text, in: tasks.offices.names),
                                                    listHint: Suggest.nearest(v.text, in: tasks.offices.names) == nil), at: v.span)
        }
        return codes
    }

    func planIndex(_ v: Literal) throws -> Int {
        let id = TextFolding.fold(v.text)
        if let i = workspace.planIndex(id) { return i }
        throw Diagnostic(Messages.unknownPlanValue(v.text, suggestion: Suggest.phrase(id, in: workspace.plans.map(\.id)),
                                                   noPlans: workspace.plans.isEmpty), at: v.span)
    }

    func idRow(_ v: Literal) throws -> Int {
        let id = TextFolding.fold(v.text)
        if let r = workspace.row(id: id) { return r }
        if let colon = id.lastIndex(of: ":") {
            let plan = String(id[..<colon])
            if let p = workspace.planIndex(plan) {
                let paths = workspace.taskRanges[p].map { tasks.paths[$0] }
                let path = String(id[id.index(after: colon)...])
                throw Diagnostic(Messages.unknownTaskInPlan(v.text, plan: plan, near: Suggest.nearest(path, in: paths)), at: v.span)
            }
            throw Diagnostic(Messages.unknownTaskPlan(v.text, plan: plan, suggestion: Suggest.phrase(plan, in: workspace.plans.map(\.id))),
                             at: v.span)
        }
        throw Diagnostic(Messages.taskIDNeedsColon(v.text), at: v.span)
    }

    func section(_ v: Literal) throws -> Predicate {
        var text = TextFolding.fold(v.text)
        var plan: Int?
        if let colon = text.lastIndex(of: ":") {
            let planID = String(text[..<colon])
            guard let p = workspace.planIndex(planID) else {
                throw Diagnostic(Messages.unknownPlanValue(planID, suggestion: Suggest.phrase(planID, in: workspace.plans.map(\.id)),
                                                           noPlans: false), at: v.span)
            }
            plan = p
            text = String(text[text.index(after: colon)...])
        }
        guard !text.isEmpty, text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw Diagnostic(Messages.badSection(v.text), at: v.span)
        }
        return .section(plan: plan, prefix: Array(text.utf8))
    }

    static func quoted(_ v: Literal) -> String { "\"\(v.text)\"" }
}

/// Literal parsing and byte comparisons shared by the checker and the evaluator.
enum QueryText {
    /// A plain number (`62`, `-1`, `2.5`); a trailing `%` is allowed for progress.
    static func number(_ s: String, allowPercent: Bool) -> Double? {
        var t = TextFolding.fold(s)
        if allowPercent, t.hasSuffix("%") { t.removeLast() }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let d = Double(t), d.isFinite else { return nil }
        return d
    }

    /// `90%` → (90, "%"); `10分钟` → (10, "分钟"); `35` → (35, nil).
    static func numberWithUnit(_ s: String) -> (Double, String?)? {
        let t = Array(TextFolding.fold(s))
        var i = 0
        if i < t.count, t[i] == "-" || t[i] == "+" { i += 1 }
        let digitsStart = i
        while i < t.count, t[i].isASCII, t[i].isNumber { i += 1 }
        guard i > digitsStart else { return nil }
        if i + 1 < t.count, t[i] == ".", t[i + 1].isASCII, t[i + 1].isNumber {
            i += 1
            while i < t.count, t[i].isASCII, t[i].isNumber { i += 1 }
        }
        guard let d = Double(String(t[..<i])), d.isFinite else { return nil }
        let unit = String(t[i...]).trimmingCharacters(in: .whitespaces)
        // `1.2.3` or `5-6` are not numbers with a unit.
        if let f = unit.first, f == "." || f == "-" || (f.isASCII && f.isNumber) { return nil }
        return (d, unit.isEmpty ? nil : unit)
    }

    /// "did you mean" preferring names that start with the word (`分` → `分钟`, not `%`).
    static func suggestion(_ word: String, in names: [String]) -> String {
        let w = TextFolding.fold(word)
        let nonEmpty = names.filter { !$0.isEmpty }
        let prefixed = nonEmpty.filter { TextFolding.fold($0).hasPrefix(w) || w.hasPrefix(TextFolding.fold($0)) }
        if !w.isEmpty, let best = prefixed.min(by: { $0.count < $1.count }), prefixed.count <= 3 {
            return Suggest.didYouMean(best)
        }
        return Suggest.phrase(word, in: nonEmpty)
    }

    /// `2025-06-30` → that day twice; `2025-06` → its first and last day.
    static func dayRange(_ s: String) -> (Int32, Int32)? {
        let t = TextFolding.fold(s)
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, let d = CalendarDay(parsing: t), parts[2].count <= 2 { return (d.ordinal, d.ordinal) }
        if parts.count == 2, let m = YearMonth(parsing: t),
           let first = CalendarDay(year: m.year, month: m.month, day: 1),
           let last = CalendarDay(year: m.year, month: m.month, day: CalendarDay.daysIn(year: m.year, month: m.month)) {
            return (first.ordinal, last.ordinal)
        }
        return nil
    }

    /// `2025-04` (or a day in it) → `YearMonth.ordinal`.
    static func month(_ s: String) -> Int32? {
        let t = TextFolding.fold(s)
        if let m = YearMonth(parsing: t) { return Int32(m.ordinal) }
        if let d = CalendarDay(parsing: t), t.split(separator: "-").count == 3, let m = YearMonth(year: d.year, month: d.month) {
            return Int32(m.ordinal)
        }
        return nil
    }

    static func boolean(_ s: String) -> Bool? {
        switch TextFolding.keyword(s) {
        case "true", "yes", "1", "是", "y", "on": true
        case "false", "no", "0", "否", "n", "off": false
        default: nil
        }
    }

    /// -1, 0, 1 comparing UTF-8 bytes (Unicode scalar order).
    static func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in compareBytes(x, y) } }
    }

    static func compareBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            let c = memcmp(pa, pb, n)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Why NSRegularExpression refused `pattern`, in words.
    static func regexProblem(_ pattern: String) -> Messages.RegexProblem {
        var depth = 0
        var escaped = false
        var inClass = false
        for ch in pattern {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "[": inClass = true
            case "]": inClass = false
            case "(" where !inClass: depth += 1
            case ")" where !inClass:
                depth -= 1
                if depth < 0 { return .unmatchedClose }
            default: break
            }
        }
        if escaped { return .loneBackslash }
        if inClass { return .unclosedClass }
        if depth > 0 { return .unclosedGroup }
        if let f = pattern.first, "*+?{".contains(f) { return .nothingToRepeat(f) }
        return .other
    }
}
