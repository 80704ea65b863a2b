import PlanKit

/// Wraps lesson prose to the terminal: English breaks at spaces, Chinese between characters,
/// and closing punctuation (，。）…) never starts a line.
enum ProseWrap {
    static let closing: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "”", "’", "…",
                                          ",", ".", ";", ":", "?", "!", ")", "]", "`"]

    /// The lines of `text` (which may hold newlines) at most `width` columns wide where possible;
    /// a line's leading spaces are kept, and its continuation lines are indented the same.
    static func wrap(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrapLine(String($0), width: width) }
    }

    static func wrapLine(_ line: String, width: Int) -> [String] {
        guard width > 10, DisplayWidth.of(line) > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        let indentWidth = indent.count
        var lines: [String] = []
        var current = indent
        var currentWidth = indentWidth
        var pendingSpace = false
        for token in tokens(String(line.dropFirst(indent.count))) {
            if token == " " { pendingSpace = true; continue }
            let w = DisplayWidth.of(token)
            let hasText = currentWidth > indentWidth
            let space = pendingSpace && hasText ? 1 : 0
            if hasText && currentWidth + space + w > width {
                lines.append(current)
                current = indent + token
                currentWidth = indentWidth + w
            } else {
                if space == 1 { current += " " }
                current += token
                currentWidth += space + w
            }
            pendingSpace = false
        }
        if currentWidth > indentWidth { lines.append(current) }
        return lines
    }

    /// Words: a run of non-space narrow characters, or one wide character; closing punctuation
    /// sticks to the token before it; " " stands for any run of spaces.
    static func tokens(_ s: String) -> [String] {
        var out: [String] = []
        var word = ""
        func flush() { if !word.isEmpty { out.append(word); word = "" } }
        for ch in s {
            if ch == " " {
                flush()
                if out.last != " " { out.append(" ") }
            } else if closing.contains(ch) {
                if word.isEmpty, let last = out.last, last != " " {
                    out[out.count - 1] = last + String(ch)
                } else {
                    word.append(ch)
                }
            } else if DisplayWidth.of(String(ch)) >= 2 {
                flush()
                out.append(String(ch))
            } else {
                word.append(ch)
            }
        }
        flush()
        return out
    }
}
