import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named snapshots: `save`, `load`, `snapshots` and reading one for `diff` and `report`.
extension Store {
    private func checkedName(_ name: String) throws -> String {
        if let p = SnapshotName.problem(with: name) { throw Diagnostic(p) }
        return name
    }

    /// Every snapshot, oldest first. Files that cannot be read are listed with `problem` set.
    public func snapshots() throws -> [SnapshotInfo] {
        var out: [SnapshotInfo] = []
        for name in snapshotFileNames() {
            let path = snapshotPath(name)
            do {
                let (meta, size) = try SnapshotFile.meta(at: path, displayName: "\(Store.snapshotsFolder)/\(name).\(SnapshotFile.fileExtension)")
                // A working file `load` kept under an automatic name carries the working file's
                // header (or that of a snapshot loaded earlier): its name tells what it is.
                let kept = !meta.automatic && name.hasPrefix("auto-") && (meta.kind == .working || meta.name != name)
                out.append(SnapshotInfo(name: name, createdAt: kept ? (Store.time(ofStamp: name) ?? meta.createdAt) : meta.createdAt,
                                        plans: meta.plans, tasks: meta.tasks, bytes: size, automatic: meta.automatic || kept))
            } catch {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                var info = SnapshotInfo(name: name, createdAt: 0, plans: 0, tasks: 0, bytes: size, automatic: false)
                info.problem = Store.describe(error)
                out.append(info)
            }
        }
        return out.sorted { ($0.createdAt, $0.name) < ($1.createdAt, $1.name) }
    }

    /// The working state frozen under `name`.
    public func snapshotWorkspace(named name: String) throws -> Workspace {
        try readSnapshot(named: name).workspace
    }

    /// Snapshot `name` read and verified, with the file's reader.
    private func readSnapshot(named name: String) throws -> (workspace: Workspace, reader: SnapshotFile.Reader) {
        let r = try openSnapshot(named: name)
        do {
            return (try r.workspace(progress: progressLine("reading snapshot \(name)")), r)
        } catch {
            throw Store.readFailure(error, snapshot: name)
        }
    }

    /// Snapshot `name` opened, its preamble and header checked.
    private func openSnapshot(named name: String) throws -> SnapshotFile.Reader {
        let path = snapshotPath(try checkedName(name))
        guard FileIO.exists(path) else {
            let names = ((try? snapshots()) ?? []).map(\.name)
            throw Diagnostic(Messages.noSnapshot(name, known: names))
        }
        do {
            return try SnapshotFile.Reader(path: path, displayName: "\(Store.snapshotsFolder)/\(name).\(SnapshotFile.fileExtension)")
        } catch {
            throw Store.readFailure(error, snapshot: name)
        }
    }

    /// What reading snapshot `name` failed with, as the user is told it.
    private static func readFailure(_ error: Error, snapshot name: String) -> Error {
        switch error {
        case is StoreCancelled: return Diagnostic(Messages.cancelled())
        case let e as StoreCorruption: return Diagnostic(Messages.snapshotUnusable(name, reason: e.message))
        case let e as FileIOError: return Diagnostic(e.message)
        default: return error
        }
    }

    /// Snapshot `name` read while the working state is folded into its file (`load` with a
    /// journal holding changes): the two run on separate cores, the fold on this thread (its
    /// progress line and Ctrl-C as before). The reading is always waited for, whatever the fold
    /// does; a snapshot that fails its checks is refused as before, the fold having changed
    /// only how the same state is laid out on disk.
    private func readSnapshotWhileFolding(named name: String) throws -> (workspace: Workspace, reader: SnapshotFile.Reader) {
        let reading = SnapshotReading(try openSnapshot(named: name))
        do {
            try compact(requireJournal: true)
        } catch {
            _ = reading.wait()
            restoreFromDisk()
            if error is StoreCancelled { throw Diagnostic(Messages.cancelledNothingChanged()) }
            throw Diagnostic(Messages.cannotKeepStateBeforeLoad(name, reason: Store.reason(error)))
        }
        switch reading.wait() {
        case .success(let w): return (w, reading.reader)
        case .failure(let e): throw Store.readFailure(e, snapshot: name)
        }
    }

