/// The query language's entry points used by commands outside `find`/`count`
/// (`update tasks where …`, `diff … where …`, reports, tutorial checks).
public enum QueryEngine {
    /// Rows of `workspace.tasks` matching the expression `text` (the part after `where`),
    /// ascending. Diagnostic spans are shifted by `offset` (where `text` starts in the command).
    public static func filterRows(_ text: String, offset: Int = 0, in workspace: Workspace) throws -> [Int] {
        // Filled in by the query-language work.
        throw Diagnostic("query expressions are not available yet", at: offset..<(offset + text.count))
    }
}
