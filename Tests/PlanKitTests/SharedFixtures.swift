import Foundation

/// Paths to the package and to `../shared` (seeds, truth, corpus generator), found from this file.
enum Fixtures {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("seeds").path) }
    static let sharedMissing = "needs ../shared (seeds, seeds-truth, bench) beside the checkout; absent here"

    static func seedNames() -> [String] {
        let dir = shared.appendingPathComponent("seeds")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func truth(_ seed: String) throws -> [String: Any] {
        let data = try Data(contentsOf: shared.appendingPathComponent("seeds-truth/\(seed).json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// Runs the corpus generator into a fresh temporary directory.
    static func generateCorpus(tasks: Int, quirks: Double, seed: Int = 1) throws -> URL {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-corpus-\(tasks)-\(quirks)-\(seed)-\(getpid())")
        if FileManager.default.fileExists(atPath: out.appendingPathComponent("truth.jsonl").path) { return out }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", shared.appendingPathComponent("bench/gen_corpus.py").path, "--tasks", String(tasks),
                       "--quirks", String(quirks), "--seed", String(seed), "--out", out.path, "--quiet"]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return out
    }

    static func jsonLines(_ url: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}
