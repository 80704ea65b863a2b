import Foundation
import Testing
@testable import PlanKit

/// SPEC §11: actuals, units, attainment, met and lights of targets.
@Suite struct TargetTrackingTests {
    func target(_ c: PlanKit.Comparator, _ value: Double?, low: Double? = nil, high: Double? = nil, unit: String = "%",
                metric: String = "覆盖率", actual: Double?) -> Target {
        Target(raw: "r", metric: metric, comparator: c, value: value, low: low, high: high, unit: unit, actual: actual)
    }

    // MARK: Attainment and met

    @Test func atLeastAndEqualDivideActualByValue() throws {
        let a = try #require(TargetJudgement(target(.atLeast, 60, actual: 44)))
        #expect(abs(a.attainment - 44.0 / 60) < 1e-12 && !a.met)
        let b = try #require(TargetJudgement(target(.atLeast, 60, actual: 60)))
        #expect(b.attainment == 1 && b.met)
        let c = try #require(TargetJudgement(target(.equal, 20, unit: "台", actual: 25)))
        #expect(c.attainment == 1.25 && c.met)
        let d = try #require(TargetJudgement(target(.equal, 20, unit: "台", actual: 19)))
        #expect(d.attainment == 0.95 && !d.met)
    }

    @Test func atMostDividesValueByActual() throws {
        let a = try #require(TargetJudgement(target(.atMost, 9, actual: 12)))
        #expect(a.attainment == 0.75 && !a.met)
        let b = try #require(TargetJudgement(target(.atMost, 9, actual: 9)))
        #expect(b.attainment == 1 && b.met)
        let zero = try #require(TargetJudgement(target(.atMost, 8.5, unit: "/10万", actual: 0)))
        #expect(zero.attainment == 1 && zero.met)
        let under = try #require(TargetJudgement(target(.atMost, 10, unit: "分钟", actual: 8)))
        #expect(under.attainment == 1.25 && under.met)
    }

    @Test func aRangeDividesByItsLowEndAndIsMetInside() throws {
        let inside = try #require(TargetJudgement(target(.range, 2, low: 2, high: 3, unit: "个", actual: 3)))
        #expect(inside.attainment == 1.5 && inside.met)
        let below = try #require(TargetJudgement(target(.range, 2, low: 2, high: 3, unit: "个", actual: 1)))
        #expect(below.attainment == 0.5 && !below.met)
        let above = try #require(TargetJudgement(target(.range, 2, low: 2, high: 3, unit: "个", actual: 4)))
        #expect(above.attainment == 2 && !above.met)
    }

    @Test func noActualOrNoValueMeansNoJudgement() {
        #expect(TargetJudgement(target(.atLeast, 60, actual: nil)) == nil)
        #expect(TargetJudgement(target(.atLeast, nil, actual: 50)) == nil)
    }

    // MARK: Units

    func convert(_ text: String, to unit: String) throws -> Double {
        let v = try #require(ActualValue(parsing: text))
        return try v.converted(to: Target(raw: "", metric: "", comparator: .atLeast, value: 1, unit: unit))
    }

    @Test func magnitudesConvertAndRatesNever() throws {
        #expect(try convert("1.2万", to: "人") == 12000)
        #expect(try convert("1.2万人", to: "人") == 12000)
        #expect(try convert("15000人次", to: "万人次") == 1.5)
        #expect(try convert("18.8万人", to: "万人") == 18.8)
        #expect(try convert("1500", to: "万人") == 1500)  // a bare number is in the target's unit
        #expect(try convert("0.3亿元", to: "万元") == 3000)
        #expect(try convert("3千", to: "个") == 3000)
        #expect(try convert("2.5万人", to: "万") == 2.5)  // the plan named no measure word
        #expect(try convert("44%", to: "%") == 44)
        #expect(try convert("４４％", to: "%") == 44)
        #expect(try convert("6.2", to: "‰") == 6.2)
        #expect(try convert("9.5/10万", to: "/10万") == 9.5)
    }

