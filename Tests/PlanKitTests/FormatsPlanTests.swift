import Foundation
import Testing
@testable import PlanKit

/// The plan of a document as the comparisons need it: every task's path, heading, text,
/// offices and targets.
func planSignature(_ plan: ImportedPlan) -> [String] {
    plan.tasks.map { t in
        let targets = t.targets.map { "\($0.raw)=\($0.value.map { String($0) } ?? "-")\($0.unit)" }.joined(separator: ",")
        return "\(t.path)|\(t.heading)|\(t.text)|\(t.offices.joined(separator: "、"))|\(targets)"
    }
}

@Suite struct FormatsPlanFixtureTests {
    static let original = Fixtures.packageRoot.appendingPathComponent("examples/plans/qingshan2025.txt")

    func importFixture(_ name: String) throws -> ImportedPlan {
        try PlanImporter.parse(data: FormatFixtures.data(name), fileName: name, id: "qingshan2025", now: 0)
    }

    @Test(arguments: ["qingshan2025.docx", "qingshan2025-raw.docx", "qingshan2025.html", "qingshan2025-lo.html"])
    func importsLikeThePlainText(_ name: String) throws {
        let text = try PlanImporter.parse(data: Data(contentsOf: Self.original), fileName: "qingshan2025.txt",
                                          id: "qingshan2025", now: 0)
        let other = try importFixture(name)
        #expect(other.tasks.count == 30)
        let a = planSignature(other), b = planSignature(text)
        for (x, y) in zip(a, b) where x != y { Issue.record("\(name): \(x) ≠ \(y)") }
        #expect(a.count == b.count)
        #expect(other.info.title == text.info.title)
        #expect(other.info.year == 2025)
    }

    @Test func docxNumberingIsRenderedAsWordShowsIt() throws {
        let archive = try ZipArchive(data: FormatFixtures.data("qingshan2025-raw.docx"), fileName: "q.docx")
        let lines = try DocxReader.lines(of: archive)
        #expect(lines.contains("一、总体要求"))
        #expect(lines.contains("（一）提升县级医院综合服务能力"))
        #expect(lines.contains { $0.hasPrefix("5.加强院前急救体系建设") })
        #expect(lines.contains("（六）加快卫生健康数字化转型"))
        // Level 3 restarts under each (二), level 2 under 三、.
        #expect(lines.contains { $0.hasPrefix("1.实施乡镇卫生院服务能力提升工程") })
        #expect(lines.contains("三、保障措施") && lines.contains("（一）加强人才队伍建设"))
        // The runs were cut inside numbers and words; joined again.
        #expect(lines.contains { $0.contains("急性心肌梗死患者从进门到球囊扩张时间控制在90分钟以内") })
    }

    @Test func gb2312PageIsNamedInAWarningAndChromeIsDropped() throws {
        let plan = try importFixture("qingshan2025.html")
        #expect(plan.info.warnings.first?.message == "read as GB18030 (the file is not UTF-8)")
        let (lines, decoded) = try HtmlReader.read(FormatFixtures.data("qingshan2025.html"), fileName: "q.html")
        #expect(decoded.encoding == .gb18030)
        #expect(!lines.contains { $0.contains("siteName") || $0.contains(".nav li") })
        #expect(lines.contains { $0.contains("年内1—2家中心卫生院") })
        #expect(lines.contains("发布日期：2025-02-18  来源：青山县卫生健康局  浏览次数：1024"))
    }
}

@Suite struct FormatsDocxFeatureTests {
    func lines() throws -> [String] {
        try DocxReader.lines(of: ZipArchive(data: FormatFixtures.data("features.docx"), fileName: "features.docx"))
    }

    @Test func numberFormatsLevelTextsOverridesAndStyles() throws {
        let l = try lines()
        #expect(l.contains("一、重点工作"))              // numbered by its paragraph style
        #expect(l.contains("（一）医疗服务"))
        #expect(l.contains("二、公共卫生"))
        #expect(l.contains("甲、甲项任务。") && l.contains("乙、乙项任务。"))
        #expect(l.contains("⑤圈一。") && l.contains("⑥圈二。"))   // startOverride 5
        #expect(l.contains("a)字母一。") && l.contains("b)字母二。"))
        #expect(l.contains("i.罗马一。") && l.contains("ii.罗马二。"))
        #expect(l.contains("一百二十三、千位计数。"))
    }

    @Test func deletionsHiddenTextCommentsHeadersAndFootersAreLeftOut() throws {
        let l = try lines()
        let all = l.joined(separator: "\n")
        #expect(l.contains("1.新增床位120张。(责任科室:医政科)"))
        #expect(l.contains("2.建成胸痛中心1个。新增的内容。(责任科室:医政科)"))
        #expect(!all.contains("删掉的") && !all.contains("隐藏") && !all.contains("批注") && !all.contains("页眉") && !all.contains("页脚"))
        #expect(l.contains("指标名称|目标值|责任科室") && l.contains("床位数|120张|医政科"))
        #expect(l.last == "结束语。")
    }

    @Test func numberFormatsByValue() {
        #expect(NumberFormat.render(11, format: "chineseCounting") == "十一")
        #expect(NumberFormat.render(20, format: "chineseCounting") == "二十")
        #expect(NumberFormat.render(105, format: "chineseCountingThousand") == "一百零五")
        #expect(NumberFormat.render(12, format: "chineseCountingThousand") == "十二")
        #expect(NumberFormat.render(3, format: "ideographTraditional") == "丙")
        #expect(NumberFormat.render(20, format: "decimalEnclosedCircle") == "⑳")
        #expect(NumberFormat.render(21, format: "decimalEnclosedCircle") == "21")
        #expect(NumberFormat.render(28, format: "upperLetter") == "BB")
        #expect(NumberFormat.render(1994, format: "upperRoman") == "MCMXCIV")
        #expect(NumberFormat.render(4, format: "lowerRoman") == "iv")
        #expect(NumberFormat.render(7, format: "decimalFullWidth") == "７")
    }
}

@Suite struct FormatsRefusalTests {
    @Test(arguments: [
        ("bomb.docx", "refused: a member of 300 MiB is over the 256 MiB limit"),
        ("corrupt.docx", "not a readable zip archive"),
        ("images-only.docx", "holds no text (only pictures"),
        ("no-plan.html", "no plan in this web page"),
        ("encrypted.docx", "is a password-protected (encrypted) Office file"),
        ("encrypted.xlsx", "is a password-protected (encrypted) Office file"),
        ("legacy.doc", "is a legacy Word/WPS document (.doc/.wps)"),
        ("legacy.xls", "is a legacy Excel/WPS workbook (.xls/.et)"),
        ("plan.pdf", "is a PDF"),
        ("plan.rtf", "is an RTF document"),
        ("plan.ofd", "is an OFD 版式文件"),
    ])
    func badInputIsAOneLineError(_ name: String, _ message: String) throws {
        let data = try FormatFixtures.data(name)
        let error = #expect(throws: Diagnostic.self) { try PlanImporter.parse(data: data, fileName: name, id: "x", now: 0) }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        #expect(error?.message.hasPrefix(name) == true)
        #expect(error?.message.contains("\n") == false)
    }

    @Test func aLegacyFileIsKnownByItsBytesWhateverItsName() throws {
        let data = try FormatFixtures.data("legacy.doc")
        let error = #expect(throws: Diagnostic.self) { try PlanImporter.parse(data: data, fileName: "plan.txt", id: "x", now: 0) }
        #expect(error?.message.contains("legacy Word/WPS document") == true)
    }
}
