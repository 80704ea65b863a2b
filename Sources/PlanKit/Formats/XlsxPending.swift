import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// Stand-ins until the shared format readers (TextDecoding, Archive, SafeXML, FileKind) are merged.

enum SheetText {
    struct Decoded { var utf8: [UInt8]; var warning: String? }
    struct Problem: Error { var row: Int; var message: String }
    static func decode(_ bytes: [UInt8]) -> Result<Decoded, Problem> {
        var b = bytes
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        guard String(validating: b, as: UTF8.self) != nil else {
            return .failure(Problem(row: 1, message: "the sheet is not UTF-8 text"))
        }
        return .success(Decoded(utf8: b, warning: nil))
    }
}

extension XlsxReader {
    static func isWorkbook(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }
    init(bytes: [UInt8], displayName: String) throws {
        throw Diagnostic("\(displayName): .xlsx reading is not available yet")
    }
}

extension XlsxWriter {
    public static func data(_ book: XlsxWorkbook) throws -> [UInt8] {
        throw Diagnostic(".xlsx writing is not available yet")
    }
}

enum XlsxXML {
    static func parse(_ bytes: [UInt8], handler: some XMLEventHandler, what: String) throws {
        let parser = XMLParser(data: Data(bytes))
        let d = Delegate(handler)
        parser.delegate = d
        guard parser.parse() else { throw Diagnostic("\(what) is not well-formed XML") }
    }

    final class Delegate: NSObject, XMLParserDelegate {
        let h: any XMLEventHandler
        init(_ h: any XMLEventHandler) { self.h = h }
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            h.start(localName(elementName), attributeDict)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { h.text(string) }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            h.end(localName(elementName))
        }
    }
}
