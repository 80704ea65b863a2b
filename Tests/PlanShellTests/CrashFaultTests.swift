import Foundation
import Testing
@testable import PlanKit
@testable import PlanShell

/// Faults the disk can throw at a store: full, failing fsync, read-only; and files planted in
/// the store by someone else. Every command either completes durably or fails with a clear
/// message, leaving the store as it was. As root (as here and in CI) the disk is a real small
/// tmpfs and a real read-only mount; otherwise the failures are injected.
@Suite(.serialized) struct CrashFaultTests {
    typealias C = CrashTestSupport

    static var isRoot: Bool { geteuid() == 0 }

    @discardableResult
    static func sh(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        return p.exitStatus()
    }

    static func session(_ store: URL, _ workingDirectory: URL) throws -> (Session, Captured) {
        try CapturedShell.session(store, workingDirectory: workingDirectory)
    }

    /// Files outside the store the commands read: a plan, another plan, a progress sheet.
    static func inputs(in dir: URL, ids: [String]) throws {
        try Data(C.planText(title: "other 卫生健康工作要点", sections: 6, items: 8).utf8).write(to: dir.appendingPathComponent("other.txt"))
        let rows = ids.enumerated().map { "\($1),behind,\(($0 * 7) % 100),第\($0)行备注" }
        try Data((["id,status,progress,note"] + rows).joined(separator: "\n").utf8).write(to: dir.appendingPathComponent("sheet.csv"))
    }

