import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The store directory and the working state it holds.
///
/// Files in the directory:
/// ```
/// working.plansnap       the working state as of the last compaction (SnapshotFile)
/// journal                changes committed since its base (Journal), replayed on open
/// snapshots/NAME.plansnap   named snapshots (`save`, `load`)
/// damaged/               verified copies of damaged files `recover` replaced
/// lock                   the writer's advisory lock (flock), holding its pid
/// history                the line editor's history
/// ```
/// The working state is the journal's base plus its records. The base is the snapshot file whose
/// generation the journal carries: `working.plansnap`, or just after `load` (until the working
/// file's own copy is written) the named snapshot loaded. Every file is written whole under a
/// temporary name and renamed, except the journal, which is appended to; no two names ever share
/// a file. A commit appends one record and fsyncs it; large changes write a new working file.
/// Either way a `kill -9` loses at most the change in flight.
///
/// One writer at a time, per change: a process takes the lock only while it changes data, after
/// catching up with what others wrote, and waits up to `lockTimeout` for it. Readers never take it.
public final class Store {
    public let directory: URL
    public internal(set) var workspace: Workspace
    /// The store cannot be written (permissions, a read-only file system): changes are refused.
    public internal(set) var isReadOnly = false
    /// Why the store is read-only, in plain words; nil when it is writable.
    public internal(set) var readOnlyReason: String?
    /// Set when the working state cannot be read whole: commands that need it must refuse to run.
    public internal(set) var damage: StoreDamage?
    /// Receives a progress line while a large snapshot is written or read (`saving 2025-04 … 45%`).
    public var progressHandler: ((String) -> Void)?
    /// Polled while a snapshot is written or read; true stops the work (Ctrl-C), changing nothing.
    public var isCancelled: (() -> Bool)?
    /// Seconds a change waits for another process's change to finish.
    public var lockTimeout: Double = 5

    var lockFD: Int32 = -1
    var journal: Journal?
    /// What the working state in memory continues, and how many changes it holds.
    var base = Journal.Base(generation: 0, changes: 0)
    var changes: UInt64 = 0
    /// The base is `working.plansnap` (else a named snapshot, just after `load`).
    var baseIsWorkingFile = true
    /// Size of the working snapshot: how large the journal may grow before it is compacted.
    var workingBytes = 0
    /// The last generation this process gave a snapshot file.
    var lastIssuedGeneration: UInt64 = 0
    /// What the working file and journal looked like when last read (the catch-up check).
    var loadedSignature: [Int] = []
    /// The working file's own copy of a loaded snapshot, being written after `load` returned.
    var backgroundCopy: BackgroundCopy?
    var foldersPrepared = false

    static let workingName = "working.plansnap"
    static let journalName = "journal"
    static let snapshotsFolder = "snapshots"
    static let damagedFolder = "damaged"
    static let lockName = "lock"

    /// Changes this large (encoded) are written as a new working snapshot rather than journaled.
    static let directCompactionBytes = 4 << 20
    /// Structural changes (import, drop) replay in time proportional to the whole table; above
    /// this many tasks they are compacted at once so opening never replays them.
    static let directCompactionTasks = 20_000
    /// Progress sheets with more rows than this are compacted at once as well.
    static let directCompactionUpdates = 20_000

    init(directory: URL) {
        self.directory = directory
        self.workspace = Workspace()
    }

    deinit { close() }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    var workingPath: String { path(Store.workingName) }
    var journalPath: String { path(Store.journalName) }
    var snapshotsPath: String { path(Store.snapshotsFolder) }
    var damagedPath: String { path(Store.damagedFolder) }

    /// Where the shell keeps its line-editing history (write it with `openHistoryFile`).
    public var historyFile: URL { directory.appendingPathComponent("history") }

    // MARK: Opening

    /// Opens (creating when missing, owner-only permissions) the store at `directory`.
    /// Refuses a directory owned by another user or writable by others; opens read-only, saying
    /// why, one that cannot be written. A damaged working state is reported in `damage`.
    public static func open(at directory: URL) throws -> Store {
        let (dir, readOnly) = try StoreDirectory.open(directory)
        let store = Store(directory: dir)
        if let readOnly {
            store.isReadOnly = true
            store.readOnlyReason = readOnly
        }
        do {
            try store.loadState()
        } catch let e as StoreCorruption {
            store.close()
            throw e.diagnostic
        } catch let e as FileIOError {
            store.close()
            throw Diagnostic(e.message)
        } catch {
            store.close()
            throw error
        }
        return store
    }

    /// Throws the read-only refusal (the shell's binder says it first) when the store cannot be written.
    func requireWritable(_ command: String) throws {
        if isReadOnly { throw Diagnostic(Messages.readOnly(command, reason: readOnlyReason ?? Messages.readOnlyUnknownReason)) }
    }

    // MARK: The writer's lock

    /// Takes the writer's lock, waiting up to `lockTimeout` for another process's change, then
    /// catches up with what other processes wrote. Every data-changing operation runs inside.
    func beginChange(_ command: String) throws {
        try requireWritable(command)
        finishBackgroundCopy()
        try acquireLock()
        do {
            if !foldersPrepared { try prepareFolders() }
            if fileSignature() != loadedSignature { try loadState() }
        } catch {
            releaseLock()
            throw error
        }
    }

