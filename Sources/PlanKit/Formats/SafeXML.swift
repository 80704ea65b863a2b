import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Receives the events of `SafeXML.parse`, in document order.
public protocol XMLEventHandler: AnyObject {
    /// An element opens. `name` is its local name (`w:p` → `p`).
    func startElement(_ name: String, attributes: SafeXML.Attributes)
    /// An element closes.
    func endElement(_ name: String)
    /// Character data (entities already decoded; may arrive in several pieces).
    func characters(_ text: String)
}

/// FoundationXML's `XMLParser`, made safe for files from strangers (SPEC §10 "Safety"):
/// external entities are never resolved, and a document whose DOCTYPE declares anything
/// (entities, an internal subset, an external DTD) is refused before parsing, so only the five
/// predefined entities and numeric references are ever expanded — a billion-laughs file costs
/// nothing. Office Open XML never carries a DOCTYPE.
public enum SafeXML {
    /// An element's attributes as written (`w:val`), looked up by local name.
    public struct Attributes: Sendable {
        public var all: [String: String]
        public init(_ all: [String: String]) { self.all = all }

        /// The value of the attribute whose local name is `local` (`val` finds `w:val`); a
        /// qualified `name` (`r:id`) is looked up as written.
        public subscript(_ name: String) -> String? {
            if let v = all[name] { return v }
            if name.contains(":") { return nil }
            for (k, v) in all {
                if let colon = k.lastIndex(of: ":"), k[k.index(after: colon)...] == name, !k.hasPrefix("xmlns") { return v }
            }
            return nil
        }
    }

    /// Parses `data`, sending events to `handler`. `source` names the document in errors
    /// (`plan.docx (word/document.xml)`).
    public static func parse(_ data: Data, source: String, handler: XMLEventHandler) throws {
        let utf8 = try normalized(data, source: source)
        // Bytes that are not UTF-8 are refused here: libxml2 reports them, but an element name
        // holding them still reached FoundationXML, which trapped converting it.
        if let bad = firstInvalidUTF8(utf8) {
            throw malformed(source, line: line(of: bad, in: utf8), "bytes that are not UTF-8 text")
        }
        // XML never holds a NUL; leading NULs would also make libxml2 guess UCS-4 from the first
        // bytes and switch to it, and stopping it at the error that switch gives crashed it.
        if let nul = utf8.firstIndex(of: 0) {
            throw malformed(source, line: line(of: nul, in: utf8), "a NUL byte, which XML never holds")
        }
        try checkProlog(utf8, source: source)
        // Fed as a stream (small chunks): given the whole data at once, libxml2's push parser
        // stops with an internal error on large single-line parts (a 100,000-row sheet).
        let parser = XMLParser(stream: InputStream(data: utf8))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        let delegate = Delegate(handler, source: source)
        parser.delegate = delegate
        let ok = parser.parse()
        if let stop = delegate.thrown { throw stop }
        // libxml2 may recover from some errors on its own; a tag left open or closed out of
        // order is still damage.
        if !ok || !delegate.open.isEmpty || !delegate.sawRoot {
            let why = !ok ? parser.parserError.map { ($0 as NSError).localizedDescription } ?? "malformed XML"
                : delegate.sawRoot ? "<\(delegate.open.last ?? "")> is never closed" : "no root element"
            throw malformed(source, line: parser.lineNumber, why)
        }
    }

    static func malformed(_ source: String, line: Int, _ why: String) -> Diagnostic {
        Diagnostic(Messages.malformedXML(source, line: line, why: why))
    }

    /// The document as UTF-8 that libxml2 never has to convert: UTF-16 (with a BOM) and a
    /// declared GB2312/GBK/GB18030 are decoded here and re-encoded without their declaration;
    /// UTF-8 (declared, or not declared) passes as is. Any other declared encoding is refused:
    /// libxml2 switching to an encoding its converter lacks (UTF-7, or GB2312 without iconv
    /// support) reports an error from inside the switch, and stopping the parser there crashed it.
    static func normalized(_ data: Data, source: String) throws -> Data {
        if let (encoding, _) = TextDecoding.byteOrderMark(data), encoding != .utf8 {
            return withoutDeclaration(try TextDecoding.decode(data, fileName: source).text)
        }
        // UTF-16 without a BOM, told by its first character `<` (libxml2 would guess it too).
        let head = [UInt8](data.prefix(2))
        if head == [0x3C, 0x00] || head == [0x00, 0x3C] {
            let encoding: String.Encoding = head[0] == 0 ? .utf16BigEndian : .utf16LittleEndian
            guard data.count % 2 == 0, let text = String(data: data, encoding: encoding) else {
                throw malformed(source, line: 1, "it starts as UTF-16 text but is not")
            }
            return withoutDeclaration(text)
        }
        guard let label = declaredEncoding(data) else { return data }
        let lower = label.lowercased()
        if ["us-ascii", "ascii", "iso-646-us"].contains(lower) { return withoutDeclaration(data) }
        switch TextDecoding.encoding(forCharset: lower) {
        case .utf8?: return lower == "utf-8" ? data : withoutDeclaration(data)  // an alias libxml2 may not know
        case .gb18030?:
            return withoutDeclaration(try TextDecoding.decode(data, fileName: source, declared: .gb18030).text)
        case .utf16LE?, .utf16BE?:
            // Declared UTF-16 without a BOM, yet the declaration itself read as ASCII: it is not UTF-16.
            if String(validating: data, as: UTF8.self) != nil { return withoutDeclaration(data) }
        case nil: break
        }
        throw malformed(source, line: 1, "it declares the encoding \"\(label)\", which plansh does not read: save it as UTF-8")
    }

