import PlanKit

/// `$NAME`, `${NAME}` and `$1…` replaced by their values; `$$` is a dollar sign.
/// Single-quoted text is left alone. Keeps a map from result characters back to source
/// characters so a diagnostic can point at the text the user wrote.
public struct Interpolation: Sendable {
    public let text: String
    /// `sourceIndex[i]` = character index in the source of result character i (count + 1 entries).
    public let sourceIndex: [Int]

    public static func expand(_ source: String, variables: [String: String]) throws -> Interpolation {
        let chars = Array(source)
        var out: [Character] = []
        var map: [Int] = []
        var inSingle = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" { inSingle.toggle() }
            guard c == "$", !inSingle, i + 1 < chars.count else {
                out.append(c); map.append(i); i += 1
                continue
            }
            let n = chars[i + 1]
            if n == "$" { out.append("$"); map.append(i); i += 2; continue }
            var name = ""
            var end = i + 1
            if n == "{" {
                var j = i + 2
                while j < chars.count && chars[j] != "}" { name.append(chars[j]); j += 1 }
                guard j < chars.count else { throw Diagnostic("unterminated ${…}", at: i..<chars.count) }
                end = j + 1
            } else if n.isNumber && n.isASCII {
                var j = i + 1
                while j < chars.count && chars[j].isASCII && chars[j].isNumber { name.append(chars[j]); j += 1 }
                end = j
            } else if n.isLetter || n == "_" {
                var j = i + 1
                while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") && chars[j].isASCII {
                    name.append(chars[j]); j += 1
                }
                end = j
                if name.isEmpty { out.append(c); map.append(i); i += 1; continue }
            } else {
                out.append(c); map.append(i); i += 1
                continue
            }
            guard let value = variables[name] else {
                let known = variables.keys.sorted()
                throw Diagnostic("unknown variable $\(name)" + Suggest.phrase(name, in: known), at: i..<end)
            }
            for ch in value { out.append(ch); map.append(i) }
            i = end
        }
        map.append(chars.count)
        return Interpolation(text: String(out), sourceIndex: map)
    }

    /// The source span of a span in the result.
    public func sourceSpan(_ span: Range<Int>) -> Range<Int> {
        let lo = sourceIndex[min(max(0, span.lowerBound), sourceIndex.count - 1)]
        let hiIndex = min(max(0, span.upperBound - 1), sourceIndex.count - 1)
        let hi = span.isEmpty ? lo : sourceIndex[hiIndex] + 1
        return lo..<max(lo, hi)
    }
}
