import Foundation
@testable import PlanKit

/// What every harness shares: a workspace built from the example plans and sheet, so queries,
/// sheets and journal records meet real plan ids, paths, offices and notes.
enum FuzzFixture {
    /// `examples/` of the checkout (`scripts/fuzz` sets PLANSH_FUZZ_EXAMPLES).
    static let examples = URL(fileURLWithPath: ProcessInfo.processInfo.environment["PLANSH_FUZZ_EXAMPLES"] ?? "examples")

    static let workspace: Workspace = {
        var w = Workspace()
        let plans = examples.appendingPathComponent("plans")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: plans.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        for name in names {
            guard let data = FileManager.default.contents(atPath: plans.appendingPathComponent(name).path),
                  let id = PlanImporter.planID(fromFileName: name),
                  let plan = try? PlanImporter.parse(data: data, fileName: name, id: id, now: 0) else { continue }
            try? w.apply(.importPlans([plan], replace: false))
        }
        let sheet = examples.appendingPathComponent("progress/2025-03.csv")
        if let bytes = FileManager.default.contents(atPath: sheet.path) {
            let r = ProgressSheet.parse([UInt8](bytes), displayName: "2025-03.csv", in: w)
            if r.problems.isEmpty { try? w.apply(.updateProgress(r.updates, month: nil, at: 0)) }
        }
        if w.taskCount == 0 {
            FileHandle.standardError.write("fuzz: no example plans under \(plans.path) (set PLANSH_FUZZ_EXAMPLES)\n".data(using: .utf8)!)
            exit(2)
        }
        return w
    }()

    /// One as-of date for every query, so a run does not depend on the day it runs.
    static let context = QueryContext(asOf: CalendarDay(year: 2025, month: 6, day: 15)!)

    // The query engine's entry points, in one place: when their signatures change (a context
    // argument, say), only these two lines follow.

    /// Runs a `find`/`count` command against `w`.
    static func query(_ command: String, in w: Workspace) throws -> QueryResult {
        try QueryEngine.run(command, in: w, context: context)
    }

    /// Rows matching a filter expression.
    static func filter(_ expression: String, in w: Workspace) throws -> [Int] {
        try QueryEngine.filterRows(expression, in: w, context: context)
    }

    /// Renders `r` in every format, as the shell and `> FILE` would.
    static func renderEverywhere(_ r: some Renderable) {
        for f in OutputFormat.allCases {
            _ = r.render(f, RenderContext(width: 80, isTerminal: true))
            _ = r.render(f, RenderContext(width: 120, isTerminal: false))
        }
    }

    /// Imports `data` as plan `fuzz` (any format `import plan` reads: the name's extension only
    /// breaks ties) beside the example plans, then queries it, shows its outline and its first
    /// tasks, as `import plan`, `find`, `show plan` and `show task` would.
    static func importPlan(_ data: Data, fileName: String) {
        guard let plan = try? PlanImporter.parse(data: data, fileName: fileName, id: "fuzz", now: 0) else { return }
        var w = workspace
        guard (try? w.apply(.importPlans([plan], replace: true))) != nil else { return }
        if let r = try? query("find tasks where plan = fuzz", in: w) { renderEverywhere(r) }
        _ = try? query("count tasks where plan = fuzz by office, status", in: w)
        _ = try? query("find targets where plan = fuzz", in: w)
        if let outline = try? PlanOutline(workspace: w, planID: "fuzz") { renderEverywhere(outline) }
        let rows = (try? filter("plan = fuzz", in: w)) ?? []
        for row in rows.prefix(3) { renderEverywhere(TaskDetail(workspace: w, row: row, context: context)) }
    }

    /// The input as text when it is valid UTF-8.
    static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String? {
        String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }
}
