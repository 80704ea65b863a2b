/// Splits query text into tokens.
///
/// Words run until a space, quote, parenthesis, comma or operator character, so
/// `office="医政科教科"` and `target>=90%` need no spaces. Full-width parentheses, commas and
/// operators (`（ ） ， ＝ ＞`) are read as their ASCII forms; `、` separates like a comma.
/// An open quote is an `.incomplete` diagnostic, so the shell asks for a continuation line.
public struct Lexer {
    let chars: [Character]

    public init(_ text: String) {
        chars = Array(text)
    }

    // tokens := { space | string | word | op | "(" | ")" | "," }
    public static func tokens(_ text: String) throws -> [Token] {
        try Lexer(text).run()
    }

    func run() throws -> [Token] {
        var out: [Token] = []
        var i = 0
        let n = chars.count
        while i < n {
            let c = chars[i]
            let start = i
            if Lexer.isPlain(c) {
                i += 1
                while i < n, !Lexer.endsWord(chars[i]) { i += 1 }
                let word = String(chars[start..<i])
                out.append(Token(.word, text: TextFolding.fold(word), value: word, span: start..<i))
                continue
            }
            if Lexer.isSpace(c) { i += 1; continue }
            switch c {
            case "(", "（":
                out.append(Token(.leftParen, text: "(", span: i..<(i + 1))); i += 1
            case ")", "）":
                out.append(Token(.rightParen, text: ")", span: i..<(i + 1))); i += 1
            case ",", "，", "、":
                out.append(Token(.comma, text: ",", span: i..<(i + 1))); i += 1
            case _ where Quotes.opened(by: c) != nil:
                // One quote table for the shell and the query (Text/Quotes.swift).
                guard let quote = Quotes.opened(by: c) else { break }
                var value = ""
                i += 1
                var closed = false
                while i < n {
                    let d = chars[i]
                    if d == "\\" && quote.escapes && i + 1 < n {
                        value.append(chars[i + 1]); i += 2; continue
                    }
                    if quote.isClosed(by: d) { closed = true; i += 1; break }
                    value.append(d); i += 1
                }
                guard closed else {
                    throw Diagnostic.incomplete(Messages.unterminatedString(), at: start..<n)
                }
                out.append(Token(.string, text: String(chars[start..<i]), value: value, span: start..<i))
            default:
                if let op = operatorAt(i) {
                    out.append(Token(.op, text: op.text, span: i..<(i + op.length)))
                    i += op.length
                    continue
                }
                // At least one character, so a lone `!` becomes a word the parser can point at.
                i += 1
                while i < n, !Lexer.endsWord(chars[i]) { i += 1 }
                let word = String(chars[start..<i])
                out.append(Token(.word, text: TextFolding.fold(word), value: word, span: start..<i))
            }
        }
        out.append(Token(.end, text: "", span: n..<n))
        return out
    }

    /// The operator starting at `i`, normalised (`==` → `=`, `<>` and `≠` → `!=`).
    func operatorAt(_ i: Int) -> (text: String, length: Int)? {
        let c = Lexer.foldOp(chars[i])
        let next = i + 1 < chars.count ? Lexer.foldOp(chars[i + 1]) : " "
        switch c {
        case "=": return next == "=" ? ("=", 2) : ("=", 1)
        case "!": return next == "=" ? ("!=", 2) : nil
        case "<":
            if next == "=" { return ("<=", 2) }
            if next == ">" { return ("!=", 2) }
            return ("<", 1)
        case ">": return next == "=" ? (">=", 2) : (">", 1)
        case "≠": return ("!=", 1)
        case "≤": return ("<=", 1)
        case "≥": return (">=", 1)
        default: return nil
        }
    }

    static func foldOp(_ c: Character) -> Character {
        switch c {
        case "＝": "="
        case "！": "!"
        case "＜": "<"
        case "＞": ">"
        default: c
        }
    }

    static func isSpace(_ c: Character) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n" || c == "\u{3000}" || c == "\u{A0}"
    }

    /// ASCII letters and digits, `_ . % : # - /` and CJK ideographs: never a space, operator,
    /// parenthesis, comma or quote (a quick answer for most characters of a query).
    @inline(__always)
    static func isPlain(_ c: Character) -> Bool {
        let scalars = c.unicodeScalars
        guard let s = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2E, 0x25, 0x3A, 0x23, 0x2D, 0x2F, 0x3400...0x9FFF: return true
        default: return false
        }
    }

    static func endsWord(_ c: Character) -> Bool {
        if isPlain(c) { return false }
        switch c {
        case " ", "\t", "\n", "\r", "\r\n", "\u{3000}", "\u{A0}",
             "(", ")", "（", "）", ",", "，", "、",
             "=", "!", "<", ">", "＝", "！", "＜", "＞", "≠", "≤", "≥":
            return true
        default:
            return Quotes.opened(by: c) != nil
        }
    }
}