    /// The working file alone holds the working state: its journal is open or scanned, and empty.
    var stateIsWholeInWorkingFile: Bool {
        journal.map { $0.recordCount == 0 } ?? pendingScan.map { $0.records.isEmpty } ?? false
    }

    /// `save` with changes in the journal: the snapshot is written on another thread while this
    /// one folds the journal into the working file, so the next `load` (or the next open) finds
    /// the state whole in one file and has nothing to fold. Ctrl-C stops both. The fold only
    /// lays the same state out anew: if it fails, the state is read back from the old working
    /// file and journal (still in place), and the save stands or fails on its own.
    private func writeSnapshotWhileFolding(meta: SnapshotFile.Meta, to path: String) throws {
        let writing = SnapshotWriting(workspace, meta: meta, to: path, cancelled: isCancelled)
        var folded = true
        do {
            try compact(label: "saving snapshot \(meta.name)")
        } catch {
            folded = false
        }
        let outcome = writing.wait()
        if !folded { restoreFromDisk() }
        try outcome.get()
    }

    /// Freezes the working state as `name`; refuses to overwrite unless `overwrite`.
    @discardableResult
    public func save(name: String, overwrite: Bool, automatic: Bool = false, now: Int64) throws -> SnapshotInfo {
        try beginChange("save")
        defer { endChange() }
        if let d = damage { throw Diagnostic(d.said) }
        return try writeSnapshot(name: name, overwrite: overwrite, automatic: automatic, now: now)
    }

