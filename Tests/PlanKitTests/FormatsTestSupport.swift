import Foundation
import PlanKit
import ZIPFoundation

/// Builds zip archives byte by byte, so tests can also write the damaged and hostile ones
/// (lying sizes, bad checksums) that no zip library would.
struct ZipBuilder {
    struct Entry {
        var name: String
        var stored: Data
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
    }

    var entries: [Entry] = []

    /// Adds `data` deflated (or stored); `declaredSize` and `crc` override the true values.
    mutating func add(_ name: String, _ data: Data, deflate: Bool = true, declaredSize: Int? = nil, crc: UInt32? = nil) {
        let body = deflate ? Self.deflate(data) : data
        entries.append(Entry(name: name, stored: body, method: deflate ? 8 : 0, crc: crc ?? data.crc32(checksum: 0),
                             compressedSize: body.count, uncompressedSize: declaredSize ?? data.count))
    }

    mutating func add(_ name: String, _ text: String) { add(name, Data(text.utf8)) }

    /// Raw deflate (no zlib header), as zip stores it.
    static func deflate(_ data: Data) -> Data {
        var out = Data()
        var offset = 0
        _ = try? Data.compress(size: Int64(data.count), bufferSize: 64 << 10, provider: { _, size in
            let piece = data[offset..<min(offset + size, data.count)]
            offset += piece.count
            return Data(piece)
        }, consumer: { out.append($0) })
        return out
    }

    func build() -> Data {
        var out = Data()
        var central = Data()
        for e in entries {
            let offset = out.count
            let name = Data(e.name.utf8)
            out.le32(0x0403_4B50); out.le16(20); out.le16(0x0800); out.le16(e.method); out.le16(0); out.le16(0x21)
            out.le32(e.crc); out.le32(UInt32(e.compressedSize)); out.le32(UInt32(e.uncompressedSize))
            out.le16(UInt16(name.count)); out.le16(0)
            out.append(name); out.append(e.stored)
            central.le32(0x0201_4B50); central.le16(20); central.le16(20); central.le16(0x0800); central.le16(e.method)
            central.le16(0); central.le16(0x21); central.le32(e.crc); central.le32(UInt32(e.compressedSize))
            central.le32(UInt32(e.uncompressedSize)); central.le16(UInt16(name.count)); central.le16(0); central.le16(0)
            central.le16(0); central.le16(0); central.le32(0); central.le32(UInt32(offset))
            central.append(name)
        }
        let cdOffset = out.count
        out.append(central)
        out.le32(0x0605_4B50); out.le16(0); out.le16(0); out.le16(UInt16(entries.count)); out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count)); out.le32(UInt32(cdOffset)); out.le16(0)
        return out
    }
}

extension Data {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { le16(UInt16(v & 0xFFFF)); le16(UInt16(v >> 16)) }
}

/// Where the format fixtures made by real office software live (`scripts/make-fixtures`).
enum FormatFixtures {
    static let dir = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/formats")
    static func url(_ name: String) -> URL { dir.appendingPathComponent(name) }
    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
}

/// Writes a plan's text lines as the simplest real .docx (content types, package relationships,
/// one paragraph a line) with each paragraph's text cut into runs every `runLength` characters,
/// as Word's revision ids cut them.
enum DocxWriter {
    static func docx(lines: [String], runLength: Int = 7) -> Data {
        var body = ""
        for line in lines {
            body += "<w:p>"
            var rest = Substring(line)
            while !rest.isEmpty {
                let piece = rest.prefix(runLength)
                rest = rest.dropFirst(piece.count)
                body += "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">\(xmlEscaped(piece))</w:t></w:r>"
            }
            body += "</w:p>"
        }
        var z = ZipBuilder()
        z.add("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
            </Types>
            """)
        z.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
            </Relationships>
            """)
        z.add("word/document.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)<w:sectPr/></w:body></w:document>
            """)
        return z.build()
    }

    static func xmlEscaped(_ s: some StringProtocol) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// Writes a plan's text lines as a GBK web page of a government site: a declared charset,
/// navigation, a script and a style, the lines as paragraphs with `&nbsp;` and numeric
/// references, and a footer with 版权所有 and an ICP number.
enum HtmlWriter {
    static func page(lines: [String]) -> Data {
        var html = """
            <html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK">
            <title>工作要点</title><style>p { margin: 0 }</style>
            <script>document.write("<p>一、脚本里的文字</p>");</script></head>
            <body><div class="nav"><a href="/">首页</a> <a href="/xxgk">信息公开</a></div>
            <div class="zw">

            """
        for line in lines {
            var text = DocxWriter.xmlEscaped(line).replacingOccurrences(of: "　", with: "&#12288;")
            if text.hasPrefix(" ") { text = "&nbsp;" + text.dropFirst() }
            html += "<p>\(text)</p>\n"
        }
        html += """
            </div><div class="foot">版权所有：某县人民政府 &nbsp; 备案号：某ICP备12345678号</div></body></html>
            """
        return html.data(using: TextDecoding.gb18030) ?? Data()
    }
}
