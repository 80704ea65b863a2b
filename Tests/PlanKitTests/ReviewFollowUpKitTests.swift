import Foundation
import Testing
@testable import PlanKit

/// "One place per rule" for the supervision and target fields: what the registry says about a
/// field is true of the field, a field of tasks and of targets share their words, and the overdue
/// comparison is written once.
@Suite struct ReviewFollowUpKitTests {
    /// Judgements are made as of the as-of date of SPEC §9 (`set today`, else the reporting
    /// month's last day), not "today": no summary says today.
    @Test func summariesSayAsOfTheAsOfDateNotToday() {
        for kind in RowKind.allCases {
            for line in FieldRegistry.helpLines(kind) {
                #expect(!line.contains("as of today") && !line.contains("from today"), "\(line)")
            }
        }
        for name in ["expected", "due_in", "light"] {
            let f = FieldRegistry.field(named: name, in: .tasks)
            #expect(f?.summary.contains("as-of") == true, "\(name): \(f?.summary ?? "")")
        }
    }

    /// `lead` is the office the tag names 牵头 (wherever it is written), else the first office:
    /// the summary says so for both row kinds, and the field does it.
    @Test func leadSummaryDescribesHowLeadIsDerived() throws {
        for kind in RowKind.allCases {
            let summary = try #require(FieldRegistry.field(named: "lead", in: kind)).summary
            #expect(summary.contains("牵头") && summary.contains("else the first"), "\(kind): \(summary)")
            #expect(!summary.contains("first named") && !summary.contains("the first office of the tag"), "\(summary)")
        }
        let text = Array("开展测试，覆盖率达90%以上。（配合单位：财务科、办公室；牵头单位：基层卫生科）".unicodeScalars.map(\.value))
        #expect(OfficeTag.find(in: text)?.offices.first == "基层卫生科")
    }

    /// A field that tasks and targets both have means the same and is typed the same: one alias
    /// list (the office aliases were written twice, the target's lead lacked 牵头单位).
    @Test func sharedFieldsOfTasksAndTargetsHaveOneAliasList() throws {
        for name in ["plan", "lead", "office", "unit", "light"] {
            let task = try #require(FieldRegistry.field(named: name, in: .tasks))
            let target = try #require(FieldRegistry.field(named: name, in: .targets))
            #expect(task.aliases == target.aliases, "\(name): \(task.aliases) vs \(target.aliases)")
        }
        #expect(FieldRegistry.field(named: "牵头单位", in: .targets)?.name == "lead")
    }

    /// Overdue is one comparison, owned by the supervision judge: the query field, the report's
    /// flag and the red light's overdue reason all call it, so they agree on every boundary.
    @Test func overdueIsOneComparisonThatEveryUseCalls() throws {
        let judge = Judge(asOf: try #require(CalendarDay(year: 2025, month: 6, day: 30)), rules: Rules())
        let start = try #require(CalendarDay(year: 2025, month: 1, day: 1))
        for (m, d) in [(6, 29), (6, 30), (7, 1)] {
            let due = try #require(CalendarDay(year: 2025, month: m, day: d))
            for status in TaskStatus.allCases {
                let rule = Judge.isOverdue(dueOrdinal: due.ordinal, status: status.rawValue, asOf: judge.asOf.ordinal)
                #expect(rule == (due < judge.asOf && status != .done))
                #expect(Judge.isOverdue(due: due.dayNumber, status: status.rawValue, asOf: judge.asOfDay) == rule)
                let j = judge.judge(start: start, due: due, progress: 50, status: status)
                #expect((j.reason == .overdue) == rule, "\(due) \(status)")
            }
        }
        // No due: never overdue.
        #expect(!Judge.isOverdue(dueOrdinal: 0, status: TaskStatus.behind.rawValue, asOf: judge.asOf.ordinal))
        // The comparison is defined once, in Supervision.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/PlanKit")
        var definitions: [String] = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let n = text.components(separatedBy: "func isOverdue").count - 1
            if n > 0 { definitions.append("\(file) ×\(n)") }
        }
        #expect(definitions == ["Supervision/Judgement.swift ×2"], "\(definitions)")
        // Nor is the date comparison written again: a target's past-due (SPEC §11) calls isPastDue.
        let comparison = try Regex(#"\basOf\s*>\s|\s>\s*(\w+\.)?asOf\b"#).wordBoundaryKind(.simple)  // c.asOf is two words
        var written: [String] = []
        for file in files where file.hasSuffix(".swift") && file != "Supervision/Judgement.swift" {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            if text.contains(comparison) { written.append(file) }
        }
        #expect(written.isEmpty, "as-of compared with a due outside Judge: \(written)")
    }
}