    private func writeSnapshot(name: String, overwrite: Bool, automatic: Bool, now: Int64) throws -> SnapshotInfo {
        let path = snapshotPath(try checkedName(name))
        let existed = FileIO.exists(path)
        if existed && !overwrite {
            throw Diagnostic(Messages.snapshotExists(name))
        }
        if existed && !baseIsWorkingFile {
            // Just after `load`, before the working file's own copy is in place, a named snapshot
            // is the base the journal continues: write the working state whole before replacing it.
            do {
                try compact(requireJournal: true)
            } catch {
                restoreFromDisk()
                let reason = error is StoreCancelled ? Messages.cancelled().text : Store.reason(error)
                throw Diagnostic(Messages.saveCouldNotWriteWorkingState(name, reason: reason))
            }
        }
        let meta = SnapshotFile.Meta(kind: .named, name: name, createdAt: now, automatic: automatic, generation: freshGeneration(),
                                     plans: workspace.plans.count, tasks: workspace.taskCount,
                                     historyRecords: workspace.history.count, changes: changes)
        do {
            if baseIsWorkingFile && !stateIsWholeInWorkingFile {
                try writeSnapshotWhileFolding(meta: meta, to: path)
            } else {
                try SnapshotFile.write(workspace, meta: meta, to: path, progress: progressLine("saving snapshot \(name)"))
            }
        } catch let e as FileIOError {
            throw Diagnostic(Messages.cannotSaveSnapshot(name, reason: e.description, replacing: existed))
        } catch is StoreCancelled {
            throw Diagnostic(Messages.snapshotNotSaved(name))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return SnapshotInfo(name: name, createdAt: now, plans: meta.plans, tasks: meta.tasks, bytes: size, automatic: automatic)
    }

    /// Makes snapshot `name` the working state, keeping the current one as an automatic snapshot
    /// first; returns that automatic snapshot.
    ///
    /// No file gets a second name. On disk, step by step, a crash leaves the old state or the new:
    /// 1. the journal is folded into the working file if it holds changes (the file alone is the
    /// state; the snapshot is read meanwhile, on another core), 2. the working file is renamed `snapshots/auto-…` (the journal, empty, continues it
    /// there), 3. a new empty journal continuing the snapshot loaded replaces the old one: from
    /// here the snapshot is the base. 4. The working file's own copy of it is written in the
    /// background (`finishBackgroundCopy` waits for it); until it is in place, the snapshot is read.
    /// Reading the snapshot verifies every byte but leaves its text packed in the file (read on
    /// first use); the copy takes the packed sections as they are, verifying them again, and
    /// from then on the working state reads them from its own copy.
    @discardableResult
    public func load(name: String, now: Int64) throws -> SnapshotInfo {
        try beginChange("load")
        var handedOver = false
        defer { if !handedOver { endChange() } }
        if let d = damage { throw Diagnostic(d.said) }
        // The working file is kept as it is only when it alone is the state: its own journal is
        // open or scanned, and empty. A journal with records, a stale one (a compaction stopped
        // before replacing it) and a working file of an earlier format are folded first (while
        // the snapshot is read), so the file kept holds every change and the journal left in
        // place continues it.
        let fold = !stateIsWholeInWorkingFile || !baseIsWorkingFile || !FileIO.exists(workingPath)
        let source = try fold ? readSnapshotWhileFolding(named: name) : readSnapshot(named: name)
        let kept = try keepWorkingFile(now: now)
        let meta = source.reader.meta
        let loadedChanges = changes + 1
        // Snapshots of plansh versions whose generations were not unique are copied at once.
        guard meta.generation != 0 else {
            workspace = source.workspace
            changes = loadedChanges
            do {
                try compact()
            } catch {
                restoreFromDisk()
                throw Diagnostic(Messages.cannotLoadSnapshot(name, reason: Store.reason(error), kept: kept.name, unchanged: false))
            }
            return kept
        }
        let newBase = Journal.Base(generation: meta.generation, changes: loadedChanges, checksum: source.reader.checksum, name: name)
        do {
            journal = nil
            pendingScan = nil
            journal = try Journal.create(at: journalPath, base: newBase)
        } catch {
            restoreFromDisk()
            throw Diagnostic(Messages.cannotLoadSnapshot(name, reason: Store.reason(error), kept: kept.name, unchanged: true))
        }
        workspace = source.workspace
        base = newBase
        changes = loadedChanges
        baseIsWorkingFile = false
        workingBytes = source.reader.size
        loadedSignature = fileSignature()
        startBackgroundCopy()
        handedOver = true
        return kept
    }

    /// Renames the working file (which holds the whole working state: the journal is empty) into
    /// `snapshots/` under an automatic name.
    private func keepWorkingFile(now: Int64) throws -> SnapshotInfo {
        let base = "auto-\(Store.stamp(now))"
        var autoName = base
        var i = 2
        while FileIO.exists(snapshotPath(autoName)) {
            autoName = "\(base)-\(i)"
            i += 1
        }
        var renamed = false
        do {
            try FileIO.rename(workingPath, snapshotPath(autoName))
            renamed = true
            try FileIO.syncDirectory(snapshotsPath)
            try FileIO.syncDirectory(directory.path)
        } catch {
            // A rename that cannot be made durable is taken back: the load failed, nothing changed.
            if renamed { try? FileIO.rename(snapshotPath(autoName), workingPath) }
            restoreFromDisk()
            throw Diagnostic(Messages.cannotKeepStateAsSnapshot(autoName, reason: Store.reason(error)))
        }
        baseIsWorkingFile = false
        return SnapshotInfo(name: autoName, createdAt: now, plans: workspace.plans.count, tasks: workspace.taskCount,
                            bytes: workingBytes, automatic: true)
    }

    /// Writes the working file's own copy of the state just loaded, holding the writer's lock
    /// until it is in place (or has failed: the snapshot then stays the base, and the next change
    /// writes the working file whole).
    private func startBackgroundCopy() {
        let job = BackgroundCopy()
        let meta = SnapshotFile.Meta(kind: .working, name: "", createdAt: Int64(Date().timeIntervalSince1970), automatic: false,
                                     generation: base.generation, plans: workspace.plans.count, tasks: workspace.taskCount,
                                     historyRecords: workspace.history.count, changes: base.changes)
        let state = workspace, target = workingPath, fd = lockFD
        backgroundCopy = job
        Thread.detachNewThread {
            do {
                // From here on the loaded state's packed columns are read from its own copy.
                try SnapshotFile.write(state, meta: meta, to: target, displayName: Store.workingName, adopt: true)
            } catch {
                job.failed = true
            }
            if fd >= 0 { flock(fd, LOCK_UN) }
            job.done.signal()
        }
    }

    /// Waits for the working file's copy of a loaded snapshot to be written.
    func finishBackgroundCopy() {
        guard let job = backgroundCopy else { return }
        job.done.wait()
        backgroundCopy = nil
        if !job.failed {
            baseIsWorkingFile = true
            workingBytes = (try? FileManager.default.attributesOfItem(atPath: workingPath)[.size] as? Int) ?? workingBytes
        }
        loadedSignature = fileSignature()
    }

    /// The time in an automatic snapshot's name (`auto-YYYYMMDD-HHMMSS`, local time).
    static func time(ofStamp name: String) -> Int64? {
        let digits = Array(name.utf8.dropFirst(5).prefix(15))
        guard name.hasPrefix("auto-"), digits.count == 15, digits[8] == UInt8(ascii: "-") else { return nil }
        var fields: [Int32] = []
        for (start, length) in [(0, 4), (4, 2), (6, 2), (9, 2), (11, 2), (13, 2)] {
            var v: Int32 = 0
            for d in digits[start..<(start + length)] {
                guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int32(d - UInt8(ascii: "0"))
            }
            fields.append(v)
        }
        var t = tm()
        t.tm_year = fields[0] - 1900
        t.tm_mon = fields[1] - 1
        t.tm_mday = fields[2]
        t.tm_hour = fields[3]
        t.tm_min = fields[4]
        t.tm_sec = fields[5]
        t.tm_isdst = -1
        let seconds = mktime(&t)
        return seconds == -1 ? nil : Int64(seconds)
    }

    /// `YYYYMMDD-HHMMSS` in local time.
    static func stamp(_ t: Int64) -> String {
        var time = time_t(t)
        var tm = tm()
        localtime_r(&time, &tm)
        return String(format: "%04d%02d%02d-%02d%02d%02d", Int(tm.tm_year) + 1900, Int(tm.tm_mon) + 1, Int(tm.tm_mday),
                      Int(tm.tm_hour), Int(tm.tm_min), Int(tm.tm_sec))
    }
}

/// A snapshot's workspace read and verified on another thread (no progress line: the thread
/// that started it shows its own); `wait` gives it or what stopped it.
final class SnapshotReading: @unchecked Sendable {
    let reader: SnapshotFile.Reader
    private let done = DispatchSemaphore(value: 0)
    /// Written by the reading thread before `done` is signalled, read after.
    private var result: Result<Workspace, Error> = .failure(CancellationError())

