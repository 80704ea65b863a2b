import Foundation

/// A plan document of any format `import plan` reads (SPEC §10: text in UTF-8, UTF-16 or
/// GB18030, Word .docx, a web page), turned into the UTF-8 text the plan parser reads, with
/// the warnings the conversion gives (`read as GB18030`). Every other kind is refused by its
/// bytes with the one-line message of `FileKind.refusal`.
public struct PlanDocument: Sendable {
    /// The plan's text, UTF-8, one paragraph or table row a line.
    public var utf8: Data
    public var kind: FileKind
    /// Notes for the plan's warning list, each for the whole file (line 0).
    public var warnings: [String]
    /// `utf8` already split into lines, when reading it did that (plain UTF-8 text).
    var text: PlanText?

    init(utf8: Data, kind: FileKind, warnings: [String], text: PlanText? = nil) {
        self.utf8 = utf8
        self.kind = kind
        self.warnings = warnings
        self.text = text
    }

    /// File name extensions `import plan DIR` picks up (the bytes still decide the kind), in the
    /// order `help import plan` lists them.
    public static let extensions = ["txt", "text", "docx", "html", "htm"]

    /// True when a directory entry named `name` is a plan document for `import plan DIR`.
    public static func isPlanFileName(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasPrefix("~$") && extensions.contains((name as NSString).pathExtension.lowercased())
    }

    /// Reads `data` as the kind its bytes show.
    public static func read(_ data: Data, fileName: String) throws -> PlanDocument {
        let kind = FileKind.sniff(data, fileName: fileName)
        if let refusal = kind.refusal(fileName: fileName, purpose: .plan) { throw refusal }
        switch kind {
        case .docx:
            let archive = try ZipArchive(data: data, fileName: fileName)
            let lines = try DocxReader.lines(of: archive)
            guard lines.contains(where: { !isBlank($0) }) else {
                throw Diagnostic(Messages.wordHoldsNoText(fileName))
            }
            return PlanDocument(utf8: Data(lines.joined(separator: "\n").utf8), kind: kind, warnings: [])
        case .html:
            let (lines, decoded) = try HtmlReader.read(data, fileName: fileName)
            guard !lines.isEmpty else { throw Diagnostic(Messages.webPageHoldsNoText(fileName)) }
            return PlanDocument(utf8: Data(lines.joined(separator: "\n").utf8), kind: kind, warnings: decoded.warning.map { [$0] } ?? [])
        default:
            // Plain text: UTF-8 is checked and split into lines in one pass (an empty file or a NUL
            // byte is refused there); anything else is decoded from its own encoding.
            if TextDecoding.byteOrderMark(data)?.0 != .utf16LE, TextDecoding.byteOrderMark(data)?.0 != .utf16BE,
               let text = try PlanText.decodeIfUTF8(data, fileName: fileName) {
                return PlanDocument(utf8: data, kind: .text, warnings: [], text: text)
            }
            let decoded = try TextDecoding.decode(data, fileName: fileName)
            return PlanDocument(utf8: Data(decoded.text.utf8), kind: .text, warnings: decoded.warning.map { [$0] } ?? [])
        }
    }
}

/// True when `s` holds nothing but spaces (ASCII, no-break, ideographic) and tabs; by hand,
/// since Foundation's `trimmingCharacters` is slow on Linux.
func isBlank(_ s: some StringProtocol) -> Bool {
    s.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\u{A0}" }
}
