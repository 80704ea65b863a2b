import Testing
@testable import PlanKit

@Suite struct WorkspaceTests {
    func plan(_ id: String, _ paths: [String]) -> ImportedPlan {
        ImportedPlan(info: PlanInfo(id: id, title: "T \(id)"),
                     tasks: paths.map { PlanTask(plan: id, path: $0, heading: "h\($0)", text: "text \($0)",
                                                 offices: ["医政科教科", "办公室"],
                                                 targets: [Target(raw: "达35%", metric: "m", comparator: .atLeast, value: 35, unit: "%")]) })
    }

    @Test func importKeepsNaturalOrderAndUpdatesProgress() throws {
        var w = Workspace()
        try w.apply(.importPlans([plan("b10", ["2.10", "2.2", "1.1"]), plan("b9", ["1"])], replace: false))
        #expect(w.plans.map(\.id) == ["b9", "b10"])
        #expect((0..<w.taskCount).map { w.taskID(row: $0) } == ["b9:1", "b10:1.1", "b10:2.2", "b10:2.10"])
        #expect(w.tasks.officeRows.count == 2)
        #expect(w.tasks.officeRows[0] == [0, 1, 2, 3])
        #expect(w.task(row: 1).targets.first?.value == 35)

        let before = w
        try w.apply(.updateProgress([ProgressUpdate(plan: "b10", path: "2.2", status: .behind, progress: 40, note: "缺人", source: "command")],
                                    month: YearMonth(year: 2025, month: 4), at: 100))
        #expect(w.task(row: 2).status == .behind)
        #expect(w.history(of: "b10:2.2").map(\.field) == ["status", "progress", "note"])
        let d = WorkspaceDiff.compute(from: before, to: w)
        #expect(d.changed.map(\.id) == ["b10:2.2"])

        // Replace keeps progress of surviving paths.
        try w.apply(.importPlans([plan("b10", ["2.2", "3.1"])], replace: true))
        #expect(w.task(row: w.row(id: "b10:2.2") ?? -1).progress == 40)
        #expect(w.row(id: "b10:2.10") == nil)
        #expect(throws: Diagnostic.self) { try w.apply(.importPlans([plan("b10", ["1"])], replace: false)) }
        try w.apply(.dropPlan("b9"))
        #expect(w.plans.map(\.id) == ["b10"])
        #expect(w.history(of: "b10:2.2").count == 3)
    }

    /// A plan's index is looked up in a table kept beside the plan list: it follows every change
    /// of the list (import, replace, drop), and a copy made before a change keeps its own answers.
    @Test func planIndexFollowsThePlanList() throws {
        var w = Workspace()
        try w.apply(.importPlans([plan("b10", ["1"]), plan("b9", ["1"]), plan("a1", ["1", "2"])], replace: false))
        for (i, p) in w.plans.enumerated() { #expect(w.planIndex(p.id) == i) }
        let before = w
        try w.apply(.dropPlan("a1"))
        #expect(w.planIndex("a1") == nil && w.planIndex("b9") == 0 && w.planIndex("b10") == 1)
        #expect(w.row(id: "b10:1") == 1)
        #expect(before.planIndex("a1") == 0 && before.planIndex("b10") == 2, "the copy keeps the list it had")
        try w.apply(.importPlans([plan("a0", ["3"])], replace: false))
        #expect(w.plans.map(\.id) == ["a0", "b9", "b10"])
        for (i, p) in w.plans.enumerated() { #expect(w.planIndex(p.id) == i) }
        #expect(w.row(id: "a0:3") == 0 && w.planIndex("nosuch") == nil)
    }
}
