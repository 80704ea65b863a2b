/// A deadline written in a task's text: the phrase as printed and the day it means.
public struct Deadline: Sendable, Hashable, Codable {
    /// What kind of phrase it was (counted in the closing notes and tests).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// `年底前` `年底` `年末` → Dec 31.
        case yearEnd
        /// `年内` at the start of a clause → Dec 31.
        case withinYear
        /// `全年` at the start of a clause → Dec 31.
        case wholeYear
        /// `N月底前` `N月底` `N月末` → the last day of month N.
        case monthEnd
        /// `N月前` → the last day of month N−1.
        case beforeMonth
        /// `上半年` → Jun 30, `下半年` → Dec 31.
        case halfYear
        /// `一季度`…`四季度`, `第一季度` → the quarter's last day.
        case quarter
        /// `N月N日前` → that day.
        case day
    }

    public var raw: String
    public var day: CalendarDay
    public var kind: Kind

    public init(raw: String, day: CalendarDay, kind: Kind) {
        self.raw = raw
        self.day = day
        self.kind = kind
    }
}

/// Reads the deadline phrases of SPEC §9 out of a task's own text.
///
/// Phrases: `年底前` `年内` `全年` (the last two only at a clause start), `N月底前` `N月底`
/// `N月末`, `N月前`, `上半年` `下半年`, `一季度`…`四季度` (also `第一季度`), `N月N日前`, each
/// optionally led by its own year (`2025年6月底前`); N in digits or Chinese numerals.
/// Not deadlines: multi-year goals (`到2027年`: a year alone names no day), start dates
/// (`3月份启动`, `下半年启动`), recurring dates (`每月25日前报送`, `每季度末前`, `每年6月底前`),
/// status dates (`截至6月底`), other years (`去年底`) and years that cannot be read (`20xx年底`).
public enum DeadlineExtractor {
    /// Every deadline in `text`, in text order (a phrase repeated with the same day once).
    /// Phrases without a year of their own use `planYear`; with no plan year they are skipped.
    public static func deadlines(in text: String, planYear: Int?) -> [Deadline] {
        deadlines(inScalars: scalars(of: text), planYear: planYear)
    }

    /// `deadlines(in:planYear:)` for a text held as its Unicode scalars.
    static func deadlines(inScalars s: [UInt32], planYear: Int?) -> [Deadline] {
        var out: [Deadline] = []
        var i = 0
        var key = -1  // the first 年, 月 or 季 at or after `i` (s.count: none)
        while i < s.count {
            // Every phrase holds 年, 月 or 季 among its first `keyReach + 1` scalars: starts
            // further before the next one cannot match, and none can after the last one.
            if key < i {
                key = nextKey(s, from: i)
                if key == s.count { break }
            }
            if key - i > keyReach { i = key - keyReach }
            if mayStart(s[i]), let m = match(s, at: i, planYear: planYear) {
                let d = Deadline(raw: s[i..<m.end].string, day: m.day, kind: m.kind)
                if !out.contains(d) { out.append(d) }
                i = m.end
            } else {
                i += 1
            }
        }
        return out
    }

    /// How far after a phrase's start its first 年, 月 or 季 may lie: `2025年` (4), `第十二季度`
    /// (第 and a numeral of at most three scalars, 4), `十二月` (3), `上半年` (2).
    static let keyReach = 4

    /// The index of the first 年, 月 or 季 at or after `from`, or `s.count`.
    static func nextKey(_ s: [UInt32], from: Int) -> Int {
        s.withUnsafeBufferPointer { ScalarScan.firstIndex(of: nian, yue, ji, in: $0, from: from) }
    }

    /// The latest of `deadlines`, the task's due date by default.
    public static func latest(_ deadlines: [Deadline]) -> CalendarDay? {
        deadlines.map(\.day).max()
    }

    // MARK: Scalars

    static let nian: UInt32 = 0x5E74   // 年
    static let yue: UInt32 = 0x6708    // 月
    static let ri: UInt32 = 0x65E5     // 日
    static let hao: UInt32 = 0x53F7    // 号
    static let di: UInt32 = 0x5E95     // 底
    static let mo: UInt32 = 0x672B     // 末
    static let qian: UInt32 = 0x524D   // 前
    static let nei: UInt32 = 0x5185    // 内
    static let quan: UInt32 = 0x5168   // 全
    static let ban: UInt32 = 0x534A    // 半
    static let shang: UInt32 = 0x4E0A  // 上
    static let xia: UInt32 = 0x4E0B    // 下
    static let di4: UInt32 = 0x7B2C    // 第
    static let ji: UInt32 = 0x5B63     // 季
    static let du: UInt32 = 0x5EA6     // 度
    static let fen: UInt32 = 0x4EFD    // 份
    static let mei: UInt32 = 0x6BCF    // 每

