import Foundation

/// The store directory and the working state it holds.
///
/// SCAFFOLD (to be replaced by the store issue): keeps the workspace in memory only.
/// The public surface here is what the shell relies on; the durable implementation keeps it.
public final class Store {
    public let directory: URL
    public private(set) var workspace: Workspace
    /// Another process holds the writer lock: data-changing commands are refused.
    public private(set) var isReadOnly: Bool

    init(directory: URL, workspace: Workspace, isReadOnly: Bool) {
        self.directory = directory
        self.workspace = workspace
        self.isReadOnly = isReadOnly
    }

    /// Opens (creating when missing, owner-only permissions) the store at `directory`.
    public static func open(at directory: URL) throws -> Store {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: directory.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw Diagnostic("store \(directory.path) is not a directory") }
        } else {
            do {
                try fm.createDirectory(at: directory, withIntermediateDirectories: true,
                                       attributes: [.posixPermissions: 0o700])
            } catch {
                throw Diagnostic("cannot create store \(directory.path): \(error.localizedDescription)")
            }
        }
        guard fm.isWritableFile(atPath: directory.path) else {
            throw Diagnostic("store \(directory.path) is not writable")
        }
        return Store(directory: directory, workspace: Workspace(), isReadOnly: false)
    }

    /// Where the shell keeps its line-editing history.
    public var historyFile: URL { directory.appendingPathComponent("history") }

    /// Applies `m` to the working state and makes it durable before returning.
    public func commit(_ m: Mutation) throws {
        guard !isReadOnly else {
            throw Diagnostic("the store is open read-only (another plansh holds it); changes are refused")
        }
        var w = workspace
        try w.apply(m)
        workspace = w
    }

    /// Releases the writer lock.
    public func close() {}
}
