import PlanKit

/// The shell's one lexer: reads a source text once, left to right, and finds its commands
/// (`;` or a line end outside quotes and parentheses), their words, each command's `> FILE`,
/// `#` comments (at the start of a word only, so `TASK#2` is a word) and `$NAME` / `${NAME}`
/// references, everything with its span in characters of the source.
///
/// Quotes come from `Quotes` (the table the query lexer reads too). Input that stops inside
/// a quote, a parenthesis or `${` is reported as `incomplete`, and the shell asks for a
/// continuation line. Cost is linear in the length of the source: one pass, no arrays of
/// characters, values copied once.
///
///     source   := command { (";" | newline) command }
///     command  := { word | comment } [ ">" word ]
///     word     := { bare | quoted | "$" name | "${" name "}" }
public struct ShellLexer {
    /// What a source text holds.
    public struct Result {
        public var segments: [LexedSegment]
        /// The input stopped inside a quote, parentheses or `${`: read another line.
        public var incomplete: Diagnostic?
        /// The quote the text ends inside, if any (Tab completion closes it).
        public var openQuote: Quotes.Pair?
        /// The text ends with a space outside quotes: the next word has not begun.
        public var endsWithSpace: Bool
        /// Where the last command begins (after the last `;` or line end): completion looks there.
        public var lastCommandStart = 0

        public var isIncomplete: Bool { incomplete != nil }
    }

    /// Lexes `source` (one or more physical lines).
    public static func lex(_ source: String) -> Result {
        var lexer = ShellLexer(source)
        lexer.run()
        return lexer.result
    }

    // MARK: State

    let source: String
    var result = Result(segments: [], incomplete: nil, openQuote: nil, endsWithSpace: false)
    /// Position: a String index and the character offset it stands for.
    var index: String.Index
    var offset = 0
    var depth = 0
    var quote: Quotes.Pair?
    var quoteStart = 0
    var segment = LexedSegment()
    var word: LexedWord?
    var literal = ""
    /// Where the current run of plain source text (between substitutions) began.
    var runStart: (index: String.Index, offset: Int)
    /// Where the command's text ends so far (trailing spaces excluded).
    var contentEnd: (index: String.Index, offset: Int)
    /// The command has begun (its first character is seen).
    var begun = false
    /// The last redirect mark: its word index, span, and the content end before it.
    var lastMark: (word: Int, span: Range<Int>, contentBefore: (index: String.Index, offset: Int))?

    init(_ source: String) {
        self.source = source
        index = source.startIndex
        runStart = (source.startIndex, 0)
        contentEnd = (source.startIndex, 0)
    }

    mutating func run() {
        while index < source.endIndex {
            let c = source[index]
            if let q = quote {
                inQuote(c, q)
                continue
            }
            switch c {
            case " ", "\t", "\r", "\u{3000}", "\u{A0}":
                endWord()
                advance()
            case "\n", "\r\n":
                endWord()
                if depth == 0 { endSegment(); advance(); startSegment() } else { advance() }
            case ";" where depth == 0, "；" where depth == 0:
                endWord()
                endSegment()
                advance()
                startSegment()
            case "#" where word == nil:
                skipComment()
            case ">" where depth == 0 && isRedirectMark():
                endWord()
                begin()
                let span = offset..<(offset + 1)
                lastMark = (segment.words.count, span, contentEnd)
                segment.words.append(LexedWord(pieces: [.text(">")], span: span, quoted: false, isRedirectMark: true))
                noteContent(end: offset + 1, index: source.index(after: index))
                advance()
            case "$":
                dollar(quoted: false)
            default:
                if let q = Quotes.opened(by: c) {
                    beginWord()
                    word?.quoted = true
                    quote = q
                    quoteStart = offset
                    advance()
                    continue
                }
                if c == "(" || c == "（" { depth += 1 }
                if (c == ")" || c == "）") && depth > 0 { depth -= 1 }
                beginWord()
                literal.append(c)
                advance()
                noteContent()
            }
        }
        finish()
    }

    mutating func inQuote(_ c: Character, _ q: Quotes.Pair) {
        if q.isClosed(by: c) {
            quote = nil
            advance()
            noteContent()
            return
        }
        if c == "\\" && q.escapes {
            let next = source.index(after: index)
            if next < source.endIndex {
                literal.append(source[next])
                advance()
                advance()
                return
            }
        }
        if c == "$" && !q.literal {
            dollar(quoted: true)
            return
        }
        literal.append(c)
        advance()
    }

    @inline(__always)
    mutating func advance() {
        index = source.index(after: index)
        offset += 1
    }

    /// `>` outside quotes is a redirect mark unless it belongs to an operator (`>=`, `<>`, `!>`).
    func isRedirectMark() -> Bool {
        let next = source.index(after: index)
        if next < source.endIndex, source[next] == "=" || source[next] == ">" { return false }
        if index > source.startIndex {
            let prev = source[source.index(before: index)]
            if prev == "<" || prev == ">" || prev == "!" { return false }
        }
        return true
    }

    /// `# …` to the end of the physical line; the command's text skips it.
    mutating func skipComment() {
        closeRun()
        while index < source.endIndex, source[index] != "\n", source[index] != "\r\n" { advance() }
        runStart = (index, offset)
    }
}
