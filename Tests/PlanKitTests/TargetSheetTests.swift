import Foundation
import Testing
@testable import PlanKit

/// Sheets with target ids and actuals (SPEC §10, §11): applied with the progress, or refused whole.
@Suite struct TargetSheetTests {
    static let text = "新增托位200个，预约率达60%以上，为65岁以上老年人建档，覆盖率xx%。"

    func workspace() throws -> Workspace {
        var w = Workspace()
        try w.apply(.importPlans([ImportedPlan(info: PlanInfo(id: "p", title: "P"), tasks: [
            PlanTask(plan: "p", path: "1", heading: "h", text: Self.text, targets: FigureExtractor.targets(in: Self.text)),
            PlanTask(plan: "p", path: "2", heading: "h", text: "t"),
        ])], replace: false))
        return w
    }

    func parse(_ csv: String, _ w: Workspace) -> ProgressSheet.Result {
        ProgressSheet.parse(Array(csv.utf8), displayName: "s.csv", in: w)
    }

    @Test func actualsAreAppliedWithTheProgress() throws {
        var w = try workspace()
        let r = parse("编号,状态,进度,指标编号,完成值\np:1,推进中,30,p:1#1,0.006万\n,,,p:1#2,44%\np:2,滞后,10,,\n", w)
        #expect(r.problems.isEmpty, "\(r.problems)")
        try w.apply(.updateProgress(r.updates, month: YearMonth(year: 2025, month: 4), at: 1))
        let targets = w.task(row: 0).targets.filter(\.isTarget)
        #expect(targets.map(\.actual) == [60, 44, nil])
        #expect(w.task(row: 0).progress == 30 && w.task(row: 1).status == .behind)
        #expect(w.history(of: "p:1").map(\.field) == ["status", "progress", "actual#1", "actual#2"])
        #expect(w.history(of: "p:1").last?.source == "sheet s.csv:3")
    }

    @Test func badTargetRowsAreListedAndNothingIsApplied() throws {
        let w = try workspace()
        let r = parse("""
        id,status,target_id,actual
        p:1,on_track,p:1#9,5
        p:2,behind,p:2,5
        ,,p:1#1,3台
        ,,p:1#3,40%
        ,,,12
        ,,p:1#2,约四成
        """, w)
        #expect(r.updates.isEmpty)
        #expect(r.problems.map { "\($0.row): \($0.message)" } == [
            "2: no target p:1#9 (task p:1 has 3 targets, #1–#3)",
            "3: \"p:2\" is a task, not a target: a target id is TASK#n (p:2#1 is its first target)",
            "4: p:1#1: an actual in 台 cannot be compared with a target in 个 (only 千/万/亿 convert; write it in 个)",
            "5: p:1#3: the target value is redacted (xx%): an actual cannot be judged against it",
            "6: an actual (完成值) needs its target id (指标编号, TASK#n) on the same row",
            "6: no task id",
            "7: an actual is a number with an optional unit (44%, 1500, 1.2万), not \"约四成\"",
        ])
    }

    @Test func aSheetMayNameOnlyTargets() throws {
        let w = try workspace()
        let r = parse("target_id,actual\np:1#1,120个\n", w)
        #expect(r.problems.isEmpty, "\(r.problems)")
        #expect(r.updates.map(\.actuals) == [[ActualUpdate(number: 1, value: 120)]])
    }
}
