import Testing
@testable import PlanKit

@Suite struct FigureExtractorTests {
    func pairs(_ text: String) -> [String] {
        FigureExtractor.targets(in: text).map { t in
            "\(t.value.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "null")\(t.unit) \(t.comparator.rawValue)"
        }
    }

    @Test func comparatorsFollowTheWordsAroundTheFigure() {
        #expect(pairs("产前筛查率达96%以上。") == ["96% >="])
        #expect(pairs("孕产妇死亡率控制在8.5/10万以内。") == ["8.5/10万 <="])
        #expect(pairs("婴儿死亡率不超过4‰。") == ["4‰ <="])
        #expect(pairs("新建托位320个。") == ["320个 ="])
        #expect(pairs("覆盖率提高到70%。") == ["70% >="])
    }

    @Test func figuresSeparatedByACommaArePhrasesOfTheirOwn() throws {
        let ts = FigureExtractor.targets(in: "老年人健康管理率达到72%以上，65岁以上老年人中医药服务覆盖率达75%。")
        #expect(ts.map(\.raw) == ["达到72%以上", "65岁以上", "达75%"])
        #expect(ts[0].comparator == .atLeast && ts[0].metric == "老年人健康管理率")
        #expect(ts[1].comparator == .atLeast && ts[1].unit == "岁" && ts[1].value == 65)
        // With 分别 a comma-separated list is still one phrase.
        #expect(FigureExtractor.targets(in: "两项指标分别达60%，85%以上。").map(\.comparator) == [.atLeast, .atLeast])
        #expect(pairs("检查100家次以上") == ["100家次 >="])
    }

    @Test func aRedactedFigureMayHaveALatinUnit() throws {
        let t = try #require(FigureExtractor.targets(in: "抗菌药物使用强度控制在xxDDDs以内。").first)
        #expect(t.value == nil && t.unit == "DDDs" && t.comparator == .atMost && t.raw == "控制在xxDDDs以内")
        #expect(pairs("强度40DDDs以下") == ["40DDDs <="])
        #expect(pairs("型号xG网络") == [])
    }

    @Test func aNegatedComparatorIsReadWhole() throws {
        let t = try #require(FigureExtractor.targets(in: "全年新开展适宜技术不少于15项。").first)
        #expect(t.comparator == .atLeast && t.value == 15 && t.unit == "项")
        #expect(t.raw == "不少于15项")
        #expect(t.metric == "新开展适宜技术")
        #expect(pairs("候诊时间少于30分钟") == ["30分钟 <="])
        #expect(pairs("床位使用率不高于90%") == ["90% <="])
    }

    @Test func rangesKeepLowAndHigh() throws {
        let t = try #require(FigureExtractor.targets(in: "每个乡镇建成1—2家示范站。").first)
        #expect(t.comparator == .range && t.low == 1 && t.high == 2 && t.unit == "家")
        #expect(pairs("为13至14周岁女生接种") == ["13周岁 range"])
        #expect(pairs("3-5家") == ["3家 range"])
    }

    @Test func listsGiveOneTargetPerValueWithItsMetric() {
        let ts = FigureExtractor.targets(in: "门诊预约率、检查互认率分别达60%、85%以上。")
        #expect(ts.map(\.value) == [60, 85])
        #expect(ts.map(\.metric) == ["门诊预约率", "检查互认率"])
        #expect(ts.allSatisfy { $0.comparator == .atLeast && $0.raw == "达60%、85%以上" })
    }

    @Test func redactedFiguresHaveNoValue() {
        #expect(pairs("完成xx.x%的任务，新增x家，xx余项") == ["null% =", "null家 =", "null项 ="])
    }

    @Test func unitsWithMagnitudesAndDenominators() {
        #expect(pairs("服务5.6万人次") == ["5.6万人次 ="])
        #expect(pairs("覆盖30万人口") == ["30万 ="])
        #expect(pairs("日检测能力8000 管/日") == ["8000管/日 ="])
        #expect(pairs("每千人口床位4.5张") == ["4.5张 ="])
        #expect(pairs("投资1.2亿元") == ["1.2亿元 ="])
        #expect(pairs("急救反应时间12分钟以内") == ["12分钟 <="])
        #expect(pairs("提升1.5个百分点") == ["1.5个百分点 ="])
        #expect(pairs("１２０家") == ["120家 ="])
        #expect(pairs("打造15分钟健康服务圈") == ["15分钟 ="])
    }

    @Test func numbersThatAreNotFigures() {
        #expect(pairs("2025年3月起实施") == [])
        #expect(pairs("建设5G网络和H7N9监测") == [])
        #expect(pairs("推行1+N模式和“616”工程") == [])
        #expect(pairs("上线2.0版平台，第3批名单，比例1:1.2") == [])
        #expect(pairs("覆盖12县和x平台") == [])
        #expect(pairs("x 年一次") == [])
        #expect(pairs("2024—2026年行动") == [])
    }
}
