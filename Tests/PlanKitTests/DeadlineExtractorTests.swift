import Foundation
import Testing
@testable import PlanKit

/// Every deadline phrase of SPEC §9 and every phrase that looks like one but is not.
@Suite struct DeadlineExtractorTests {
    /// `raw=date` for each deadline of `text` in a 2025 plan.
    func found(_ text: String, year: Int? = 2025) -> [String] {
        DeadlineExtractor.deadlines(in: text, planYear: year).map { "\($0.raw)=\($0.day)" }
    }

    func kinds(_ text: String) -> [Deadline.Kind] {
        DeadlineExtractor.deadlines(in: text, planYear: 2025).map(\.kind)
    }

    @Test func endOfYearPhrases() {
        #expect(found("年底前完成全部改造。") == ["年底前=2025-12-31"])
        #expect(found("今年底完成验收。") == ["年底=2025-12-31"])
        #expect(found("确保年末建成。") == ["年末=2025-12-31"])
        #expect(kinds("年底前完成全部改造。") == [.yearEnd])
    }

    @Test func withinAndWholeYearOnlyAtTheStartOfAClause() {
        #expect(found("年内建成3家示范点。") == ["年内=2025-12-31"])
        #expect(found("完善机制，年内建成3家示范点。") == ["年内=2025-12-31"])
        #expect(found("全年筛查1万人。") == ["全年=2025-12-31"])
        #expect(found("推进项目,全年新增床位50张。") == ["全年=2025-12-31"])
        #expect(kinds("全年筛查1万人。") == [.wholeYear])
        #expect(kinds("年内建成3家示范点。") == [.withinYear])
        // Inside a word, not a period.
        #expect(found("建立健全年轻干部选拔机制。").isEmpty)
        #expect(found("覆盖全年龄段人群。").isEmpty)
        #expect(found("力争年内完成。").isEmpty)
    }

    @Test func monthEndPhrases() {
        #expect(found("6月底前完成招标。") == ["6月底前=2025-06-30"])
        #expect(found("9月底建成投用。") == ["9月底=2025-09-30"])
        #expect(found("2月末完成摸底。") == ["2月末=2025-02-28"])
        #expect(found("2月末完成摸底。", year: 2024) == ["2月末=2024-02-29"])
        #expect(found("十一月底前完成评估。") == ["十一月底前=2025-11-30"])
        #expect(found("六月底前完成招标。") == ["六月底前=2025-06-30"])
        #expect(found("１２月底前完成。") == ["１２月底前=2025-12-31"])
        #expect(kinds("6月底前完成招标。") == [.monthEnd])
    }

    @Test func beforeMonthMeansTheEndOfTheMonthBefore() {
        #expect(found("10月前完成设备采购。") == ["10月前=2025-09-30"])
        #expect(found("3月前完成。") == ["3月前=2025-02-28"])
        #expect(found("七月之前完成。") == ["七月之前=2025-06-30"])
        #expect(found("1月前完成。") == ["1月前=2024-12-31"])
        #expect(kinds("10月前完成设备采购。") == [.beforeMonth])
    }

    @Test func halvesAndQuarters() {
        #expect(found("上半年完成规划编制。") == ["上半年=2025-06-30"])
        #expect(found("下半年全面推开。") == ["下半年=2025-12-31"])
        #expect(found("一季度完成方案。") == ["一季度=2025-03-31"])
        #expect(found("二季度末前完成。") == ["二季度末前=2025-06-30"])
        #expect(found("第三季度完成试点。") == ["第三季度=2025-09-30"])
        #expect(found("四季度完成验收。") == ["四季度=2025-12-31"])
        #expect(kinds("上半年完成规划编制。") == [.halfYear])
        #expect(kinds("第三季度完成试点。") == [.quarter])
    }

    @Test func aDayOfAMonth() {
        #expect(found("5月20日前上报方案。") == ["5月20日前=2025-05-20"])
        #expect(found("十月三十一日前完成。") == ["十月三十一日前=2025-10-31"])
        #expect(found("4月15号之前完成。") == ["4月15号之前=2025-04-15"])
        #expect(kinds("5月20日前上报方案。") == [.day])
        // A date without 前 is an event, not a deadline.
        #expect(found("3月20日召开推进会。").isEmpty)
        // A day that does not exist names no deadline.
        #expect(found("2月30日前完成。").isEmpty)
    }

    @Test func aYearWrittenWithThePhraseIsUsed() {
        #expect(found("2025年6月底前完成。") == ["2025年6月底前=2025-06-30"])
        #expect(found("2026年3月底前建成。") == ["2026年3月底前=2026-03-31"])
        #expect(found("2026年底前全覆盖。") == ["2026年底前=2026-12-31"])
        #expect(found("2026年上半年完成。") == ["2026年上半年=2026-06-30"])
        #expect(found("2026年一季度完成。") == ["2026年一季度=2026-03-31"])
        #expect(found("２０２６年６月底前完成。") == ["２０２６年６月底前=2026-06-30"])
    }

    @Test func severalDeadlinesAreAllListedAndTheLatestIsDue() {
        let ds = DeadlineExtractor.deadlines(in: "3月底前完成方案，9月底前完成建设，年底前完成验收。", planYear: 2025)
        #expect(ds.map(\.raw) == ["3月底前", "9月底前", "年底前"])
        #expect(DeadlineExtractor.latest(ds) == CalendarDay(year: 2025, month: 12, day: 31))
        let two = DeadlineExtractor.deadlines(in: "一季度完成摸底，6月底前出台方案。", planYear: 2025)
        #expect(DeadlineExtractor.latest(two) == CalendarDay(year: 2025, month: 6, day: 30))
        #expect(DeadlineExtractor.latest([]) == nil)
    }

