import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// Rules are the bureau's, part of the working state (SPEC §9): set in one plansh process, read by
/// the next, refused whole when nonsense, restored by `load` — each run a separate process.
@Suite struct SupervisionProcessTests {
    typealias C = CrashTestSupport

    @Test func rulesPersistAcrossProcesses() throws {
        let dir = C.temporaryDirectory("rules-proc")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store").path
        _ = try C.seedStore(at: URL(fileURLWithPath: store), plans: [("yy2025", 2, 3)])
        func plansh(_ commands: String) throws -> (status: Int32, out: String, err: String) {
            try C.run(["--store", store, "-c", commands])
        }
        let set = try plansh("set rule red = 40; set rule score_red = 3")
        #expect(set.status == 0, "\(set.err)")
        #expect(set.out == "rule red = 40 (was 30)\nrule score_red = 3 (was 2)\n")

        let rules = try plansh("rules")
        #expect(rules.out.contains("\nred              40       30  "), "\(rules.out)")
        #expect(rules.out.contains("\nscore_red         3        2  "), "\(rules.out)")
        let score = try plansh("set today = 2025-04-30; score")
        #expect(score.out.hasPrefix("score as of 2025-04-30 (100 − 1×yellow − 3×red)"), "\(score.out)")

        // Nonsense is one line, exit 1, and the next process still sees the old rules.
        let bad = try plansh("set rule red = 5")
        #expect(bad.status == 1)
        #expect(bad.err.hasPrefix("error: red must be at least yellow (10), not 5\n"), "\(bad.err)")
        #expect(try plansh("set rule yellow = 45").err.hasPrefix("error: yellow must be at most red (40), not 45\n"))
        #expect(try plansh("rules").out == rules.out)

        // Saved in a snapshot and restored by load, in a later process.
        #expect(try plansh("save before; set rule red = 60").status == 0)
        #expect(try plansh("rules").out.contains("\nred              60       30  "))
        #expect(try plansh("load before").status == 0)
        #expect(try plansh("rules").out == rules.out)
    }
}