    /// `之前` `以前`: said instead of `前`.
    static let longBefore: [[UInt32]] = [[0x4E4B, qian], [0x4EE5, qian]]
    /// After a phrase without `前`, these make it a start date.
    static let startWords: [[UInt32]] = ["启动", "开始", "开工", "起", "以后", "之后", "后"].map { $0.unicodeScalars.map(\.value) }
    /// Before a phrase: a status date (`截至`), or a year that is not the plan's (`去年底`).
    static let statusLead: [UInt32] = [0x622A, 0x81F3]  // 截至
    static let otherYearLead: Set<UInt32> = [0x53BB, shang, 0x660E, qian, 0x5F80, mei, 0x8FD1, 0x5386, 0x540E]  // 去 上 明 前 往 每 近 历 后
    /// After `全年`: not a period (`全年龄段`, `全年级`).
    static let notWholeYear: Set<UInt32> = [0x9F84, 0x7EA7]  // 龄 级

    @inline(__always) static func digit(_ u: UInt32) -> Int? {
        if u >= 0x30 && u <= 0x39 { return Int(u - 0x30) }
        if u >= 0xFF10 && u <= 0xFF19 { return Int(u - 0xFF10) }
        return nil
    }

    @inline(__always) static func isRedaction(_ u: UInt32) -> Bool { u == 0x78 || u == 0x58 || u == 0xFF58 }

    /// Where a clause may start: nothing, punctuation, brackets, quotes or space before.
    static func isClauseStart(_ s: [UInt32], _ i: Int) -> Bool {
        guard i > 0 else { return true }
        let p = s[i - 1]
        switch p {
        case 0x2C, 0xFF0C, 0x3002, 0x3B, 0xFF1B, 0x3A, 0xFF1A, 0x3001, 0x21, 0xFF01, 0x3F, 0xFF1F,
             0x28, 0xFF08, 0x29, 0xFF09, 0x201C, 0x201D, 0x22, 0x3010, 0x3011, 0x0A, 0x2E, 0xFF0E:
            return true
        default:
            return isSpaceScalar(p)
        }
    }

    @inline(__always) static func at(_ s: [UInt32], _ i: Int, _ u: UInt32) -> Bool { i < s.count && s[i] == u }

    static func has(_ s: [UInt32], _ i: Int, _ word: [UInt32]) -> Bool {
        i >= 0 && i + word.count <= s.count && s[i..<(i + word.count)].elementsEqual(word)
    }

    /// `前` `之前` `以前` at `i`: the index after it.
    static func before(_ s: [UInt32], _ i: Int) -> Int? {
        if at(s, i, qian) { return i + 1 }
        for w in longBefore where has(s, i, w) { return i + w.count }
        return nil
    }

    /// A number at `i`: 1–2 digits (not continuing a digit run) or a Chinese numeral.
    static func number(_ s: [UInt32], _ i: Int) -> (value: Int, end: Int)? {
        guard i < s.count else { return nil }
        if digit(s[i]) != nil {
            if i > 0, digit(s[i - 1]) != nil || isRedaction(s[i - 1]) { return nil }
            var v = 0, j = i
            while j < s.count, j - i < 2, let d = digit(s[j]) { v = v * 10 + d; j += 1 }
            if j < s.count, digit(s[j]) != nil { return nil }
            return (v, j)
        }
        if i > 0, ChineseNumeral.isNumeralScalar(s[i - 1]) { return nil }
        return ChineseNumeral.parse(s, at: i)
    }

    /// A year `YYYY年` at `i` (not inside a longer digit run): the year and the index after 年.
    static func year(_ s: [UInt32], _ i: Int) -> (value: Int, end: Int)? {
        guard i + 4 < s.count, digit(s[i]) != nil else { return nil }
        if i > 0, digit(s[i - 1]) != nil || isRedaction(s[i - 1]) { return nil }
        var v = 0
        for k in i..<(i + 4) {
            guard let d = digit(s[k]) else { return nil }
            v = v * 10 + d
        }
        guard s[i + 4] == nian, (1900...9999).contains(v) else { return nil }
        return (v, i + 5)
    }

    typealias Match = (day: CalendarDay, kind: Deadline.Kind, end: Int)

    /// Whether a phrase can start with `u`: 年 全 上 下 第, a digit or a Chinese numeral.
    static func startsPhrase(_ u: UInt32) -> Bool {
        u == nian || u == quan || u == shang || u == xia || u == di4 || digit(u) != nil || ChineseNumeral.isNumeralScalar(u)
    }

