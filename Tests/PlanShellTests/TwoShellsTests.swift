import Foundation
import Testing
import PlanKit

/// Several plansh processes on one store. None is read-only: a change takes the writer's lock
/// only for its own length, read-only commands never take it, a shell catches up with other
/// processes before each command, and a writer that finds the lock held waits up to 5 s.
@Suite(.serialized) struct TwoShellsTests {
    typealias C = CrashTestSupport

    /// A plansh reading commands from a pipe, kept open.
    final class OpenShell {
        let process = Process()
        let input = Pipe().closedOnExec(), output = Pipe().closedOnExec()

        init(store: URL) throws {
            process.executableURL = try C.plansh()
            process.arguments = ["--store", store.path]
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

        /// Reads output until `marker` appears.
        func waitFor(_ marker: String) -> String {
            var text = ""
            while !text.contains(marker) {
                let d = output.fileHandleForReading.availableData
                if d.isEmpty { break }
                text += String(decoding: d, as: UTF8.self)
            }
            return text
        }

        func finish() throws -> Int32 {
            try input.fileHandleForWriting.close()
            return process.exitStatus()
        }
    }

    @Test func openShellsAndScriptsAllWrite() throws {
        let dir = C.temporaryDirectory("twoshells")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        _ = try C.seedStore(at: store, plans: [("yy2025", 2, 3)])

        let first = try OpenShell(store: store)
        first.send("update yy2025:1.1 set status = behind, progress = 10; echo READY")
        #expect(first.waitFor("READY").contains("updated yy2025:1.1"))

        // A script while shell 1 is open: it is not read-only, and its changes go through.
        let second = try C.run(["--store", store.path, "-c", "history yy2025:1.1; update yy2025:1.2 set progress = 50; save x"])
        #expect(second.status == 0, "\(second.err)")
        #expect(!second.err.contains("read-only"), "\(second.err)")
        #expect(second.out.contains("not_started → behind") && second.out.contains("progress 0 → 50"))

        // Shell 1 catches up before its next command, and writes on top of the script's change.
        first.send("update yy2025:1.2 set progress = 20; echo DONE")
        #expect(first.waitFor("DONE").contains("progress 50 → 20"))
        let third = try OpenShell(store: store)
        third.send("history yy2025:1.2; echo R1")
        #expect(third.waitFor("R1").contains("50 → 20"))
        first.send("update yy2025:1.2 set progress = 30; echo DONE2")
        #expect(first.waitFor("DONE2").contains("progress 20 → 30"))
        third.send("history yy2025:1.2; echo R2")
        #expect(third.waitFor("R2").contains("20 → 30"))
        #expect(try third.finish() == 0)
        #expect(try first.finish() == 0)
    }

    /// A loop of read-only commands alongside a stream of updates: no update is refused.
    @Test func readersNeverBlockWriters() throws {
        let dir = C.temporaryDirectory("readersloop")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        _ = try C.seedStore(at: store, plans: [("yy2025", 2, 3)])
        let reader = Process()
        reader.executableURL = try C.plansh()
        reader.arguments = ["--store", store.path]
        let input = Pipe().closedOnExec()
        reader.standardInput = input
        reader.standardOutput = FileHandle.nullDevice
        reader.standardError = FileHandle.nullDevice
        try reader.run()
        defer { if reader.isRunning { kill(reader.processIdentifier, SIGKILL) } }
        // The reader is fed until the updates are done (however long they take on a busy
        // machine), then `quit` ends it even if a process spawned meanwhile holds the pipe open.
        let updating = NSLock(), feeding = DispatchGroup()
        nonisolated(unsafe) var updatesDone = false
        feeding.enter()
        Thread.detachNewThread {  // not the global queue: one worker a core, which blocked readers fill
            while !updating.withLock({ updatesDone }) {
                for _ in 0..<100 { input.fileHandleForWriting.write(Data("count tasks; plans; history yy2025:1.1\n".utf8)) }
            }
            input.fileHandleForWriting.write(Data("quit\n".utf8))
            try? input.fileHandleForWriting.close()
            feeding.leave()
        }
        var refused: [String] = []
        for i in 1...20 {
            let r = try C.run(["--store", store.path, "-c", "update yy2025:1.1 set progress = \(i)"])
            if r.status != 0 { refused.append(r.err) }
        }
        #expect(reader.isRunning, "the reader loop ended before the updates did: the test proved nothing")
        updating.withLock { updatesDone = true }
        #expect(refused.isEmpty, "\(refused)")
        feeding.wait()
        #expect(reader.exitStatus() == 0)
        let last = try C.run(["--store", store.path, "--format", "csv", "-c", "find tasks where id = yy2025:1.1 show progress"])
        #expect(last.out.contains("20"), "\(last.out)")
    }

    /// A writer waits for a change in progress; after 5 s it gives up, naming the holder's pid.
    @Test func aWriterWaitsThenNamesTheHolder() throws {
        let dir = C.temporaryDirectory("lockwait")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        _ = try C.seedStore(at: store, plans: [("yy2025", 2, 3)])
        let lock = store.appendingPathComponent("lock").path
        // Holds the lock as a plansh would, writing its pid first.
        func holder(seconds: Int) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "echo $$ > '\(lock)'; exec flock '\(lock)' sleep \(seconds)"]
            try p.run()
            usleep(300_000)
            return p
        }
        let short = try holder(seconds: 2)
        let started = Date()
        let waited = try C.run(["--store", store.path, "-c", "update yy2025:1.1 set progress = 7"])
        #expect(waited.status == 0, "\(waited.err)")
        #expect(Date().timeIntervalSince(started) >= 1.2)
        short.waitUntilExit()

        let long = try holder(seconds: 8)
        defer { if long.isRunning { kill(long.processIdentifier, SIGKILL) } }
        let t0 = Date()
        let refused = try C.run(["--store", store.path, "-c", "update yy2025:1.1 set progress = 8; echo after"])
        let elapsed = Date().timeIntervalSince(t0)
        #expect(refused.status == 1)
        #expect(elapsed >= 4.9 && elapsed < 7.5, "\(elapsed)")
        #expect(refused.err.contains("another plansh (pid \(long.processIdentifier))") && refused.err.contains("nothing was changed"),
                "\(refused.err)")
        // Reading is never refused while the lock is held.
        let read = try C.run(["--store", store.path, "--format", "csv", "-c", "find tasks where id = yy2025:1.1 show progress"])
        #expect(read.status == 0 && read.out.contains("7"), "\(read.err)")
    }
}
