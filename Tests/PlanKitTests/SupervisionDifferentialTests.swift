import Foundation
import Testing
@testable import PlanKit

/// plansh's lights, expected, gap and due_in against an independent computation from the
/// exported JSON (Foundation's calendar for the days, the §9 rules written again here), on a
/// generated corpus with progress, at three as-of dates.
@Suite(.enabled(if: Fixtures.hasShared, Comment(rawValue: Fixtures.sharedMissing)))
struct SupervisionDifferentialTests {
    static let asOfDates = ["2023-04-15", "2024-06-30", "2025-12-31"]

    /// Days from a to b by Foundation's Gregorian calendar in UTC.
    static func days(_ a: String, _ b: String) -> Int {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? .current
        let f = DateFormatter()
        f.calendar = cal
        f.timeZone = cal.timeZone
        f.dateFormat = "yyyy-MM-dd"
        guard let x = f.date(from: a), let y = f.date(from: b) else { return Int.min }
        return cal.dateComponents([.day], from: x, to: y).day ?? Int.min
    }

    /// `n / d` to one decimal, half away from zero, as text.
    static func tenths(_ n: Int, _ d: Int) -> String {
        let t = n >= 0 ? (2 * 10 * n + d) / (2 * d) : -((2 * 10 * -n + d) / (2 * d))
        return (t < 0 ? "-" : "") + "\(abs(t) / 10).\(abs(t) % 10)"
    }

    struct Expected { var light: String, expected: String, gap: String, dueIn: Int }

    /// The §9 rules, from a task object of `find --format json`.
    static func judge(_ o: [String: Any], asOf: String) -> Expected {
        let start = o["start"] as? String ?? "", due = o["due"] as? String ?? ""
        let status = o["status"] as? String ?? "", progress = o["progress"] as? Int ?? -1
        let total = max(1, days(start, due) + 1)
        let elapsed = min(total, max(0, days(start, asOf) + 1))
        let dueIn = days(asOf, due)
        let p = status == "done" ? 100 : progress
        let light: String
        if status == "done" { light = "green" }
        else if dueIn < 0 { light = "red" }
        else if (progress + 30) * total < 100 * elapsed { light = "red" }
        else if status == "not_started" && 100 * elapsed >= 25 * total { light = "red" }
        else if (progress + 10) * total < 100 * elapsed || status == "behind" { light = "yellow" }
        else { light = "green" }
        return Expected(light: light, expected: tenths(100 * elapsed, total), gap: tenths(p * total - 100 * elapsed, total), dueIn: dueIn)
    }

    @Test func lightsExpectedGapAndDueInAgree() throws {
        let dir = try Fixtures.generateCorpus(tasks: 3000, quirks: 0)
        var w = Workspace()
        let docs = dir.appendingPathComponent("docs")
        let files = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".txt") }.sorted()
        try w.apply(.importPlans(try files.map { try PlanImporter.importFile(at: docs.appendingPathComponent($0)) }, replace: false))
        let rows = QueryDifferentialTests.csvRows(try String(contentsOf: dir.appendingPathComponent("progress.csv"), encoding: .utf8))
        var updates: [ProgressUpdate] = []
        for (k, r) in rows.dropFirst().enumerated() where r.count == 5 {
            let p = Int(r[3]) ?? 0
            // Some due and start dates by hand, so calendars differ in length and position.
            let year = Int(r[0].split(separator: "-").dropFirst().first ?? "") ?? 2025
            let due: CalendarDay?? = p % 5 == 0 ? .some(CalendarDay(year: year, month: 1 + p % 12, day: 1 + p % 28)) : nil
            // A start never after the due date it would have (update refuses that, SPEC §1).
            let current = w.row(plan: r[0], path: r[1]).flatMap { CalendarDay(ordinal: w.tasks.due[$0]) }
            let newStart = p % 7 == 0 ? CalendarDay(year: year, month: 1 + p % 6, day: 10) : nil
            let start: CalendarDay?? = newStart.flatMap { s in (due.flatMap { $0 } ?? current).map { s <= $0 } ?? true ? .some(s) : nil }
            updates.append(ProgressUpdate(plan: r[0], path: r[1], status: TaskStatus(parsing: r[2]), progress: p, note: r[4],
                                          due: due, start: start, source: "sheet progress.csv:\(k + 2)"))
        }
        try w.apply(.updateProgress(updates, month: YearMonth(year: 2025, month: 4), at: 0))
        #expect(w.taskCount == 3000)

        for asOf in Self.asOfDates {
            let day = try #require(CalendarDay(parsing: asOf))
            let context = QueryContext(asOf: day)
            let json = try QueryEngine.run("find tasks", in: w, context: context).render(.json, RenderContext())
            let tasks = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            #expect(tasks.count == 3000)
            var mine: [String: Int] = [:], theirs: [String: Int] = [:]
            var mismatches = 0
            for o in tasks {
                let e = Self.judge(o, asOf: asOf)
                let same = o["light"] as? String == e.light && o["due_in"] as? Int == e.dueIn
                    && JSON.number((o["expected"] as? NSNumber)?.doubleValue) == JSON.number(Double(e.expected))
                    && JSON.number((o["gap"] as? NSNumber)?.doubleValue) == JSON.number(Double(e.gap))
                if !same {
                    mismatches += 1
                    if mismatches <= 3 { Issue.record("\(asOf) \(o["id"] ?? ""): \(o) vs \(e)") }
                }
                theirs["\(o["lead"] as? String ?? "∅")|\(e.light)", default: 0] += 1
            }
            #expect(mismatches == 0, "\(asOf): \(mismatches) tasks differ")
            let counted = try QueryEngine.run("count tasks by lead, light", in: w, context: context).render(.json, RenderContext())
            for g in try #require(try JSONSerialization.jsonObject(with: Data(counted.utf8)) as? [[String: Any]]) {
                mine["\(g["lead"] as? String ?? "∅")|\(g["light"] as? String ?? "")"] = g["count"] as? Int
            }
            #expect(mine == theirs, "\(asOf): count by lead, light differs")
            // The three lights all occur, so the comparison means something.
            #expect(Set(theirs.keys.map { $0.split(separator: "|").last.map(String.init) ?? "" }).count == 3)
        }
    }
}
