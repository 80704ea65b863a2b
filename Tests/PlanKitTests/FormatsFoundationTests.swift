import Foundation
import Testing
@testable import PlanKit

@Suite struct FormatsTextDecodingTests {
    @Test func utf8WithAndWithoutBOM() throws {
        let plain = try TextDecoding.decode(Data("一、总体要求".utf8), fileName: "a.txt")
        #expect(plain.text == "一、总体要求" && plain.encoding == .utf8 && plain.warning == nil)
        let bom = try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array("一、".utf8)), fileName: "a.txt")
        #expect(bom.text == "一、" && bom.hadBOM)
    }

    @Test func utf16WithBOM() throws {
        var le = Data([0xFF, 0xFE]); le.append("工作要点".data(using: .utf16LittleEndian) ?? Data())
        var be = Data([0xFE, 0xFF]); be.append("工作要点".data(using: .utf16BigEndian) ?? Data())
        let a = try TextDecoding.decode(le, fileName: "a.txt")
        let b = try TextDecoding.decode(be, fileName: "b.txt")
        #expect(a.text == "工作要点" && a.encoding == .utf16LE)
        #expect(b.text == "工作要点" && b.encoding == .utf16BE)
        #expect(a.warning == "read as UTF-16LE (the file is not UTF-8)")
    }

    @Test func gbkBytesReadAsGB18030() throws {
        // 中文 in GBK/GB2312 is D6D0 CEC4; 𠀀 (U+20000) only exists in GB18030's four-byte form.
        let d = try TextDecoding.decode(Data([0xD6, 0xD0, 0xCE, 0xC4, 0x31, 0x2E]), fileName: "g.txt")
        #expect(d.text == "中文1." && d.encoding == .gb18030)
        #expect(d.warning == "read as GB18030 (the file is not UTF-8)")
        let four = try TextDecoding.decode(Data([0x95, 0x32, 0x82, 0x36]), fileName: "g.txt")
        #expect(four.text == "\u{20000}")
        // Round trip through Foundation's encoder: every character of a plan line survives.
        let line = "（三）推进紧密型县域医共体建设，覆盖率达95%以上。"
        let bytes = try #require(line.data(using: TextDecoding.gb18030))
        #expect(try TextDecoding.decode(bytes, fileName: "g.txt").text == line)
    }

    @Test func declaredCharsetAndLabels() throws {
        #expect(TextDecoding.encoding(forCharset: "GB2312") == .gb18030)
        #expect(TextDecoding.encoding(forCharset: " gbk ") == .gb18030)
        #expect(TextDecoding.encoding(forCharset: "\"utf-8\"") == .utf8)
        #expect(TextDecoding.encoding(forCharset: "koi8-r") == nil)
        // A page declared GB2312 whose bytes are plain ASCII decodes the same either way.
        #expect(try TextDecoding.decode(Data("abc".utf8), fileName: "p.html", declared: .gb18030).text == "abc")
    }

    @Test func undecodableIsAClearError() {
        // 0x80 alone is neither UTF-8 nor a GB18030 lead byte; 0xFF is invalid in both.
        #expect(throws: Diagnostic.self) { try TextDecoding.decode(Data([0x41, 0xFF, 0xFF, 0x80]), fileName: "x.txt") }
        #expect(throws: Diagnostic.self) { try TextDecoding.decode(Data([0xFF, 0xFE, 0x00]), fileName: "odd.txt") }
    }
}

@Suite struct FormatsArchiveTests {
    @Test func readsMembers() throws {
        var z = ZipBuilder()
        z.add("word/document.xml", "<w:document/>")
        z.add("a/b.txt", Data("stored".utf8), deflate: false)
        let archive = try ZipArchive(data: z.build(), fileName: "t.docx")
        #expect(archive.members.map(\.path) == ["word/document.xml", "a/b.txt"])
        #expect(try archive.read("word/document.xml") == Data("<w:document/>".utf8))
        #expect(try archive.read("a/b.txt") == Data("stored".utf8))
        #expect(try archive.read("missing") == nil)
    }

