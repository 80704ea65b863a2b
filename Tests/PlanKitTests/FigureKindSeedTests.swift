import Foundation
import Testing
@testable import PlanKit

/// The kind of every seed figure, read by hand by the rules of SPEC §11
/// (`Fixtures/figure-kinds/<seed>.json`), against what the importer decides.
@Suite(.enabled(if: Fixtures.hasShared, Comment(rawValue: Fixtures.sharedMissing)))
struct FigureKindSeedTests {
    static let seeds = Fixtures.hasShared ? Fixtures.seedNames() : []

    struct Reading {
        var figures: Int
        var qualifiers: Int
        /// path → [(figure as printed, kind)]
        var tasks: [String: [(String, TargetKind)]]
    }

    static func reading(_ seed: String) throws -> Reading {
        let url = Fixtures.packageRoot.appendingPathComponent("Tests/PlanKitTests/Fixtures/figure-kinds/\(seed).json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var tasks: [String: [(String, TargetKind)]] = [:]
        for (path, rows) in json["tasks"] as? [String: [[String: Any]]] ?? [:] {
            tasks[path] = try rows.map { row in
                let kind = try #require(TargetKind(rawValue: row["kind"] as? String ?? ""), "kind of \(path)")
                return (row["figure"] as? String ?? "", kind)
            }
        }
        return Reading(figures: json["figures"] as? Int ?? -1, qualifiers: json["qualifiers"] as? Int ?? -1, tasks: tasks)
    }

    @Test(arguments: seeds) func importerAgreesWithTheReadingOnEveryFigure(seed: String) throws {
        let reading = try Self.reading(seed)
        let plan = try PlanImporter.importFile(at: Fixtures.shared.appendingPathComponent("seeds/\(seed).txt"), id: "seed")
        var seen = 0, disagreements: [String] = []
        for task in plan.tasks {
            let want = reading.tasks[task.path] ?? []
            #expect(task.targets.count == want.count, "figures of \(task.path)")
            for (t, (printed, kind)) in zip(task.targets, want) where t.kind != kind {
                disagreements.append("\(task.path) \(printed): read \(kind.rawValue), imported \(t.kind.rawValue) (metric \(t.metric))")
            }
            seen += want.count
        }
        #expect(seen == reading.figures, "every figure of the reading belongs to an imported task")
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
        let qualifiers = plan.tasks.reduce(0) { $0 + $1.targets.filter { $0.kind == .qualifier }.count }
        #expect(qualifiers == reading.qualifiers)
    }
}
