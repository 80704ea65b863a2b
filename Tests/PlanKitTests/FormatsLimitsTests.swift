import Foundation
import Testing
@testable import PlanKit

/// SPEC §10 "Safety" at its edges: a member of at most 256 MiB, a ratio of at most 200 (small
/// members excepted), at most 10,000 members, XML entities never expanded, and nothing named in
/// an archive ever written — through `import plan` and `import progress` as well as the reader.
@Suite struct FormatsArchiveLimitTests {
    static func member(uncompressed: Int, compressed: Int) -> ZipArchive.Member {
        ZipArchive.Member(path: "x.xml", method: 8, flags: 0, crc32: 0, compressedSize: compressed,
                          uncompressedSize: uncompressed, localHeaderOffset: 0)
    }

    static func refusal(_ m: ZipArchive.Member) -> String? {
        let archive = try? ZipArchive(data: ZipBuilder().build(), fileName: "t.zip")
        do {
            try archive?.checkDeclared(m, name: "t.zip (x.xml)")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func memberSizeLimitIs256MiB() {
        #expect(Self.refusal(Self.member(uncompressed: 256 << 20, compressed: 2 << 20)) == nil)
        let over = Self.refusal(Self.member(uncompressed: (256 << 20) + 1, compressed: 2 << 20))
        #expect(over?.contains("over the 256 MiB limit") == true, "\(String(describing: over))")
        #expect(ZipArchive.Limits.standard.memberBytes == 256 << 20)
    }

    @Test func ratioLimitIs200() {
        let c = 10_000  // 2 MB uncompressed: past the 1 MiB grace for small members
        #expect(Self.refusal(Self.member(uncompressed: 200 * c, compressed: c)) == nil)
        let over = Self.refusal(Self.member(uncompressed: 200 * c + 1, compressed: c))
        #expect(over?.contains("200 to 1") == true, "\(String(describing: over))")
        // Small XML often compresses past 200:1 and is harmless.
        #expect(Self.refusal(Self.member(uncompressed: 1 << 20, compressed: 100)) == nil)
        #expect(ZipArchive.Limits.standard.ratio == 200)
    }

    @Test func tenThousandMembersAreReadOneMoreIsRefused() throws {
        var z = ZipBuilder()
        for i in 0..<10_000 { z.add("m\(i)", Data([0x41]), deflate: false) }
        let archive = try ZipArchive(data: z.build(), fileName: "many.docx")
        #expect(archive.members.count == 10_000)
        z.add("one-more", Data([0x41]), deflate: false)
        let error = #expect(throws: Diagnostic.self) { try ZipArchive(data: z.build(), fileName: "many.docx") }
        #expect(error?.message == "many.docx: refused: 10001 members is over the limit of 10000")
    }

    /// A workbook: `sheet` as its one worksheet, `shared` as its shared strings.
    static func workbook(sheet: Data, declaredSheetSize: Int? = nil, shared: String? = nil) -> Data {
        var z = ZipBuilder()
        z.add("xl/workbook.xml", #"<workbook xmlns:r="urn:r"><sheets><sheet name="进度" sheetId="1" r:id="rId1"/></sheets></workbook>"#)
        z.add("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#)
        z.add("xl/worksheets/sheet1.xml", sheet, declaredSize: declaredSheetSize)
        if let shared { z.add("xl/sharedStrings.xml", shared) }
        return z.build()
    }

    @Test func progressSheetsMeetTheLimits() {
        let w = QueryFixture.workspace
        let sheet = Data(#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#.utf8)
        // A member declaring 300 MiB.
        let bomb = Self.workbook(sheet: sheet, declaredSheetSize: 300 << 20)
        let big = #expect(throws: Diagnostic.self) { try ProgressSheet.parse(file: [UInt8](bomb), displayName: "b.xlsx", sheet: nil, in: w) }
        #expect(big?.message.contains("over the 256 MiB limit") == true, "\(String(describing: big))")
        // Entities beyond the predefined five are never expanded: the part is refused.
        var laughs = #"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "任务编号">"#
        for i in 1...6 { laughs += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        laughs += "]><sst><si><t>&a6;</t></si></sst>"
        let lol = Self.workbook(sheet: sheet, shared: laughs)
        let entity = #expect(throws: Diagnostic.self) { try ProgressSheet.parse(file: [UInt8](lol), displayName: "l.xlsx", sheet: nil, in: w) }
        #expect(entity?.message.contains("l.xlsx (xl/sharedStrings.xml): refused") == true, "\(String(describing: entity))")
    }

    /// A value far to the right pads its row with empty cells: a sheet may not ask for more
    /// than a bound of them (10 million in use; 1,000 here), however few bytes it takes.
    @Test func sheetCellsAreBounded() throws {
        var xml = "<worksheet><sheetData>"
        for r in 1...3 { xml += #"<row r="\#(r)"><c r="A\#(r)" t="inlineStr"><is><t>a</t></is></c><c r="ZZ\#(r)"><v>1</v></c></row>"# }
        xml += "</sheetData></worksheet>"
        let fits = XlsxSheetPart(shared: [], formats: [], date1904: false, cellLimit: 3 * 702)
        try SafeXML.parse(Data(xml.utf8), source: "s.xml", handler: fits)
        #expect(!fits.tooManyCells && fits.rows.map(\.cells.count) == [702, 702, 702])
        let over = XlsxSheetPart(shared: [], formats: [], date1904: false, cellLimit: 1_000)
        try SafeXML.parse(Data(xml.utf8), source: "s.xml", handler: over)
        #expect(over.tooManyCells && over.rows.map(\.cells.count) == [702, 1, 1])
        #expect(XlsxSheetPart.maxCells == 10_000_000)
        #expect(Messages.sheetTooManyCells("p.xlsx", sheet: "进度", limit: 10).text.hasPrefix("p.xlsx: sheet \"进度\" holds more than 10 cells"))
    }

    @Test func plansMeetTheLimitsAndNothingInsideIsWritten() throws {
        let escape = "plansh-zip-escape-\(getpid()).txt"
        var z = ZipBuilder()
        z.add("[Content_Types].xml", "<Types/>")
        z.add("../../../tmp/" + escape, "written?")
        z.add("/tmp/" + escape, "written?")
        z.add("word/document.xml", #"<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>"#
              + #"<w:p><w:r><w:t>（一）推进医共体建设，覆盖率达95%以上。</w:t></w:r></w:p></w:body></w:document>"#)
        let plan = try PlanImporter.parse(data: z.build(), fileName: "p.docx", id: "p", now: 0)
        #expect(plan.tasks.count == 1)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/" + escape))
        var bomb = ZipBuilder()
        bomb.add("word/document.xml", Data(count: 1 << 20), declaredSize: (256 << 20) + 1)
        let error = #expect(throws: Diagnostic.self) { try PlanImporter.parse(data: bomb.build(), fileName: "b.docx", id: "b", now: 0) }
        #expect(error?.message.contains("b.docx (word/document.xml): refused") == true, "\(String(describing: error))")
    }
}