    @Test func notDeadlines() {
        // Multi-year goals.
        #expect(found("到2027年，基本建成整合型服务体系。").isEmpty)
        // Start dates.
        #expect(found("3月份启动专项行动。").isEmpty)
        #expect(found("下半年启动第二批试点。").isEmpty)
        #expect(found("6月起实施新标准。").isEmpty)
        // Recurring reporting dates.
        #expect(found("每月25日前报送进展。").isEmpty)
        #expect(found("每季度末前报送数据。").isEmpty)
        #expect(found("每年6月底前报送年报。").isEmpty)
        // Status dates, other years, unreadable years.
        #expect(found("截至6月底，已完成80%。").isEmpty)
        #expect(found("比去年底增长10%。").isEmpty)
        #expect(found("到20xx年末，全面覆盖。").isEmpty)
        #expect(found("20xx年6月底前完成。").isEmpty)
        #expect(found("截至xx月xx日,全区累计完成接种。").isEmpty)
        // Month counts and plain numbers.
        #expect(found("3个月前完成培训。").isEmpty)
        #expect(found("服务时间延长至12个月。").isEmpty)
        #expect(found("新院x月投用。").isEmpty)
    }

    @Test func withoutAPlanYearOnlyPhrasesWithTheirOwnYearCount() {
        #expect(found("6月底前完成。", year: nil).isEmpty)
        #expect(found("2025年6月底前完成。", year: nil) == ["2025年6月底前=2025-06-30"])
    }

    @Test func theSameDeadlineTwiceIsListedOnce() {
        #expect(found("年底前完成A，年底前完成B。") == ["年底前=2025-12-31"])
    }
}

/// The plan year: title, file name, then the import year with a warning.
@Suite struct PlanYearTests {
    @Test func fromTheTitle() {
        #expect(PlanYear.fromTitle("余姚市卫生健康局2025年全市卫生健康工作要点") == 2025)
        #expect(PlanYear.fromTitle("2024年工作总结和2025年工作计划") == 2025)
        #expect(PlanYear.fromTitle("关于印发2023年工作要点的通知（2022年12月）") == 2023)
        #expect(PlanYear.fromTitle("2021—2023年行动方案") == 2023)
        #expect(PlanYear.fromTitle("某县卫生健康工作要点") == nil)
    }

    @Test func fromTheFileName() {
        #expect(PlanYear.fromFileName("yuyao-2025.txt") == 2025)
        #expect(PlanYear.fromFileName("plan_2024_v2.txt") == 2024)
        #expect(PlanYear.fromFileName("000_959402fedd2f6186.txt") == nil)
        #expect(PlanYear.fromFileName("20250301.txt") == nil)
        #expect(PlanYear.find(title: "某县卫生健康工作要点", fileName: "mou-2023.txt") == 2023)
    }

    @Test func aPlanWithNoYearTakesTheImportYearWithAWarning() throws {
        let text = "某县卫生健康工作要点\n一、基层\n1.完善签约。6月底前完成。\n"
        let now = Int64(CalendarDay(year: 2026, month: 3, day: 1).map { $0.dayNumber * 86_400 + 43_200 } ?? 0)
        let p = try PlanImporter.parse(data: Data(text.utf8), fileName: "mou.txt", id: "mou", now: now)
        #expect(p.info.year == 2026)
        #expect(p.info.warnings.contains { $0.message.hasPrefix(PlanYear.missingWarningPrefix) && $0.line == 1 })
        #expect(p.tasks.first?.due == CalendarDay(year: 2026, month: 6, day: 30))
        // `year YYYY` replaces it and re-reads the deadlines.
        let fixed = Schedule.withYear(2025, p)
        #expect(fixed.info.year == 2025)
        #expect(!fixed.info.warnings.contains { $0.message.hasPrefix(PlanYear.missingWarningPrefix) })
        #expect(fixed.tasks.first?.due == CalendarDay(year: 2025, month: 6, day: 30))
        #expect(fixed.tasks.first?.start == CalendarDay(year: 2025, month: 1, day: 1))
    }
}

/// The deadline phrases of the five seeds, counted by kind (the closing note reports them).
@Suite(.enabled(if: Fixtures.hasShared, Comment(rawValue: Fixtures.sharedMissing)))
struct SeedDeadlineTests {
    @Test func seedsHoldOnlyWholeYearPhrases() throws {
        var counts: [Deadline.Kind: Int] = [:]
        var raws: [String] = []
        for seed in Fixtures.seedNames() {
            let url = Fixtures.shared.appendingPathComponent("seeds/\(seed).txt")
            let plan = try PlanImporter.importFile(at: url, id: "s")
            for t in plan.tasks {
                for d in t.deadlines {
                    counts[d.kind, default: 0] += 1
                    raws.append(d.raw)
                }
                // Without a deadline of its own a task is due at its plan's end.
                if t.deadlines.isEmpty { #expect(t.due == plan.info.periodEnd) }
            }
        }
        // 全年 at a clause start three times; 健全年轻 (twice) and 到20xx年末 are not deadlines.
        #expect(counts == [.wholeYear: 3], "\(counts) \(raws)")
    }
}
