import Foundation
import Testing
@testable import PlanKit

/// Rules, scores, lead offices, and the calendar kept through the store.
@Suite struct SupervisionTests {
    typealias S = StoreTestSupport

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func rulesValidation() throws {
        let r = Rules()
        #expect(r.values == [10, 30, 25, 14, 1, 2])
        #expect(try r.setting("red", to: 40).red == 40)
        #expect(try r.setting("score_red", to: 3).scoreRed == 3)
        #expect(message { _ = try r.setting("red", to: 5) } == "red must be at least yellow (10), not 5")
        #expect(message { _ = try r.setting("yellow", to: 40) } == "yellow must be at most red (30), not 40")
        #expect(message { _ = try r.setting("yellow", to: -1) } == "yellow must be 0 or more, not -1")
        #expect(message { _ = try r.setting("red", to: 101) } == "red must be at most 100, not 101")
        #expect(message { _ = try r.setting("idle", to: 120) } == "idle must be at most 100, not 120")
        #expect(message { _ = try r.setting("remind", to: 400) } == "remind must be at most 366 days, not 400")
        #expect(message { _ = try r.setting("yelow", to: 5) }.hasPrefix("no rule \"yelow\""))
        #expect(message { _ = try r.setting("yelow", to: 5) }.contains("yellow"))
        // The edges are allowed.
        #expect(try r.setting("yellow", to: 30).yellow == 30)
        #expect(try r.setting("yellow", to: 0).setting("red", to: 0).red == 0)
        #expect(try Rules(values: [5, 20]).idle == 25)
        #expect(throws: Diagnostic.self) { try Rules(values: [40, 20]) }
    }

    @Test func aRuleIsAMutationThatChangesNothingWhenRefused() throws {
        var w = Workspace()
        try w.apply(.setRule("yellow", 15))
        #expect(w.rules.yellow == 15)
        #expect(throws: Diagnostic.self) { try w.apply(.setRule("red", 5)) }
        #expect(w.rules.red == 30 && w.rules.yellow == 15)
        var r = BinaryReader(ModelCodec.encode(.setRule("score_red", 4)), context: "test")
        #expect(try ModelCodec.decodeMutation(&r) == .setRule("score_red", 4))
    }

    @Test func rulesAndCalendarsPersistAcrossProcesses() throws {
        let dir = S.temporaryDirectory("rules")
        defer { try? FileManager.default.removeItem(at: dir) }
        var plan = S.plan("yy2025", tasks: 12)
        plan.tasks[0].text = "完善签约服务。6月底前完成，年底前全覆盖。"
        Schedule.apply(to: &plan)
        var expected: S.Picture
        do {
            let store = try Store.open(at: dir)
            try store.commit(.importPlans([plan], replace: false))
            try store.commit(.setRule("red", 35))
            try store.commit(.updateProgress([ProgressUpdate(plan: "yy2025", path: "1.1.2", due: .some(CalendarDay(year: 2025, month: 5, day: 31)),
                                                             start: .some(CalendarDay(year: 2025, month: 2, day: 1)), source: "command")],
                                             month: YearMonth(year: 2025, month: 4), at: 1))
            expected = S.picture(store.workspace)
            #expect(store.workspace.rules.red == 35)
            store.close()
        }
        // Journal replay.
        do {
            let again = try Store.open(at: dir)
            #expect(again.workspace.rules.red == 35)
            #expect(S.picture(again.workspace) == expected)
            let t = again.workspace.task(row: 0)
            #expect(t.deadlines.map(\.raw) == ["6月底前", "年底前"] && t.due == CalendarDay(year: 2025, month: 12, day: 31))
            let hand = again.workspace.task(row: 1)
            #expect(hand.dueByHand && hand.startByHand && hand.due == CalendarDay(year: 2025, month: 5, day: 31))
            // Saved in a snapshot, restored by load.
            _ = try again.save(name: "before", overwrite: false, now: 1_745_000_000)
            try again.commit(.setRule("red", 50))
            _ = try again.load(name: "before", now: 1_746_000_000)
            #expect(again.workspace.rules.red == 35)
            #expect(S.picture(again.workspace) == expected)
            again.close()
        }
        let third = try Store.open(at: dir)
        defer { third.close() }
        #expect(third.workspace.rules.red == 35)
        #expect(S.picture(third.workspace) == expected)
        #expect(third.check().allSatisfy { $0.problem == nil })
    }

