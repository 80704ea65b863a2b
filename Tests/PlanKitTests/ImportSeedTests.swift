import Foundation
import Testing
@testable import PlanKit

/// The five real seeds against their ground truth (../shared/seeds-truth).
@Suite(.enabled(if: Fixtures.hasShared, Comment(rawValue: Fixtures.sharedMissing)))
struct ImportSeedTests {
    static let seeds = Fixtures.hasShared ? Fixtures.seedNames() : []

    func load(_ seed: String) throws -> (ImportedPlan, [[String: Any]]) {
        let url = Fixtures.shared.appendingPathComponent("seeds/\(seed).txt")
        let plan = try PlanImporter.importFile(at: url, id: "seed")
        let truth = try Fixtures.truth(seed)
        return (plan, truth["tasks"] as? [[String: Any]] ?? [])
    }

    @Test(arguments: seeds) func pathsMatchTruth(seed: String) throws {
        let (plan, truth) = try load(seed)
        #expect(plan.tasks.map(\.path) == truth.map { $0["path"] as? String ?? "" })
    }

    @Test(arguments: seeds) func officesMatchTruth(seed: String) throws {
        let (plan, truth) = try load(seed)
        let byPath = Dictionary(plan.tasks.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for t in truth {
            let path = t["path"] as? String ?? ""
            #expect(byPath[path]?.offices == (t["offices"] as? [String] ?? []), "task \(path)")
            #expect(byPath[path]?.officesOpen == (t["offices_open"] as? Bool ?? false), "task \(path) open list")
        }
    }

    @Test(arguments: seeds) func headingsAndBodiesMatchTruth(seed: String) throws {
        let (plan, truth) = try load(seed)
        let byPath = Dictionary(plan.tasks.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for t in truth {
            let path = t["path"] as? String ?? ""
            #expect(byPath[path]?.heading == t["heading"] as? String, "heading of \(path)")
            #expect(byPath[path]?.text.count == t["chars_body"] as? Int, "body length of \(path)")
        }
    }

    @Test(arguments: seeds) func figuresMatchTruth(seed: String) throws {
        let (plan, truth) = try load(seed)
        let byPath = Dictionary(plan.tasks.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for t in truth {
            let path = t["path"] as? String ?? ""
            let expected = (t["figures_norm"] as? [[Any]] ?? []).map { pair in
                FigurePair(value: (pair.first as? NSNumber)?.doubleValue, unit: pair.count > 1 ? pair[1] as? String ?? "" : "")
            }
            let got = (byPath[path]?.targets ?? []).map { FigurePair(value: $0.value, unit: $0.unit) }
            #expect(got == expected, "figures of \(path)")
        }
    }
}

struct FigurePair: Equatable, CustomStringConvertible {
    var value: Double?
    var unit: String
    var description: String { "[\(value.map { String($0) } ?? "null"), \(unit)]" }
}
