import Foundation
import Testing
@testable import PlanKit

/// Pipe-row indicator tables become plan-level targets `PLAN#In` (SPEC §2, §11).
@Suite struct IndicatorTableTests {
    static let text = """
    某县卫生健康局2025年卫生健康工作要点
    一、重点任务
    1.提升基层服务能力。新建标准化社区卫生服务站3个。（责任科室：基层卫生科）
    2.加强疾病预防控制。适龄儿童免疫规划疫苗接种率保持在95%以上。（责任科室：疾控科）
    二、主要指标
    序号|指标名称|目标值|责任科室
    1|居民健康素养水平|≥38%|健康促进科
    2|孕产妇死亡率|≤8/10万|妇幼健康科、医政科
    3|每千人口执业(助理)医师数|3.4人|医政科
    4|家庭医生签约覆盖率|稳步提高|基层卫生科
    三、保障措施
    3.强化督导考核。每季度开展督导1次。（责任科室：办公室）
    """

    @Test func rowsBecomePlanTargetsWithTheirLeadOffice() throws {
        let plan = try PlanImporter.parse(data: Data(Self.text.utf8), fileName: "x.txt", id: "x")
        let list = plan.info.indicators
        #expect(list.map(\.target.metric) == ["居民健康素养水平", "孕产妇死亡率", "每千人口执业(助理)医师数"])
        #expect(list.map(\.target.comparator) == [.atLeast, .atMost, .equal])
        #expect(list.map(\.target.value) == [38, 8, 3.4])
        #expect(list.map(\.target.unit) == ["%", "/10万", "人"])
        #expect(list.map(\.lead) == ["健康促进科", "妇幼健康科", "医政科"])
        #expect(list[1].offices == ["妇幼健康科", "医政科"])
        #expect(list.map(\.line) == [7, 8, 9])
        // The table is not tasks, and no task swallowed its rows.
        #expect(plan.tasks.map(\.path) == ["1.1", "1.2", "3.3"])
        #expect(!plan.tasks.contains { $0.text.contains("|") })
        #expect(plan.info.warnings.map(\.message).contains("indicator table: 3 rows became plan targets #I1–#I3"))
        #expect(plan.info.extras.contains("4|家庭医生签约覆盖率|稳步提高|基层卫生科"))
    }

    @Test func indicatorActualsAreRecordedAndKeptOnReplace() throws {
        let plan = try PlanImporter.parse(data: Data(Self.text.utf8), fileName: "x.txt", id: "x")
        var w = Workspace()
        try w.apply(.importPlans([plan], replace: false))
        try w.apply(.updateProgress([ProgressUpdate(plan: "x", path: "", actuals: [ActualUpdate(number: 2, value: 6.5)], source: "command")],
                                    month: YearMonth(year: 2025, month: 4), at: 1))
        #expect(w.plans[0].indicators[1].target.actual == 6.5)
        #expect(w.history(of: "x").map(\.field) == ["actual#I2"])
        let bad = #expect(throws: Diagnostic.self) {
            try w.apply(.updateProgress([ProgressUpdate(plan: "x", path: "", actuals: [ActualUpdate(number: 4, value: 1)], source: "command")],
                                        month: nil, at: 2))
        }
        #expect(bad?.message == "no target x#I4 (plan x has indicators #I1–#I3)")
        try w.apply(.importPlans([plan], replace: true))
        #expect(w.plans[0].indicators.map(\.target.actual) == [nil, 6.5, nil])
        try w.apply(.dropPlan("x"))
        #expect(w.history(of: "x").isEmpty)
    }

    @Test func otherPipeTablesAreLeftAlone() {
        var lines: [IndicatorTable.Line] = [(Array("索引号|组配分类|发布机构".unicodeScalars.map(\.value))[...], 1)]
        var warnings: [ImportWarning] = [], extras: [String] = []
        #expect(IndicatorTable.extract(&lines, warnings: &warnings, extras: &extras).isEmpty)
        #expect(lines.count == 1 && warnings.isEmpty)
    }
}

