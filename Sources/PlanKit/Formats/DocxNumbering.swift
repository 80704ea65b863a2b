import Foundation

/// Word's automatic list numbering (`word/numbering.xml`), replayed paragraph by paragraph to
/// give each numbered paragraph the label Word displays: `（二）`, `3.`, `①` …
///
/// Model (ECMA-376 §17.9): a `num` points at an `abstractNum`, whose levels (`lvl`, 0–8) carry a
/// start value, a number format and a level text such as `（%2）`. Counters live with the
/// abstract list, so every `num` of one abstract list continues the same count, except that a
/// `num` with `lvlOverride/startOverride` restarts that level at its first paragraph. Numbering
/// a level resets every deeper level (unless its `lvlRestart` says otherwise).
struct DocxNumbering {
    struct Level {
        var start = 1
        var format = "decimal"
        var text = ""
        /// `lvlRestart`: the level whose numbering restarts this one (1-based; 0 never restarts).
        var restartAfter: Int?
        /// `isLgl`: every number in the label shown as decimal.
        var legal = false
        /// `suff`: what follows the label (`tab`, `space`, `nothing`).
        var suffix = "tab"
    }

    struct Num {
        var abstractID: String
        var startOverrides: [Int: Int] = [:]
        var levelOverrides: [Int: Level] = [:]
    }

    var abstracts: [String: [Int: Level]] = [:]
    var nums: [String: Num] = [:]
    /// Counters of each abstract list, by level; nil where a level has not been used yet.
    private var counters: [String: [Int?]] = [:]
    private var started: Set<String> = []

    /// Reads `numbering.xml`; nil data gives a document without lists.
    init(xml: Data?, source: String) throws {
        guard let xml else { return }
        let reader = NumberingReader()
        try SafeXML.parse(xml, source: source, handler: reader)
        abstracts = reader.abstracts
        nums = reader.nums
    }

    init() {}

    /// The label of the next paragraph of list `numID` at level `level`, advancing the counters;
    /// nil when the list does not exist or shows nothing (`numId` 0 removes numbering). The
    /// label ends with the level's suffix as one space, or nothing.
    mutating func label(numID: String, level: Int) -> (text: String, suffix: String)? {
        guard numID != "0", let num = nums[numID], let abstract = abstracts[num.abstractID] else { return nil }
        let lvl = max(0, min(8, level))
        var levels = abstract
        for (k, v) in num.levelOverrides { levels[k] = v }
        var c = counters[num.abstractID] ?? Array(repeating: nil, count: 9)
        if !started.contains(numID) {
            started.insert(numID)
            for (k, v) in num.startOverrides where (0..<9).contains(k) { c[k] = v - 1 }
            for k in num.levelOverrides.keys where (0..<9).contains(k) { c[k] = (levels[k]?.start ?? 1) - 1 }
        }
        let def = levels[lvl] ?? Level()
        c[lvl] = (c[lvl] ?? (def.start - 1)) + 1
        for deeper in (lvl + 1)..<9 {
            let restart = levels[deeper]?.restartAfter
            if restart == 0 { continue }
            if let r = restart, r - 1 < lvl { continue }
            c[deeper] = nil
        }
        counters[num.abstractID] = c
        if def.format == "bullet" { return ("", "") }
        var out = ""
        var chars = def.text.makeIterator()
        while let ch = chars.next() {
            guard ch == "%" else { out.append(ch); continue }
            guard let d = chars.next() else { break }
            guard let k = d.wholeNumberValue, (1...9).contains(k) else { out.append(ch); out.append(d); continue }
            let target = levels[k - 1] ?? Level()
            let value = c[k - 1] ?? target.start
            let format = def.legal && k - 1 < lvl ? "decimal" : target.format
            out += NumberFormat.render(value, format: format)
        }
        return (out, def.suffix == "nothing" ? "" : " ")
    }

    /// Collects abstract lists and nums from `numbering.xml`.
    final class NumberingReader: XMLEventHandler {
        var abstracts: [String: [Int: Level]] = [:]
        var nums: [String: Num] = [:]
        private var abstractID: String?
        private var numID: String?
        private var overrideLevel: Int?
        private var level: Int?
        private var current = Level()

        func startElement(_ name: String, attributes a: SafeXML.Attributes) {
            switch name {
            case "abstractNum": abstractID = a["abstractNumId"]; abstracts[abstractID ?? ""] = [:]
            case "num": numID = a["numId"]
            case "abstractNumId": if let n = numID, let v = a["val"] { nums[n] = Num(abstractID: v) }
            case "lvlOverride": overrideLevel = Self.level(a["ilvl"])
            case "startOverride":
                if let n = numID, let l = overrideLevel, let v = Self.number(a["val"]) { nums[n]?.startOverrides[l] = v }
            case "lvl": level = Self.level(a["ilvl"]); current = Level()
            case "start": if level != nil, let v = Self.number(a["val"]) { current.start = v }
            case "numFmt": if level != nil, let v = a["val"] { current.format = v }
            case "lvlText": if level != nil { current.text = a["val"] ?? "" }
            case "lvlRestart": if level != nil { current.restartAfter = Self.number(a["val"]) }
            case "isLgl": if level != nil { current.legal = a["val"].map { $0 != "0" && $0 != "false" } ?? true }
            case "suff": if level != nil, let v = a["val"] { current.suffix = v }
            default: break
            }
        }

