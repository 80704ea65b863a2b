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

    /// File name extensions `import plan DIR` picks up (the bytes still decide the kind).
    public static let extensions: Set<String> = ["txt", "text", "docx", "html", "htm"]

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
            guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
                throw Diagnostic("\(fileName): the Word document holds no text (only pictures or empty paragraphs); "
                                 + "a scanned plan must be typed or recognised (OCR) into text first")
            }
            return PlanDocument(utf8: Data(lines.joined(separator: "\n").utf8), kind: kind, warnings: [])
        case .html:
            let (lines, decoded) = try HtmlReader.read(data, fileName: fileName)
            guard !lines.isEmpty else { throw Diagnostic("\(fileName): the web page shows no text") }
            return PlanDocument(utf8: Data(lines.joined(separator: "\n").utf8), kind: kind, warnings: decoded.warning.map { [$0] } ?? [])
        default:
            // Plain text: UTF-8 goes to the parser as it is (it checks and splits in one pass).
            if TextDecoding.byteOrderMark(data)?.0 != .utf16LE, TextDecoding.byteOrderMark(data)?.0 != .utf16BE,
               data.withUnsafeBytes({ isUTF8OrBinary($0) }) {
                return PlanDocument(utf8: data, kind: .text, warnings: [])
            }
            let decoded = try TextDecoding.decode(data, fileName: fileName)
            return PlanDocument(utf8: Data(decoded.text.utf8), kind: .text, warnings: decoded.warning.map { [$0] } ?? [])
        }
    }

    /// True for valid UTF-8, and for bytes with a NUL (binary: left to the parser's own message).
    static func isUTF8OrBinary(_ raw: UnsafeRawBufferPointer) -> Bool {
        let bytes = raw.bindMemory(to: UInt8.self)
        if bytes.contains(0) { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }
}
