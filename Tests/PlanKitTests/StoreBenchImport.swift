import Foundation
import Testing
@testable import PlanKit

/// Used by `scripts/bench-store` while the shell has no `import plan` command: imports a
/// generated corpus (`PLANSH_BENCH_CORPUS`) into a store (`PLANSH_BENCH_STORE`) with the real
/// importer and `Store.commit`, as `import plan DIR` would. Skipped unless both are set.
@Suite struct StoreBenchImport {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var configured: Bool {
        environment["PLANSH_BENCH_CORPUS"] != nil && environment["PLANSH_BENCH_STORE"] != nil
    }

    @Test(.enabled(if: configured, "set PLANSH_BENCH_CORPUS and PLANSH_BENCH_STORE (scripts/bench-store does)"))
    func importCorpusIntoStore() throws {
        let corpus = URL(fileURLWithPath: Self.environment["PLANSH_BENCH_CORPUS"] ?? "")
        let storeDir = URL(fileURLWithPath: Self.environment["PLANSH_BENCH_STORE"] ?? "")
        let docs = corpus.appendingPathComponent("docs")
        let files = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".txt") }.sorted()
        let started = Date()
        var plans: [ImportedPlan] = []
        var bytes = 0
        for f in files {
            let url = docs.appendingPathComponent(f)
            bytes += (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            plans.append(try PlanImporter.importFile(at: url))
        }
        let parsed = Date()
        let store = try Store.open(at: storeDir)
        defer { store.close() }
        try store.commit(.importPlans(plans, replace: false))
        let committed = Date()
        print(String(format: "bench-import: %d files, %.1f MB, %d tasks; parse %.2f s, commit (apply + write working snapshot) %.2f s",
                     files.count, Double(bytes) / 1e6, store.workspace.taskCount,
                     parsed.timeIntervalSince(started), committed.timeIntervalSince(parsed)))
    }
}