    /// `startsPhrase` as a bitmap over the Basic Multilingual Plane (every such scalar is in it):
    /// the scan asks it of every scalar of every task text.
    static let startBitmap: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for u in UInt32(0)..<0x10000 where startsPhrase(u) { bits[Int(u >> 6)] |= 1 << UInt64(u & 63) }
        return bits
    }()

    @inline(__always) static func mayStart(_ u: UInt32) -> Bool {
        u < 0x10000 && startBitmap[Int(u >> 6)] & (1 << UInt64(u & 63)) != 0
    }

    /// The phrase starting at `i`, if one does, after the exclusions.
    static func match(_ s: [UInt32], at i: Int, planYear: Int?) -> Match? {
        guard startsPhrase(s[i]) else { return nil }
        var j = i
        var ownYear: Int?
        if let y = year(s, i) {
            ownYear = y.value
            j = y.end
        }
        // A year that cannot be read (`20xx年6月底`) is not the plan's year.
        if ownYear == nil, i >= 2, s[i - 1] == nian, digit(s[i - 2]) != nil || isRedaction(s[i - 2]) { return nil }
        guard let y = ownYear ?? planYear, let m = phrase(s, at: j, year: y, hasYear: ownYear != nil) else { return nil }
        // Exclusions look around the whole phrase, year included.
        if i >= 1, s[i - 1] == mei { return nil }
        if i >= 2, s[i - 2] == mei, s[i - 1] == nian || s[i - 1] == yue { return nil }
        if has(s, i - 2, statusLead) { return nil }
        if m.kind == .withinYear || m.kind == .wholeYear, !isClauseStart(s, i) { return nil }
        if s[m.end - 1] != qian {
            var k = m.end
            while k < s.count, isSpaceScalar(s[k]) { k += 1 }
            if startWords.contains(where: { has(s, k, $0) }) { return nil }
        }
        return m
    }

    /// The phrase after an optional year, at `j`.
    static func phrase(_ s: [UInt32], at j: Int, year y: Int, hasYear: Bool) -> Match? {
        guard j < s.count else { return nil }
        let u = s[j]
        if hasYear || u == nian {
            // 年底(前) 年末(前) 年内, after a year of their own or 年 alone.
            let k = hasYear ? j : j + 1
            if !hasYear {
                guard j == 0 || !(otherYearLead.contains(s[j - 1]) || digit(s[j - 1]) != nil
                                  || isRedaction(s[j - 1]) || ChineseNumeral.isNumeralScalar(s[j - 1])) else { return nil }
            }
            if at(s, k, di) || at(s, k, mo) {
                let end = before(s, k + 1) ?? k + 1
                return CalendarDay(year: y, month: 12, day: 31).map { ($0, .yearEnd, end) }
            }
            if at(s, k, nei) { return CalendarDay(year: y, month: 12, day: 31).map { ($0, .withinYear, k + 1) } }
            if !hasYear { return nil }
        }
        if u == quan, at(s, j + 1, nian), !(j + 2 < s.count && notWholeYear.contains(s[j + 2])) {
            return CalendarDay(year: y, month: 12, day: 31).map { ($0, .wholeYear, j + 2) }
        }
        if (u == shang || u == xia), at(s, j + 1, ban), at(s, j + 2, nian) {
            if !hasYear, j >= 2, otherYearLead.contains(s[j - 2]), s[j - 1] == nian { return nil }
            let end = u == shang ? CalendarDay(year: y, month: 6, day: 30) : CalendarDay(year: y, month: 12, day: 31)
            return end.map { ($0, .halfYear, j + 3) }
        }
        if let q = quarter(s, at: j, year: y) { return q }
        return month(s, at: j, year: y)
    }

    /// `一季度` `第一季度` `1季度` (optionally `末` `底`) at `j`.
    static func quarter(_ s: [UInt32], at j: Int, year y: Int) -> Match? {
        let k = at(s, j, di4) ? j + 1 : j
        guard let n = number(s, k), (1...4).contains(n.value), at(s, n.end, ji), at(s, n.end + 1, du) else { return nil }
        var end = n.end + 2
        if at(s, end, mo) || at(s, end, di) { end += 1 }
        end = before(s, end) ?? end
        return CalendarDay.lastDay(year: y, month: n.value * 3).map { ($0, .quarter, end) }
    }

    /// `N月底(前)` `N月末(前)` `N月(份)前` `N月N日前` at `j`.
    static func month(_ s: [UInt32], at j: Int, year y: Int) -> Match? {
        guard let n = number(s, j), (1...12).contains(n.value), at(s, n.end, yue) else { return nil }
        var k = n.end + 1
        if at(s, k, fen) { k += 1 }
        if at(s, k, di) || at(s, k, mo) {
            let end = before(s, k + 1) ?? k + 1
            return CalendarDay.lastDay(year: y, month: n.value).map { ($0, .monthEnd, end) }
        }
        if let end = before(s, k) {
            let day = n.value == 1 ? CalendarDay(year: y - 1, month: 12, day: 31) : CalendarDay.lastDay(year: y, month: n.value - 1)
            return day.map { ($0, .beforeMonth, end) }
        }
        guard k == n.end + 1, let d = number(s, k), at(s, d.end, ri) || at(s, d.end, hao),
              let end = before(s, d.end + 1) else { return nil }
        return CalendarDay(year: y, month: n.value, day: d.value).map { ($0, .day, end) }
    }
}
