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
}