    @Test func anotherUnitIsAnError() throws {
        #expect(throws: Diagnostic.self) { try convert("44‰", to: "%") }
        #expect(throws: Diagnostic.self) { try convert("0.4万%", to: "%") }
        #expect(throws: Diagnostic.self) { try convert("12台", to: "人") }
        #expect(throws: Diagnostic.self) { try convert("3万家", to: "万人") }
        #expect(throws: Diagnostic.self) { try convert("9/万", to: "/10万") }
        #expect(ActualValue(parsing: "约四成") == nil)
        #expect(ActualValue(parsing: "") == nil)
        let redacted = Target(raw: "xx%", metric: "", comparator: .atLeast, value: nil, unit: "%")
        #expect(throws: Diagnostic.self) { try ActualValue(parsing: "40%")?.converted(to: redacted) }
    }

    // MARK: Lights

    let due = CalendarDay(year: 2025, month: 12, day: 31)
    func calendar(elapsed: Int, total: Int = 100, asOf: CalendarDay? = nil) -> TargetCalendar {
        TargetCalendar(elapsedDays: elapsed, totalDays: total, due: due,
                       asOf: asOf ?? CalendarDay(year: 2025, month: 6, day: 30)!, yellow: 10, red: 30)
    }

    func light(_ t: Target, _ c: TargetCalendar) -> Light? {
        TargetJudgement(t).map { $0.light(isRate: TargetUnit.isRate(unit: t.unit, metric: t.metric), calendar: c) }
    }

    @Test func aQuantityComparesAttainmentWithTheCalendarAtTheGaps() {
        // 序时进度 50: attainment 40% is exactly 10 behind (not more) → green; 39% → yellow.
        #expect(light(target(.atLeast, 100, unit: "个", actual: 40), calendar(elapsed: 50)) == .green)
        #expect(light(target(.atLeast, 100, unit: "个", actual: 39), calendar(elapsed: 50)) == .yellow)
        #expect(light(target(.atLeast, 100, unit: "个", actual: 20), calendar(elapsed: 50)) == .yellow)
        #expect(light(target(.atLeast, 100, unit: "个", actual: 19), calendar(elapsed: 50)) == .red)
        // 序时进度 1/3 (33.3…): 23.4 of 100 is 9.93 behind → green; 23.3 is 10.03 behind → yellow.
        #expect(light(target(.atLeast, 100, unit: "万人", actual: 23.4), calendar(elapsed: 1, total: 3)) == .green)
        #expect(light(target(.atLeast, 100, unit: "万人", actual: 23.3), calendar(elapsed: 1, total: 3)) == .yellow)
        #expect(light(target(.atLeast, 100, unit: "台", actual: 100), calendar(elapsed: 100)) == .green)
        #expect(light(target(.atLeast, 100, unit: "台", actual: nil), calendar(elapsed: 100)) == nil)
    }

