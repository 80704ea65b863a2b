import Foundation

/// A monthly progress sheet (CSV) turned into progress updates. See SPEC §2 `import progress`.
public enum ProgressSheet {
    /// Every row of `file` as an update, checked against `workspace`; all rows or an error listing
    /// every bad row as `FILE:ROW: …`.
    public static func updates(from file: URL, displayName: String, in workspace: Workspace) throws -> [ProgressUpdate] {
        // Filled in by the progress/store work.
        throw Diagnostic("progress sheets are not available yet")
    }
}
