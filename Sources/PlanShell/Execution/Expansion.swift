import PlanKit

/// A lexed command with its variables replaced: the text a command parses, its words, its
/// redirect file, and the map from the text back to the source for diagnostics.
public struct ExpandedCommand: Sendable {
    /// The command text (`find tasks where …`) without the redirect; variables replaced.
    public let text: String
    /// The words of `text`, quotes removed, each with its span in `text`.
    public let words: [Word]
    /// `> FILE`: the file name (variables replaced) and its span in the source.
    public let redirect: (file: String, span: Range<Int>)?
    let map: ExpansionMap

    /// The source span of a span in `text`.
    public func sourceSpan(_ span: Range<Int>) -> Range<Int> { map.sourceSpan(span) }

    /// Variables are at most this large (`set`, `--set`), so no command can grow without bound.
    public static let variableLimit = 1 << 20

    /// Replaces `segment`'s variables from `variables`; an unknown name is an error at its span.
    public init(_ segment: LexedSegment, source: String, variables: [String: String]) throws {
        func value(_ s: Substitution) throws -> String {
            guard let name = s.name else { return "$" }
            guard let v = variables[name] else {
                let known = variables.keys.filter { !$0.allSatisfy(\.isNumber) && $0 != "#" }.sorted()
                throw Diagnostic(Messages.unknownVariable(name, known: known), at: s.span)
            }
            return v
        }
        var text = ""
        var runs: [ExpansionMap.Run] = []
        var length = 0
        for chunk in segment.chunks {
            switch chunk {
            case let .text(range, start):
                let piece = source[range]
                let n = piece.count
                runs.append(.init(text: length, source: start, textLength: n, sourceLength: n, literal: true))
                text += piece
                length += n
            case let .substitution(s):
                let v = try value(s)
                let n = v.count
                runs.append(.init(text: length, source: s.span.lowerBound, textLength: n, sourceLength: s.span.count, literal: false))
                text += v
                length += n
            }
        }
        map = ExpansionMap(runs: runs, textLength: length, sourceStart: segment.span.lowerBound)
        var words: [Word] = []
        words.reserveCapacity(segment.words.count)
        for w in segment.words {
            var v = ""
            for p in w.pieces {
                switch p {
                case let .text(t): v += t
                case let .variable(s): v += try value(s)
                }
            }
            words.append(Word(value: v, span: map.textSpan(w.span), quoted: w.quoted))
        }
        self.text = text
        self.words = words
        if let r = segment.redirect {
            var file = ""
            for p in r.file.pieces {
                switch p {
                case let .text(t): file += t
                case let .variable(s): file += try value(s)
                }
            }
            redirect = (file, r.file.span)
        } else {
            redirect = nil
        }
    }
}

/// Where each stretch of an expanded text came from in the source.
struct ExpansionMap: Sendable {
    struct Run: Sendable {
        var text: Int
        var source: Int
        var textLength: Int
        var sourceLength: Int
        /// Written text (offsets map one to one); otherwise a variable's value.
        var literal: Bool
    }

    var runs: [Run]
    var textLength: Int
    var sourceStart: Int

    /// The run holding text offset `t` (the last run starting at or before it).
    func run(forText t: Int) -> Run? {
        var lo = 0, hi = runs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[mid].text <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : runs[lo - 1]
    }

    func sourceSpan(_ span: Range<Int>) -> Range<Int> {
        let end = runs.last.map { $0.source + $0.sourceLength } ?? sourceStart
        func start(_ t: Int) -> Int {
            guard t < textLength, let r = run(forText: t) else { return t <= 0 ? sourceStart : end }
            return r.literal ? r.source + (t - r.text) : r.source
        }
        let lo = start(span.lowerBound)
        if span.isEmpty { return lo..<lo }
        let last = span.upperBound - 1
        guard last < textLength, let r = run(forText: last) else { return lo..<max(lo, end + (span.upperBound - textLength)) }
        let hi = r.literal ? r.source + (last - r.text) + 1 : r.source + r.sourceLength
        return lo..<max(lo, hi)
    }

    /// The text span of a span of the source (a word's).
    func textSpan(_ span: Range<Int>) -> Range<Int> {
        func text(_ s: Int, isEnd: Bool) -> Int {
            var lo = 0, hi = runs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if runs[mid].source <= s - (isEnd ? 1 : 0) { lo = mid + 1 } else { hi = mid }
            }
            guard lo > 0 else { return 0 }
            let r = runs[lo - 1]
            if r.literal { return min(r.text + r.textLength, r.text + (s - r.source)) }
            return isEnd ? r.text + r.textLength : r.text
        }
        let lo = text(span.lowerBound, isEnd: false)
        return lo..<max(lo, text(span.upperBound, isEnd: true))
    }
}