    /// Runs `command` on a store whose disk fails; it must fail clearly or succeed durably, and
    /// the store must then open intact, holding what it reported.
    static func expectCleanOutcome(_ command: String, store: URL, inputs: URL, problem: String) throws {
        let (s, c) = try session(store, inputs)
        let before = C.fingerprint(s.workspace)
        let ok = s.execute(command)
        let (_, err) = c.take()
        let after = C.fingerprint(s.workspace)
        s.store.close()
        if ok {
            #expect(!after.isEmpty)
        } else {
            #expect(err.contains(problem) && (err.contains("nothing was changed") || err.contains("was not saved") || err.contains("nothing was removed")),
                    "\(command): \(err)")
            #expect(after == before, "\(command) changed the working state in memory")
        }
        let (again, _) = try session(store, inputs)
        defer { again.store.close() }
        #expect(again.store.damage == nil, "\(command): \(again.store.damage?.message ?? "")")
        #expect(C.fingerprint(again.workspace) == after, "\(command): the store does not hold what was reported")
    }

    @Test func fullDiskDuringEveryKindOfChange() throws {
        let dir = C.temporaryDirectory("fulldisk")
        defer { try? FileManager.default.removeItem(at: dir) }
        let disk = dir.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mounted = Self.isRoot && Self.sh("mount -t tmpfs -o size=3m tmpfs '\(disk.path)'") == 0
        defer { if mounted { Self.sh("umount '\(disk.path)'") } }
        let store = disk.appendingPathComponent("store")
        let ids = try C.seedStore(at: store, plans: [("yy2025", 6, 8)])
        try Self.inputs(in: dir, ids: ids)
        let (s, _) = try Self.session(store, dir)
        #expect(s.execute("update yy2025:1.1 set progress = 10; save a"))
        s.store.close()

        if mounted {
            // Fill what is left of the file system.
            let filler = disk.appendingPathComponent("filler").path
            let fd = open(filler, O_WRONLY | O_CREAT, 0o600)
            let chunk = [UInt8](repeating: 7, count: 4096)
            while write(fd, chunk, chunk.count) == chunk.count {}
            close(fd)
        } else {
            FaultInjection.fail(.write, under: store.path, with: ENOSPC)
        }
        defer { FaultInjection.clear(under: store.path) }
        let problem = "No space left on device"
        for command in ["update yy2025:1.2 set progress = 77, note = \"满盘\"", "import progress sheet.csv month 2025-05",
                        "import plan other.txt", "save b", "load a", "save a!"] {
            try Self.expectCleanOutcome(command, store: store, inputs: dir, problem: problem)
        }
        // `recover` on a full disk: the copy into damaged/ cannot be made, so nothing is removed.
        let working = store.appendingPathComponent("working.plansnap")
        var bytes = [UInt8](try Data(contentsOf: working))
        bytes[bytes.count / 2] ^= 0x20
        let fd = open(working.path, O_WRONLY)
        _ = pwrite(fd, [bytes[bytes.count / 2]], 1, off_t(bytes.count / 2))
        close(fd)
        let (r, c) = try Self.session(store, dir)
        #expect(r.store.damage != nil)
        #expect(!r.execute("recover"))
        #expect(c.take().1.contains("nothing was removed"))
        #expect(try Data(contentsOf: working) == Data(bytes))
        r.store.close()
        // With room again, `recover` works.
        if mounted { try FileManager.default.removeItem(atPath: disk.appendingPathComponent("filler").path) }
        FaultInjection.clear(under: store.path)
        let (r2, c2) = try Self.session(store, dir)
        defer { r2.store.close() }
        #expect(r2.execute("recover; check"), "\(c2.take())")
    }

    @Test func failingFsyncLosesNothing() throws {
        let dir = C.temporaryDirectory("fsyncfault")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        let ids = try C.seedStore(at: store, plans: [("yy2025", 4, 5)])
        try Self.inputs(in: dir, ids: ids)
        let (s, _) = try Self.session(store, dir)
        #expect(s.execute("update yy2025:1.1 set progress = 10; save a"))
        s.store.close()
        FaultInjection.fail(.fsync, under: store.path, with: EIO)
        defer { FaultInjection.clear(under: store.path) }
        for command in ["update yy2025:1.2 set progress = 77", "import progress sheet.csv month 2025-05",
                        "import plan other.txt", "save b", "load a"] {
            let (t, c) = try Self.session(store, dir)
            let before = C.fingerprint(t.workspace)
            #expect(!t.execute(command), "\(command) reported success without a durable write")
            let err = c.take().1
            #expect(err.contains("cannot fsync") && err.contains("Input/output error"), "\(command): \(err)")
            #expect(C.fingerprint(t.workspace) == before)
            t.store.close()
            FaultInjection.clear(under: store.path)
            let (again, _) = try Self.session(store, dir)
            #expect(again.store.damage == nil && C.fingerprint(again.workspace) == before, "\(command)")
            #expect(try again.store.snapshots().map(\.name) == ["a"], "\(command)")
            again.store.close()
            FaultInjection.fail(.fsync, under: store.path, with: EIO)
        }
    }

    @Test func readOnlyStoreSaysWhyAndRefusesChanges() throws {
        let dir = C.temporaryDirectory("rostore")
        defer {
            Self.sh("chmod -R u+w '\(dir.path)'")
            try? FileManager.default.removeItem(at: dir)
        }
        let store = dir.appendingPathComponent("store")
        _ = try C.seedStore(at: store, plans: [("yy2025", 2, 3)])
        let mounted = Self.isRoot && Self.sh("mount --bind '\(store.path)' '\(store.path)' && mount -o remount,ro,bind '\(store.path)'") == 0
        defer { if mounted { Self.sh("umount '\(store.path)'") } }
        if !mounted { chmod(store.path, 0o500) }
        let (s, c) = try Self.session(store, dir)
        defer { s.store.close() }
        let reason = mounted ? "read-only file system" : "you may not write"
        #expect(s.store.isReadOnly)
        #expect(s.store.readOnlyReason?.contains(reason) == true, "\(s.store.readOnlyReason ?? "")")
        #expect(s.prompt.hasPrefix("plansh[1 plan") && s.prompt.hasSuffix(", read-only]> "), "\(s.prompt)")
        #expect(Banner.text(session: s).contains(reason))
        for command in ["update yy2025:1.1 set progress = 5", "save x", "load x", "import plan nothing.txt", "recover"] {
            #expect(!s.execute(command))
            let err = c.take().1
            #expect(err.contains("is refused") && err.contains(reason) && !err.contains("another plansh"), "\(command): \(err)")
        }
        #expect(s.execute("count tasks; snapshots; check"))
        // Outside the shell (whose banner says it) the reason is said once, before the commands.
        let run = try C.run(["--store", store.path, "-c", "count tasks"])
        #expect(run.status == 0 && run.err.components(separatedBy: "is read-only (").count == 2 && run.err.contains(reason), "\(run.err)")
    }

    /// A failed write that the store cannot even re-read from disk makes it read-only: the failed
    /// command says so at once (not only the next change), and the prompt shows it.
    @Test func aStoreThatCannotBeRereadSaysItIsNowReadOnly() throws {
        let dir = C.temporaryDirectory("nowro")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        _ = try C.seedStore(at: store, plans: [("yy2025", 2, 3)])
        let (s, c) = try Self.session(store, dir)
        defer { s.store.close() }
        #expect(s.execute("update yy2025:1.1 set progress = 5"))
        _ = c.take()
        FaultInjection.fail(.fsync, under: store.path, with: EIO)
        FaultInjection.fail(.read, under: store.path, with: EIO)
        defer { FaultInjection.clear(under: store.path) }
        #expect(!s.execute("update yy2025:1.1 set progress = 6"))
        let err = c.take().1
        #expect(err.contains("cannot fsync") && err.contains("the store is now read-only (it could not be re-read after a failed write: ")
                && err.contains("changes are refused"), "\(err)")
        #expect(s.store.isReadOnly && s.prompt.hasSuffix(", read-only]> "), "\(s.prompt)")
        // Said once: a later failure does not repeat it, the refusal gives the reason itself.
        #expect(!s.execute("update yy2025:1.1 set progress = 7"))
        let again = c.take().1
        #expect(again.contains("is refused") && again.contains("could not be re-read") && !again.contains("now read-only"), "\(again)")
    }

    /// Links planted in the store (to files outside it) are never followed: the command fails
    /// naming the link, and the file it points to is untouched.
    @Test(arguments: ["lock", "journal", "working.plansnap", "snapshots/x.plansnap", "history"])
    func plantedLinksAreRefused(file: String) throws {
        let dir = C.temporaryDirectory("links")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        _ = try C.seedStore(at: store, plans: [("yy2025", 2, 3)])
        let (s0, _) = try Self.session(store, dir)
        #expect(s0.execute("update yy2025:1.1 set progress = 5; save x"))
        s0.store.close()
        let victim = dir.appendingPathComponent("victim.txt")
        let precious = Data("precious — must not change\n".utf8)
        try precious.write(to: victim)
        let link = store.appendingPathComponent(file)
        try? FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: victim)

        var errors = ""
        if let (s, c) = try? Self.session(store, dir) {
            _ = s.execute("update yy2025:1.2 set progress = 9")
            _ = s.execute("save y; load x; check; snapshots")
            if file == "history" {
                if case let .failure(d) = HistoryFile.openForWriting(s.store.historyFile.path) { errors += d.message }
                #expect(!HistoryFile.isReadable(s.store.historyFile.path))
            }
            errors += c.take().1
            s.store.close()
        } else {
            do { _ = try Store.open(at: store) } catch { errors += "\(error)" }
        }
        #expect(errors.contains("\(file.split(separator: "/").last ?? "") is a symbolic link"), "\(file): \(errors)")
        #expect(try Data(contentsOf: victim) == precious, "\(file): the file outside the store was written")
        #expect(FileIO.isSymbolicLink(link.path))
    }

    @Test func aStoreOfAnotherUserOrWritableByOthersIsRefused() throws {
        let dir = C.temporaryDirectory("owner")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        _ = try C.seedStore(at: store, plans: [("yy2025", 2, 3)])
        chmod(store.path, 0o777)
        let open = { () -> String in
            do { _ = try Store.open(at: store); return "" } catch { return "\(error)" }
        }
        let loose = open()
        #expect(loose.contains("writable by other users (mode 777)") && loose.contains("chmod go-w"), "\(loose)")
        chmod(store.path, 0o770) // writable by the user's own group only: accepted
        #expect(open().isEmpty)
        if Self.isRoot {
            #expect(chown(store.path, 0, 65534) == 0) // …but not by another group
            #expect(open().contains("writable by other users (mode 770)"))
            #expect(chown(store.path, 0, 0) == 0)
        }
        chmod(store.path, 0o700)
        #expect(open().isEmpty)
        let r = try C.run(["--store", store.path, "-c", "count tasks"])
        #expect(r.status == 0)
        if Self.isRoot {
            #expect(chown(store.path, 65534, 65534) == 0)
            let other = open()
            #expect(other.contains("belongs to another user (uid 65534)"), "\(other)")
            let cli = try C.run(["--store", store.path, "-c", "count tasks"])
            #expect(cli.status == 1 && cli.err.contains("belongs to another user"), "\(cli.err)")
            #expect(chown(store.path, 0, 0) == 0)
        }
    }

    /// The real binary on a store whose working file has one flipped byte: commands that need the
    /// working state fail (exit 1) naming the file and what `recover` will do; `snapshots`,
    /// `check` and `recover` run; after `recover` the data is back and the snapshot untouched.
    @Test func damagedWorkingFileFailsLoudlyUntilRecover() throws {
        let dir = C.temporaryDirectory("damagecli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        _ = try C.seedStore(at: store, plans: [("yy2025", 3, 4)])
        #expect(try C.run(["--store", store.path, "-c", "update yy2025:1.1 set progress = 40; save s; load s; update yy2025:1.2 set progress = 50"]).status == 0)
        let snapshot = try Data(contentsOf: store.appendingPathComponent("snapshots/s.plansnap"))
        let working = store.appendingPathComponent("working.plansnap")
        var bytes = [UInt8](try Data(contentsOf: working))
        bytes[bytes.count / 3] ^= 0x08
        try Data(bytes).write(to: working)

        for command in ["count tasks", "find tasks where progress > 0", "update yy2025:1.3 set progress = 1", "save t", "load s", "report"] {
            let r = try C.run(["--store", store.path, "-c", command])
            #expect(r.status == 1, "\(command) exited \(r.status)")
            #expect(r.err.contains("working.plansnap is damaged") && r.err.contains("`recover`") && r.err.contains("snapshot s"),
                    "\(command): \(r.err)")
            #expect(!r.out.contains("no plans"), "\(command)")
        }
        let listed = try C.run(["--store", store.path, "-c", "snapshots"])
        #expect(listed.status == 0 && listed.out.contains("s "), "\(listed.err)")
        let checked = try C.run(["--store", store.path, "-c", "check"])
        #expect(checked.status == 1 && checked.out.contains("DAMAGED"))
        let recovered = try C.run(["--store", store.path, "-c", "recover"])
        #expect(recovered.status == 0, "\(recovered.err)")
        #expect(recovered.out.contains("from snapshot s and 1 journal record") && recovered.out.contains("no change is lost"), "\(recovered.out)")
        let after = try C.run(["--store", store.path, "--format", "csv", "-c", "find tasks where progress > 0 show id, progress; check"])
        #expect(after.status == 0 && after.out.contains("yy2025:1.1,40") && after.out.contains("yy2025:1.2,50"), "\(after.out)\(after.err)")
        #expect(after.out.contains("set aside"))
        #expect(try Data(contentsOf: store.appendingPathComponent("snapshots/s.plansnap")) == snapshot)
    }
}
