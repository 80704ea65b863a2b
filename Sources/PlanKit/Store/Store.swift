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
/// working.plansnap       the working state as of the last compaction (SnapshotFile, with a generation)
/// journal                mutations committed since then (Journal), replayed on open
/// snapshots/NAME.plansnap   named snapshots (`save`, `load`)
/// damaged/               files recovery had to set aside, kept for inspection
/// lock                   the writer's advisory lock (flock), holding its pid
/// history                the line editor's history
/// ```
/// A commit appends one journal record and fsyncs it before returning; large changes are written
/// straight into a new working snapshot instead (temp file, fsync, rename, fsync directory).
/// Either way a `kill -9` loses at most the change in flight, and the next open finds a store
/// that loads. One process writes (it holds the lock); any other opens read-only.
///
/// Snapshot files (working and named) are never written in place: each is written whole under a
/// temporary name and renamed, and only the journal is appended to. So one immutable file can
/// carry several names: `load` keeps the replaced state by hard-linking the working file into
/// `snapshots/` and makes the loaded snapshot the working state by hard-linking it as
/// `working.plansnap` (copying only where the file system has no hard links). Every snapshot
/// file's generation is unique (`freshGeneration`), so a journal continues exactly one file.
public final class Store {
    public let directory: URL
    public private(set) var workspace: Workspace
    /// Another process holds the writer lock: data-changing commands are refused.
    public private(set) var isReadOnly: Bool
    /// What opening the store found worth telling (read-only, recovered journal, damaged files).
    public private(set) var notes: [String] = []
    /// Receives a progress line while a large snapshot is written or read (`saving 2025-04 … 45%`).
    public var progressHandler: ((String) -> Void)?
    /// Polled while a snapshot is written or read; true stops the work (Ctrl-C), changing nothing.
    public var isCancelled: (() -> Bool)?

    private var lockFD: Int32 = -1
    private var journal: Journal?
    /// The working snapshot's generation; the journal continues it.
    private var generation: UInt64 = 0
    /// Size of the working snapshot: how large the journal may grow before it is compacted.
    private var workingBytes = 0
    /// The last generation this process gave a snapshot file.
    private var lastIssuedGeneration: UInt64 = 0

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

    private init(directory: URL) {
        self.directory = directory
        self.workspace = Workspace()
        self.isReadOnly = true
    }

    deinit { close() }

    var workingPath: String { directory.appendingPathComponent(Store.workingName).path }
    var journalPath: String { directory.appendingPathComponent(Store.journalName).path }
    var snapshotsPath: String { directory.appendingPathComponent(Store.snapshotsFolder).path }
    var damagedPath: String { directory.appendingPathComponent(Store.damagedFolder).path }

    /// Where the shell keeps its line-editing history.
    public var historyFile: URL { directory.appendingPathComponent("history") }

    // MARK: Opening

