import Foundation
import Testing
import PlanKit

/// Two plansh processes on one store: the first is the writer, the second opens read-only,
/// says so, answers queries, and refuses changes.
@Suite(.serialized) struct TwoShellsTests {
    typealias C = CrashTestSupport

    @Test func oneWriterOneReader() throws {
        let plansh = try C.plansh()
        let dir = C.temporaryDirectory("twoshells")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        _ = try C.seedStore(at: store, plans: [("yy2025", 2, 3)])

        // Shell 1 reads commands from a pipe and stays open.
        let first = Process()
        first.executableURL = plansh
        first.arguments = ["--store", store.path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        first.standardInput = input
        first.standardOutput = output
        first.standardError = errors
        try first.run()
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        func send(_ line: String, to pipe: Pipe = input) { pipe.fileHandleForWriting.write(Data((line + "\n").utf8)) }
        /// Reads a shell's output until `marker` appears.
        func waitFor(_ marker: String, from pipe: Pipe = output) -> String {
            var text = ""
            while !text.contains(marker) {
                let d = pipe.fileHandleForReading.availableData
                if d.isEmpty { break }
                text += String(decoding: d, as: UTF8.self)
            }
            return text
        }
        send("update yy2025:1.1 set status = behind, progress = 10; echo READY")
        #expect(waitFor("READY").contains("updated yy2025:1.1"))

        // Shell 2 while shell 1 runs: read-only, says so, queries work, changes are refused.
        let second = try C.run(["--store", store.path, "-c", "history yy2025:1.1; snapshots; check"])
        #expect(second.status == 0, "\(second.err)")
        #expect(second.err.contains("is using store") && second.err.contains("opened read-only"), "\(second.err)")
        #expect(second.err.contains("(pid \(first.processIdentifier))"))
        #expect(second.out.contains("not_started → behind"))
        let refused = try C.run(["--store", store.path, "-c", "update yy2025:1.2 set progress = 50"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("`update` changes data, and the store is read-only: another plansh is using the store"), "\(refused.err)")
        let refusedSave = try C.run(["--store", store.path, "-c", "save x"])
        #expect(refusedSave.status == 1)

        // A reader that stays open (shell 3) catches up with the writer between its commands.
        let third = Process()
        third.executableURL = plansh
        third.arguments = ["--store", store.path]
        let thirdIn = Pipe(), thirdOut = Pipe()
        third.standardInput = thirdIn
        third.standardOutput = thirdOut
        third.standardError = FileHandle.nullDevice
        try third.run()
        defer { if third.isRunning { kill(third.processIdentifier, SIGKILL) } }
        send("history yy2025:1.2; echo R1", to: thirdIn)
        #expect(waitFor("R1", from: thirdOut).contains("no changes recorded for yy2025:1.2"))

        // Shell 1 still writes.
        send("update yy2025:1.2 set progress = 20; echo DONE")
        #expect(waitFor("DONE").contains("progress 0 → 20"))
        send("history yy2025:1.2; echo R2", to: thirdIn)
        #expect(waitFor("R2", from: thirdOut).contains("0 → 20"))
        try thirdIn.fileHandleForWriting.close()
        third.waitUntilExit()
        try input.fileHandleForWriting.close()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)

        // With shell 1 gone, the next shell is the writer and sees both changes.
        let last = try C.run(["--store", store.path, "-c", "update yy2025:1.2 set progress = 30"])
        #expect(last.status == 0, "\(last.err)")
        #expect(!last.err.contains("read-only"))
        #expect(last.out.contains("progress 20 → 30"))
    }
}