    @Test func zipBombDeclaredIsRefusedBeforeInflating() throws {
        // 300 MiB of zeros declared honestly: over the member limit.
        var z = ZipBuilder()
        z.add("word/document.xml", Data(count: 4 << 20), declaredSize: 300 << 20)
        let archive = try ZipArchive(data: z.build(), fileName: "bomb.docx")
        let error = #expect(throws: Diagnostic.self) { try archive.read("word/document.xml") }
        #expect(error?.message.contains("over the 256 MiB limit") == true)
        // 8 MiB of zeros (about 8 KB deflated, ratio ~1000): refused by the ratio.
        var r = ZipBuilder()
        r.add("x.xml", Data(count: 8 << 20))
        let ratio = #expect(throws: Diagnostic.self) { try ZipArchive(data: r.build(), fileName: "r.zip").read("x.xml") }
        #expect(ratio?.message.contains("200 to 1") == true)
    }

    @Test func zipBombLyingAboutItsSizeIsStoppedWhileInflating() throws {
        // 16 MiB of zeros claiming to be 1,000 bytes: stopped just past 1,000 bytes, quickly.
        var z = ZipBuilder()
        z.add("word/document.xml", Data(count: 16 << 20), declaredSize: 1000)
        let data = z.build()
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: Diagnostic.self) { try ZipArchive(data: data, fileName: "bomb.docx").read("word/document.xml") }
        #expect(error?.message.contains("inflates past its declared 1000 bytes") == true)
        #expect(clock.now - start < .milliseconds(500))
    }

    @Test func tooManyMembers() throws {
        var z = ZipBuilder()
        for i in 0..<12 { z.add("m\(i)", "x") }
        let limits = ZipArchive.Limits(memberBytes: 1 << 20, ratio: 200, members: 10, ratioGraceBytes: 1 << 10)
        let error = #expect(throws: Diagnostic.self) { try ZipArchive(data: z.build(), fileName: "many.zip", limits: limits) }
        #expect(error?.message == "many.zip: refused: 12 members is over the limit of 10")
        #expect(ZipArchive.Limits.standard.members == 10_000)
    }

    @Test func corruptArchivesAreClearErrors() throws {
        var z = ZipBuilder()
        z.add("word/document.xml", String(repeating: "<w:p>段落</w:p>", count: 200))
        let good = z.build()
        // Cut off: no end record.
        let cut = #expect(throws: Diagnostic.self) { try ZipArchive(data: good.prefix(good.count / 2), fileName: "cut.docx") }
        #expect(cut?.message.hasPrefix("cut.docx: not a readable zip archive") == true)
        // Compressed bytes overwritten: corrupt data or a checksum mismatch, never a hang or crash.
        var garbled = good
        for i in 60..<120 { garbled[i] = UInt8(truncatingIfNeeded: i &* 37) }
        let bad = #expect(throws: Diagnostic.self) { try ZipArchive(data: garbled, fileName: "bad.docx").read("word/document.xml") }
        #expect(bad?.message.contains("not a readable zip archive") == true)
        // A wrong checksum.
        var c = ZipBuilder()
        c.add("a.xml", Data("hello".utf8), crc: 1234)
        #expect(throws: Diagnostic.self) { try ZipArchive(data: c.build(), fileName: "crc.zip").read("a.xml") }
    }

    @Test func truncatedDeflateStreamEndsInAnError() throws {
        // A stored deflate block claiming 65,535 bytes with only 10 present: the inflater would
        // wait for more input forever if the reader fed it past the member's end.
        var z = ZipBuilder()
        z.entries.append(.init(name: "a.xml", stored: Data([0x01, 0xFF, 0xFF, 0x00, 0x00] + Array(repeating: 0x41, count: 10)),
                               method: 8, crc: 0, compressedSize: 15, uncompressedSize: 65_535))
        #expect(throws: Diagnostic.self) { try ZipArchive(data: z.build(), fileName: "t.zip").read("a.xml") }
    }
}

@Suite struct FormatsSafeXMLTests {
    final class Collect: XMLEventHandler {
        var events: [String] = []
        func startElement(_ name: String, attributes: SafeXML.Attributes) {
            events.append("<\(name)\(attributes["val"].map { " val=\($0)" } ?? "")>")
        }
        func endElement(_ name: String) { events.append("</\(name)>") }
        func characters(_ text: String) { events.append(text) }
    }

