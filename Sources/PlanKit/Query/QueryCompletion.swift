/// Tab-completion candidates that depend on the query language and the data
/// (field names after `where`/`and`/`by`, values after an operator).
public enum QueryCompletion {
    /// Candidates for the word being typed at the end of `prefix` (the line up to the cursor),
    /// or nil when the query language has nothing to offer there.
    public static func candidates(forLine prefix: String, workspace: Workspace) -> [String]? {
        nil
    }
}
