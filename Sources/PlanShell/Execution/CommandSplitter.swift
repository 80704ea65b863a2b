import PlanKit

/// One command of a source line: its text and where it starts (in characters of the line).
public struct CommandSegment: Sendable, Equatable {
    public var text: String
    public var offset: Int
}

/// Splits source text into commands at `;`, drops `#` comments, and tells when the text
/// stops inside a quote or parentheses (the shell then asks for a continuation line).
public enum CommandSplitter {
    public struct Result: Sendable, Equatable {
        public var segments: [CommandSegment]
        /// Ended inside a string or with parentheses open.
        public var isIncomplete: Bool
    }

    // line := command { ";" command } [ "#" comment ]
    public static func split(_ source: String) -> Result {
        let chars = Array(source)
        var segments: [CommandSegment] = []
        var quote: Character?
        var depth = 0
        var start = 0
        var i = 0
        var cut: Int?
        func flush(_ end: Int) {
            let piece = String(chars[start..<end])
            let lead = piece.prefix { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{3000}" }.count
            let trimmed = piece.dropFirst(lead).reversed().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{3000}" }
            let text = String(trimmed.reversed())
            if !text.isEmpty { segments.append(CommandSegment(text: text, offset: start + lead)) }
        }
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" && q == "\"" { i += 2; continue }
                if c == q { quote = nil }
                i += 1
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case "“": quote = "”"
            case "‘": quote = "’"
            case "(", "（": depth += 1
            case ")", "）": depth = max(0, depth - 1)
            case ";" where depth == 0, "；" where depth == 0:
                flush(i)
                start = i + 1
            case "#":
                let atWordStart = i == 0 || [" ", "\t", "\n", ";", "\u{3000}"].contains(chars[i - 1])
                if atWordStart {
                    // Comment to the end of this physical line.
                    var j = i
                    while j < chars.count && chars[j] != "\n" { j += 1 }
                    if j >= chars.count { cut = i; i = chars.count; continue }
                    flush(i)
                    start = j
                    i = j
                    continue
                }
            default: break
            }
            i += 1
        }
        flush(cut ?? chars.count)
        return Result(segments: segments, isIncomplete: quote != nil || depth > 0)
    }

    /// A trailing `> FILE` whose FILE ends in an extension (or has a `/`), outside quotes.
    /// Returns the command without it, the file word and its character offset.
    public static func redirect(in text: String) -> (command: String, file: String, fileOffset: Int)? {
        let chars = Array(text)
        var quote: Character?
        var last: Int?
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == "\\" && q == "\"" { i += 2; continue }
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "“" {
                quote = "”"
            } else if c == ">" {
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                let prev = i > 0 ? chars[i - 1] : " "
                if next != "=" && prev != "<" && prev != ">" && prev != "!" { last = i }
            }
            i += 1
        }
        guard let gt = last else { return nil }
        var rest = String(chars[(gt + 1)...])
        let lead = rest.prefix { $0 == " " }.count
        rest = String(rest.dropFirst(lead)).trimmingTrailingSpaces()
        var file = rest
        if file.count >= 2, file.first == "\"", file.last == "\"" { file = String(file.dropFirst().dropLast()) }
        guard !file.isEmpty, !file.contains(" ") || rest.first == "\"" else { return nil }
        let ext = file.split(separator: ".").last.map(String.init) ?? ""
        // A file name ends in a word of letters (`.xlsx`, `.docx`, `.foo`: one with no writer is the
        // session's error to report); `progress > 2.5` and `due > 2025-06` are comparisons.
        let wordExtension = (1...10).contains(ext.count) && ext.first?.isLetter == true
            && ext.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard file.contains("."), wordExtension || file.contains("/") else { return nil }
        let command = String(chars[..<gt]).trimmingTrailingSpaces()
        return (command, file, gt + 1 + lead)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