    @Test func localNamesAttributesAndPredefinedEntities() throws {
        let xml = #"<?xml version="1.0"?><w:p xmlns:w="urn:w"><w:t w:val="1">A &amp; B &#x4E00;&lt;</w:t></w:p>"#
        let c = Collect()
        try SafeXML.parse(Data(xml.utf8), source: "t.xml", handler: c)
        #expect(c.events.joined() == "<p><t val=1>A & B 一<</t></p>")
    }

    @Test func billionLaughsIsRefused() {
        var xml = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#
        for i in 1...9 { xml += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        xml += "]><lolz>&lol9;</lolz>"
        let c = Collect()
        let error = #expect(throws: Diagnostic.self) { try SafeXML.parse(Data(xml.utf8), source: "bomb.xml", handler: c) }
        #expect(error?.message.hasPrefix("bomb.xml: refused") == true)
        #expect(c.events.isEmpty)
    }

    /// A comment before the DOCTYPE holding a `<` does not end the prolog check.
    @Test func doctypeAfterACommentIsRefused() {
        let xml = #"<?xml version="1.0"?><!-- <a> --><!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>"#
        let error = #expect(throws: Diagnostic.self) { try SafeXML.parse(Data(xml.utf8), source: "c.xml", handler: Collect()) }
        #expect(error?.message.hasPrefix("c.xml: refused") == true, "\(String(describing: error))")
    }

    @Test func externalEntityIsRefused() {
        let xml = #"<?xml version="1.0"?><!DOCTYPE r SYSTEM "file:///etc/passwd"><r>&xxe;</r>"#
        #expect(throws: Diagnostic.self) { try SafeXML.parse(Data(xml.utf8), source: "x.xml", handler: Collect()) }
    }

    /// The XML declaration's encoding is read by SafeXML, never switched to inside libxml2:
    /// GB2312/GBK are decoded as GB18030, UTF-8 and ASCII pass, a UTF-16 declaration on bytes
    /// that are not UTF-16 is ignored, anything else is refused naming the encoding. (libxml2
    /// switching to UTF-7 or GB2312 failed, and stopping the parser from that error crashed it.)
    @Test func declaredEncodingsAreReadOrRefused() throws {
        var gbk = Data(#"<?xml version="1.0" encoding="GB2312"?>"#.utf8)
        gbk.append(try #require("<r a=\"一\">中文：进度</r>".data(using: TextDecoding.gb18030)))
        let c = Collect()
        try SafeXML.parse(gbk, source: "g.xml", handler: c)
        #expect(c.events.joined() == "<r>中文：进度</r>")
        for decl in ["UTF-8", "utf-8", "US-ASCII", "UTF-16"] {
            let x = Collect()
            try SafeXML.parse(Data(#"<?xml version='1.0' encoding='\#(decl)'?><r>ok</r>"#.utf8), source: "u.xml", handler: x)
            #expect(x.events.joined() == "<r>ok</r>", "\(decl)")
        }
        // UTF-16 without a BOM is told by its first `<`; NUL bytes anywhere else are refused
        // (leading ones made libxml2 guess UCS-4, and stopping it at that switch's error crashed it).
        for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian] {
            let x = Collect()
            try SafeXML.parse(try #require(#"<?xml version="1.0" encoding="UTF-16"?><r>中</r>"#.data(using: encoding)), source: "w.xml", handler: x)
            #expect(x.events.joined() == "<r>中</r>")
        }
        for bytes in [[0, 0, 0, 0x3C] + Array("r/>".utf8), Array("<r>a".utf8) + [0] + Array("</r>".utf8)] {
            let error = #expect(throws: Diagnostic.self) { try SafeXML.parse(Data(bytes), source: "n.xml", handler: Collect()) }
            #expect(error?.message.contains("a NUL byte") == true, "\(String(describing: error))")
        }
        for decl in ["UTF-7", "EBCDIC", "koi8-r"] {
            let error = #expect(throws: Diagnostic.self) {
                try SafeXML.parse(Data(#"<?xml version="1.0" encoding="\#(decl)"?><r>x</r>"#.utf8), source: "p.docx (word/document.xml)", handler: Collect())
            }
            #expect(error?.message.contains("declares the encoding \"\(decl)\"") == true, "\(decl): \(String(describing: error))")
        }
    }

    /// A parse error reported from deep inside libxml2 ends the parse with the error (the
    /// parser is not stopped again from inside the report).
    @Test func parseErrorsAfterContentAreErrors() {
        for xml in ["<r><a>x</r>", "<r>&#0;</r>", "<r>\u{1}</r>", "<r><![CDATA[x]]><", "<?xml version=\"1.0\"?><r attr=\"<\"/>"] {
            #expect(throws: Diagnostic.self, "\(xml)") { try SafeXML.parse(Data(xml.utf8), source: "e.xml", handler: Collect()) }
        }
    }

    @Test func malformedXMLNamesTheSource() {
        let error = #expect(throws: Diagnostic.self) {
            try SafeXML.parse(Data("<a><b></a>".utf8), source: "p.docx (word/document.xml)", handler: Collect())
        }
        #expect(error?.message.hasPrefix("p.docx (word/document.xml):1: not well-formed XML") == true)
    }
}

@Suite struct FormatsFileKindTests {
    static func ole(_ streams: [String]) -> Data {
        var d = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 504)
        for s in streams { d.append(s.data(using: .utf16LittleEndian) ?? Data()); d.append(Data(count: 8)) }
        return d
    }

    @Test func sniffsByBytesNotName() throws {
        var docx = ZipBuilder(); docx.add("word/document.xml", "<w:document/>")
        var xlsx = ZipBuilder(); xlsx.add("xl/workbook.xml", "<workbook/>")
        var ofd = ZipBuilder(); ofd.add("OFD.xml", "<ofd:OFD/>")
        var other = ZipBuilder(); other.add("readme.txt", "hi")
        #expect(FileKind.sniff(docx.build(), fileName: "plan.bin") == .docx)
        #expect(FileKind.sniff(xlsx.build(), fileName: "plan.docx") == .xlsx)
        #expect(FileKind.sniff(ofd.build(), fileName: "plan.ofd") == .ofd)
        #expect(FileKind.sniff(other.build(), fileName: "x.zip") == .otherZip)
        #expect(FileKind.sniff(Self.ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"]), fileName: "a.docx") == .encryptedOffice)
        #expect(FileKind.sniff(Self.ole(["Root Entry", "WordDocument", "1Table"]), fileName: "a.wps") == .legacyWord)
        #expect(FileKind.sniff(Self.ole(["Root Entry", "Workbook"]), fileName: "a.et") == .legacyExcel)
        #expect(FileKind.sniff(Data("%PDF-1.7\n".utf8), fileName: "a.docx") == .pdf)
        #expect(FileKind.sniff(Data("{\\rtf1\\ansi".utf8), fileName: "a.doc") == .rtf)
        #expect(FileKind.sniff(Data("\u{FEFF}\n <!DOCTYPE html><html>".utf8), fileName: "plan.doc") == .html)
        #expect(FileKind.sniff(Data("<p>x</p>".utf8), fileName: "plan.htm") == .html)
        #expect(FileKind.sniff(Data("一、总体要求".utf8), fileName: "plan.txt") == .text)
    }

    @Test func refusalsAreOneLineAndSayWhatToDo() {
        for kind in FileKind.allCases {
            for purpose in [FileKind.Purpose.plan, .sheet] {
                guard let d = kind.refusal(fileName: "f.x", purpose: purpose) else { continue }
                #expect(!d.message.contains("\n"), "\(kind)")
                #expect(d.message.hasPrefix("f.x: is "), "\(kind)")
            }
        }
        #expect(FileKind.docx.refusal(fileName: "a", purpose: .plan) == nil)
        #expect(FileKind.xlsx.refusal(fileName: "a", purpose: .sheet) == nil)
        #expect(FileKind.text.refusal(fileName: "a", purpose: .sheet) == nil)
        let doc = FileKind.legacyWord.refusal(fileName: "计划.doc", purpose: .plan)?.message ?? ""
        #expect(doc.contains("另存为 .docx") && doc.contains("libreoffice --headless --convert-to docx 计划.doc"))
        let enc = FileKind.encryptedOffice.refusal(fileName: "a.xlsx", purpose: .sheet)?.message ?? ""
        #expect(enc.contains("password-protected") && !enc.contains("legacy"))
        #expect(FileKind.legacyExcel.refusal(fileName: "a.xls", purpose: .sheet)?.message.contains("--convert-to xlsx") == true)
    }
}
