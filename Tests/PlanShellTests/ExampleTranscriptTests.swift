import Foundation
import Testing
import PlanKit
import PlanShell

/// Every script in examples/scripts runs on a fresh store, and what it prints (and the files it
/// writes) is compared with `examples/scripts/<name>.expected`.
///
/// A script says how it is tested in its header comments (the shell ignores them):
/// - `#$ COMMAND` runs a command first, to set the store up (must succeed; not recorded);
/// - `#< OTHER.plansh ARGS…` runs another example first, likewise;
/// - `#= DEST < SOURCE` puts a copy of SOURCE at DEST in the working directory before the runs;
/// - `#> ARGS…` is one recorded run of the script with these arguments (several lines, several runs, in order).
///
/// The working directory is a temporary copy of `examples/`, so scripts use the same relative
/// paths as when run from the repository root. Standard error lines are marked `stderr| `.
/// Re-record with `RECORD_TRANSCRIPTS=1 swift test --filter ExampleTranscriptTests`.
@Suite struct ExampleTranscriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let scriptsDir = root.appendingPathComponent("examples/scripts")
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_TRANSCRIPTS"] == "1" }

    static let allScripts: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: scriptsDir.path)) ?? [])
        .filter { $0.hasSuffix(".plansh") }.sorted()
    /// Scripts whose commands (and whose setup scripts' commands) this build has.
    static let runnable = allScripts.filter { missingCommands($0).isEmpty }
    static let waiting = allScripts.filter { !missingCommands($0).isEmpty }

    @Test func thereAreExamples() {
        #expect(Self.allScripts.contains("monthly-report.plansh"))
        #expect(Self.allScripts.count >= 3)
        // No expected output without its script.
        let expected = ((try? FileManager.default.contentsOfDirectory(atPath: Self.scriptsDir.path)) ?? [])
            .filter { $0.hasSuffix(".expected") }.map { $0.replacingOccurrences(of: ".expected", with: ".plansh") }
        #expect(Set(expected).isSubset(of: Set(Self.allScripts)), "stale .expected files: \(Set(expected).subtracting(Self.allScripts))")
    }

    @Test(arguments: runnable) func transcript(script: String) throws {
        let transcript = try Self.run(script)
        let expectedURL = Self.scriptsDir.appendingPathComponent(script.replacingOccurrences(of: ".plansh", with: ".expected"))
        if Self.recording {
            try Data(transcript.utf8).write(to: expectedURL)
            return
        }
        guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
            Issue.record("no \(expectedURL.lastPathComponent); record it with RECORD_TRANSCRIPTS=1")
            return
        }
        if transcript != expected {
            let diff = LineDiff.render(expected: expected, actual: transcript)
            Issue.record(Comment(rawValue: "\(script): output differs from \(expectedURL.lastPathComponent) (- expected, + actual):\n\(diff)"))
        }
    }

    /// Scripts that use commands this build lacks cannot run yet; they show up here as known issues.
    @Test(.enabled(if: !waiting.isEmpty)) func scriptsWaitingForCommands() {
        for s in Self.waiting {
            withKnownIssue("\(s) needs commands not in this build: \(Self.missingCommands(s).joined(separator: ", "))") {
                Issue.record("not run")
            }
        }
    }

    // MARK: Running

    struct Directives {
        var commands: [String] = []
        var setup: [(script: String, args: [String])] = []
        var copies: [(dest: String, source: String)] = []
        var runs: [[String]] = []
    }

    static func directives(_ script: String) -> Directives {
        var d = Directives()
        let text = (try? String(contentsOf: scriptsDir.appendingPathComponent(script), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.dropFirst(2).split(separator: " ").map(String.init)
            if line.hasPrefix("#$") {
                d.commands.append(line.dropFirst(2).trimmingCharacters(in: .whitespaces))
            } else if line.hasPrefix("#<"), let first = words.first {
                d.setup.append((first, Array(words.dropFirst())))
            } else if line.hasPrefix("#="), words.count == 3, words[1] == "<" {
                d.copies.append((words[0], words[2]))
            } else if line.hasPrefix("#>") {
                d.runs.append(words)
            }
        }
        return d
    }

    /// Commands the script (or its setup) uses that `CommandTable` does not know.
    static func missingCommands(_ script: String, seen: Set<String> = []) -> [String] {
        guard !seen.contains(script),
              let text = try? String(contentsOf: scriptsDir.appendingPathComponent(script), encoding: .utf8) else { return [] }
        var missing: [String] = []
        let d = directives(script)
        for line in text.split(separator: "\n").map(String.init) + d.commands {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty, !t.hasPrefix("#") else { continue }
            let words = t.split(separator: " ").prefix(3).map(String.init)
            if CommandTable.lookup(words) == nil, let w = words.first, !missing.contains(w) {
                missing.append(words.count > 1 ? "\(w) \(words[1])" : w)
            }
        }
        for s in d.setup { missing += missingCommands(s.script, seen: seen.union([script])) }
        return missing
    }

    /// Output collected from a session, in the order it was written.
    final class Capture: @unchecked Sendable {
        var text = ""
    }

    static func run(_ script: String) throws -> String {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("plansh-examples-\(getpid())-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: tmp) }
        let work = tmp.appendingPathComponent("work")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        try fm.copyItem(at: root.appendingPathComponent("examples"), to: work.appendingPathComponent("examples"))
        let d = directives(script)
        for c in d.copies {
            let dest = work.appendingPathComponent(c.dest)
            try? fm.removeItem(at: dest)
            try fm.copyItem(at: work.appendingPathComponent(c.source), to: dest)
        }
        let store = try Store.open(at: tmp.appendingPathComponent("store"))
        defer { store.close() }
        let session = Session(store: store, environment: SessionEnvironment(workingDirectory: work))
        let capture = Capture()
        session.output = { capture.text += $0 }
        session.errorOutput = { s in
            capture.text += s.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, l in
                l.isEmpty && i > 0 ? "" : "stderr| " + l
            }.joined(separator: "\n")
        }

        for c in d.commands {
            guard session.execute(c, file: "<setup>") else { throw TranscriptError.setupFailed(c, capture.text) }
        }
        for s in d.setup {
            let name = "examples/scripts/\(s.script)"
            guard session.runScript(at: work.appendingPathComponent(name), displayName: name, arguments: s.args) else {
                throw TranscriptError.setupFailed(s.script, capture.text)
            }
        }
        capture.text = ""

        var out = ""
        for args in d.runs.isEmpty ? [[]] : d.runs {
            let before = files(in: work)
            let name = "examples/scripts/\(script)"
            out += "$ plansh " + ([name] + args).joined(separator: " ") + "\n"
            let ok = session.runScript(at: work.appendingPathComponent(name), displayName: name, arguments: args)
            out += capture.text
            capture.text = ""
            if !out.hasSuffix("\n") { out += "\n" }
            out += "exit status \(ok ? 0 : 1)\n"
            for (path, data) in files(in: work).sorted(by: { $0.key < $1.key }) where before[path] != data {
                out += describe(path, data)
            }
            out += state(of: store)
            out += "\n"
        }
        return normalized(out.replacingOccurrences(of: tmp.path, with: "$TMP"))
    }

    /// Wall-clock times (`2026-11-24 02:53`, as `plans`, `snapshots` and `history` print them)
    /// become `<time>`, so a transcript recorded today matches tomorrow. Snapshot sizes (`58.5 KB`) vary by a few bytes with the time stamps inside, so they become `<size>`.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"\b20\d\d-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?\b"#, with: "<time>",
                                  options: .regularExpression)
            .replacingOccurrences(of: #"\b\d+(\.\d+)? (B|KB|MB|GB)\b"#, with: "<size>", options: .regularExpression)
    }

    /// Files the scripts wrote in the working directory (outside the copied examples).
    static func files(in dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(at: dir, includingPropertiesForKeys: nil) else { return out }
        for case let url as URL in e {
            let rel = String(url.standardizedFileURL.path.dropFirst(dir.standardizedFileURL.path.count + 1))
            if rel.hasPrefix("examples") { continue }
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue, let data = fm.contents(atPath: url.path) {
                out[rel] = data
            }
        }
        return out
    }

    /// A written file in the transcript: text formats in full; HTML as facts that must hold.
    static func describe(_ path: String, _ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        if path.hasSuffix(".html") {
            let svgs = text.components(separatedBy: "<svg").count - 1
            let external = text.contains("http://") || text.contains("https://") || text.contains("<script")
            let title = text.range(of: "<title>").flatMap { a in
                text.range(of: "</title>").map { b in String(text[a.upperBound..<b.lowerBound]) }
            } ?? ""
            return "wrote \(path): HTML \"\(title)\", \(svgs) SVG charts, "
                + (external ? "REFERS TO THE NETWORK OR SCRIPTS" : "self-contained") + "\n"
        }
        var s = "wrote \(path):\n"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
            s += "  | " + line + "\n"
        }
        return s
    }

    /// The store after a run: plans, tasks, recorded changes and snapshots.
    static func state(of store: Store) -> String {
        let w = store.workspace
        let snaps = (try? store.snapshots())?.filter { !$0.automatic }.map(\.name) ?? []
        return "store: \(w.plans.count) plans, \(w.taskCount) tasks, \(w.history.count) recorded changes; snapshots: "
            + (snaps.isEmpty ? "none" : snaps.joined(separator: ", ")) + "\n"
    }

    enum TranscriptError: Error, CustomStringConvertible {
        case setupFailed(String, String)
        var description: String {
            switch self {
            case let .setupFailed(s, output): "setup script \(s) failed:\n\(output)"
            }
        }
    }
}

