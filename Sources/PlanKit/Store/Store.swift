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

    // MARK: Snapshots (SCAFFOLD: in memory until the store issue lands)

    private var frozen: [String: (SnapshotInfo, Workspace)] = [:]

    /// Every snapshot, oldest first.
    public func snapshots() throws -> [SnapshotInfo] {
        frozen.values.map(\.0).sorted { ($0.createdAt, $0.name) < ($1.createdAt, $1.name) }
    }

    /// The working state frozen under `name`.
    public func snapshotWorkspace(named name: String) throws -> Workspace {
        guard let s = frozen[name] else { throw Diagnostic("no snapshot \"\(name)\"") }
        return s.1
    }

    /// Freezes the working state as `name`; refuses to overwrite unless `overwrite`.
    @discardableResult
    public func save(name: String, overwrite: Bool, automatic: Bool = false, now: Int64) throws -> SnapshotInfo {
        if frozen[name] != nil && !overwrite {
            throw Diagnostic("snapshot \"\(name)\" exists; use `save \(name)!` to overwrite it")
        }
        let info = SnapshotInfo(name: name, createdAt: now, plans: workspace.plans.count,
                                tasks: workspace.taskCount, bytes: 0, automatic: automatic)
        frozen[name] = (info, workspace)
        return info
    }

    /// Makes snapshot `name` the working state, keeping the current one as an automatic snapshot first.
    public func load(name: String, now: Int64) throws {
        let w = try snapshotWorkspace(named: name)
        try save(name: "auto-\(now)", overwrite: true, automatic: true, now: now)
        workspace = w
    }
}

/// A named snapshot as `snapshots` lists it.
public struct SnapshotInfo: Sendable, Hashable {
    public var name: String
    /// Seconds since 1970.
    public var createdAt: Int64
    public var plans: Int
    public var tasks: Int
    /// Size on disk.
    public var bytes: Int
    /// Made by `load` to keep the state it replaced.
    public var automatic: Bool

    public init(name: String, createdAt: Int64, plans: Int, tasks: Int, bytes: Int, automatic: Bool) {
        self.name = name
        self.createdAt = createdAt
        self.plans = plans
        self.tasks = tasks
        self.bytes = bytes
        self.automatic = automatic
    }
}
