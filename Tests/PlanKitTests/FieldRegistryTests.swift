import Foundation
import Testing
@testable import PlanKit

/// The field registry is the one place a field is declared: lookups, `help query` and completion
/// all read it, and the as-of day of the query context drives every date rule.
@Suite struct FieldRegistryTests {
    /// Every name and alias finds its own entry, whatever the case or width it is typed in.
    @Test func namesAndAliasesComeFromTheRegistry() throws {
        var seen: [String: String] = [:]
        for kind in RowKind.allCases {
            seen = [:]
            for f in FieldRegistry.fields(kind) {
                for word in [f.name] + f.aliases {
                    let key = TextFolding.keyword(word)
                    #expect(seen[key] == nil, "\(word) names both \(seen[key] ?? "") and \(f.name)")
                    seen[key] = f.name
                    #expect(FieldRegistry.field(named: word, in: kind) == f)
                    #expect(FieldRegistry.field(named: word.uppercased(), in: kind) == f)
                }
            }
        }
        let fullWidth = String(String.UnicodeScalarView("office".unicodeScalars.compactMap { Unicode.Scalar($0.value + 0xFEE0) }))
        #expect(Field(named: fullWidth) == .office)
        #expect(Field(named: "责任科室") == .office)
        #expect(Field(named: "nonsense") == nil)
    }

    /// `help query` lists every field with every alias and its summary.
    @Test func helpQueryListsEveryFieldAndAlias() {
        let help = QueryHelp.text()
        let lines = help.split(separator: "\n").map(String.init)
        for f in Field.allCases {
            let line = lines.first { $0.hasPrefix("  " + f.name + " ") }
            #expect(line != nil, "help query misses \(f.name)")
            #expect(line?.contains(f.summary) == true)
            for a in f.aliases { #expect(line?.contains(a) == true, "help query misses alias \(a) of \(f.name)") }
        }
        let find = QueryHelp.fieldLines()
        for f in Field.allCases { #expect(find.contains(f.name)) }
        for a in Field.allCases.flatMap(\.aliases) where !a.allSatisfy(\.isASCII) { #expect(find.contains(a)) }
    }

    /// After `where` every field and Chinese alias is offered; values come from the field's entry.
    @Test func completionComesFromTheRegistry() throws {
        let w = QueryFixture.workspace
        let fields = try #require(QueryCompletion.candidates(forLine: "find where ", workspace: w))
        for f in Field.allCases {
            #expect(fields.contains(f.name))
            for a in f.aliases where !a.allSatisfy(\.isASCII) { #expect(fields.contains(a)) }
        }
        for f in Field.allCases {
            let expected = f.entry.complete(w, "")
            let got = QueryCompletion.candidates(forLine: "find where \(f.name) = ", workspace: w) ?? []
            #expect(Set(got) == Set(expected), "\(f.name)")
        }
        #expect(QueryCompletion.candidates(forLine: "find where 状态 = 滞", workspace: w) == ["滞后"])
    }

    /// JSON keys are the registry's JSON members in order: SPEC §3's stable shape.
    @Test func jsonKeysFollowTheRegistryInSpecOrder() {
        let keys = FieldRegistry.entries(.tasks).compactMap(\.json?.key)
        // §9's keys are appended after the existing ones.
        #expect(keys == ["id", "plan", "path", "heading", "text", "offices", "targets", "status", "progress", "note", "due", "updated",
                         "lead", "start", "expected", "gap", "due_in", "light", "pace", "deadlines"])
    }

    /// One as-of day drives filtering, display, ordering and grouping of `overdue` alike
    /// (before: filtering used a fixed day while display, order and group read the clock).
    @Test func overdueFollowsTheContextsAsOfDayEverywhere() throws {
        let w = QueryFixture.workspace
        // yy2025:1.2 is behind, due 2025-03-31; yy2025:1.1 is on track, due 2025-06-30.
        for (day, overdue) in [(CalendarDay(year: 2025, month: 3, day: 31), []),
                               (CalendarDay(year: 2025, month: 4, day: 1), ["yy2025:1.2"]),
                               (CalendarDay(year: 2025, month: 7, day: 1), ["yy2025:1.1", "yy2025:1.2"])] {
            let context = QueryContext(asOf: try #require(day))
            let ids = try QueryEngine.filterRows("overdue = true", in: w, context: context).map { w.taskID(row: $0) }
            #expect(ids == overdue, "as of \(day?.description ?? "")")
            let shown = try QueryEngine.run("find where id in (yy2025:1.1, yy2025:1.2) show id, overdue --format csv",
                                            in: w, context: context)
            let csv = shown.render(.csv, RenderContext())
            #expect(csv.contains("yy2025:1.2,\(ids.contains("yy2025:1.2"))") && csv.contains("yy2025:1.1,\(ids.contains("yy2025:1.1"))"))
            let grouped = try QueryEngine.run("count by overdue", in: w, context: context)
            let trueCount = grouped.groups.first { $0.values == [.bool(true)] }?.count ?? 0
            #expect(trueCount == ids.count)
            let ordered = try QueryEngine.run("find where id in (yy2025:1.1, yy2025:1.2) order by overdue desc", in: w, context: context)
            if ids.count == 1 { #expect(ordered.taskIDs.first == ids.first) }
        }
    }

    /// Grouped counts come largest first, ties in natural order.
    @Test func groupedCountsByCountThenNatural() throws {
        let r = try QueryFixture.run("count by office")
        let counts = r.groups.map(\.count)
        #expect(counts == counts.sorted(by: >))
        #expect(r.groups.first?.values == [.text("医政科教科")])
    }
}