    /// Opens (creating when missing, owner-only permissions) the store at `directory`.
    /// Takes the writer lock when free, else opens read-only and says so in `notes`.
    public static func open(at directory: URL) throws -> Store {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: directory.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw Diagnostic("store \(directory.path) is not a directory") }
        } else {
            do {
                try fm.createDirectory(at: directory, withIntermediateDirectories: true,
                                       attributes: [.posixPermissions: 0o700])
                try? FileIO.syncDirectory(directory.deletingLastPathComponent().path)
            } catch {
                throw Diagnostic("cannot create store \(directory.path): \(Store.creationProblem(directory))")
            }
        }
        let store = Store(directory: directory)
        store.takeLock()
        do {
            if !store.isReadOnly { try store.prepareFolders() }
            try store.loadState()
        } catch let e as StoreCorruption {
            store.close()
            throw Diagnostic(e.message)
        } catch let e as FileIOError {
            store.close()
            throw Diagnostic(e.description)
        } catch {
            store.close()
            throw error
        }
        return store
    }

    private func takeLock() {
        let path = directory.appendingPathComponent(Store.lockName).path
        guard let fd = try? FileIO.open(path, O_RDWR | O_CREAT) else {
            isReadOnly = true
            notes.append("store \(directory.path) is not writable: opened read-only")
            return
        }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            lockFD = fd
            isReadOnly = false
            let pid = Array("\(getpid())\n".utf8)
            try? FileIO.truncate(fd, to: 0, path: path)
            try? pid.withUnsafeBytes { try FileIO.write(fd, $0, at: 0, path: path) }
            return
        }
        let holder = (try? FileIO.readBytes(fd, count: min(32, (try? FileIO.size(fd, path: path)) ?? 0), at: 0, path: path))
            .flatMap { $0 }.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        Foundation.close(fd)
        isReadOnly = true
        let who = holder.isEmpty ? "another plansh" : "another plansh (pid \(holder))"
        notes.append("\(who) is using store \(directory.path): opened read-only — queries work, changes are refused")
    }

    private func prepareFolders() throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: snapshotsPath) {
            try fm.createDirectory(atPath: snapshotsPath, withIntermediateDirectories: true,
                                   attributes: [.posixPermissions: 0o700])
            try FileIO.syncDirectory(directory.path)
        }
        // Temporary files of an interrupted write are incomplete by construction.
        for dir in [directory.path, snapshotsPath] {
            for f in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where f.hasPrefix(".tmp-") {
                unlink((dir as NSString).appendingPathComponent(f))
            }
        }
    }

    private func setAside(_ path: String, as name: String) {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: damagedPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let stamp = Store.stamp(Int64(Date().timeIntervalSince1970))
        var target = (damagedPath as NSString).appendingPathComponent("\(name)-\(stamp)")
        var i = 2
        while fm.fileExists(atPath: target) {
            target = (damagedPath as NSString).appendingPathComponent("\(name)-\(stamp)-\(i)")
            i += 1
        }
        try? FileIO.rename(path, target)
        try? FileIO.syncDirectory(damagedPath)
        try? FileIO.syncDirectory(directory.path)
    }

    /// What the working snapshot and journal looked like when last read (a reader's staleness check).
    private var loadedSignature: [Int] = []

    private func fileSignature() -> [Int] {
        var out: [Int] = []
        for path in [workingPath, journalPath] {
            var st = stat()
            if stat(path, &st) == 0 {
                out += [Int(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec)]
            } else {
                out += [-1, -1, -1, -1]
            }
        }
        return out
    }

    /// A read-only store re-reads the working state when the writer has changed it since.
    /// Meant to be called between commands (never during one: rows would move under it).
    /// Returns true when the workspace was replaced.
    @discardableResult
    public func refreshIfChanged() -> Bool {
        guard isReadOnly, fileSignature() != loadedSignature else { return false }
        let saved = (workspace, notes)
        do {
            try loadState()
            notes = saved.1
            return true
        } catch {
            (workspace, notes) = saved
            return false
        }
    }

    /// Reads the working snapshot and replays the journal. A reader retries when the writer
    /// compacts between the two reads.
    private func loadState() throws {
        loadedSignature = fileSignature()
        for attempt in 0..<20 {
            if try loadStateOnce(finalAttempt: attempt == 19) { return }
            usleep(20_000)
        }
    }

    /// False when a reader raced a compaction and should try again.
    private func loadStateOnce(finalAttempt: Bool) throws -> Bool {
        var w = Workspace()
        var gen: UInt64 = 0
        var workingSetAside = false
        var newNotes: [String] = []
        if FileIO.exists(workingPath) {
            do {
                let reader = try SnapshotFile.Reader(path: workingPath, displayName: Store.workingName)
                w = try reader.workspace(progress: progressLine("reading the working state", cancellable: false))
                gen = reader.meta.generation
                workingBytes = reader.size
            } catch let e as StoreCorruption where !e.message.contains("newer plansh") {
                newNotes.append("\(e.message): the working state starts empty"
                                + (isReadOnly ? "" : "; the file was moved to \(Store.damagedFolder)/")
                                + " — `load NAME` restores a saved snapshot")
                if !isReadOnly {
                    setAside(workingPath, as: Store.workingName)
                    workingSetAside = true
                }
                gen = UInt64(Date().timeIntervalSince1970)
            } catch let e as StoreCorruption {
                throw StoreCorruption("\(e.message); this store cannot be opened by this plansh")
            }
        }

        var scan: Journal.Scan?
        switch try Journal.scan(at: journalPath) {
        case nil:
            break
        case let .failure(.newerVersion(v))?:
            throw StoreCorruption("\(Store.journalName) was written by a newer plansh (journal version \(v)); this store cannot be opened by this plansh")
        case let .failure(.unreadableHeader(why))?:
            newNotes.append("\(Store.journalName) is damaged (\(why)): its changes are lost"
                            + (isReadOnly ? "" : "; the file was moved to \(Store.damagedFolder)/"))
            if !isReadOnly { setAside(journalPath, as: Store.journalName) }
        case let .success(s)?:
            if workingSetAside {
                newNotes.append("\(Store.journalName) continued the damaged working state and was moved to \(Store.damagedFolder)/ as well")
                setAside(journalPath, as: Store.journalName)
            } else if s.generation == gen {
                scan = s
            } else if s.generation > gen {
                // A reader saw the journal of a newer working snapshot: the writer compacted meanwhile.
                if isReadOnly && !finalAttempt { return false }
                newNotes.append("\(Store.journalName) does not continue \(Store.workingName) (generation \(s.generation), expected \(gen)); it was set aside")
                if !isReadOnly { setAside(journalPath, as: Store.journalName) }
            }
            // An older generation: a compaction was interrupted after the new working snapshot
            // was in place; every record of this journal is already in it.
        }

        var dirty = false
        if let s = scan {
            var expected: UInt64 = 1
            for rec in s.records {
                if rec.sequence != expected {
                    newNotes.append("recovered journal: records \(expected)…\(rec.sequence - 1) are missing")
                }
                expected = rec.sequence + 1
                var r = BinaryReader(Array(rec.payload), context: "journal record \(rec.sequence)")
                do {
                    let m = try ModelCodec.decodeMutation(&r)
                    try w.apply(m)
                } catch {
                    newNotes.append("recovered journal: record \(rec.sequence) could not be applied (\(error)); skipped")
                    dirty = true
                }
            }
            if !s.damaged.isEmpty {
                let bytes = s.damaged.reduce(0) { $0 + $1.count }
                newNotes.append("recovered journal: skipped \(s.damaged.count) damaged stretch(es), \(bytes) bytes; kept \(s.records.count) intact records"
                                + (isReadOnly ? "" : " (the damaged journal was copied to \(Store.damagedFolder)/)"))
                dirty = true
            }
            if s.tornTail > 0 && !isReadOnly {
                newNotes.append("recovered journal: dropped a torn last record (\(s.tornTail) bytes of a change that was not completed)")
            }
        }

        workspace = w
        generation = gen
        notes += newNotes
        guard !isReadOnly else { return true }

        if dirty || workingSetAside {
            if dirty {
                // Keep the original for inspection, then fold what was recovered into a fresh working snapshot.
                let copy = directory.appendingPathComponent(".tmp-journal-copy").path
                if (try? FileManager.default.copyItem(atPath: journalPath, toPath: copy)) != nil {
                    setAside(copy, as: Store.journalName)
                }
            }
            try compact()
        } else if let s = scan {
            journal = try Journal.openForAppend(at: journalPath, scan: s)
        } else {
            journal = try Journal.create(at: journalPath, generation: gen)
        }
        return true
    }

    // MARK: Changing data

    /// Applies `m` to the working state and makes it durable before returning.
    public func commit(_ m: Mutation) throws {
        guard !isReadOnly else {
            throw Diagnostic("the store is open read-only (another plansh holds it); changes are refused")
        }
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
        try workspace.apply(m)
        do {
            if journal == nil || direct || payload.count > Store.directCompactionBytes {
                try compact()
            } else if let j = journal {
                try j.append(payload)
                if j.end > Store.compactionThreshold(workingBytes: workingBytes) {
                    // The change is durable already; a failed compaction only postpones itself.
                    try? compact(cancellable: false)
                }
            }
        } catch {
            // Not durable: go back to what the disk holds.
            restoreFromDisk()
            if error is StoreCancelled { throw Diagnostic("cancelled; nothing was changed") }
            let reason = (error as? FileIOError)?.description ?? "\(error)"
            throw Diagnostic("could not save the change (\(reason)); nothing was changed")
        }
    }

    /// A generation no snapshot file of this store has: after the working one, and from the clock
    /// (nanoseconds) so that files written at different times — a named snapshot that `load` later
    /// links in as the working file — never share one. A journal continues the working file whose
    /// generation it carries; two files with one generation would let it be replayed onto the wrong one.
    private func freshGeneration() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let clock = UInt64(max(0, ts.tv_sec)) &* 1_000_000_000 &+ UInt64(max(0, ts.tv_nsec))
        let g = max(generation + 1, lastIssuedGeneration + 1, clock)
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
    /// Throws only when the snapshot could not be written (the disk then still holds the old state).
    private func compact(cancellable: Bool = true) throws {
        let g = freshGeneration()
        let meta = SnapshotFile.Meta(kind: .working, name: "", createdAt: Int64(Date().timeIntervalSince1970),
                                     automatic: false, generation: g, plans: workspace.plans.count,
                                     tasks: workspace.taskCount, historyRecords: workspace.history.count)
        try SnapshotFile.write(workspace, meta: meta, to: workingPath,
                               progress: progressLine("saving the working state", cancellable: cancellable))
        generation = g
        workingBytes = (try? FileManager.default.attributesOfItem(atPath: workingPath)[.size] as? Int) ?? workingBytes
        journal = nil
        // If this fails the old journal is stale (older generation, ignored on open) and the next
        // commit compacts again instead of journaling.
        journal = try? Journal.create(at: journalPath, generation: g)
    }

    private func restoreFromDisk() {
        journal = nil
        let saved = notes
        do {
            try loadState()
            notes = saved
        } catch {
            isReadOnly = true
            notes = saved + ["the store could not be re-read after a failed write (\(error)): now read-only"]
        }
    }

    private func progressLine(_ what: String, cancellable: Bool = true) -> ((Double) throws -> Void)? {
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

    /// Releases the writer lock.
    public func close() {
        journal = nil
        if lockFD >= 0 {
            flock(lockFD, LOCK_UN)
            Foundation.close(lockFD)
            lockFD = -1
        }
    }

    // MARK: Snapshots

    func snapshotPath(_ name: String) -> String {
        (snapshotsPath as NSString).appendingPathComponent("\(name).\(SnapshotFile.fileExtension)")
    }

    private func checkedName(_ name: String) throws -> String {
        if let p = SnapshotName.problem(with: name) { throw Diagnostic(p) }
        return name
    }

    /// Every snapshot, oldest first. Files that cannot be read are listed with `problem` set.
    public func snapshots() throws -> [SnapshotInfo] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: snapshotsPath)) ?? []
        var out: [SnapshotInfo] = []
        let ext = "." + SnapshotFile.fileExtension
        for f in files where f.hasSuffix(ext) && !f.hasPrefix(".") {
            let name = String(f.dropLast(ext.count))
            let path = snapshotPath(name)
            do {
                let (meta, size) = try SnapshotFile.meta(at: path, displayName: "\(Store.snapshotsFolder)/\(f)")
                // A state `load` kept by hard link carries the header of the file it shares
                // (the working file, or a snapshot loaded earlier): its name tells what it is.
                let linked = !meta.automatic && name.hasPrefix("auto-") && (meta.kind == .working || meta.name != name)
                out.append(SnapshotInfo(name: name, createdAt: linked ? (Store.time(ofStamp: name) ?? meta.createdAt) : meta.createdAt,
                                        plans: meta.plans, tasks: meta.tasks, bytes: size, automatic: meta.automatic || linked))
            } catch {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                var info = SnapshotInfo(name: name, createdAt: 0, plans: 0, tasks: 0, bytes: size, automatic: false)
                info.problem = "\(error)"
                out.append(info)
            }
        }
        return out.sorted { ($0.createdAt, $0.name) < ($1.createdAt, $1.name) }
    }

    /// The working state frozen under `name`.
    public func snapshotWorkspace(named name: String) throws -> Workspace {
        try readSnapshot(named: name).workspace
    }

    /// Snapshot `name` read and verified, with its header, size and path.
    private func readSnapshot(named name: String) throws -> (workspace: Workspace, meta: SnapshotFile.Meta, size: Int, path: String) {
        let path = snapshotPath(try checkedName(name))
        guard FileIO.exists(path) else {
            let names = ((try? snapshots()) ?? []).map(\.name)
            throw Diagnostic("no snapshot \"\(name)\"" + Suggest.phrase(name, in: names))
        }
        do {
            let r = try SnapshotFile.Reader(path: path, displayName: "\(Store.snapshotsFolder)/\(name).\(SnapshotFile.fileExtension)")
            return (try r.workspace(progress: progressLine("reading snapshot \(name)")), r.meta, r.size, path)
        } catch is StoreCancelled {
            throw Diagnostic("cancelled")
        } catch let e as StoreCorruption {
            throw Diagnostic("snapshot \"\(name)\" cannot be used: \(e.message)")
        } catch let e as FileIOError {
            throw Diagnostic(e.description)
        }
    }

    /// Freezes the working state as `name`; refuses to overwrite unless `overwrite`.
    @discardableResult
    public func save(name: String, overwrite: Bool, automatic: Bool = false, now: Int64) throws -> SnapshotInfo {
        guard !isReadOnly else {
            throw Diagnostic("the store is open read-only (another plansh holds it); snapshots cannot be saved")
        }
        let path = snapshotPath(try checkedName(name))
        if FileIO.exists(path) && !overwrite {
            throw Diagnostic("snapshot \"\(name)\" exists; use `save \(name)!` to overwrite it")
        }
        let meta = SnapshotFile.Meta(kind: .named, name: name, createdAt: now, automatic: automatic, generation: freshGeneration(),
                                     plans: workspace.plans.count, tasks: workspace.taskCount,
                                     historyRecords: workspace.history.count)
        do {
            try SnapshotFile.write(workspace, meta: meta, to: path, progress: progressLine("saving snapshot \(name)"))
        } catch let e as FileIOError {
            throw Diagnostic("could not save snapshot \"\(name)\": \(e.description)")
        } catch is StoreCancelled {
            throw Diagnostic("cancelled; snapshot \"\(name)\" was not saved")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return SnapshotInfo(name: name, createdAt: now, plans: meta.plans, tasks: meta.tasks, bytes: size, automatic: automatic)
    }

    /// Makes snapshot `name` the working state, keeping the current one as an automatic snapshot
    /// first; returns that automatic snapshot.
    ///
    /// Where the file system allows, nothing is copied: the journal is folded into the working
    /// file if it holds changes, the working file is hard-linked as `snapshots/auto-…`, and the
    /// snapshot is hard-linked in as the new working file. On disk, step by step (each name change
    /// followed by an fsync of its directory), a crash leaves either the old state or the new one:
    /// 1. the working file alone is the old state (empty journal), 2. `snapshots/auto-…` is one more
    /// name for it, 3. the journal is removed (the working file alone still is the old state),
    /// 4. the snapshot, linked under a temporary name, is renamed over the working file (the new
    /// state, still without a journal), 5. an empty journal continuing it is created.
    @discardableResult
    public func load(name: String, now: Int64) throws -> SnapshotInfo {
        guard !isReadOnly else {
            throw Diagnostic("the store is open read-only (another plansh holds it); `load` is refused")
        }
        let source = try readSnapshot(named: name)
        if journal == nil || journal?.recordCount != 0 || !FileIO.exists(workingPath) {
            do {
                try compact()
            } catch {
                if error is StoreCancelled { throw Diagnostic("cancelled; nothing was changed") }
                throw Diagnostic("could not keep the working state before loading \"\(name)\" (\(Store.reason(error))); nothing was changed")
            }
        }
        let kept = try keepWorkingState(now: now)

        // Snapshots written before generations were unique all have generation 0: copied, not linked.
        let temporary = directory.appendingPathComponent(".tmp-\(getpid())-\(Store.workingName)").path
        try? FileIO.remove(temporary)
        guard source.meta.generation != 0, FileIO.link(source.path, temporary) == 0 else {
            let previous = workspace
            workspace = source.workspace
            do {
                try compact()
            } catch {
                workspace = previous
                if error is StoreCancelled {
                    throw Diagnostic("cancelled; the working state is unchanged (snapshot \(kept.name) was kept)")
                }
                throw Diagnostic("could not make \"\(name)\" the working state (\(Store.reason(error))); nothing was changed")
            }
            return kept
        }
        do {
            // The journal is empty; without it the working file alone is the state, before the
            // rename and after it. An old journal must never meet the new working file.
            journal = nil
            try FileIO.remove(journalPath)
            try FileIO.syncDirectory(directory.path)
            try FileIO.rename(temporary, workingPath)
        } catch {
            try? FileIO.remove(temporary)
            // The rename did not happen: the old working file is in place; give it its journal back.
            journal = try? Journal.create(at: journalPath, generation: generation)
            throw Diagnostic("could not make \"\(name)\" the working state (\(Store.reason(error))); nothing was changed")
        }
        workspace = source.workspace
        generation = source.meta.generation
        workingBytes = source.size
        // Creating the journal fsyncs the directory, which makes the rename durable.
        if let j = try? Journal.create(at: journalPath, generation: generation) {
            journal = j
        } else {
            do {
                try FileIO.syncDirectory(directory.path)
            } catch {
                restoreFromDisk()
                throw Diagnostic("could not make \"\(name)\" the working state durable (\(Store.reason(error))); the store was re-read")
            }
        }
        return kept
    }

    /// Keeps the working file (which holds the whole working state: the journal is empty) as an
    /// automatic snapshot, as a hard link when the file system allows, else as a copy.
    private func keepWorkingState(now: Int64) throws -> SnapshotInfo {
        let base = "auto-\(Store.stamp(now))"
        var autoName = base
        var i = 2
        while true {
            let path = snapshotPath(autoName)
            if !FileIO.exists(path) {
                let code = FileIO.link(workingPath, path)
                if code == 0 {
                    do {
                        try FileIO.syncDirectory(snapshotsPath)
                    } catch {
                        try? FileIO.remove(path)
                        throw Diagnostic("could not keep the working state as snapshot \"\(autoName)\" (\(Store.reason(error))); nothing was changed")
                    }
                    return SnapshotInfo(name: autoName, createdAt: now, plans: workspace.plans.count, tasks: workspace.taskCount,
                                        bytes: workingBytes, automatic: true)
                }
                if code != EEXIST { break }
            }
            autoName = "\(base)-\(i)"
            i += 1
        }
        return try save(name: autoName, overwrite: false, automatic: true, now: now)
    }

    static func reason(_ error: Error) -> String {
        (error as? FileIOError)?.description ?? (error as? Diagnostic).map { "\($0)" } ?? "\(error)"
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

    // MARK: Verifying

    /// Reads every file of the store and verifies checksums and structure.
    public func check() -> [StoreCheckResult] {
        var out: [StoreCheckResult] = []
        func ok(_ file: String, _ detail: String) { out.append(StoreCheckResult(file: file, problem: nil, detail: detail)) }
        func bad(_ file: String, _ problem: String) { out.append(StoreCheckResult(file: file, problem: problem, detail: "")) }

        var workingGeneration: UInt64 = 0
        if FileIO.exists(workingPath) {
            do {
                let r = try SnapshotFile.Reader(path: workingPath, displayName: Store.workingName)
                let w = try r.workspace(progress: progressLine("checking \(Store.workingName)", cancellable: false))
                workingGeneration = r.meta.generation
                ok(Store.workingName, "\(w.plans.count) plans, \(w.taskCount) tasks, generation \(r.meta.generation)")
            } catch {
                bad(Store.workingName, "\(error)")
            }
        } else {
            ok(Store.workingName, "absent (nothing compacted yet)")
        }

        do {
            switch try Journal.scan(at: journalPath) {
            case nil:
                ok(Store.journalName, "absent")
            case let .failure(f)?:
                bad(Store.journalName, "\(f)")
            case let .success(s)?:
                var problems: [String] = []
                if !s.damaged.isEmpty { problems.append("\(s.damaged.count) damaged stretch(es)") }
                if s.tornTail > 0 {
                    problems.append("an incomplete last record (\(s.tornTail) bytes)"
                                    + (isReadOnly ? " — the writer may be in the middle of a change" : ""))
                }
                if s.generation > workingGeneration {
                    problems.append("generation \(s.generation) does not continue \(Store.workingName) (\(workingGeneration))")
                }
                for rec in s.records {
                    var r = BinaryReader(Array(rec.payload), context: "record \(rec.sequence)")
                    if (try? ModelCodec.decodeMutation(&r)) == nil { problems.append("record \(rec.sequence) cannot be decoded") }
                }
                let stale = s.generation < workingGeneration ? " (older than the working state: ignored)" : ""
                if problems.isEmpty {
                    ok(Store.journalName, "\(s.records.count) records, \(s.fileSize) bytes\(stale)")
                } else {
                    bad(Store.journalName, problems.joined(separator: "; "))
                }
            }
        } catch {
            bad(Store.journalName, "\(error)")
        }

        let ext = "." + SnapshotFile.fileExtension
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: snapshotsPath)) ?? []).sorted()
        for f in files where f.hasSuffix(ext) && !f.hasPrefix(".") {
            let shown = "\(Store.snapshotsFolder)/\(f)"
            do {
                let r = try SnapshotFile.Reader(path: (snapshotsPath as NSString).appendingPathComponent(f), displayName: shown)
                let w = try r.workspace(progress: progressLine("checking \(shown)", cancellable: false))
                ok(shown, "\(w.plans.count) plans, \(w.taskCount) tasks")
            } catch {
                bad(shown, "\(error)")
            }
        }
        return out
    }
}

/// Long work stopped by the user (`Store.isCancelled`).
struct StoreCancelled: Error {}

/// One file's verdict from `Store.check()`.
public struct StoreCheckResult: Sendable, Hashable {
    /// Relative to the store directory.
    public var file: String
    /// Nil when the file is intact.
    public var problem: String?
    /// What the file holds, when intact.
    public var detail: String
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

extension Store {
    /// Why a store directory cannot be made, in plain words: the nearest existing ancestor
    /// and what is wrong with it (Foundation's own message names no path).
    static func creationProblem(_ directory: URL) -> String {
        let fm = FileManager.default
        var ancestor = directory.deletingLastPathComponent()
        while ancestor.path != "/" && !fm.fileExists(atPath: ancestor.path) {
            ancestor = ancestor.deletingLastPathComponent()
        }
        var isDir: ObjCBool = false
        _ = fm.fileExists(atPath: ancestor.path, isDirectory: &isDir)
        if !isDir.boolValue { return "\(ancestor.path) is not a directory" }
        if !fm.isWritableFile(atPath: ancestor.path) { return "\(ancestor.path) is not writable" }
        return "\(ancestor.path) does not allow new directories here"
    }
}
