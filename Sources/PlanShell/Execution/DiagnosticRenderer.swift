import PlanKit

/// Turns a diagnostic into the text a user reads:
/// `FILE:LINE:COL: error: MESSAGE`, the source line, and carets under the span
/// counted in display columns (a CJK character is two).
public enum DiagnosticRenderer {
    /// - Parameters:
    ///   - source: the text the span's offsets count in (one or more physical lines).
    ///   - file: the script name, or nil for typed commands.
    ///   - firstLine: the 1-based line number of `source`'s first line in `file`.
    public static func render(_ d: Diagnostic, source: String?, span: Range<Int>?, file: String?, firstLine: Int) -> String {
        guard let source, let span else {
            let prefix = file.map { "\($0):\(firstLine): " } ?? ""
            return prefix + d.severity.rawValue + ": " + d.message + notes(d)
        }
        let chars = Array(source)
        let lo = min(max(0, span.lowerBound), chars.count)
        // Which physical line the span starts on.
        var lineStart = 0
        var lineNo = firstLine
        for (i, c) in chars.enumerated() where i < lo && c == "\n" {
            lineStart = i + 1
            lineNo += 1
        }
        var lineEnd = lineStart
        while lineEnd < chars.count && chars[lineEnd] != "\n" { lineEnd += 1 }
        let col = lo - lineStart + 1
        let hi = min(max(lo + 1, span.upperBound), lineEnd)
        // A very long line (a 1 MB paste) is shown as a window around the span.
        var from = lineStart
        var to = lineEnd
        var lead = ""
        var tail = ""
        if lineEnd - lineStart > maxShown {
            from = max(lineStart, lo - context)
            to = min(lineEnd, max(hi, lo + 1) + context, from + maxShown)
            if from > lineStart { lead = "…" }
            if to < lineEnd { tail = "…" }
        }
        let lineText = lead + String(chars[from..<to]) + tail
        let padWidth = DisplayWidth.of(lead) + DisplayWidth.of(String(chars[from..<lo]))
        let caretWidth = max(1, DisplayWidth.of(String(chars[lo..<max(lo, min(hi, to))])))
        let location = file.map { "\($0):\(lineNo):\(col): " } ?? ""
        return location + d.severity.rawValue + ": " + d.message + "\n"
            + "    " + lineText + "\n"
            + "    " + String(repeating: " ", count: padWidth) + String(repeating: "^", count: caretWidth)
            + notes(d)
    }

    /// Lines longer than this many characters are shown as a window around the span.
    static let maxShown = 160
    /// Characters of context kept on each side of the span in such a window.
    static let context = 40

    static func notes(_ d: Diagnostic) -> String {
        d.notes.map { "\n" + $0 }.joined()
    }
}