    static func line(of index: Data.Index, in data: Data) -> Int {
        1 + data[data.startIndex..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// Where the first byte that is not part of valid UTF-8 is; nil when all of `data` is UTF-8.
    static func firstInvalidUTF8(_ data: Data) -> Data.Index? {
        if String(validating: data, as: UTF8.self) != nil { return nil }
        var decoder = UTF8()
        var it = data.makeIterator()
        var offset = data.startIndex
        while true {
            switch decoder.decode(&it) {
            case let .scalarValue(u): offset += UTF8.width(u)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The `encoding` of an XML declaration at the start of `data` (after a UTF-8 BOM); nil when
    /// there is none.
    static func declaredEncoding(_ data: Data) -> String? {
        var head = [UInt8](data.prefix(512))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        guard head.starts(with: Array("<?xml".utf8)), let close = head.firstIndex(of: 0x3E) else { return nil }  // >
        let decl = String(decoding: head[..<close], as: UTF8.self)
        guard let key = decl.range(of: "encoding") else { return nil }
        let rest = decl[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    /// `text` as UTF-8 without the XML declaration it starts with.
    static func withoutDeclaration(_ text: String) -> Data {
        var t = Substring(text)
        if t.hasPrefix("\u{FEFF}") { t = t.dropFirst() }
        if t.hasPrefix("<?xml"), let end = t.range(of: "?>") { t = t[end.upperBound...] }
        return Data(t.utf8)
    }

    static func withoutDeclaration(_ data: Data) -> Data {
        guard let text = String(validating: data, as: UTF8.self) else { return data }
        return withoutDeclaration(text)
    }

    /// Refuses a DOCTYPE that declares anything. Only the prolog (before the root element) can
    /// hold one, so the scan stops at the first element.
    static func checkProlog(_ data: Data, source: String) throws {
        let doctype = Array("<!DOCTYPE".utf8)
        var i = data.startIndex
        let end = data.endIndex
        while i < end {
            guard data[i] == 0x3C else { i += 1; continue }  // <
            guard i + 1 < end else { return }
            let next = data[i + 1]
            if next == 0x21, i + 4 <= end, data[i + 2] == 0x2D, data[i + 3] == 0x2D {  // <!-- … -->: a `<` inside is no element
                guard let close = data[(i + 4)...].firstRange(of: [0x2D, 0x2D, 0x3E]) else { return }
                i = close.upperBound
                continue
            }
            if next == 0x3F || next == 0x21 {  // <? or <!
                if i + doctype.count <= end, data[i..<(i + doctype.count)].elementsEqual(doctype) {
                    var j = i + doctype.count
                    while j < end, data[j] != 0x3E { // >
                        if data[j] == 0x5B { break }  // [ — an internal subset
                        j += 1
                    }
                    let head = String(decoding: data[i..<min(j, end)], as: UTF8.self)
                    if j >= end || data[j] == 0x5B || head.contains("SYSTEM") || head.contains("PUBLIC") {
                        throw Diagnostic(Messages.xmlDoctypeRefused(source))
                    }
                }
                i += 2
                continue
            }
            return  // the root element: the prolog is over
        }
    }

    final class Delegate: NSObject, XMLParserDelegate {
        let handler: XMLEventHandler
        let source: String
        var thrown: Error?
        /// Elements open now, outermost first (qualified names, to check each close matches).
        var open: [String] = []
        var sawRoot = false
        init(_ handler: XMLEventHandler, source: String) {
            self.handler = handler
            self.source = source
        }

        func stop(_ parser: XMLParser, _ error: Diagnostic) {
            if thrown == nil { thrown = error }
            parser.abortParsing()
        }

        /// `w:p` → `p`, found on the UTF-8 view (Character-wise search is several times slower).
        static func local(_ name: String) -> String {
            let u = name.utf8
            guard let colon = u.lastIndex(of: 0x3A) else { return name }
            return String(name[u.index(after: colon)...])
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            guard thrown == nil else { return }
            if open.isEmpty && sawRoot { return stop(parser, SafeXML.malformed(source, line: parser.lineNumber, "a second root element")) }
            sawRoot = true
            open.append(elementName)
            handler.startElement(Self.local(elementName), attributes: Attributes(attributeDict))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard thrown == nil else { return }
            guard open.last == elementName else {
                return stop(parser, SafeXML.malformed(source, line: parser.lineNumber, "</\(elementName)> closes <\(open.last ?? "nothing")>"))
            }
            open.removeLast()
            handler.endElement(Self.local(elementName))
        }

        /// Stops at the first error (libxml2 may go on after some, and hand FoundationXML what it
        /// cannot convert). Stopping from inside an error report crashed libxml2 when the error
        /// came from switching encodings (one declared, or guessed from leading NULs):
        /// `normalized` and the checks in `parse` see to it that libxml2 never switches.
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            stop(parser, SafeXML.malformed(source, line: parser.lineNumber, (parseError as NSError).localizedDescription))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard thrown == nil else { return }
            handler.characters(string)
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard thrown == nil else { return }
            handler.characters(String(decoding: CDATABlock, as: UTF8.self))
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            nil
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            stop(parser, Diagnostic(Messages.xmlEntityRefused(source, entity: name)))
        }
    }
}