/// A line diff (longest common subsequence), lines prefixed `-`, `+` or a space; runs of
/// unchanged lines beyond 3 of context are elided.
enum LineDiff {
    static func render(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let n = a.count, m = b.count
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [(Character, String)] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] { ops.append((" ", a[i])); i += 1; j += 1 }
            else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] { ops.append(("+", b[j])); j += 1 }
            else { ops.append(("-", a[i])); i += 1 }
        }
        var keep = Array(repeating: false, count: ops.count)
        for (k, op) in ops.enumerated() where op.0 != " " {
            for c in max(0, k - 3)...min(ops.count - 1, k + 3) { keep[c] = true }
        }
        var out: [String] = []
        var skipped = false
        for (k, op) in ops.enumerated() {
            if keep[k] {
                out.append("\(op.0) \(op.1)")
                skipped = false
            } else if !skipped {
                out.append("  …")
                skipped = true
            }
        }
        return out.joined(separator: "\n")
    }
}

/// The `report` command in a session: arguments, errors with carets, `> FILE` formats.
@Suite struct ReportCommandTests {
    /// A session on a fresh store holding the demo plan 青山 with some April progress.
    static func session() throws -> (Session, ExampleTranscriptTests.Capture, URL) {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("plansh-report-\(getpid())-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        let store = try Store.open(at: tmp.appendingPathComponent("store"))
        let session = Session(store: store, environment: SessionEnvironment(workingDirectory: tmp))
        let capture = ExampleTranscriptTests.Capture()
        session.output = { capture.text += $0 }
        session.errorOutput = { capture.text += $0 }
        let plan = try PlanImporter.importFile(
            at: ExampleTranscriptTests.root.appendingPathComponent("examples/plans/qingshan2025.txt"))
        try session.commit(.importPlans([plan], replace: false))
        try session.commit(.updateProgress([
            ProgressUpdate(plan: "qingshan2025", path: "2.1.4", status: .behind, progress: 15, note: "接口未打通", source: "test"),
            ProgressUpdate(plan: "qingshan2025", path: "2.2.4", status: .done, progress: 100, source: "test"),
        ], month: YearMonth(parsing: "2025-04"), at: 1_000))
        return (session, capture, tmp)
    }

    /// The report's words come from the Lexicon in the language of `set lang` (English by
    /// default), like every other label; the data (titles, offices, notes) stays as written.
    @Test func reportsOnThePlanInTheSessionsLanguage() throws {
        let (s, out, tmp) = try Self.session()
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(s.execute("report plan qingshan2025 month 2025-04 by office"))
        #expect(out.text.hasPrefix("青山县卫生健康局2025年卫生健康工作要点 · progress in 2025-04\n"))
        #expect(out.text.contains("    note: 接口未打通"))
        #expect(out.text.contains("\n■ By office\n") && out.text.contains("\n■ 1. Summary\n") == false)
        #expect(out.text.contains("No earlier snapshot to compare with"))
        for chinese in ["月度进展", "备注", "任务状态", "没有更早的快照", "项任务", "平均进度"] {
            #expect(!out.text.contains(chinese), "\(chinese) in the English report")
        }
        out.text = ""
        #expect(s.execute("set lang zh; report plan qingshan2025 month 2025-04 by office"))
        #expect(out.text.hasPrefix("青山县卫生健康局2025年卫生健康工作要点 · 2025-04 月度进展\n"))
        #expect(out.text.contains("    备注：接口未打通"))
        #expect(out.text.contains("\n■ 各科室需关注的任务\n"))
        #expect(out.text.contains("没有更早的快照可对比"))
        #expect(!out.text.contains("progress in") && !out.text.contains("By office"))
        #expect(s.execute("report plan qingshan2025 month 2025-04 > r.md; set lang en; report plan qingshan2025 month 2025-04 > e.md"))
        let zh = try String(contentsOf: tmp.appendingPathComponent("r.md"), encoding: .utf8)
        let en = try String(contentsOf: tmp.appendingPathComponent("e.md"), encoding: .utf8)
        #expect(zh.contains("\n## 一、通报\n") && en.contains("\n## 1. Summary\n"), "\(en.prefix(400))")
    }

    @Test(arguments: [
        ("report plan qingshan", "1:13: error: no plan \"qingshan\"", "            ^^^^^^^^"),
        ("report month 2025-13", "1:14: error: \"2025-13\" is not a month", "             ^^^^^^^"),
        ("report month 2025-05", "1:14: error: no progress recorded for 2025-05 in these plans; months with progress: 2025-04", "             ^^^^^^^"),
        ("report by plan", "1:11: error: \"plan\" is not `office` or `科室`", "          ^^^^"),
        ("report qingshan2025", "1:8: error: unexpected \"qingshan2025\" — usage: report [plan ID] [month YYYY-MM] [by office]",
         "       ^^^^^^^^^^^^"),
        ("report plan", "1:12: error: expected a plan id after `plan`", "           ^"),
        ("report mnth 2025-04", "1:8: error: unexpected \"mnth\"", "       ^^^^"),
    ]) func errorsPointAtTheWord(command: String, message: String, caret: String) throws {
        let (s, out, tmp) = try Self.session()
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(!s.execute(command, file: "<typed>"))
        #expect(out.text.contains("<typed>:" + message), "\(out.text)")
        #expect(out.text.contains("\n    " + command + "\n    " + caret + "\n"), "\(out.text)")
    }

    @Test func unknownPlanSuggestsTheNearest() throws {
        let (s, out, tmp) = try Self.session()
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(!s.execute("report plan qingshan2024"))
        #expect(out.text.contains("did you mean \"qingshan2025\"?"))
        #expect(!s.execute("report mnth 2025-04"))
        #expect(out.text.contains("did you mean \"month\"?"))
    }

    @Test func writesEachFormat() throws {
        let (s, out, tmp) = try Self.session()
        defer { try? FileManager.default.removeItem(at: tmp) }
        #expect(s.execute("report > r.html; report > r.md; report > r.csv; report > r.json"), "\(out.text)")
        let html = try String(contentsOf: tmp.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg"))
        let md = try String(contentsOf: tmp.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(md.hasPrefix("# 青山县卫生健康局2025年卫生健康工作要点 · progress in 2025-04"))
        let csvData = try Data(contentsOf: tmp.appendingPathComponent("r.csv"))
        #expect(Array(csvData.prefix(3)) == [0xEF, 0xBB, 0xBF])  // BOM for Excel
        let csv = String(decoding: csvData.dropFirst(3), as: UTF8.self)
        #expect(csv.hasPrefix("id,status,progress,note,"))
        #expect(csv.split(whereSeparator: \.isNewline).count == 31)
        let json = try Data(contentsOf: tmp.appendingPathComponent("r.json"))
        #expect((try JSONSerialization.jsonObject(with: json) as? [String: Any])?["tasks"] as? Int == 30)
    }

    @Test func comparesWithTheMonthBeforesSnapshot() throws {
        let (s, out, tmp) = try Self.session()
        defer { try? FileManager.default.removeItem(at: tmp) }
        try s.store.save(name: "2025-03", overwrite: false, now: 10)
        try s.commit(.updateProgress([
            ProgressUpdate(plan: "qingshan2025", path: "2.1.4", status: .onTrack, progress: 30, note: "接口已打通", source: "test"),
        ], month: YearMonth(parsing: "2025-04"), at: 2_000))
        try s.store.save(name: "2025-04", overwrite: false, now: 20)
        #expect(s.execute("report month 2025-04"))
        #expect(out.text.contains("■ Since snapshot 2025-03\n"))
        #expect(out.text.contains("no longer behind 1"))
    }
}
