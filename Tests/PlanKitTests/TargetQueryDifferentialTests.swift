import Foundation
import Testing
@testable import PlanKit

/// `find targets` and `count targets` against an independent evaluation of the exported JSON:
/// every target row is exported once, each question is answered again here from the JSON
/// objects alone (and attainment and met recomputed from actual, value and comparator).
@Suite struct TargetQueryDifferentialTests {
    static let asOf = CalendarDay(year: 2025, month: 4, day: 30) ?? CalendarDay(containing: Date())

    static func demo() throws -> Workspace {
        var w = Workspace()
        try w.apply(.importPlans(try DemoPlanTests.names.map(DemoPlanTests.load), replace: false))
        let dir = Fixtures.packageRoot.appendingPathComponent("examples/progress")
        for month in ["2025-03", "2025-04"] {
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent("\(month).csv")))
            let sheet = try ProgressSheet.parse(file: bytes, displayName: "\(month).csv", sheet: nil, in: w)
            try #require(sheet.problems.isEmpty, "\(sheet.problems)")
            try w.apply(.updateProgress(sheet.updates, month: YearMonth(parsing: month), at: 1))
        }
        return w
    }

    typealias Row = [String: Any]

    static func ids(_ q: String, _ w: Workspace) throws -> [String] {
        try QueryEngine.run(q, in: w, context: QueryContext(asOf: asOf)).taskIDs
    }

    static func number(_ r: Row, _ k: String) -> Double? { (r[k] as? NSNumber)?.doubleValue }
    static func text(_ r: Row, _ k: String) -> String { r[k] as? String ?? "" }

    @Test func findAndCountTargetsAgreeWithTheJSON() throws {
        let w = try Self.demo()
        let json = try QueryEngine.run("find targets", in: w, context: QueryContext(asOf: Self.asOf)).render(.json, RenderContext())
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Row])
        #expect(rows.count == w.tasks.targetKind.filter { $0 == 0 }.count)
        #expect(rows.allSatisfy { Self.text($0, "kind") == "target" })
        #expect(rows.filter { $0["actual"] is NSNumber }.count == 16)

        // Attainment and met from actual, value and comparator alone.
        for r in rows {
            guard let a = Self.number(r, "actual"), let v = Self.number(r, "value") else {
                #expect(r["attainment"] is NSNull && r["met"] is NSNull && r["light"] is NSNull, "\(Self.text(r, "id"))")
                continue
            }
            let c = Self.text(r, "comparator")
            let want: (Double, Bool) = switch c {
            case "<=": (a == 0 ? 1 : v / a, a <= v)
            case "range": (a / v, a >= v && a <= (Self.number(r, "high") ?? v))
            default: (a / v, a >= v)
            }
            #expect(abs((Self.number(r, "attainment") ?? -1) - want.0) < 1e-9, "\(Self.text(r, "id"))")
            #expect((r["met"] as? Bool) == want.1, "\(Self.text(r, "id"))")
            #expect((r["met"] as? Bool) != true || Self.text(r, "light") == "green")
        }

        let cases: [(String, (Row) -> Bool)] = [
            ("find targets where light = red", { Self.text($0, "light") == "red" }),
            ("find targets where light in (red, yellow)", { ["red", "yellow"].contains(Self.text($0, "light")) }),
            ("find targets where unit = \"%\" and met = false", { Self.text($0, "unit") == "%" && ($0["met"] as? Bool) == false }),
            ("find targets where attainment < 50%", { (Self.number($0, "attainment") ?? .nan) < 0.5 }),
            ("find targets where value >= 100 and unit = 个", { (Self.number($0, "value") ?? .nan) >= 100 && Self.text($0, "unit") == "个" }),
            ("find targets where actual is empty and plan = qingshan2025", { !($0["actual"] is NSNumber) && Self.text($0, "plan") == "qingshan2025" }),
            ("find targets where lead = 医政科 or office = 妇幼健康科", {
                Self.text($0, "lead") == "医政科" || (($0["offices"] as? [String]) ?? []).contains("妇幼健康科")
            }),
            ("find targets where metric contains \"率\" and comparator = \"<=\"", { Self.text($0, "metric").contains("率") && Self.text($0, "comparator") == "<=" }),
            ("find targets where not (met = true) and actual >= 10", { ($0["met"] as? Bool) != true && (Self.number($0, "actual") ?? .nan) >= 10 }),
        ]
        for (q, keep) in cases {
            let want = rows.filter(keep).map { Self.text($0, "id") }
            #expect(try Set(Self.ids(q, w)) == Set(want), "\(q)")
            #expect(!want.isEmpty || q.contains("yellow"), "\(q) selects something")
        }

        // count targets by unit, light: groups of the JSON rows, those with no light in their own.
        var want: [String: Int] = [:]
        for r in rows { want["\(Self.text(r, "unit"))|\(r["light"] is NSNull ? "" : Self.text(r, "light"))", default: 0] += 1 }
        let groups = try QueryEngine.run("count targets by unit, light", in: w, context: QueryContext(asOf: Self.asOf)).groups
        var got: [String: Int] = [:]
        for g in groups { got[g.values.map(\.text).joined(separator: "|")] = g.count }
        #expect(got == want)
    }
}
