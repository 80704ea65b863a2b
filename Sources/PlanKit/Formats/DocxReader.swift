import Foundation

/// The text of a Word .docx as plain lines for the plan importer (SPEC §10).
///
/// Paragraphs come in document order with their runs joined (Word splits runs anywhere, even
/// inside a number); a numbered paragraph gets the label Word displays (`DocxNumbering`); a
/// table row becomes one line with its cells joined by `|`. Tracked deletions, hidden text,
/// field codes, comments, headers, footers and footnotes are left out (the last four live in
/// other parts of the package, which are never read).
public enum DocxReader {
    /// The lines of the document in `archive`.
    public static func lines(of archive: ZipArchive) throws -> [String] {
        let name = archive.fileName
        guard let document = try archive.read("word/document.xml") ?? mainPart(archive) else {
            throw Diagnostic(Messages.wordWithoutDocument(name))
        }
        let numbering = try DocxNumbering(xml: try archive.read("word/numbering.xml"), source: "\(name) (word/numbering.xml)")
        let styles = try DocxStyles(xml: try archive.read("word/styles.xml"), source: "\(name) (word/styles.xml)")
        let body = BodyReader(numbering: numbering, styles: styles)
        try SafeXML.parse(document, source: "\(name) (word/document.xml)", handler: body)
        return body.lines
    }

    /// The main part named by `[Content_Types].xml` when it is not at the usual path.
    static func mainPart(_ archive: ZipArchive) throws -> Data? {
        guard let types = try archive.read("[Content_Types].xml") else { return nil }
        let text = String(decoding: types, as: UTF8.self)
        guard let range = text.range(of: "wordprocessingml.document.main") else { return nil }
        let before = text[..<range.lowerBound]
        guard let part = before.range(of: "PartName=\"", options: .backwards) else { return nil }
        let path = before[part.upperBound...].prefix { $0 != "\"" }
        return try archive.read(String(path.drop { $0 == "/" }))
    }

    /// Walks `w:body`: paragraphs, runs, tables.
    final class BodyReader: XMLEventHandler {
        var lines: [String] = []
        var numbering: DocxNumbering
        let styles: DocxStyles

        /// One open paragraph (text boxes can open a paragraph inside another).
        struct Paragraph {
            var text = ""
            var numID: String?
            var level: Int?
            var style: String?
        }
        var paragraphs: [Paragraph] = []
        /// Open table cells, innermost last; each holds its finished paragraphs' text.
        var cells: [[String]] = []
        /// Open table rows, innermost last; each holds its finished cells.
        var rows: [[String]] = []
        /// Depth inside content that Word does not show: deletions, field codes, fallbacks.
        var skipDepth = 0
        var inText = false
        var inRunProperties = false
        var hiddenRun = false
        var inParagraphProperties = false
        var inRun = false

        init(numbering: DocxNumbering, styles: DocxStyles) {
            self.numbering = numbering
            self.styles = styles
        }