        func endElement(_ name: String) {
            switch name {
            case "lvl":
                guard let l = level else { break }
                if let n = numID, let o = overrideLevel { nums[n]?.levelOverrides[o] = current }
                else if let id = abstractID { abstracts[id, default: [:]][l] = current }
                level = nil
            case "abstractNum": abstractID = nil
            case "num": numID = nil
            case "lvlOverride": overrideLevel = nil
            default: break
            }
        }

        func characters(_ text: String) {}

        /// A list level, 0–8 (Word has nine); nil for anything else.
        static func level(_ text: String?) -> Int? {
            text.flatMap { Int($0) }.flatMap { (0...8).contains($0) ? $0 : nil }
        }

        /// A start or restart value, clamped to what a list can show, so counting on from it
        /// never overflows.
        static func number(_ text: String?) -> Int? {
            text.flatMap { Int($0) }.map { min(max($0, -999_999), 999_999) }
        }
    }
}

/// Word's number formats (`w:numFmt`), as Word renders each value.
enum NumberFormat {
    static let chineseDigits: [Character] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    static let legalDigits: [Character] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]

    static func render(_ n: Int, format: String) -> String {
        switch format {
        case "decimal", "ordinal", "cardinalText", "ordinalText": return String(n)
        case "decimalZero": return n < 10 && n >= 0 ? "0\(n)" : String(n)
        case "decimalFullWidth", "decimalFullWidth2":
            return String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0) ?? $0) })
        case "chineseCounting", "japaneseCounting", "taiwaneseCounting": return chineseCounting(n)
        case "chineseCountingThousand", "taiwaneseCountingThousand", "japaneseDigitalTenThousand":
            return chineseThousand(n, digits: chineseDigits, units: ["十", "百", "千"])
        case "chineseLegalSimplified": return chineseThousand(n, digits: legalDigits, units: ["拾", "佰", "仟"])
        case "ideographTraditional": return cycle(n, "甲乙丙丁戊己庚辛壬癸")
        case "ideographZodiac": return cycle(n, "子丑寅卯辰巳午未申酉戌亥")
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
            return enclosed(n, first: 0x2460, count: 20)
        case "decimalEnclosedParen": return enclosed(n, first: 0x2474, count: 20)
        case "decimalEnclosedFullstop": return enclosed(n, first: 0x2488, count: 20)
        case "upperLetter": return letters(n, base: 0x41)
        case "lowerLetter": return letters(n, base: 0x61)
        case "upperRoman": return roman(n)
        case "lowerRoman": return roman(n).lowercased()
        case "none", "bullet": return ""
        default: return String(n)
        }
    }

    /// 一 … 十 十一 … 九十九; from 100 digit by digit (一〇〇), as Word writes chineseCounting.
    static func chineseCounting(_ n: Int) -> String {
        guard n > 0 else { return "〇" }
        if n < 10 { return String(chineseDigits[n]) }
        if n < 100 {
            let tens = n / 10, ones = n % 10
            return (tens == 1 ? "" : String(chineseDigits[tens])) + "十" + (ones == 0 ? "" : String(chineseDigits[ones]))
        }
        return String(String(n).compactMap { $0.wholeNumberValue.map { chineseDigits[$0] } })
    }

    /// 一百二十三, 一千零五 (below 10,000; larger values fall back to digits).
    static func chineseThousand(_ n: Int, digits: [Character], units: [String]) -> String {
        guard n > 0, n < 10_000 else { return String(n) }
        if n >= 10 && n < 20 { return units[0] + (n % 10 == 0 ? "" : String(digits[n % 10])) }
        var out = ""
        var zero = false
        let parts = [(n / 1000, units[2]), (n / 100 % 10, units[1]), (n / 10 % 10, units[0]), (n % 10, "")]
        var seen = false
        for (d, unit) in parts {
            if d == 0 {
                if seen { zero = true }
                continue
            }
            if zero { out.append(digits == chineseDigits ? "零" : digits[0]); zero = false }
            out.append(digits[d])
            out += unit
            seen = true
        }
        return out
    }

    static func cycle(_ n: Int, _ symbols: String) -> String {
        let s = Array(symbols)
        guard n > 0 else { return String(n) }
        return String(s[(n - 1) % s.count])
    }

    static func enclosed(_ n: Int, first: UInt32, count: Int) -> String {
        guard n >= 1, n <= count, let u = Unicode.Scalar(first + UInt32(n - 1)) else { return String(n) }
        return String(Character(u))
    }

    /// A … Z, AA … ZZ (Word repeats the letter); past 780 (30 letters) the number in digits, so a
    /// hostile start value cannot ask for gigabytes of letters.
    static func letters(_ n: Int, base: UInt32) -> String {
        guard n > 0, n <= 780, let u = Unicode.Scalar(base + UInt32((n - 1) % 26)) else { return String(n) }
        return String(repeating: String(Character(u)), count: (n - 1) / 26 + 1)
    }

    static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n
        var out = ""
        for (v, s) in table { while rest >= v { out += s; rest -= v } }
        return out
    }
}
