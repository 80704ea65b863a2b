import Foundation
import Testing
@testable import PlanKit

/// 序时进度, gap, days left, lights and pace at the boundaries of SPEC §9.
@Suite struct JudgementTests {
    static func day(_ m: Int, _ d: Int, _ y: Int = 2025) -> CalendarDay {
        CalendarDay(year: y, month: m, day: d) ?? CalendarDay(dayNumber: 0)
    }

    static let yearStart = day(1, 1), yearEnd = day(12, 31)

    func judge(asOf: CalendarDay, start: CalendarDay = yearStart, due: CalendarDay = yearEnd, progress: Int,
               status: TaskStatus = .onTrack, rules: Rules = Rules()) -> Judgement {
        Judge(asOf: asOf, rules: rules).judge(start: start, due: due, progress: progress, status: status)
    }

    @Test func theExampleOfTheSpec() {
        let j = judge(asOf: Self.day(4, 30), progress: 5)
        #expect((j.elapsed, j.total) == (120, 365))
        #expect(j.expectedTenths == 329 && j.gapTenths == -279)
        #expect(j.light == .yellow && j.reason == .behind && j.pace == .behindPace)
        #expect(j.dueIn == 245 && !j.dueSoon)
        #expect(WhyText.lines(j, rules: Rules(), in: .zh) == [
            "序时进度 32.9%（2025-01-01→2025-12-31，已过 120/365 天，截至 2025-04-30）；进度 5%，差 \u{2212}27.9 → 黄灯（落后超过 10 个百分点）",
        ])
        #expect(WhyText.lines(j, rules: Rules(), in: .en).first?.hasSuffix("gap \u{2212}27.9 → yellow (more than 10 points behind)") == true)
    }

    @Test func gapExactlyMinusTenIsGreenAndOneMoreIsYellow() {
        // 2025-03-14 is day 73 of 365: expected exactly 20.
        let at = Self.day(3, 14)
        let edge = judge(asOf: at, progress: 10)
        #expect(edge.expectedTenths == 200 && edge.gapTenths == -100)
        #expect(edge.light == .green && edge.pace == .onPace)
        let past = judge(asOf: at, progress: 9)
        #expect(past.light == .yellow && past.reason == .behind && past.pace == .behindPace)
    }

    @Test func gapExactlyMinusThirtyIsYellowAndOneMoreIsRed() {
        // 2025-05-26 is day 146 of 365: expected exactly 40.
        let at = Self.day(5, 26)
        let edge = judge(asOf: at, progress: 10)
        #expect(edge.expectedTenths == 400 && edge.gapTenths == -300)
        #expect(edge.light == .yellow && edge.reason == .behind)
        let past = judge(asOf: at, progress: 9)
        #expect(past.light == .red && past.reason == .farBehind)
    }

    @Test func notStartedTurnsRedExactlyWhenExpectedReachesIdle() {
        // 100 days from Jan 1 to Apr 10: day 25 is exactly 25%.
        let due = Self.day(4, 10)
        let at25 = judge(asOf: Self.day(1, 25), due: due, progress: 0, status: .notStarted)
        #expect(at25.total == 100 && at25.expectedTenths == 250)
        #expect(at25.light == .red && at25.reason == .idle)
        let at24 = judge(asOf: Self.day(1, 24), due: due, progress: 0, status: .notStarted)
        #expect(at24.light == .yellow && at24.reason == .behind)
        // An idle rule raised to 30 lets it stay yellow.
        var lenient = Rules()
        lenient.idle = 30
        #expect(judge(asOf: Self.day(1, 25), due: due, progress: 0, status: .notStarted, rules: lenient).light == .yellow)
    }

    @Test func onTheDueDateAndTheDayAfter() {
        let due = Self.day(6, 30)
        let onDay = judge(asOf: due, due: due, progress: 95)
        #expect(onDay.dueIn == 0 && onDay.expectedTenths == 1000 && onDay.gapTenths == -50)
        #expect(onDay.light == .green && onDay.dueSoon && !onDay.isOverdue)
        let after = judge(asOf: Self.day(7, 1), due: due, progress: 95)
        #expect(after.dueIn == -1 && after.light == .red && after.reason == .overdue && !after.dueSoon)
        #expect(after.elapsed == after.total)
        // Due soon: 0 ≤ due_in ≤ remind.
        #expect(judge(asOf: Self.day(6, 16), due: due, progress: 95).dueSoon)
        #expect(!judge(asOf: Self.day(6, 15), due: due, progress: 95).dueSoon)
    }

    @Test func doneButLateIsGreenWithItsGapCountedAt100() {
        let j = judge(asOf: Self.day(8, 1), due: Self.day(6, 30), progress: 60, status: .done)
        #expect(j.light == .green && j.reason == .done && j.pace == .done)
        #expect(j.progress == 100 && j.gapTenths == 0 && !j.dueSoon)
        let early = judge(asOf: Self.day(4, 30), progress: 100, status: .done)
        #expect(early.gapTenths == 671)
    }

    @Test func behindButAheadOfTheCalendarIsYellowAndAhead() {
        let j = judge(asOf: Self.day(4, 30), progress: 60, status: .behind)
        #expect(j.gapTenths == 271 && j.light == .yellow && j.reason == .reportedBehind && j.pace == .ahead)
    }

    @Test func beforeItsStartExpectedIsZero() {
        let j = judge(asOf: Self.day(2, 15), start: Self.day(3, 1), progress: 0, status: .notStarted)
        #expect(j.elapsed == 0 && j.expectedTenths == 0 && j.light == .green)
        #expect(WhyText.lines(j, rules: Rules(), in: .zh).count == 2)
        // The start day itself counts (inclusive).
        #expect(judge(asOf: Self.day(3, 1), start: Self.day(3, 1), progress: 0).elapsed == 1)
    }

    @Test func roundingIsHalfAwayFromZero() {
        #expect(Judge.roundedTenths(25, 10) == 3 && Judge.roundedTenths(-25, 10) == -3)
        #expect(Judge.roundedTenths(24, 10) == 2 && Judge.roundedTenths(-24, 10) == -2)
        #expect(Judge.formatTenths(-279, minus: "\u{2212}") == "\u{2212}27.9")
        #expect(Judge.formatTenths(5) == "0.5" && Judge.formatTenths(-5) == "-0.5" && Judge.formatTenths(1000) == "100.0")
        // 1/8 of the year is exact: 12.5 is not rounded.
        let j = judge(asOf: Self.day(1, 1), due: Self.day(1, 8), progress: 0)
        #expect(j.expectedTenths == 125)
    }

    @Test func theColumnLoopAgreesWithTheOneTaskJudgement() throws {
        var w = Workspace()
        let tasks = (0..<60).map { i in
            PlanTask(plan: "p", path: "\(i + 1)", heading: "任务\(i)", text: i % 3 == 0 ? "6月底前完成。" : "推进工作。",
                     offices: ["科\(i % 4)"])
        }
        try w.apply(.importPlans([ImportedPlan(info: PlanInfo(id: "p", title: "2025年工作要点", year: 2025), tasks: tasks)],
                                 replace: false))
        let statuses: [TaskStatus] = [.notStarted, .onTrack, .behind, .done]
        let updates = (0..<60).map { i in
            ProgressUpdate(plan: "p", path: "\(i + 1)", status: statuses[i % 4], progress: i % 4 == 3 ? 100 : (i * 7) % 90,
                           start: i % 5 == 0 ? .some(Self.day(3, 1)) : nil, source: "test")
        }
        try w.apply(.updateProgress(updates, month: YearMonth(year: 2025, month: 4), at: 0))
        for asOf in [Self.day(2, 1), Self.day(4, 30), Self.day(6, 30), Self.day(7, 1)] {
            let judge = Judge(asOf: asOf, rules: Rules())
            let lights = judge.lights(in: w.tasks)
            for r in 0..<w.taskCount {
                let j = judge.judge(row: r, in: w.tasks)
                #expect(lights[r] == j.light.rawValue)
                #expect(judge.light(row: r, in: w.tasks) == j.light)
                #expect(judge.expectedTenths(row: r, in: w.tasks) == j.expectedTenths)
                #expect(judge.gapTenths(row: r, in: w.tasks) == j.gapTenths)
                #expect(judge.dueIn(row: r, in: w.tasks) == j.dueIn)
                #expect(judge.pace(row: r, in: w.tasks) == j.pace)
                #expect(judge.isDueSoon(row: r, in: w.tasks) == j.dueSoon)
            }
        }
        // Deadlines set due; a start set by hand moved the calendar.
        #expect(w.task(row: 0).due == Self.day(6, 30) && w.task(row: 0).start == Self.day(3, 1) && w.task(row: 0).startByHand)
        #expect(w.task(row: 1).due == Self.day(12, 31) && !w.task(row: 1).dueByHand)
    }

    @Test func dayNumbersRoundTrip() {
        for n in stride(from: -800_000, to: 3_000_000, by: 997) {
            let d = CalendarDay(dayNumber: n)
            #expect(d.dayNumber == n)
        }
        #expect(Self.day(1, 1, 1970).dayNumber == 0)
        #expect(Self.day(3, 1, 2024).dayNumber - Self.day(2, 28, 2024).dayNumber == 2)
    }

    /// `why` in English and in Chinese comes from one builder over the Lexicon's two templates:
    /// for every reason a light can have, both languages give the same number of lines carrying
    /// the same numbers.
    @Test func whyInBothLanguagesCarriesTheSameNumbers() {
        let cases = [
            judge(asOf: Self.day(4, 30), progress: 5),                                   // behind
            judge(asOf: Self.day(9, 30), progress: 5),                                   // far behind
            judge(asOf: Self.day(7, 1), due: Self.day(6, 30), progress: 50),             // overdue
            judge(asOf: Self.day(6, 20), due: Self.day(6, 30), progress: 90),            // due soon
            judge(asOf: Self.day(4, 30), progress: 60, status: .behind),                 // reported behind
            judge(asOf: Self.day(4, 15), progress: 0, status: .notStarted),              // idle
            judge(asOf: Self.day(2, 15), start: Self.day(3, 1), progress: 0, status: .notStarted),  // not begun
            judge(asOf: Self.day(4, 30), progress: 100, status: .done),                  // done
            judge(asOf: Self.day(4, 30), progress: 80),                                  // ahead
        ]
        // Word order differs between the languages: compare the numbers as a multiset.
        func numbers(_ lines: [String]) -> [String] {
            lines.joined(separator: " ").split { !($0.isASCII && $0.isNumber) && $0 != "." }.map(String.init).sorted()
        }
        var reasons = Set<LightReason>()
        for j in cases {
            reasons.insert(j.reason)
            let en = WhyText.lines(j, rules: Rules(), in: .en), zh = WhyText.lines(j, rules: Rules(), in: .zh)
            #expect(en.count == zh.count, "\(en) / \(zh)")
            #expect(numbers(en) == numbers(zh), "\(en) / \(zh)")
            #expect(zh[0].contains(j.light.chineseLabel) && en[0].contains(j.light.keyword))
        }
        #expect(reasons.count == 7, "every reason is tried: \(reasons)")
    }
}
