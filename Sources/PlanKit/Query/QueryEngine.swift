import Foundation

/// The result of a `find` or `count`, renderable in every format.
public struct QueryResult: Renderable, Sendable {
    public enum Content: Sendable {
        case tasks(TaskList)
        case count(CountResult)
    }

    public let content: Content
    /// `--format F` given in the query: used whatever the screen or file asks for.
    public let format: OutputFormat?

    public init(_ content: Content, format: OutputFormat? = nil) {
        self.content = content
        self.format = format
    }

    /// The tasks a `find` returned, in order (empty for `count`).
    public var rows: [Int] {
        if case let .tasks(t) = content { return t.rows }
        return []
    }

    /// Task ids of a `find`, in order.
    public var taskIDs: [String] {
        if case let .tasks(t) = content { return t.taskIDs }
        return []
    }

    /// The groups of a `count` (one group with no values for a plain total).
    public var groups: [CountResult.Group] {
        guard case let .count(c) = content else { return [] }
        return c.fields.isEmpty ? [CountResult.Group(values: [], count: c.total)] : c.groups
    }

    public func render(_ f: OutputFormat, _ context: RenderContext) -> String {
        switch content {
        case let .tasks(t): t.render(format ?? f, context)
        case let .count(c): c.render(format ?? f, context)
        }
    }

    public func byteWriter(_ f: OutputFormat, _ context: RenderContext) -> ByteWriter? {
        guard case let .tasks(t) = content else { return nil }
        return t.byteWriter(format ?? f, context)
    }
}

/// The query language's entry points used by commands outside `find`/`count`
/// (`update tasks where …`, `diff … where …`, reports, tutorial checks).
public enum QueryEngine {
    /// Rows of `workspace.tasks` matching the expression `text` (the part after `where`),
    /// ascending. Diagnostic spans are shifted by `offset` (where `text` starts in the command).
    public static func filterRows(_ text: String, offset: Int = 0, in workspace: Workspace,
                                  context: QueryContext) throws -> [Int] {
        do {
            let expr = try Parser.parseFilter(text)
            return try rows(matching: expr, in: workspace, context: context)
        } catch let d as Diagnostic {
            throw d.shifted(by: offset)
        }
    }

    /// Task rows matching a parsed filter, ascending.
    public static func rows(matching expr: Expr, in workspace: Workspace, context: QueryContext) throws -> [Int] {
        let source = RowSource(.tasks, workspace: workspace, context: context)
        let checker = Checker(source)
        let predicate = try checker.check(expr)
        let rows = Evaluator(source).select(predicate).rows()
        try checker.patterns.verify()
        return rows.map { Int($0) }
    }

    /// Runs a whole `find …` or `count …` command (the text starting with `find` or `count`).
    public static func run(_ commandText: String, in workspace: Workspace, context: QueryContext) throws -> QueryResult {
        try run(Parser.parseCommand(commandText), in: workspace, context: context)
    }

    /// Runs a parsed query.
    public static func run(_ query: QueryCommand, in workspace: Workspace, context: QueryContext) throws -> QueryResult {
        let source = RowSource(query.rowKind, workspace: workspace, context: context)
        let checker = Checker(source)
        let evaluator = Evaluator(source)
        switch query {
        case let .find(q):
            let filter = try q.filter.map(checker.check)
            // Check order keys before doing any work.
            let ordering = Ordering(evaluator: evaluator, keys: q.order)
            let rows: [UInt32]
            if source.kind == .tasks, ordering.usesProgressBuckets, let (statuses, rest) = splitStatus(filter),
               (rest.flatMap(evaluator.estimate) ?? Int.max) >= workspace.taskCount / 8 {
                rows = ordering.progressOrdered(filter: rest, statuses: statuses, limit: q.limit)
            } else {
                let selection = filter.map(evaluator.select) ?? .all(source.count)
                rows = ordering.sorted(selection.rows(), limit: q.limit)
            }
            try checker.patterns.verify()
            let list = TaskList(source, rows: rows.map { Int($0) }, columns: q.show)
            return QueryResult(.tasks(list), format: q.format)
        case let .count(q):
            let filter = try q.filter.map(checker.check)
            let selection = filter.map(evaluator.select) ?? .all(source.count)
            let fields = q.groups.map(\.field)
            let groups = fields.isEmpty ? [] : Grouping(evaluator: evaluator, fields: fields).count(selection)
                .map { CountResult.Group(values: $0.values, count: $0.count) }
            try checker.patterns.verify()
            return QueryResult(.count(CountResult(fields: fields, groups: groups, total: selection.count, rowKind: source.kind, context: context)), format: q.format)
        }
    }

    /// Separates a status restriction from the rest of a filter: `status = s and rest` →
    /// (mask of s, rest). Nil when the filter cannot be split that way (then the caller sorts).
    static func splitStatus(_ filter: Predicate?) -> (UInt8, Predicate?)? {
        guard let filter else { return (0b1111, nil) }
        switch filter {
        case let .status(m): return (m, nil)
        case let .and(xs):
            var mask: UInt8 = 0b1111
            var rest: [Predicate] = []
            for x in xs {
                if case let .status(m) = x { mask &= m } else { rest.append(x) }
            }
            return (mask, rest.isEmpty ? nil : rest.count == 1 ? rest[0] : .and(rest))
        default:
            return (0b1111, filter)
        }
    }
}
