import PlanKit

/// A `$NAME` or `${NAME}` in the source (`name` nil for `$$`, a dollar sign).
public struct Substitution: Sendable, Equatable {
    public var name: String?
    public var span: Range<Int>
}

/// One word of a command as written: its pieces, before variables are replaced.
public struct LexedWord: Sendable {
    public enum Piece: Sendable, Equatable {
        case text(String)
        case variable(Substitution)
    }

    public var pieces: [Piece]
    public var span: Range<Int>
    /// Some part of it was quoted: never a keyword.
    public var quoted: Bool
    /// The `>` of a redirect.
    public var isRedirectMark = false

    /// The text when no variable is in it.
    public var literalValue: String? {
        var out = ""
        for p in pieces {
            guard case let .text(t) = p else { return nil }
            out += t
        }
        return out
    }
}

/// One command of a source text, as the lexer found it.
public struct LexedSegment: Sendable {
    /// A stretch of the command's source text: written text, or a substitution.
    enum Chunk: Sendable {
        case text(Range<String.Index>, start: Int)
        case substitution(Substitution)
    }

    /// The command (with its redirect), trimmed, in characters of the source.
    public var span: Range<Int> = 0..<0
    /// The command's words, without the redirect.
    public var words: [LexedWord] = []
    /// `> FILE`: the file word and the span of the `>`.
    public var redirect: (file: LexedWord, mark: Range<Int>)?
    /// The source text of the command (without the redirect and comments), in order.
    var chunks: [Chunk] = []

    public var isEmpty: Bool { words.isEmpty && redirect == nil }
}

extension ShellLexer {
    /// The command's first character: its text starts here.
    mutating func begin() {
        guard !begun else { return }
        begun = true
        segment.span = offset..<offset
        runStart = (index, offset)
    }

    mutating func beginWord() {
        begin()
        if word == nil { word = LexedWord(pieces: [], span: offset..<offset, quoted: false) }
    }

    /// The command's text reaches at least here (trailing spaces are not part of it).
    mutating func noteContent() { noteContent(end: offset, index: index) }

    mutating func noteContent(end: Int, index: String.Index) {
        segment.span = segment.span.lowerBound..<end
        contentEnd = (index, end)
    }

    mutating func flushLiteral() {
        guard !literal.isEmpty else { return }
        word?.pieces.append(.text(literal))
        literal = ""
    }

    mutating func endWord() {
        guard var w = word else { return }
        flushLiteral()
        w = word ?? w
        w.span = w.span.lowerBound..<offset
        segment.words.append(w)
        word = nil
    }

    /// Ends the current run of written text at `contentEnd`-or-here.
    mutating func closeRun(at end: (index: String.Index, offset: Int)? = nil) {
        let e = end ?? (index, offset)
        if runStart.offset < e.offset {
            segment.chunks.append(.text(runStart.index..<e.index, start: runStart.offset))
        }
        runStart = e
    }

    /// `$NAME`, `${NAME}`, `$1`, `$$`; a `$` followed by anything else is a dollar sign.
    mutating func dollar(quoted: Bool) {
        beginWord()
        let start = offset
        let startIndex = index
        var j = source.index(after: index)
        var name = ""
        var length = 1
        guard j < source.endIndex else { literal.append("$"); advance(); noteContent(); return }
        let n = source[j]
        if n == "$" {
            length = 2
            j = source.index(after: j)
            name = ""
        } else if n == "{" {
            j = source.index(after: j)
            length = 2
            while j < source.endIndex, source[j] != "}", source[j] != "\n" {
                name.append(source[j]); j = source.index(after: j); length += 1
            }
            guard j < source.endIndex, source[j] == "}" else {
                result.incomplete = result.incomplete ?? Diagnostic.incomplete(Messages.unterminatedVariable(), at: start..<(start + length))
                index = j
                offset = start + length
                return
            }
            j = source.index(after: j)
            length += 1
        } else if n.isASCII && (n.isNumber || n.isLetter || n == "_") {
            let digits = n.isNumber
            while j < source.endIndex, source[j].isASCII,
                  digits ? source[j].isNumber : (source[j].isLetter || source[j].isNumber || source[j] == "_") {
                name.append(source[j]); j = source.index(after: j); length += 1
            }
        } else {
            literal.append("$"); advance(); noteContent(); return
        }
        let sub = Substitution(name: n == "$" ? nil : name, span: start..<(start + length))
        closeRun(at: (startIndex, start))
        segment.chunks.append(.substitution(sub))
        flushLiteral()
        if sub.name == nil { literal.append("$") } else { word?.pieces.append(.variable(sub)) }
        index = j
        offset = start + length
        runStart = (index, offset)
        noteContent()
        _ = quoted
    }

    mutating func startSegment() {
        segment = LexedSegment()
        begun = false
        result.lastCommandStart = offset
        lastMark = nil
        runStart = (index, offset)
        contentEnd = (index, offset)
    }

    /// Closes the command: cuts its text at its content end (or its redirect) and keeps it.
    mutating func endSegment() {
        var cut = contentEnd
        if let mark = lastMark, segment.words.count == mark.word + 2, isFileWord(segment.words[mark.word + 1]) {
            segment.redirect = (segment.words[mark.word + 1], mark.span)
            segment.words.removeLast(2)
            cut = mark.contentBefore
        }
        closeRun(at: cut.offset >= runStart.offset ? cut : nil)
        segment.chunks = segment.chunks.compactMap { chunk in
            guard case let .text(range, start) = chunk else {
                if case let .substitution(s) = chunk, s.span.upperBound > cut.offset { return nil }
                return chunk
            }
            if start >= cut.offset { return nil }
            return range.upperBound > cut.index ? .text(range.lowerBound..<cut.index, start: start) : chunk
        }
        if !segment.isEmpty { result.segments.append(segment) }
    }

    /// The word after a `>` names a file: quoted, a path, `NAME.ext`, or a variable.
    func isFileWord(_ w: LexedWord) -> Bool {
        if w.quoted { return true }
        guard let text = w.literalValue else { return true }
        if text.contains("/") { return true }
        guard let dot = text.lastIndex(of: "."), dot != text.startIndex else { return false }
        let ext = text[text.index(after: dot)...]
        return !ext.isEmpty && ext.allSatisfy { $0.isASCII && $0.isLetter }
    }

    mutating func finish() {
        if let q = quote {
            result.openQuote = q
            result.incomplete = result.incomplete ?? Diagnostic.incomplete(Messages.unterminatedString(), at: quoteStart..<offset)
            flushLiteral()
            contentEnd = (index, offset)
            segment.span = segment.span.lowerBound..<offset
        } else if depth > 0 && result.incomplete == nil {
            result.incomplete = Diagnostic.incomplete(Messages.unclosedAtEnd("input"), at: max(0, offset - 1)..<offset)
        }
        if let last = source.last, quote == nil {
            result.endsWithSpace = [" ", "\t", "\u{3000}"].contains(last)
        }
        endWord()
        endSegment()
    }
}
