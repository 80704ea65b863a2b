import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// `kill -9` at random moments while the real `plansh` binary runs a long script of updates,
/// progress-sheet and plan imports, plan drops, saves and loads. After every kill the store must open, `check` must
/// pass, and the working state must be the one after the last acknowledged command (or, if the
/// command in flight had already been made durable, the one after it).
@Suite(.serialized) struct CrashTests {
    typealias C = CrashTestSupport

    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    }

    static let statuses = ["not_started", "on_track", "behind", "done", "未启动", "推进中", "滞后", "已完成"]
    static let notes = ["按计划推进", "设备采购延迟, 待招标", "已完成验收", "人员不足，需协调", "含\\\"引号\\\"的备注", "", "x"]

    /// Progress sheets the script imports: valid ones in several dialects, and one with bad rows.
    func writeSheets(in dir: URL, ids: [String], random r: inout Random) throws -> Int {
        let count = 6
        for k in 0..<count {
            let chinese = k % 2 == 1
            var lines = [chinese ? "编号,状态,进度,备注" : "id,status,progress,note"]
            let all = k == 0
            for id in ids where all || r.int(3) == 0 {
                let note = ["\"设备采购延迟, 待招标\"", "正常", "", "\"含\"\"引号\"\"\"", "第\(k)批"][r.int(5)]
                lines.append("\(id),\(Self.statuses[r.int(Self.statuses.count)]),\(r.int(101)),\(note)")
            }
            let text = (k % 3 == 0 ? "\u{FEFF}" : "") + lines.joined(separator: k % 2 == 0 ? "\r\n" : "\n") + "\n"
            try Data(text.utf8).write(to: dir.appendingPathComponent("sheet\(k).csv"))
        }
        // Plan documents the script imports: two versions of yy2025 (the second drops and adds
        // items, so `replace` keeps the progress of surviving paths) and an extra plan.
        try Data(C.planText(title: "yy2025 卫生健康工作要点", sections: 4, items: 5).utf8)
            .write(to: dir.appendingPathComponent("yy2025-a.txt"))
        try Data(C.planText(title: "yy2025 卫生健康工作要点（修订）", sections: 5, items: 4).utf8)
            .write(to: dir.appendingPathComponent("yy2025-b.txt"))
        try Data(C.planText(title: "extra 卫生健康工作要点", sections: 2, items: 3).utf8)
            .write(to: dir.appendingPathComponent("extra.txt"))
        let bad = "id,status,progress\n\(ids[0]),done,100\n\(ids[1]),done,150\nnosuch:1.1,done,1\n"
        try Data(bad.utf8).write(to: dir.appendingPathComponent("bad.csv"))
        return count
    }

    func makeCommands(_ n: Int, ids: [String], sheets: Int, random r: inout Random) -> [String] {
        var out: [String] = []
        for _ in 0..<n {
            let month = "2025-0\(1 + r.int(9))"
            switch r.int(100) {
            case 0..<55:
                let targets = (0..<(1 + r.int(3))).map { _ in r.pick(ids) }
                var sets = ["status = \(r.pick(Self.statuses))", "progress = \(r.int(101))"]
                if r.int(2) == 0 { sets.append("note = \"\(r.pick(Self.notes))\"") }
                if r.int(5) == 0 { sets.append("due = 2025-\(String(format: "%02d", 1 + r.int(12)))-1\(r.int(9))") }
                sets.append("month = \(month)")
                out.append("update \(targets.joined(separator: ", ")) set \(sets.joined(separator: ", "))")
            case 55..<70: out.append("import progress sheet\(r.int(sheets)).csv month \(month)")
            case 70..<73: out.append("import progress bad.csv month \(month)")
            case 73..<80: out.append("save s\(r.int(3))!")
            case 80..<84: out.append("load s\(r.int(3))")
            case 84..<86: out.append(r.int(2) == 0 ? "update \(r.pick(ids)) set progress = 150" : "update nosuch:9.9 set status = done")
            case 86..<88: out.append("import plan yy2025-\(r.pick(["a", "b"])).txt as yy2025 replace")
            case 88: out.append("import plan extra.txt as extra" + (r.int(2) == 0 ? " replace" : ""))
            case 89: out.append(r.int(2) == 0 ? "drop plan extra" : "update extra:1.1, extra:2.3 set status = behind, month = \(month)")
            default: out.append(r.pick(["history \(r.pick(ids))", "snapshots", "diff s\(r.int(3))", "check"]))
            }
        }
        return out
    }

    @Test func killNineNeverLosesAcknowledgedCommandsOrBreaksTheStore() throws {
        let plansh = try C.plansh()
        let dir = C.temporaryDirectory("crash")
        defer { try? FileManager.default.removeItem(at: dir) }
        let storeDir = dir.appendingPathComponent("store")
        let refDir = dir.appendingPathComponent("reference")
        let plans = [("yy2025", 4, 5), ("sy2024", 3, 6), ("zj2025", 5, 4)]
        let ids = try C.seedStore(at: storeDir, plans: plans)
        _ = try C.seedStore(at: refDir, plans: plans)
        #expect(ids.count == 58)

        // PLANSH_CRASH_SEED=N tries another command sequence and other kill moments (by hand, in a loop).
        let seed = ProcessInfo.processInfo.environment["PLANSH_CRASH_SEED"].flatMap { UInt64($0) }
        var r = Random(state: seed ?? 20_250_430)
        let sheets = try writeSheets(in: dir, ids: ids, random: &r)
        let commands = makeCommands(4000, ids: ids, sheets: sheets, random: &r)

        // The same commands in-process on a reference store, one fingerprint per prefix, computed lazily.
        let reference = Session(store: try Store.open(at: refDir), environment: SessionEnvironment(workingDirectory: dir))
        defer { reference.store.close() }
        reference.output = { _ in }
        reference.errorOutput = { _ in }
        var refStates = [C.fingerprint(reference.workspace)]
        func ref(_ i: Int) -> String {
            while refStates.count <= i {
                reference.execute(commands[refStates.count - 1])
                refStates.append(C.fingerprint(reference.workspace))
            }
            return refStates[i]
        }

        var next = 0 // first command not yet reflected in the store
        var kills = 0, killsMidRun = 0, trials = 0, inFlightKept = 0
        while kills < 60 && next < commands.count && trials < 400 {
            trials += 1
            // The script: commands from `next`, each acknowledged by its index once it completed.
            var script = ["set errors = continue"]
            for j in next..<commands.count {
                script.append(commands[j])
                script.append("echo ACK \(j)")
            }
            let scriptURL = dir.appendingPathComponent("crash.plansh")
            try Data((script.joined(separator: "\n") + "\n").utf8).write(to: scriptURL)
            let outURL = dir.appendingPathComponent("out.txt"), errURL = dir.appendingPathComponent("err.txt")
            _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
            let p = Process()
            p.executableURL = plansh
            p.arguments = ["--store", storeDir.path, scriptURL.path]
            p.currentDirectoryURL = dir
            p.standardInput = FileHandle.nullDevice
            p.standardOutput = try FileHandle(forWritingTo: outURL)
            p.standardError = try FileHandle(forWritingTo: errURL)
            try p.run()
            // Most kills come a random moment after the child acknowledged its first command (so they
            // land among commands whatever the machine's load); the rest during start-up and recovery.
            let delay: Int
            if r.int(5) == 0 {
                delay = r.int(120)
            } else {
                let started = Date()
                while p.isRunning && Date().timeIntervalSince(started) < 10 {
                    if let d = try? Data(contentsOf: outURL), d.count > 0,
                       String(decoding: d, as: UTF8.self).contains("ACK ") { break }
                    usleep(1000)
                }
                delay = r.int(150)
            }
            usleep(UInt32(delay * 1000))
            let killed = ChildExit.peek(p) == nil
            if killed { kill(p.processIdentifier, SIGKILL) }
            if killed && ChildExit.wait(p, timeout: .infinity)?.signalled == true { kills += 1 }

            let out = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
            var acked = next - 1
            for line in out.split(separator: "\n") where line.hasPrefix("ACK ") {
                if let j = Int(line.dropFirst(4)) { acked = max(acked, j) }
            }
            if acked >= next { killsMidRun += killed ? 1 : 0 }

            // The store opens, verifies, and holds the state after `acked` (or after the command in flight).
            let store = try Store.open(at: storeDir)
            let checks = store.check()
            #expect(checks.allSatisfy { $0.problem == nil }, "trial \(trials): \(checks)")
            let state = C.fingerprint(store.workspace)
            store.close()
            let afterAcked = ref(acked + 1)
            let afterInFlight = acked + 1 < commands.count ? ref(acked + 2) : afterAcked
            if state == afterAcked {
                next = acked + 1
            } else if state == afterInFlight {
                next = acked + 2
                inFlightKept += 1
            } else {
                Issue.record("""
                    trial \(trials): after kill at \(delay) ms the store does not hold the state after command \(acked) \
                    (\(acked >= 0 ? commands[acked] : "start")) nor after \(acked + 1) (\(acked + 1 < commands.count ? commands[acked + 1] : "end"))
                    stderr: \(String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self).suffix(600))
                    """)
                return
            }
            if trials % 10 == 0 {
                // End to end: a fresh plansh process agrees that the store is intact.
                let (status, _, err) = try C.run(["--store", storeDir.path, "-c", "check"])
                #expect(status == 0, "plansh check failed: \(err)")
            }
        }
        print("crash test: \(trials) trials, \(kills) kills (\(killsMidRun) after a completed command), "
              + "\(inFlightKept) in-flight commands found durable, \(next) commands reflected")
        #expect(kills >= 50, "only \(kills) kills in \(trials) trials")
        #expect(killsMidRun >= 25, "only \(killsMidRun) kills landed after a completed command")
        // Sanity: the run did real work (updates, sheets, saves, loads were reached); another
        // seed's sequence may not reach them all.
        guard seed == nil else { return }
        let done = commands[0..<next]
        #expect(done.contains { $0.hasPrefix("load ") } && done.contains { $0.hasPrefix("import progress sheet") })
        #expect(done.contains { $0.hasPrefix("import plan yy2025-b") } && done.contains { $0.hasPrefix("drop plan") })
    }

    /// `scripts/crash-trials 30`: `kill -9` during every kind of change, including `recover`.
    @Test func crashTrialsScript() throws {
        let script = C.packageRoot.appendingPathComponent("scripts/crash-trials")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") || FileManager.default.isExecutableFile(atPath: "/usr/bin/env") else {
            print("crash-trials: skipped (no python3)")
            return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path, "30", "--plansh", try C.plansh().path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        print(text)
        #expect(p.exitStatus() == 0, "\(text)")
        #expect(text.contains("tried 30 / clear error") && text.contains("/ crash 0 / hang 0 / data loss 0"), "\(text)")
    }
}