    func endChange() {
        releaseLock()
    }

    private func acquireLock() throws {
        let lockPath = path(Store.lockName)
        if lockFD < 0 {
            do {
                lockFD = try FileIO.open(lockPath, O_RDWR | O_CREAT)
            } catch let e as FileIOError {
                throw Diagnostic(Messages.cannotTakeLock(path: nil, reason: e.description))
            }
        }
        let deadline = Date().addingTimeInterval(lockTimeout)
        while flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            guard errno == EWOULDBLOCK else {
                throw Diagnostic(Messages.cannotTakeLock(path: lockPath, reason: FileIO.errorText()))
            }
            if isCancelled?() == true { throw Diagnostic(Messages.cancelledWaitingForLock()) }
            if Date() >= deadline {
                throw Diagnostic(Messages.storeBusy(directory.path, pid: lockHolder(), seconds: Int(lockTimeout)))
            }
            usleep(10_000)
        }
        let pid = Array("\(getpid())\n".utf8)
        try? FileIO.truncate(lockFD, to: 0, path: lockPath)
        try? pid.withUnsafeBytes { try FileIO.write(lockFD, $0, at: 0, path: lockPath) }
    }

    /// The pid the lock's holder wrote into the lock file.
    private func lockHolder() -> String? {
        let text = (try? FileIO.readAll(path(Store.lockName))).map { String(decoding: $0.prefix(32), as: UTF8.self) } ?? ""
        let pid = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return pid.isEmpty || !pid.allSatisfy(\.isNumber) ? nil : pid
    }

    private func releaseLock() {
        if lockFD >= 0 { flock(lockFD, LOCK_UN) }
    }

    /// Makes `snapshots/` and removes temporary files of interrupted writes (only under the lock:
    /// another writer's temporary file is never in progress then).
    private func prepareFolders() throws {
        try StoreDirectory.makeFolder(snapshotsPath, in: directory.path)
        let fm = FileManager.default
        for dir in [directory.path, snapshotsPath] {
            for f in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where f.hasPrefix(".tmp-") {
                unlink((dir as NSString).appendingPathComponent(f))
            }
        }
        foldersPrepared = true
    }

    // MARK: Reading the working state

    func fileSignature() -> [Int] {
        var out: [Int] = []
        for path in [workingPath, journalPath] {
            var st = stat()
            if lstat(path, &st) == 0 {
                out += [Int(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
            } else {
                out += [-1, -1, -1, -1]
            }
        }
        return out
    }

    /// Re-reads the working state when another process changed it since it was read. Called
    /// between commands (never during one: rows would move under it). True when it was replaced.
    @discardableResult
    public func refreshIfChanged() -> Bool {
        guard backgroundCopy == nil, fileSignature() != loadedSignature else { return false }
        let saved = (workspace, damage)
        do {
            try loadState()
            return true
        } catch {
            (workspace, damage) = saved
            return false
        }
    }

    /// Reads the base and replays the journal; retries when another process rewrote the files
    /// while they were being read.
    func loadState() throws {
        var attempt = 0
        while true {
            let before = fileSignature()
            let state = try readState()
            let after = fileSignature()
            if before == after || attempt == 20 {
                adopt(state, signature: before)
                return
            }
            attempt += 1
            usleep(20_000)
        }
    }

    private func adopt(_ s: LoadedState, signature: [Int]) {
        workspace = s.workspace
        base = s.base
        changes = s.changes
        baseIsWorkingFile = s.baseIsWorkingFile
        workingBytes = s.workingBytes
        damage = s.damage
        loadedSignature = signature
        journal = nil
        pendingScan = s.appendable
    }

    /// The intact journal a writer continues, opened for appending at its first change.
    var pendingScan: Journal.Scan?

    // MARK: Changing data

    /// Applies `m` to the working state and makes it durable before returning.
    public func commit(_ m: consuming Mutation) throws {
        try beginChange("commit")
        defer { endChange() }
        if let d = damage { throw Diagnostic(d.said) }
        // Large changes go straight into a new working snapshot; only small ones are encoded for the journal.
        let direct: Bool
        switch m {
        case let .importPlans(plans, _):
            direct = workspace.taskCount + plans.reduce(0) { $0 + $1.tasks.count } > Store.directCompactionTasks
        case .dropPlan:
            direct = workspace.taskCount > Store.directCompactionTasks
        case let .updateProgress(updates, _, _):
            direct = updates.count > Store.directCompactionUpdates
        case .setRule:
            direct = false
        }
        let payload = direct ? [] : ModelCodec.encode(m)
        // Validates and applies in place; throws without changing anything.
        // Consumed: a large import's parsed tasks are let go as the table is built, before it is written.
        try workspace.apply(consume m)
        changes += 1
        do {
            if !direct && payload.count <= Store.directCompactionBytes, let j = try journalForAppend() {
                try j.append(payload)
                loadedSignature = fileSignature()
                if j.end > Store.compactionThreshold(workingBytes: workingBytes) {
                    // The change is durable already; a failed compaction only postpones itself.
                    try? compact(cancellable: false)
                }
            } else {
                try compact()
            }
        } catch {
            // Not durable: go back to what the disk holds.
            restoreFromDisk()
            if error is StoreCancelled { throw Diagnostic(Messages.cancelledNothingChanged()) }
            throw Diagnostic(Messages.cannotSaveChange(Store.reason(error)))
        }
    }

    /// The journal to append to; nil when the state must be written whole instead (no journal
    /// yet, an old format, or a base that is not the working file's own copy).
    private func journalForAppend() throws -> Journal? {
        if let journal { return journal }
        guard baseIsWorkingFile, let scan = pendingScan, scan.version == Journal.version, scan.headerDamage == nil else { return nil }
        journal = try Journal.openForAppend(at: journalPath, scan: scan)
        pendingScan = nil
        return journal
    }

    /// A generation no snapshot file of this store has: after the working one, and from the clock
    /// (nanoseconds) so that files written at different times never share one. A journal
    /// continues the file whose generation it carries; two files share one only when one is the
    /// working file's own copy of the other (`load`), and then they hold the same state.
    func freshGeneration() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let clock = UInt64(max(0, ts.tv_sec)) &* 1_000_000_000 &+ UInt64(max(0, ts.tv_nsec))
        let g = max(base.generation + 1, lastIssuedGeneration + 1, clock)
        lastIssuedGeneration = g
        return g
    }

    /// How long the journal may grow before it is folded into a new working snapshot. Opening
    /// replays the journal, and replaying a byte of it (decoding, applying, recording history)
    /// costs some 25 times as much as reading a byte of the snapshot: a journal of 1/64 of the
    /// working file adds at most about half the time opening takes to read the working file
    /// (10,000 tasks: 877 KB of progress updates took 25 ms to replay against 8 ms to read the snapshot).
    static func compactionThreshold(workingBytes: Int) -> Int {
        min(max(workingBytes / 64, 128 << 10), 16 << 20)
    }

    /// Writes the working state as a new working snapshot and starts an empty journal after it.
    /// Throws only when the snapshot could not be written (the disk then still holds the old state:
    /// the new file is renamed in whole, and the old journal, older than it, is then ignored).
    /// With `requireJournal`, a journal that could not be started is an error too (`load`, which
    /// then moves the new working file away, must not leave the old journal behind it).
    func compact(cancellable: Bool = true, requireJournal: Bool = false, label: String = "saving the working state") throws {
        let g = freshGeneration()
        let meta = SnapshotFile.Meta(kind: .working, name: "", createdAt: Int64(Date().timeIntervalSince1970),
                                     automatic: false, generation: g, plans: workspace.plans.count,
                                     tasks: workspace.taskCount, historyRecords: workspace.history.count, changes: changes)
        journal = nil
        pendingScan = nil
        if !FileIO.exists(journalPath) {
            // Never a working file without a journal (that is how a deleted journal is noticed):
            // an empty one first, which the new working file then makes stale.
            _ = try Journal.create(at: journalPath, base: base)
        }
        try SnapshotFile.write(workspace, meta: meta, to: workingPath, displayName: Store.workingName, adopt: true,
                               progress: progressLine(label, cancellable: cancellable))
        base = Journal.Base(generation: g, changes: changes)
        baseIsWorkingFile = true
        workingBytes = (try? FileManager.default.attributesOfItem(atPath: workingPath)[.size] as? Int) ?? workingBytes
        // If this fails the old journal is stale (its changes are in the new file, which says how
        // many it holds) and the next commit compacts again instead of journaling.
        do {
            journal = try Journal.create(at: journalPath, base: base)
        } catch {
            if requireJournal { throw error }
        }
        loadedSignature = fileSignature()
    }

    /// After a failed write: the state the disk holds; when even that cannot be read, the store
    /// becomes read-only with the reason (the session says so after the command).
    func restoreFromDisk() {
        journal = nil
        do {
            try loadState()
        } catch {
            isReadOnly = true
            readOnlyReason = Messages.cannotBeReread(Store.describe(error))
        }
    }

    func progressLine(_ what: String, cancellable: Bool = true) -> ((Double) throws -> Void)? {
        let h = progressHandler
        let cancelled = cancellable ? isCancelled : nil
        guard h != nil || cancelled != nil else { return nil }
        var last = -1
        return { f in
            if cancelled?() == true { throw StoreCancelled() }
            let pct = Int(f * 100)
            if pct != last {
                last = pct
                h?("\(what) … \(pct)%")
            }
        }
    }

    /// Finishes background work and releases the writer's lock.
    public func close() {
        finishBackgroundCopy()
        journal = nil
        if lockFD >= 0 {
            flock(lockFD, LOCK_UN)
            Foundation.close(lockFD)
            lockFD = -1
        }
    }

    static func reason(_ error: Error) -> String {
        (error as? FileIOError)?.description ?? (error as? Diagnostic).map { "\($0)" } ?? "\(error)"
    }
}

/// Long work stopped by the user (`Store.isCancelled`).
struct StoreCancelled: Error {}
