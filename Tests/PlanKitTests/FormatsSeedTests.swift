import Foundation
import Testing
@testable import PlanKit

/// The five seeds saved as a .docx and as a GBK web page (written here from the seed text)
/// import exactly like the text itself, and so match ../shared/seeds-truth.
@Suite(.enabled(if: Fixtures.hasShared, Comment(rawValue: Fixtures.sharedMissing)))
struct FormatsSeedTests {
    static let seeds = Fixtures.hasShared ? Fixtures.seedNames() : []

    static func lines(_ seed: String) throws -> [String] {
        let text = try String(contentsOf: Fixtures.shared.appendingPathComponent("seeds/\(seed).txt"), encoding: .utf8)
        return text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    }

    func check(_ seed: String, _ data: Data, fileName: String) throws {
        let plan = try PlanImporter.parse(data: data, fileName: fileName, id: "seed", now: 0)
        let text = try PlanImporter.importFile(at: Fixtures.shared.appendingPathComponent("seeds/\(seed).txt"), id: "seed", now: 0)
        let truth = try Fixtures.truth(seed)["tasks"] as? [[String: Any]] ?? []
        #expect(plan.tasks.map(\.path) == truth.map { $0["path"] as? String ?? "" }, "\(fileName) paths")
        let byPath = Dictionary(plan.tasks.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        for t in truth {
            let path = t["path"] as? String ?? ""
            #expect(byPath[path]?.offices == (t["offices"] as? [String] ?? []), "\(fileName) offices of \(path)")
            #expect(byPath[path]?.heading == t["heading"] as? String, "\(fileName) heading of \(path)")
            let expected = (t["figures_norm"] as? [[Any]] ?? []).map { pair in
                FigurePair(value: (pair.first as? NSNumber)?.doubleValue, unit: pair.count > 1 ? pair[1] as? String ?? "" : "")
            }
            #expect((byPath[path]?.targets ?? []).map { FigurePair(value: $0.value, unit: $0.unit) } == expected,
                    "\(fileName) figures of \(path)")
        }
        let a = planSignature(plan), b = planSignature(text)
        #expect(a.count == b.count, "\(fileName) task count")
        for (x, y) in zip(a, b) where x != y { Issue.record("\(fileName): \(x) ≠ \(y)") }
    }

    @Test(arguments: seeds) func seedAsDocx(seed: String) throws {
        try check(seed, DocxWriter.docx(lines: Self.lines(seed)), fileName: "\(seed).docx")
    }

    @Test(arguments: seeds) func seedAsWebPage(seed: String) throws {
        try check(seed, HtmlWriter.page(lines: Self.lines(seed)), fileName: "\(seed).html")
    }
}