    @Test func replaceKeepsDatesSetByHandAndRereadsDeadlines() throws {
        var w = Workspace()
        func plan(_ text: String) -> ImportedPlan {
            var p = ImportedPlan(info: PlanInfo(id: "p", title: "2025年工作要点", year: 2025), tasks: [
                PlanTask(plan: "p", path: "1", heading: "一", text: text),
                PlanTask(plan: "p", path: "2", heading: "二", text: text),
            ])
            Schedule.apply(to: &p)
            return p
        }
        try w.apply(.importPlans([plan("6月底前完成。")], replace: false))
        try w.apply(.updateProgress([ProgressUpdate(plan: "p", path: "1", due: .some(CalendarDay(year: 2025, month: 8, day: 31)),
                                                    source: "command")], month: nil, at: 0))
        try w.apply(.importPlans([plan("9月底前完成。")], replace: true))
        #expect(w.task(row: 0).due == CalendarDay(year: 2025, month: 8, day: 31) && w.task(row: 0).dueByHand)
        #expect(w.task(row: 1).due == CalendarDay(year: 2025, month: 9, day: 30) && !w.task(row: 1).dueByHand)
        #expect(w.task(row: 0).deadlines.map(\.raw) == ["9月底前"])
        // `due = none` restores the default.
        try w.apply(.updateProgress([ProgressUpdate(plan: "p", path: "1", due: .some(nil), source: "command")], month: nil, at: 0))
        #expect(w.task(row: 0).due == CalendarDay(year: 2025, month: 9, day: 30) && !w.task(row: 0).dueByHand)
        #expect(w.history(of: "p:1").last.map { "\($0.field) \($0.old)→\($0.new)" } == "due 2025-08-31→2025-09-30")
    }

    @Test func scoreTiesGoByAverageGapThenName() {
        let judge = Judge(asOf: CalendarDay(year: 2025, month: 4, day: 30) ?? CalendarDay(dayNumber: 0), rules: Rules())
        let start = CalendarDay(year: 2025, month: 1, day: 1) ?? CalendarDay(dayNumber: 0)
        let end = CalendarDay(year: 2025, month: 12, day: 31) ?? start
        func e(_ lead: String, _ p: Int, _ s: TaskStatus = .onTrack) -> Scores.Entry {
            Scores.Entry(lead: lead, judgement: judge.judge(start: start, due: end, progress: p, status: s))
        }
        let ranked = Scores.rank([
            e("乙科", 40), e("乙科", 20),          // green + yellow: 99, gap (7.1 − 12.9)/2
            e("甲科", 30), e("甲科", 30),          // green + green: 100
            e("丙科", 45), e("丙科", 15),          // green + yellow: 99, same mean gap as 乙科
            e("丁科", 0, .notStarted),             // red: 98
            e("戊科", 100, .done), e("戊科", 21),  // green + yellow: 99, mean gap higher
            e("", 50),                              // no office: not scored
        ], rules: Rules())
        #expect(ranked.map(\.office) == ["甲科", "戊科", "丙科", "乙科", "丁科"])
        #expect(ranked.map(\.score) == [100, 99, 99, 99, 98])
        let wu = ranked[1]
        #expect((wu.tasks, wu.done, wu.green, wu.yellow, wu.red) == (2, 1, 1, 1, 0))
        #expect(ranked[2].averageGap == ranked[3].averageGap)
        #expect(ranked[4].averageGapTenths == -329)
        var heavier = Rules()
        heavier.scoreRed = 5
        #expect(Scores.rank([e("丁科", 0, .notStarted)], rules: heavier).first?.score == 95)
    }

    @Test func leadOfficesComeFirst() throws {
        func offices(_ tag: String) -> [String] {
            OfficeTag.find(in: Array(tag.unicodeScalars.map(\.value)))?.offices ?? []
        }
        #expect(offices("(牵头单位:医政科;配合单位:疾控科、基层科)") == ["医政科", "疾控科", "基层科"])
        #expect(offices("（配合单位：疾控科、基层科；牵头单位：医政科）") == ["医政科", "疾控科", "基层科"])
        #expect(offices("(责任科室:基层科、医政科)") == ["基层科", "医政科"])
        let t = PlanTask(plan: "p", path: "1", heading: "", text: "", offices: ["医政科", "疾控科"])
        #expect(t.lead == "医政科")
        #expect(PlanTask(plan: "p", path: "1", heading: "", text: "").lead == "")
    }

    @Test func anOfficeTagWithoutItsClosingParenthesisStopsAtTheNextItem() throws {
        let text = """
        2025年某县卫生健康工作要点
        一、强化基层服务
        1.推进家庭医生签约。签约率达到40%以上。(责任科室:基层卫生科、医政科2.加强慢病管理。年底前完成随访。(责任科室:疾控科)3.提升急救能力。6月底前建成胸痛中心。(责任科室:医政科)
        二、加强公共卫生
        1.做好免疫接种。(责任科室:疾控科)

        """
        let p = try PlanImporter.parse(data: Data(text.utf8), fileName: "lost.txt", id: "lost")
        #expect(p.tasks.map(\.path) == ["1.1", "1.2", "1.3", "2.1"])
        #expect(p.tasks.map(\.offices) == [["基层卫生科", "医政科"], ["疾控科"], ["医政科"], ["疾控科"]])
        #expect(p.tasks[2].due == CalendarDay(year: 2025, month: 6, day: 30))
        let warning = try #require(p.info.warnings.first { $0.message.contains("not closed") })
        #expect(warning.line == 3)
    }
}
