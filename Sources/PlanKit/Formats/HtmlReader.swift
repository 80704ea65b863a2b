import Foundation

/// The visible text of a saved or downloaded web page as plain lines for the plan importer
/// (SPEC §10): the charset from the BOM, `<meta charset>` or `http-equiv` (GB2312/GBK read as
/// GB18030); `script`, `style` and `head` dropped; block elements end lines; table cells of a
/// row joined by `|`; entities decoded (`&nbsp;` is a space). The page chrome around the plan
/// is left to the importer's chrome rules (`PageChrome`), which work on these lines.
public enum HtmlReader {
    /// The page's lines and the encoding its bytes were read in.
    public static func read(_ data: Data, fileName: String) throws -> (lines: [String], decoded: TextDecoding.Decoded) {
        let decoded = try TextDecoding.decode(data, fileName: fileName, declared: declaredCharset(data))
        return (lines(ofHTML: decoded.text), decoded)
    }

    /// The charset a page declares in its first 4 KB (`<meta charset=gb2312>`,
    /// `<meta http-equiv="Content-Type" content="text/html; charset=GBK">`, `<?xml encoding=…?>`).
    static func declaredCharset(_ data: Data) -> TextDecoding.Encoding? {
        let head = String(decoding: data.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        for key in ["charset=", "encoding="] {
            var search = head.startIndex..<head.endIndex
            while let r = head.range(of: key, range: search) {
                let rest = head[r.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
                let label = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                if let e = TextDecoding.encoding(forCharset: String(label)) { return e }
                search = r.upperBound..<head.endIndex
            }
        }
        return nil
    }

    /// Elements that end a line where they open and where they close.
    static let blocks: Set<String> = ["p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                                      "dl", "dt", "dd", "section", "article", "header", "footer", "nav", "aside", "main",
                                      "blockquote", "pre", "form", "hr", "center", "caption", "thead", "tbody", "tfoot",
                                      "figure", "figcaption", "address", "fieldset", "legend", "option", "body", "html"]
    /// Elements whose content is never shown.
    static let hidden: Set<String> = ["script", "style", "head", "title", "noscript", "template", "textarea", "select",
                                      "object", "iframe", "svg", "math"]

    /// The visible lines of `html`, trimmed, empty ones dropped.
    public static func lines(ofHTML html: String) -> [String] {
        var p = Walker(source: Array(html.unicodeScalars))
        p.run()
        return p.lines
    }

    struct Walker {
        let source: [Unicode.Scalar]
        var i = 0
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        /// Whitespace seen since the last visible character, and whether it held a line break.
        var pendingSpace = false
        var pendingBreak = false
        var cellsInRow = 0
        /// Open lists, innermost last: an ordered list's last number and type; nil for `<ul>`.
        var lists: [(counter: Int?, type: String)] = []
        /// Inside `<pre>`, where a source line break is a line break.
        var preDepth = 0

        init(source: [Unicode.Scalar]) { self.source = source }

        mutating func run() {
            while i < source.count {
                let c = source[i]
                if c == "<" { tag(); continue }
                if c == "&" { text(entity()); continue }
                if preDepth > 0, c == "\n" {
                    flush()
                    i += 1
                    continue
                }
                if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                    pendingSpace = true
                    if c == "\n" || c == "\r" { pendingBreak = true }
                    i += 1
                    continue
                }
                text(c)
                i += 1
            }
            flush()
        }

        mutating func text(_ c: Unicode.Scalar) {
            if pendingSpace, let last = line.last, last != " " {
                // A source line break between two CJK characters is no space (browsers drop it too).
                if !(pendingBreak && !last.isASCII && !c.isASCII) { line.append(" ") }
            }
            pendingSpace = false
            pendingBreak = false
            line.append(c == "\u{A0}" ? " " : c)
        }

        mutating func flush() {
            // Trimmed by hand: Foundation's `trimmingCharacters` costs more than the rest of the reader.
            var lo = line.startIndex, hi = line.endIndex
            while lo < hi, Self.isBlankOrBar(line[lo]) { lo = line.index(after: lo) }
            while hi > lo, Self.isBlankOrBar(line[line.index(before: hi)]) { hi = line.index(before: hi) }
            if lo < hi { lines.append(String(line[lo..<hi])) }
            line = String.UnicodeScalarView()
            pendingSpace = false
            pendingBreak = false
        }

        /// Trimmed from both ends of a line: spaces, and the `|` an empty table cell leaves.
        static func isBlankOrBar(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || c == "|" || c == "\u{3000}" || c == "\u{A0}"
        }

        var lineHasText: Bool { line.contains { !Self.isBlankOrBar($0) } }

        /// At `<`: a comment, declaration, or tag; hidden elements are skipped whole.
        mutating func tag() {
            if starts("<!--") {
                i = find("-->").map { $0 + 3 } ?? source.count
                return
            }
            var j = i + 1
            let closing = j < source.count && source[j] == "/"
            if closing { j += 1 }
            guard j < source.count, source[j].properties.isAlphabetic || source[j] == "!" || source[j] == "?" else {
                text("<")
                i += 1
                return
            }
            var name = ""
            while j < source.count, source[j].properties.isAlphabetic || ("0"..."9").contains(source[j]) {
                name.unicodeScalars.append(source[j])
                j += 1
            }
            name = name.lowercased()
            let attributesStart = j
            i = endOfTag(from: j)
            guard !name.isEmpty else { return }
            if !closing, Self.hiddenElement(name) {
                skipHidden(name)
                return
            }
            if name == "td" || name == "th" {
                if !closing {
                    if cellsInRow > 0, lineHasText { line.append("|"); pendingSpace = false }
                    cellsInRow += 1
                }
                return
            }
            if name == "tr" { cellsInRow = 0 }
            if name == "pre" { preDepth = max(0, preDepth + (closing ? -1 : 1)) }
            if HtmlReader.blocks.contains(name) { flush() }
            if name == "ol" || name == "ul" || name == "li" {
                list(name, closing: closing, attributes: String(String.UnicodeScalarView(source[attributesStart..<max(attributesStart, i - 1)])))
            }
        }

        /// `<ol>`/`<ul>` and their items: a browser shows an ordered item's number (`start`,
        /// `type` 1 a A i I), so it is written into the line.
        mutating func list(_ name: String, closing: Bool, attributes: String) {
            switch (name, closing) {
            case ("ol", false):
                // A start beyond what any list shows is clamped, so counting on can never overflow.
                let start = Self.attribute("start", in: attributes).flatMap { Int($0) }.map { min(max($0, -999_999), 999_999) } ?? 1
                lists.append((start - 1, Self.attribute("type", in: attributes) ?? "1"))
            case ("ul", false): lists.append((nil, ""))
            case ("ol", true), ("ul", true): _ = lists.popLast()
            case ("li", false):
                guard var top = lists.popLast() else { return }
                if var counter = top.counter {
                    counter += 1
                    top.counter = counter
                    let format = ["a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"][top.type] ?? "decimal"
                    line.append(contentsOf: (NumberFormat.render(counter, format: format) + ".").unicodeScalars)
                }
                lists.append(top)
            default: break
            }
        }

        /// The value of attribute `name` in a tag's attribute text (quoted or not).
        static func attribute(_ name: String, in text: String) -> String? {
            guard let r = text.range(of: #"(?i)\b"# + name + #"\s*=\s*["']?([^"'\s>]*)"#, options: .regularExpression) else { return nil }
            let match = text[r]
            guard let eq = match.firstIndex(of: "=") else { return nil }
            return String(match[match.index(after: eq)...].drop { $0 == " " || $0 == "\"" || $0 == "'" })
        }

        static func hiddenElement(_ name: String) -> Bool { HtmlReader.hidden.contains(name) }

        /// Skips to the end of hidden element `name` (for `head`, also to `<body>` when the page never closes it).
        mutating func skipHidden(_ name: String) {
            let close = Array("</\(name)".unicodeScalars)
            var j = i
            while j < source.count {
                if source[j] == "<" {
                    if matches(close, at: j) {
                        i = endOfTag(from: j + close.count)
                        return
                    }
                    if name == "head", matches(Array("<body".unicodeScalars), at: j) {
                        i = j
                        return
                    }
                }
                j += 1
            }
            i = source.count
        }

        func matches(_ word: [Unicode.Scalar], at j: Int) -> Bool {
            guard j + word.count <= source.count else { return false }
            for k in 0..<word.count where Self.lower(source[j + k]) != word[k] { return false }
            return true
        }

        static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
            ("A"..."Z").contains(c) ? Unicode.Scalar(c.value + 32) ?? c : c
        }

        /// The index after the `>` closing a tag, quotes respected.
        func endOfTag(from start: Int) -> Int {
            var j = start
            var quote: Unicode.Scalar?
            while j < source.count {
                let c = source[j]
                if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == ">" { return j + 1 }
                j += 1
            }
            return source.count
        }

        func starts(_ s: String) -> Bool { matches(Array(s.unicodeScalars), at: i) }

        func find(_ s: String) -> Int? {
            let w = Array(s.unicodeScalars)
            var j = i
            while j + w.count <= source.count {
                if source[j] == w[0], matches(w, at: j) { return j }
                j += 1
            }
            return nil
        }

        /// At `&`: the character an entity stands for (or `&` itself when it is none).
        mutating func entity() -> Unicode.Scalar {
            var j = i + 1
            var name = ""
            while j < source.count, j - i <= 10, source[j].properties.isAlphabetic || ("0"..."9").contains(source[j]) || source[j] == "#" {
                name.unicodeScalars.append(source[j])
                j += 1
            }
            let terminated = j < source.count && source[j] == ";"
            if let value = HtmlEntities.scalar(name) , terminated || HtmlEntities.legacy.contains(name) {
                i = terminated ? j + 1 : j
                return value
            }
            i += 1
            return "&"
        }
    }
}

/// Character references of HTML: numeric ones, and the named ones Chinese government pages use.
enum HtmlEntities {
    static let named: [String: Unicode.Scalar] = [
        "nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "ldquo": "\u{201C}",
        "rdquo": "\u{201D}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "mdash": "\u{2014}", "ndash": "\u{2013}",
        "hellip": "\u{2026}", "middot": "\u{00B7}", "bull": "\u{2022}", "times": "\u{00D7}", "divide": "\u{00F7}",
        "copy": "\u{00A9}", "reg": "\u{00AE}", "emsp": " ", "ensp": " ", "thinsp": " ", "yen": "\u{00A5}",
        "deg": "\u{00B0}", "plusmn": "\u{00B1}", "permil": "\u{2030}", "sup2": "\u{00B2}", "sup3": "\u{00B3}",
        "laquo": "\u{00AB}", "raquo": "\u{00BB}", "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}", "rarr": "\u{2192}",
        "larr": "\u{2190}", "sect": "\u{00A7}", "micro": "\u{00B5}", "frac12": "\u{00BD}", "zwsp": "\u{200B}",
    ]
    /// Names browsers accept without the closing `;` (as old pages write `&nbsp`).
    static let legacy: Set<String> = ["nbsp", "amp", "lt", "gt", "quot", "copy", "reg"]

    static func scalar(_ name: String) -> Unicode.Scalar? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" { value = UInt32(digits.dropFirst(), radix: 16) } else { value = UInt32(digits) }
            guard let v = value, v != 0 else { return nil }
            return Unicode.Scalar(v == 0xA0 ? 0x20 : v)
        }
        return named[name] ?? named[name.lowercased()]
    }
}