    init(_ reader: SnapshotFile.Reader) {
        self.reader = reader
        Thread.detachNewThread {
            self.result = Result { try self.reader.workspace() }
            self.done.signal()
        }
    }

    func wait() -> Result<Workspace, Error> {
        done.wait()
        return result
    }
}

/// A snapshot written on another thread (`save` while the journal is folded); `wait` gives
/// what stopped it, if anything. Cancelled, like the thread that started it, by `cancelled`.
final class SnapshotWriting: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the writing thread before `done` is signalled, read after.
    private var result: Result<Void, Error> = .success(())
    private let cancelled: (() -> Bool)?

    init(_ state: Workspace, meta: SnapshotFile.Meta, to path: String, cancelled: (() -> Bool)?) {
        self.cancelled = cancelled
        Thread.detachNewThread {
            self.result = Result {
                let check: ((Double) throws -> Void)? = self.cancelled.map { c in { _ in if c() { throw StoreCancelled() } } }
                try SnapshotFile.write(state, meta: meta, to: path, progress: check)
            }
            self.done.signal()
        }
    }

    func wait() -> Result<Void, Error> {
        done.wait()
        return result
    }
}

/// The working file's copy of a loaded snapshot, written on another thread.
final class BackgroundCopy: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    /// Written by the copying thread before `done` is signalled, read after.
    var failed = false
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
    /// Why the file cannot be used (damaged, written by a newer plansh); nil when it is fine.
    public var problem: String?

    public init(name: String, createdAt: Int64, plans: Int, tasks: Int, bytes: Int, automatic: Bool) {
        self.name = name
        self.createdAt = createdAt
        self.plans = plans
        self.tasks = tasks
        self.bytes = bytes
        self.automatic = automatic
        self.problem = nil
    }
}