    @Test func aRateNotMetIsYellowUntilItsDueDateAndRedAfter() throws {
        let rate = target(.atLeast, 60, unit: "%", actual: 44)
        #expect(light(rate, calendar(elapsed: 5)) == .yellow)
        #expect(light(rate, calendar(elapsed: 100, asOf: due)) == .yellow)
        #expect(light(rate, calendar(elapsed: 100, asOf: CalendarDay(year: 2026, month: 1, day: 1))) == .red)
        #expect(light(target(.atLeast, 60, unit: "%", actual: 61), calendar(elapsed: 5)) == .green)
        // 每… makes any unit a rate, whatever the calendar says.
        let perThousand = target(.atLeast, 4.6, unit: "个", metric: "每千人托位数", actual: 4)
        #expect(light(perThousand, calendar(elapsed: 99)) == .yellow)
        #expect(TargetUnit.isRate(unit: "分钟", metric: "反应时间") && TargetUnit.isRate(unit: "/10万", metric: "")
                && TargetUnit.isRate(unit: "管/日", metric: "") && !TargetUnit.isRate(unit: "万人次", metric: "服务量"))
    }

    // MARK: Ids and the workspace

    @Test func targetIdsParseAndPrint() throws {
        let a = try #require(TargetRef(parsing: "yy2025:2.1.1#3"))
        #expect(a.plan == "yy2025" && a.path == "2.1.1" && a.number == 3 && a.description == "yy2025:2.1.1#3")
        let b = try #require(TargetRef(parsing: "yy2025#I2"))
        #expect(b.isIndicator && b.number == 2 && b.historyField == "actual#I2" && a.historyField == "actual#3")
        for bad in ["yy2025:2.1", "yy2025:2.1#0", "yy2025:2.1#x", "#1", "yy:#1", "a:b#I1"] {
            #expect(TargetRef(parsing: bad) == nil, "\(bad)")
        }
    }

    static let text = "为60岁以上老年人接种疫苗8000人次，覆盖率达60%以上，打造15分钟服务圈，覆盖率xx%。"

    func plan(_ text: String = TargetTrackingTests.text, paths: [String] = ["1.1", "1.2"]) -> ImportedPlan {
        ImportedPlan(info: PlanInfo(id: "p", title: "P"), tasks: paths.map {
            PlanTask(plan: "p", path: $0, heading: "h", text: text, targets: FigureExtractor.targets(in: text))
        })
    }

    func actual(_ path: String, _ n: Int, _ v: Double?) -> ProgressUpdate {
        ProgressUpdate(plan: "p", path: path, actuals: [ActualUpdate(number: n, value: v)], source: "command")
    }

    @Test func idsCountTargetsOnlyAndActualsKeepHistory() throws {
        var w = Workspace()
        try w.apply(.importPlans([plan()], replace: false))
        let row = try #require(w.row(id: "p:1.1"))
        #expect(w.task(row: row).targets.map(\.kind) == [.qualifier, .target, .target, .qualifier, .target])
        #expect(w.tasks.targetNumbers(row: row) == [nil, 1, 2, nil, 3])
        let april = YearMonth(year: 2025, month: 4)
        try w.apply(.updateProgress([actual("1.1", 1, 3000), actual("1.1", 2, 44)], month: april, at: 10))
        let t = w.task(row: row).targets
        #expect(t[1].actual == 3000 && t[1].actualMonth == april && t[2].actual == 44 && t[0].actual == nil)
        #expect(w.history(of: "p:1.1").map { "\($0.field) \($0.old)→\($0.new)" } == ["actual#1 →3000", "actual#2 →44"])
        // The same value again writes no history.
        try w.apply(.updateProgress([actual("1.1", 2, 44)], month: april, at: 11))
        #expect(w.history(of: "p:1.1").count == 2)
    }

    @Test func badActualsChangeNothing() throws {
        var w = Workspace()
        try w.apply(.importPlans([plan()], replace: false))
        let before = StoreTestSupport.picture(w)
        let month = YearMonth(year: 2025, month: 4)
        let unknown = #expect(throws: Diagnostic.self) {
            try w.apply(.updateProgress([actual("1.1", 1, 5), actual("1.2", 4, 5)], month: month, at: 1))
        }
        #expect(unknown?.message == "no target p:1.2#4 (task p:1.2 has 3 targets, #1–#3)")
        #expect(unknown?.name == "no-target")
        let redacted = #expect(throws: Diagnostic.self) {
            try w.apply(.updateProgress([actual("1.1", 1, 5), actual("1.1", 3, 40)], month: month, at: 1))
        }
        #expect(redacted?.message == "p:1.1#3 is redacted (xx%): an actual cannot be judged against it")
        #expect(redacted?.name == "target-redacted")
        // Through a target id, the converter's message keeps its name behind the id.
        let units = #expect(throws: Diagnostic.self) { _ = try w.actualUpdate(w.targetRef("p:1.1#1"), "3千个") }
        #expect(units?.name == "units-incompatible" && units?.message.hasPrefix("p:1.1#1: an actual in 千个") == true)
        for (text, name) in [("p:1.1", "task-not-target"), ("p:1.1#", "not-target-id"), ("q:1.1#1", "no-target")] {
            #expect((#expect(throws: Diagnostic.self) { _ = try w.targetRef(text) })?.name == name, "\(text)")
        }
        #expect((#expect(throws: Diagnostic.self) { try w.apply(.importPlans([plan()], replace: false)) })?.name == "plan-exists")
        #expect(StoreTestSupport.picture(w) == before)
    }

    @Test func replaceKeepsActualsOfSurvivingTargets() throws {
        var w = Workspace()
        try w.apply(.importPlans([plan()], replace: false))
        try w.apply(.updateProgress([actual("1.1", 1, 3000), actual("1.1", 2, 44), actual("1.2", 2, 50)],
                                    month: YearMonth(year: 2025, month: 4), at: 1))
        // 1.1 keeps its text; 1.2 changes the unit of its 2nd target; 1.3 is new.
        var next = plan(paths: ["1.1", "1.3"])
        let changed = "为60岁以上老年人接种疫苗8000人次，覆盖率达60‰以上。"
        next.tasks.append(PlanTask(plan: "p", path: "1.2", heading: "h", text: changed, targets: FigureExtractor.targets(in: changed)))
        try w.apply(.importPlans([next], replace: true))
        let t11 = w.task(row: try #require(w.row(id: "p:1.1"))).targets.filter(\.isTarget)
        #expect(t11.map(\.actual) == [3000, 44, nil])
        let t12 = w.task(row: try #require(w.row(id: "p:1.2"))).targets.filter(\.isTarget)
        #expect(t12.map(\.actual) == [nil, nil])
        #expect(w.history(of: "p:1.1").count == 2)
    }
}

/// Kinds, actuals and indicators survive the journal, the working snapshot and named snapshots.
@Suite struct TargetPersistenceTests {
    @Test func kindsActualsAndIndicatorsSurviveTheStore() throws {
        let dir = StoreTestSupport.temporaryDirectory("targets")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = try PlanImporter.parse(data: Data(IndicatorTableTests.text.utf8), fileName: "x.txt", id: "x")
        let april = YearMonth(year: 2025, month: 4)
        var expected: StoreTestSupport.Picture
        do {
            let store = try Store.open(at: dir)
            try store.commit(.importPlans([plan], replace: false))
            try store.commit(.updateProgress([
                ProgressUpdate(plan: "x", path: "1.1", actuals: [ActualUpdate(number: 1, value: 2)], source: "command"),
                ProgressUpdate(plan: "x", path: "", actuals: [ActualUpdate(number: 1, value: 36.5)], source: "sheet a.csv:2"),
            ], month: april, at: 5))
            expected = StoreTestSupport.picture(store.workspace)
            _ = try store.save(name: "s1", overwrite: false, now: 10)
            store.close()
        }
        #expect(expected.plans[0].indicators[0].target.actual == 36.5)
        #expect(expected.tasks[0].targets.first?.actual == 2 && expected.tasks[0].targets.first?.actualMonth == april)
        let again = try Store.open(at: dir)
        defer { again.close() }
        #expect(StoreTestSupport.picture(again.workspace) == expected)
        #expect(StoreTestSupport.picture(try again.snapshotWorkspace(named: "s1")) == expected)
    }

    @Test func recordsFromBeforeKindsReadKindsFromTheText() throws {
        let text = "为60岁以上老年人接种8000人次。"
        let figures = FigureExtractor.targets(in: text)
        // A task record as written before figures had kinds: the comparator byte has no kind bits.
        var w = BinaryWriter()
        w.string("p"); w.string("1"); w.string("h"); w.string(text); w.strings([]); w.bool(false)
        w.count(figures.count)
        for g in figures {
            w.string(g.raw); w.string(g.metric)
            w.u8(UInt8(Comparator.allCases.firstIndex(of: g.comparator) ?? 2))
            w.f64(g.value ?? .nan); w.f64(g.low ?? .nan); w.f64(g.high ?? .nan); w.string(g.unit)
        }
        w.zigzag(1); w.bool(false); w.optionalString(nil); w.u8(0); w.zigzag(0); w.string("")
        ModelCodec.encode(CalendarDay?.none, into: &w)
        ModelCodec.encode(YearMonth?.none, into: &w)
        var r = BinaryReader(w.bytes, context: "old record")
        let task = try ModelCodec.decodeTask(&r)
        #expect(task.targets.map(\.kind) == [.qualifier, .target])

        // A snapshot table from before kinds: the same, column-wise.
        var b = TaskTable.Builder()
        var flat = task
        for i in flat.targets.indices { flat.targets[i].kind = .target }
        b.append(flat, planRow: 0)
        var t = b.finish()
        t.deriveTargetKindsFromText()
        #expect((0..<2).map { t.isQualifier($0) } == [true, false])
    }
}
