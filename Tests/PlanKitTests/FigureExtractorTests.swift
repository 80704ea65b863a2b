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

    @Test func workingDaysSessionsAndWeeksAreUnits() {
        #expect(pairs("审批时限压缩至5个工作日") == ["5个工作日 ="])
        #expect(pairs("办理时限10工作日") == ["10工作日 ="])
        #expect(pairs("开展义诊活动120场次以上") == ["120场次 >="])
        #expect(pairs("培训周期为2周") == ["2周 ="])
        #expect(pairs("纪念建院70周年，周边3周内") == ["3周 <="])
        #expect(pairs("开展义诊30场") == ["30场 ="])
        #expect(pairs("为60周岁以上老人") == ["60周岁 >="])
    }

    func kinds(_ text: String) -> [String] {
        FigureExtractor.targets(in: text).map { "\($0.raw) \($0.kind.rawValue)" }
    }

    @Test func anAgeBandBeforeThePeopleItNamesIsAQualifier() {
        #expect(kinds("15岁以上人群吸烟率降低到20%。") == ["15岁以上 qualifier", "降低到20% target"])
        #expect(kinds("为8.2万名60岁以上老年人免费接种") == ["8.2万名 target", "60岁以上 qualifier"])
        #expect(kinds("对 50-74 周岁的户籍居民开展筛查") == ["50-74 周岁 qualifier"])
        #expect(kinds("全市适龄(重点为13-14岁)女生接种") == ["13-14岁 qualifier"])
        // An age that ends its clause is a value.
        #expect(kinds("人均预期寿命达82.5岁。") == ["达82.5岁 target"])
        #expect(kinds("人均预期寿命79岁左右") == ["79岁 target"])
    }

    @Test func aTimeInsideANameIsAQualifierAndATimeLimitATarget() {
        #expect(kinds("打造“15分钟中医药服务圈”") == ["15分钟 qualifier"])
        #expect(kinds("巩固24小时监控机制") == ["24小时 qualifier"])
        #expect(kinds("平均反应时间控制在10分钟以内，") == ["控制在10分钟以内 target"])
        #expect(kinds("接报后2小时到达现场") == ["2小时 target"])
        #expect(kinds("审批压缩至3个工作日办结") == ["3个工作日 target"])
        #expect(kinds("建成5公里医疗服务圈") == ["5公里 qualifier"])
    }

    @Test func denominatorsAndListSizesAreQualifiers() {
        #expect(kinds("每50万人口配备1辆检测车") == ["50万 qualifier", "1辆 target"])
        #expect(kinds("开展苯丙酮尿症、地中海贫血等5种遗传代谢病筛查") == ["5种 qualifier"])
        // Any other figure is a target, 保持在 and 稳定在 included.
        #expect(kinds("床位保持在6张以上，比例稳定在40%。") == ["保持在6张以上 target", "稳定在40% target"])
        #expect(kinds("新建标准化社区卫生服务站3个。") == ["3个 target"])
    }

    @Test func metricsReadWhatQualifiersExplain() {
        let ts = FigureExtractor.targets(in: "持续扩容托育供给,每千人托位数达到4.6个,每千名3岁以下婴幼儿托位数达到275个。")
        #expect(ts.map(\.metric) == ["每千人托位数", "婴幼儿托位数", "每千名3岁以下婴幼儿托位数"])
        let people = FigureExtractor.targets(in: "为全市2万重点人群免费开展结直肠癌筛查;新增30家标准化救治中心")
        #expect(people.map(\.metric) == ["重点人群免费开展结直肠癌筛查", "标准化救治中心"])
        let list = FigureExtractor.targets(in: "选拔领军人才10名、创新人才100名和医坛新秀200名。")
        #expect(list.map(\.metric) == ["选拔领军人才", "创新人才", "医坛新秀"])
        let paren = FigureExtractor.targets(in: "培育建设重点中心镇卫生院(县域医疗卫生次中心)1家,")
        #expect(paren.map(\.metric) == ["培育建设重点中心镇卫生院(县域医疗卫生次中心)"])
    }

    /// A metric names what is counted: an opening deadline and a delivery verb are the task's
    /// words (`10月前开展…筛查1000人` counts 筛查), but a verb that is the measure (培训) or sits in a
    /// relative clause (`完成…的医疗机构`) stays, and the longest verb wins (新建成, not 新建).
    @Test func metricsLeaveOutDeadlinesAndDeliveryVerbs() {
        func metrics(_ text: String) -> [String] { FigureExtractor.targets(in: text).map(\.metric) }
        #expect(metrics("10月前开展上消化道癌筛查1000人。") == ["上消化道癌筛查"])
        #expect(metrics("2026年3月底前培养基层骨干人才20名。") == ["培养基层骨干人才"])
        #expect(metrics("完成宫颈癌筛查8000人、乳腺癌筛查6000人。") == ["宫颈癌筛查", "乳腺癌筛查"])
        #expect(metrics("新建成市级特色专科2个。") == ["市级特色专科"])
        #expect(metrics("完成等级保护测评的医疗机构达100%。") == ["完成等级保护测评的医疗机构"])
        #expect(metrics("培训应急队员300人次。") == ["培训应急队员"])
        #expect(metrics("完成审计5项。") == ["审计"])
        #expect(metrics("完成课5项。") == ["完成课"])  // at least two characters stay
    }
}