@Suite struct TargetRowsTests {
    @Test func rowsAreTargetsThenIndicatorsInNaturalIdOrder() throws {
        let plan = try PlanImporter.parse(data: Data(IndicatorTableTests.text.utf8), fileName: "x.txt", id: "x")
        let other = ImportedPlan(info: PlanInfo(id: "a", title: "A"), tasks: [
            PlanTask(plan: "a", path: "1", heading: "h", text: "t", targets: FigureExtractor.targets(in: "为65岁以上老人建档5000份，覆盖率达80%。")),
        ])
        var w = Workspace()
        try w.apply(.importPlans([plan, other], replace: false))
        let rows = TargetRows(w)
        let ids = (0..<rows.count).map { rows.ref($0, in: w).description }
        #expect(ids == ["a:1#1", "a:1#2", "x#I1", "x#I2", "x#I3", "x:1.1#1", "x:1.2#1", "x:3.3#1"])
        #expect(ids == ids.sorted { NaturalOrder.less($0, $1) })
        for (k, id) in ids.enumerated() {
            #expect(rows.row(of: try #require(TargetRef(parsing: id)), in: w) == k, "\(id)")
        }
        #expect(rows.row(of: try #require(TargetRef(parsing: "a:1#3")), in: w) == nil)
        #expect(rows.target(2, in: w).metric == "居民健康素养水平" && rows.offices(3, in: w) == ["妇幼健康科", "医政科"])
        #expect(rows.target(1, in: w).unit == "%")
    }
}

@Suite struct TargetJudgementsTests {
    @Test func onlyRowsWithActualsGetALight() throws {
        let text = "新增托位200个，预约率达60%以上，急救反应时间控制在12分钟以内。"
        var w = Workspace()
        try w.apply(.importPlans([ImportedPlan(info: PlanInfo(id: "a", title: "A"), tasks: [
            PlanTask(plan: "a", path: "1", heading: "h", text: text, targets: FigureExtractor.targets(in: text)),
        ])], replace: false))
        try w.apply(.updateProgress([ProgressUpdate(plan: "a", path: "1", actuals: [ActualUpdate(number: 1, value: 5),
                                                                                    ActualUpdate(number: 2, value: 44)],
                                                    source: "command")], month: nil, at: 1))
        let rows = TargetRows(w)
        let asOf = try #require(CalendarDay(year: 2025, month: 4, day: 30))
        let j = TargetJudgements(rows, in: w) { _, _ in
            TargetCalendar(elapsedDays: 120, totalDays: 365, due: CalendarDay(year: 2025, month: 12, day: 31), asOf: asOf)
        }
        #expect(j.attainment[0] == 0.025 && j.light(0) == .red && j.met(0) == false && j.atRisk(0))
        #expect(abs(j.attainment[1] - 44.0 / 60) < 1e-12 && j.light(1) == .yellow)
        #expect(j.attainment[2].isNaN && j.light(2) == nil && j.met(2) == nil && !j.atRisk(2))
    }
}

/// Tab completes a plan's indicator ids after `update` (`x#` → `x#I1`…), and its tasks' target ids.
@Suite struct IndicatorCompletionTests {
    @Test func updateCompletesIndicatorAndTargetIDs() throws {
        var w = Workspace()
        try w.apply(.importPlans([try PlanImporter.parse(data: Data(IndicatorTableTests.text.utf8), fileName: "x.txt", id: "x")],
                                 replace: false))
        #expect(QueryCompletion.candidates(forLine: "update ", workspace: w).map(Set.init)?.isSuperset(of: ["x:", "x#", "tasks"]) == true)
        #expect(QueryCompletion.candidates(forLine: "update x#", workspace: w) == ["x#I1", "x#I2", "x#I3"])
        #expect(QueryCompletion.candidates(forLine: "update x#I", workspace: w) == ["x#I1", "x#I2", "x#I3"])
        #expect(QueryCompletion.candidates(forLine: "update x:1.1#", workspace: w) == ["x:1.1#1"])
        #expect(QueryCompletion.candidates(forLine: "update x:1.1#1, x#I2 set actual ", workspace: w) == ["="])
    }
}
