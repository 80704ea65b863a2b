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
            return prefix + "error: " + d.message + notes(d)
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
        let lineText = String(chars[lineStart..<lineEnd])
        let col = lo - lineStart + 1
        let hi = min(max(lo + 1, span.upperBound), lineEnd)
        let padWidth = DisplayWidth.of(String(chars[lineStart..<lo]))
        let caretWidth = max(1, DisplayWidth.of(String(chars[lo..<max(lo, hi)])))
        let location = file.map { "\($0):\(lineNo):\(col): " } ?? ""
        return location + "error: " + d.message + "\n"
            + "    " + lineText + "\n"
            + "    " + String(repeating: " ", count: padWidth) + String(repeating: "^", count: caretWidth)
            + notes(d)
    }

    static func notes(_ d: Diagnostic) -> String {
        d.notes.map { "\n" + $0 }.joined()
    }
}