        /// Elements whose content Word does not show as text: tracked deletions and moves,
        /// field codes, the fallback copy of a drawing, the old properties of a tracked change.
        static let skipped: Set<String> = ["del", "moveFrom", "instrText", "delText", "Fallback", "delInstrText",
                                           "pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                                           "sectPrChange", "numberingChange"]

        func startElement(_ name: String, attributes a: SafeXML.Attributes) {
            if Self.skipped.contains(name) || skipDepth > 0 {
                skipDepth += 1
                return
            }
            switch name {
            case "p": paragraphs.append(Paragraph())
            case "pPr": inParagraphProperties = true
            case "pStyle" where inParagraphProperties: paragraphs.mutateLast { $0.style = a["val"] }
            case "ilvl" where inParagraphProperties: paragraphs.mutateLast { $0.level = a["val"].flatMap { Int($0) } }
            case "numId" where inParagraphProperties: paragraphs.mutateLast { $0.numID = a["val"] }
            case "r": inRun = true; hiddenRun = false
            case "rPr" where inRun: inRunProperties = true
            case "vanish" where inRunProperties, "specVanish" where inRunProperties:
                hiddenRun = a["val"].map { $0 != "0" && $0 != "false" } ?? true
            case "t": inText = true
            case "tab" where inRun && !inParagraphProperties: append(" ")
            case "br" where inRun, "cr" where inRun:
                if a["type"] == nil || a["type"] == "textWrapping" { append("\n") }
            case "noBreakHyphen": append("-")
            case "softHyphen": break
            case "tr": rows.append([])
            case "tc": cells.append([])
            default: break
            }
        }

        func endElement(_ name: String) {
            if skipDepth > 0 {
                skipDepth -= 1
                return
            }
            switch name {
            case "p": finishParagraph()
            case "pPr": inParagraphProperties = false
            case "rPr": inRunProperties = false
            case "r": inRun = false; hiddenRun = false
            case "t": inText = false
            case "tc":
                let cell = cells.popLast() ?? []
                let text = cell.joined(separator: " ").replacingOccurrences(of: "|", with: "｜")
                rows.mutateLast { $0.append(text) }
            case "tr":
                let row = rows.popLast() ?? []
                guard row.contains(where: { !isBlank($0) }) else { break }
                emit(row.joined(separator: "|"))
            default: break
            }
        }

        func characters(_ text: String) {
            guard skipDepth == 0, inText, !hiddenRun, !paragraphs.isEmpty else { return }
            append(text)
        }

        func append(_ s: String) {
            guard skipDepth == 0, !hiddenRun else { return }
            paragraphs.mutateLast { $0.text += s }
        }

        func finishParagraph() {
            guard var p = paragraphs.popLast() else { return }
            var numID = p.numID
            var level = p.level
            if numID == nil, let style = p.style, let linked = styles.numbering(of: style) {
                numID = linked.numID
                level = level ?? linked.level
            }
            if let numID, let label = numbering.label(numID: numID, level: level ?? 0), !label.text.isEmpty,
               !isBlank(p.text) {
                let first = p.text.unicodeScalars.first { $0 != " " }
                let needsGap = !label.suffix.isEmpty && first.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) } == true
                p.text = label.text + (needsGap ? " " : "") + p.text.drop { $0 == " " }
            }
            emit(p.text)
        }

        /// A finished paragraph or row: into the open cell, into the paragraph that holds a text
        /// box, or out as lines.
        func emit(_ text: String) {
            let breaks = text.utf8.contains(0x0A)
            if !cells.isEmpty {
                cells.mutateLast { $0.append(breaks ? text.replacingOccurrences(of: "\n", with: " ") : text) }
            } else if breaks {
                lines.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            } else {
                lines.append(text)
            }
        }
    }
}

/// Paragraph styles that carry list numbering (`w:style/w:pPr/w:numPr`), with `basedOn`
/// followed, so a heading numbered by its style gets its number.
struct DocxStyles {
    struct Style {
        var numID: String?
        var level: Int?
        var basedOn: String?
    }

    var styles: [String: Style] = [:]

    init(xml: Data?, source: String) throws {
        guard let xml else { return }
        let reader = Reader()
        try SafeXML.parse(xml, source: source, handler: reader)
        styles = reader.styles
    }

    /// The list and level a paragraph of style `id` is numbered with; nil when none.
    func numbering(of id: String) -> (numID: String, level: Int)? {
        var current: String? = id
        var level: Int?
        var seen: Set<String> = []
        while let c = current, !seen.contains(c), let s = styles[c] {
            seen.insert(c)
            if level == nil { level = s.level }
            if let n = s.numID { return (n, level ?? 0) }
            current = s.basedOn
        }
        return nil
    }

    final class Reader: XMLEventHandler {
        var styles: [String: Style] = [:]
        var id: String?
        var inParagraphProperties = false

        func startElement(_ name: String, attributes a: SafeXML.Attributes) {
            switch name {
            case "style": id = a["type"] == nil || a["type"] == "paragraph" ? a["styleId"] : nil
                if let id { styles[id] = Style() }
            case "basedOn": if let id { styles[id]?.basedOn = a["val"] }
            case "pPr": inParagraphProperties = true
            case "numId" where inParagraphProperties: if let id { styles[id]?.numID = a["val"] }
            case "ilvl" where inParagraphProperties: if let id { styles[id]?.level = a["val"].flatMap { Int($0) } }
            default: break
            }
        }

        func endElement(_ name: String) {
            if name == "style" { id = nil }
            if name == "pPr" { inParagraphProperties = false }
        }

        func characters(_ text: String) {}
    }
}

extension Array {
    mutating func mutateLast(_ body: (inout Element) -> Void) {
        guard !isEmpty else { return }
        body(&self[count - 1])
    }
}
