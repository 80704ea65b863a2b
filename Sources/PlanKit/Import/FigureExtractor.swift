/// Finds the quantitative figures (targets) in a task's text. See SPEC §2 "Figure rules".
///
/// One pass over the text's scalars: wherever a number (digits, full-width digits, decimals,
/// or an `x` redaction) starts, read an optional range partner and a unit; keep it when the unit
/// is a measure (%, ‰, a denominator, a measure word with an optional magnitude, a time span,
/// an age, money, a magnitude alone, a Latin unit). Years, dates, ordinals, codes, versions,
/// ratios and numbers before nouns are text.
public enum FigureExtractor {
    /// Every figure in `text`, in text order.
    public static func targets(in text: String) -> [Target] {
        targets(inScalars: Array(text.unicodeScalars.map(\.value)))
    }

    /// The same, for text the importer already holds as scalars.
    static func targets(inScalars s: [UInt32]) -> [Target] {
        var found: [Found] = []
        var i = nextNumber(s, from: 0)
        while i < s.count {
            if let f = figure(s, at: i) {
                found.append(f)
                i = nextNumber(s, from: f.end)
            } else {
                i = nextNumber(s, from: i + 1)
            }
        }
        return found.isEmpty ? [] : assemble(found, s)
    }

    /// The first number scalar at or after `from` (only one can start a figure), or `s.count`.
    static func nextNumber(_ s: [UInt32], from: Int) -> Int {
        // CJK, the bulk of a text, lies between ASCII and the full-width digits, where no number scalar is.
        s.withUnsafeBufferPointer { ScalarScan.firstIndex(outside: 0x80, 0xFF10, in: $0, from: from, where: isNumberScalar) }
    }

    struct Found {
        var start: Int        // first scalar of the number
        var end: Int          // after unit and qualifier
        var unitEnd: Int      // after the unit, before a qualifier word (以上, 以内 …)
        var value: Double?
        var high: Double?
        var unit: String
        var qualifier: Comparator?
    }

    // MARK: Scalars

    @inline(__always) static func digit(_ u: UInt32) -> Int? {
        if u >= 0x30 && u <= 0x39 { return Int(u - 0x30) }
        if u >= 0xFF10 && u <= 0xFF19 { return Int(u - 0xFF10) }
        return nil
    }
    @inline(__always) static func isX(_ u: UInt32) -> Bool { u == 0x78 || u == 0x58 || u == 0xFF58 || u == 0xFF38 }
    @inline(__always) static func isLatin(_ u: UInt32) -> Bool {
        (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || (u >= 0xFF21 && u <= 0xFF3A) || (u >= 0xFF41 && u <= 0xFF5A)
    }
    @inline(__always) static func isDot(_ u: UInt32) -> Bool { u == 0x2E || u == 0xFF0E }
    /// `digit(u) != nil || isX(u)`, with CJK (most scalars) answered by two comparisons.
    @inline(__always) static func isNumberScalar(_ u: UInt32) -> Bool {
        if u < 0x80 { return u &- 0x30 < 10 || u == 0x78 || u == 0x58 }
        if u < 0xFF10 { return false }
        return u &- 0xFF10 < 10 || u == 0xFF58 || u == 0xFF38
    }

    static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    /// Measure words, longest first within each starting scalar.
    static let measureWords: [[UInt32]] = [
        "个百分点", "百分点", "人次", "剂次", "例次", "台次", "家次", "户次", "车次", "批次", "人日", "床日", "项次", "平方米", "立方米", "公里", "公斤", "千克",
        "周岁", "分钟", "小时", "学时", "课时", "个工作日", "工作日", "场次", "个", "家", "台", "所", "张", "辆", "项", "人", "名", "床", "期", "起", "倍",
        "级", "件", "种", "例", "场", "套", "户", "颗", "份", "剂", "支", "批", "篇", "部", "条", "处", "座", "间", "株",
        "只", "吨", "米", "秒", "天", "岁", "元", "管", "类", "门", "趟", "次", "组", "对", "队", "本", "册", "人份", "周",
    ].map(scalars).sorted { $0.count > $1.count }

    /// `measureWords` grouped by first scalar, longest first in each group (so the first match is
    /// the longest), the groups in scalar order for a binary search.
    static let measureWordsByFirst: [(UInt32, [[UInt32]])] = {
        var groups: [(UInt32, [[UInt32]])] = []
        for w in measureWords {
            guard let first = w.first else { continue }
            if let g = groups.firstIndex(where: { $0.0 == first }) { groups[g].1.append(w) } else { groups.append((first, [w])) }
        }
        return groups.sorted { $0.0 < $1.0 }
    }()

    /// The index in `measureWordsByFirst` of the group of words starting with `u`, or nil.
    static func measureGroup(_ u: UInt32) -> Int? {
        let groups = measureWordsByFirst
        var lo = 0, hi = groups.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if groups[mid].0 < u { lo = mid + 1 } else { hi = mid }
        }
        return lo < groups.count && groups[lo].0 == u ? lo : nil
    }

    @inline(__always) static func isMagnitude(_ u: UInt32) -> Bool {
        switch u {
        case 0x4E07, 0x4EBF, 0x5343, 0x767E: return true  // 万 亿 千 百
        default: return false
        }
    }
    @inline(__always) static func isRangeSeparator(_ u: UInt32) -> Bool {
        switch u {
        case 0x2014, 0x2013, 0x2D, 0x7E, 0xFF5E, 0x81F3, 0x5230, 0xFF0D, 0x2015, 0x2012: return true  // — – - ~ ～ 至 到
        default: return false
        }
    }
    /// After the number: these make it a date, a year or a name, never a figure.
    @inline(__always) static func isNotUnitAfter(_ u: UInt32) -> Bool {
        switch u {
        case 0x5E74, 0x6708, 0x65E5, 0x53F7, 0x7248, 0x65F6: return true  // 年 月 日 号 版 时
        default: return false
        }
    }

    /// Nouns that begin with a measure word's character (`人口`, `人员`, `家庭`).
    static let nounAfterMeasure: [UInt32: Set<UInt32>] = [
        0x4EBA: [0x53E3, 0x5458, 0x7FA4, 0x624D, 0x6C11, 0x58EB, 0x5DE5, 0x683C],  // 人: 口 员 群 才 民 士 工 格
        0x5BB6: [0x5EAD, 0x5EAD],  // 家庭
        0x5E8A: [0x4F4D],          // 床位
        0x4EF6: [0x4E8B],          // 件事
        0x7EA7: [0x533B, 0x516C, 0x5E73],  // 级医院 / 级公立 / 级平台
        0x6B21: [0x4F1A],          // 次会
        0x90E8: [0x95E8, 0x7F72],  // 部门 部署
        0x5904: [0x5BA4, 0x7F6E, 0x7406],  // 处室 处置 处理
        0x6761: [0x4EF6, 0x4F8B],  // 条件 条例
        0x95E8: [0x8BCA, 0x6237],  // 门诊 门户
        0x5468: [0x5E74, 0x8FB9, 0x671F, 0x672B, 0x8F6C, 0x56F4, 0x77E5, 0x5BC6],  // 周: 年 边 期 末 转 围 知 密
    ]

    // MARK: One figure

    /// A figure starting at `i`, or nil.
    static func figure(_ s: [UInt32], at i: Int) -> Found? {
        let u = s[i]
        guard isNumberScalar(u) else { return nil }
        // A number must start here: not inside a code (H7N9, G6PD, 5G), a word, or another number.
        if i > 0 {
            let p = s[i - 1]
            if isLatin(p) || digit(p) != nil || isDot(p) || p == 0x2B || p == 0x5F || p == 0x2F { return nil }
            if p == 0x7B2C { return nil }  // 第3
        }
        guard let (value, afterNumber) = number(s, at: i) else { return nil }
        // A lone x inside a Latin word is not a redaction (but `xxDDDs` is a redacted figure).
        if value == nil, afterNumber < s.count, isLatin(s[afterNumber]), latinUnit(s, at: afterNumber) == nil { return nil }
        var j = afterNumber
        var high: Double?
        var isRange = false
        // Range partner: 1—2个, 13至14周岁, 0-3岁.
        if j < s.count, isRangeSeparator(s[j]), j + 1 < s.count, isNumberScalar(s[j + 1]),
           let (hv, hend) = number(s, at: j + 1) {
            high = hv
            isRange = true
            j = hend
        }
        guard j < s.count else { return nil }
        let next = s[j]
        // Codes and formulas: 5G, 1+N, 3+2+1, ratios 1:1.2.
        if isLatin(next) {
            guard let (unit, unitEnd) = latinUnit(s, at: j) else { return nil }
            let (q, qEnd) = qualifierAfter(s, at: unitEnd)
            return Found(start: i, end: q == nil ? unitEnd : qEnd, unitEnd: unitEnd, value: value, high: high, unit: unit,
                         qualifier: isRange ? .range : q)
        }
        if next == 0x2B || ((next == 0x3A || next == 0xFF1A) && j + 1 < s.count && digit(s[j + 1]) != nil) { return nil }
        if isNotUnitAfter(next) { return nil }
        guard let (unit, unitEnd) = unit(s, at: j) else { return nil }
        var end = unitEnd
        // The qualifier after the unit: 以上 及以上 以下 以内 内.
        var qualifier: Comparator? = isRange ? .range : nil
        let (q, qEnd) = qualifierAfter(s, at: end)
        if let q {
            if !isRange { qualifier = q }
            end = qEnd
        }
        return Found(start: i, end: end, unitEnd: unitEnd, value: value, high: high, unit: unit, qualifier: qualifier)
    }

    /// Digits with an optional decimal part, or an x redaction (`xx.xx`, `9x`); value nil when redacted.
    static func number(_ s: [UInt32], at i: Int) -> (Double?, Int)? {
        var j = i
        var redacted = false
        var dot: Int?
        // Up to 15 digits the value is exact as an integer over a power of ten, and one IEEE
        // division rounds it as `Double(String)` would; longer numbers go through the text.
        var mantissa: Int64 = 0
        var digits = 0
        while j < s.count {
            let u = s[j]
            if let d = digit(u) {
                mantissa = digits < 18 ? mantissa &* 10 &+ Int64(d) : mantissa
                digits += 1
            } else if isX(u) {
                redacted = true
                mantissa = digits < 18 ? mantissa &* 10 : mantissa
                digits += 1
            } else if isDot(u), dot == nil, j + 1 < s.count, isNumberScalar(s[j + 1]), j > i {
                dot = j
            } else {
                break
            }
            j += 1
        }
        guard j > i else { return nil }
        // A version number such as 2.0.1, or a number glued to a dot and digit again: not a figure.
        if j < s.count, isDot(s[j]), j + 1 < s.count, digit(s[j + 1]) != nil { return nil }
        // A redaction is one or more x, maybe with digits: not plain Latin text like "x" in a word.
        if redacted, j - i == 1, isX(s[i]), i > 0, isLatin(s[i - 1]) { return nil }
        if redacted { return (nil, j) }
        let decimals = dot.map { j - $0 - 1 } ?? 0
        if digits <= 15 { return (Double(mantissa) / powersOfTen[decimals], j) }
        var text = ""
        for k in i..<j { text.append(k == dot ? "." : Character(String(digit(s[k]) ?? 0))) }
        return (Double(text), j)
    }

    static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

    /// Latin units after a number (`40DDDs`); anything else Latin makes it a code.
    static func latinUnit(_ s: [UInt32], at j: Int) -> (String, Int)? {
        var k = j
        while k < s.count, isLatin(s[k]) { k += 1 }
        let word = s[j..<k].map { String(UnicodeScalar($0).map(Character.init) ?? " ") }.joined()
        let units = ["DDDs", "DDD", "km", "kg", "mg", "ml", "mL", "cm", "mm", "KB", "MB", "GB", "TB", "Mbps", "Gbps"]
        guard units.contains(word) else { return nil }
        if k < s.count, isLatin(s[k]) || digit(s[k]) != nil { return nil }
        return (word, k)
    }

    /// The unit starting at `j` (spaces allowed before it, never inside it), and where it ends.
    static func unit(_ s: [UInt32], at start: Int) -> (String, Int)? {
        var j = start
        // `8000 管/日`: spaces between number and unit.
        while j < s.count, s[j] == 0x20 || s[j] == 0x3000 { j += 1 }
        guard j < s.count else { return nil }
        // xx余项: 余 is a qualifier, not part of the unit.
        if s[j] == 0x4F59, j + 1 < s.count { j += 1 }
        let u = s[j]
        if u == 0x25 || u == 0xFF05 { return ("%", j + 1) }
        if u == 0x2030 { return ("‰", j + 1) }
        if u == 0x2F, let (den, end) = denominator(s, at: j) { return (den, end) }
        // The unit is the scalars from `unitStart`: a magnitude, then a measure word right after it.
        let unitStart = j
        var sawMagnitude = false
        if isMagnitude(u) {
            // 万/亿/千 as a magnitude; 百 only before a measure word (百分点 is a measure word itself).
            if u == 0x767E, j + 2 < s.count, s[j + 1] == 0x5206, s[j + 2] == 0x70B9 {
                // 百分点
            } else {
                j += 1
                sawMagnitude = true
            }
        }
        if let end = measure(s, at: j) {
            j = end
            // Rate denominators: 个/千人, 管/日.
            if j < s.count, s[j] == 0x2F, let (den, dEnd) = denominator(s, at: j) {
                return (s[unitStart..<j].string + den, dEnd)
            }
            return (s[unitStart..<j].string, j)
        }
        if sawMagnitude, u != 0x767E && u != 0x5343 {
            // A magnitude alone: 2万, 50万人口 → 万.
            return (s[unitStart..<j].string, j)
        }
        return nil
    }

    /// The end of the measure word at `j`, if one starts there (the longest; not before a noun it begins).
    /// The end of the measure word at `j` (the longest), or nil; nil too before a noun it begins.
    static func measure(_ s: [UInt32], at j: Int) -> Int? {
        guard j < s.count, let g = measureGroup(s[j]) else { return nil }
        for w in measureWordsByFirst[g].1 where j + w.count <= s.count {
            var ok = true
            for k in 1..<max(1, w.count) where s[j + k] != w[k] {
                ok = false
                break
            }
            guard ok else { continue }
            let after = j + w.count
            if w.count == 1, after < s.count, let nouns = nounAfterMeasure[w[0]], nouns.contains(s[after]) { return nil }
            return after
        }
        return nil
    }

    /// `/10万`, `/万`, `/千人`, `/日`.
    static func denominator(_ s: [UInt32], at j: Int) -> (String, Int)? {
        var k = j + 1
        var out: [UInt32] = [0x2F]
        while k < s.count, digit(s[k]) != nil { out.append(s[k]); k += 1 }
        if k < s.count, isMagnitude(s[k]) { out.append(s[k]); k += 1 }
        if k < s.count, [0x4EBA, 0x65E5, 0x5E74, 0x6708, 0x5468, 0x5929, 0x5E8A, 0x6237].contains(s[k]) {  // 人 日 年 月 周 天 床 户
            out.append(s[k])
            k += 1
        }
        guard out.count > 1 else { return nil }
        return (out.string, k)
    }

    static let qualifiers: [([UInt32], Comparator?)] = [
        (scalars("及以上"), .atLeast), (scalars("以上"), .atLeast), (scalars("以下"), .atMost),
        (scalars("以内"), .atMost), (scalars("内"), .atMost),
    ]

    static func qualifierAfter(_ s: [UInt32], at j: Int) -> (Comparator?, Int) {
        for (w, c) in qualifiers where j + w.count <= s.count && s[j..<(j + w.count)].elementsEqual(w) {
            return (c, j + w.count)
        }
        return (nil, j)
    }

    // MARK: Comparators, lists, metrics

    static let atLeastWords: [[UInt32]] = ["不低于", "不少于", "不小于", "高于", "多于", "提高到", "提升到", "提高至", "提升至", "增加到", "增长到", "超过",
                                           "达到", "保持在", "巩固在", "稳定在", "维持在", "达", "≥"].map(scalars)
    static let atMostWords: [[UInt32]] = ["控制在", "不超过", "不高于", "低于", "降低到", "降低至", "降至", "下降到", "少于", "不多于", "不大于", "≤"].map(scalars)

    /// Groups `分别达35%、15%、15%以上` into one phrase, then builds targets with kinds, comparators and metrics.
    static func assemble(_ found: [Found], _ s: [UInt32]) -> [Target] {
        let kinds = found.map { kind(of: $0, in: s) }
        var out: [Target] = []
        out.reserveCapacity(found.count)
        // A metric phrase reaches back no further than the previous target (qualifiers stay in it:
        // `0-3岁婴幼儿发育监测筛查率达92%`).
        var floor = 0
        var i = 0
        while i < found.count {
            let (lead, leadStart) = comparatorBefore(s, at: found[i].start)
            let rawStart = leadStart ?? found[i].start
            let metricEnd = leadStart ?? found[i].start
            // The metric phrase before the first figure, and whether it says 分别 (respectively).
            var metricText: String
            var plain: Range<Int>?
            let respectively: Bool
            if var r = plainMetric(s, before: metricEnd, floor: floor) {
                respectively = r.count >= 2 && s[r.upperBound - 2] == 0x5206 && s[r.upperBound - 1] == 0x522B  // 分别
                if respectively { r = r.lowerBound..<(r.upperBound - 2) }
                metricText = s[r].string
                plain = r
            } else {
                metricText = metric(s, before: metricEnd, floor: floor)
                respectively = metricText.hasSuffix("分别")
                if respectively { metricText = String(metricText.dropLast(2)) }
            }
            // A list: figures separated only by 、 — or by a comma when the phrase says 分别
            // (`达到32%以上，15岁以上…` is two phrases, not a list); the last one's qualifier applies to all.
            var j = i
            while j + 1 < found.count {
                let gap = s[found[j].end..<found[j + 1].start]
                guard gap.count == 1, let g = gap.first,
                      g == 0x3001 || (respectively && (g == 0x2C || g == 0xFF0C)) else { break }
                j += 1
            }
            let group = found[i...j]
            let raw = group.count > 1 ? s[rawStart..<found[j].end].string : ""
            var metrics: [String] = []
            if group.count > 1 && respectively {
                if let r = plain {
                    metrics = s[r].split(separator: 0x3001, omittingEmptySubsequences: false).map(\.string)
                } else {
                    metrics = metricText.components(separatedBy: "、")
                }
            }
            let shared = group.last?.qualifier
            for (k, f) in group.enumerated() {
                var comparator: Comparator = .equal
                if f.qualifier == .range { comparator = .range } else if let q = f.qualifier ?? (group.count > 1 ? shared : nil), q != .range {
                    comparator = q
                } else if let l = lead {
                    comparator = l
                }
                let kind = kinds[i + k]
                var m = metrics.count == group.count ? metrics[k] : metricText
                // A qualifier names what follows it; so does a quantity written before its noun
                // with no comparator word (`新增30家标准化救治中心`, `为2万重点人群免费筛查`).
                if kind == .qualifier || (group.count == 1 && lead == nil && namesSomething(after: f.end, in: s, spanningJoiners: true)) {
                    let next = i + k + 1 < found.count ? (comparatorBefore(s, at: found[i + k + 1].start).1 ?? found[i + k + 1].start) : s.count
                    let after = phraseAfter(f, next: next, in: s)
                    if !after.isEmpty { m = after }
                }
                let targetRaw = group.count > 1 ? raw : s[(k == 0 ? rawStart : f.start)..<f.end].string
                out.append(Target(raw: targetRaw, metric: m, comparator: comparator, value: f.value,
                                  low: comparator == .range ? f.value : nil, high: f.high, unit: f.unit, kind: kind))
            }
            if kinds[i...j].contains(.target) { floor = found[j].end }
            i = j + 1
        }
        return out
    }

    /// A comparator word right before the number (`达`, `控制在`, `不低于`), and where it starts.
    /// The longest word wins, so a negated word (`不少于` ≥) is never read as its bare form (`少于` ≤).
    static func comparatorBefore(_ s: [UInt32], at p: Int) -> (Comparator?, Int?) {
        // Only the words ending in the scalar before `p`, longest first: the first that matches wins
        // (two words of one length ending at `p` would be the same word, and none is in both lists).
        guard p > 0, let group = comparatorsByLast.first(where: { $0.0 == s[p - 1] }) else { return (nil, nil) }
        for (w, c) in group.1 where p >= w.count && s[(p - w.count)..<p].elementsEqual(w) {
            return (c, p - w.count)
        }
        return (nil, nil)
    }

    /// `atMostWords` and `atLeastWords` grouped by their last scalar, each group longest first.
    static let comparatorsByLast: [(UInt32, [([UInt32], Comparator)])] = {
        let all = atMostWords.map { ($0, Comparator.atMost) } + atLeastWords.map { ($0, Comparator.atLeast) }
        var groups: [(UInt32, [([UInt32], Comparator)])] = []
        for (w, c) in all {
            guard let last = w.last else { continue }
            if let g = groups.firstIndex(where: { $0.0 == last }) {
                groups[g].1.append((w, c))
            } else {
                groups.append((last, [(w, c)]))
            }
        }
        return groups.map { ($0.0, $0.1.sorted { $0.0.count > $1.0.count }) }
    }()

    /// The noun phrase before a figure: back to the previous punctuation, leading verbs dropped.
    static func metric(_ s: [UInt32], before pos: Int, floor: Int = 0) -> String {
        var m = trimJoiners(s[metricStart(s, before: pos, floor: floor)..<pos].string)
        for lead in metricLeads where m.hasPrefix(lead) && m.count > lead.count + 1 {
            m = String(m.dropFirst(lead.count))
        }
        let ms = scalars(m)
        let skip = scheduleAndVerb(ms, from: 0, to: ms.count)
        if skip > 0 { m = ms[skip...].string }
        return m.trimmingCharacters(in: .whitespaces)
    }

    /// How far a metric phrase's opening deadline and delivery verb reach from `lo`
    /// (`10月前开展上消化道癌筛查` → `上消化道癌筛查`, `完成宫颈癌筛查` → `宫颈癌筛查`): when
    /// and "do" are the task's words, not the name of what is counted. Verbs that name the
    /// measure itself (培训 筛查 招录) stay, and so does a verb inside a relative clause
    /// (`完成等级保护测评的医疗机构`: those that did it). At least two characters are always left.
    static func scheduleAndVerb(_ s: [UInt32], from lo: Int, to hi: Int) -> Int {
        var k = lo
        if hi - k > 3, DeadlineExtractor.startsPhrase(s[k]),
           let d = DeadlineExtractor.match(s, at: k, planYear: 2000), d.end <= hi - 2 {
            k = d.end
        }
        for verb in metricVerbScalars where hi - k > verb.count + 1 && s[k] == verb[0] && s[k..<(k + verb.count)].elementsEqual(verb)
            && !s[k..<hi].contains(0x7684) {  // 的
            k += verb.count
            break
        }
        return k - lo
    }

    static let metricVerbScalars: [[UInt32]] = ["新建成", "完成", "开展", "新建", "建成"].map(scalars)

    static let metricLeads = ["力争", "确保", "实现", "全年", "全市", "全区", "全县", "年底前", "到年底", "推动", "使", "并", "其中", "新增"]
    static let metricLeadScalars: [[UInt32]] = metricLeads.map(scalars)

    /// `metric(_:before:)` as a range of `s`, worked out on scalars; nil unless the phrase is plain
    /// text (then scalars are characters and only ` ` and `\u{3000}` are whitespace).
    static func plainMetric(_ s: [UInt32], before pos: Int, floor: Int = 0) -> Range<Int>? {
        var lo = metricStart(s, before: pos, floor: floor)
        guard isPlain(s[lo..<pos]) else { return nil }
        while pos - lo > 1, isPhraseJoiner(s[lo]) { lo += 1 }
        if pos - lo > 2, s[lo] == 0x4EE5, s[lo + 1] == 0x53CA { lo += 2 }  // 以及
        for lead in metricLeadScalars where pos - lo > lead.count + 1 && s[lo] == lead[0] && s[lo..<(lo + lead.count)].elementsEqual(lead) {
            lo += lead.count
        }
        lo += scheduleAndVerb(s, from: lo, to: pos)
        var hi = pos
        while lo < hi, s[lo] == 0x20 || s[lo] == 0x3000 { lo += 1 }
        while hi > lo, s[hi - 1] == 0x20 || s[hi - 1] == 0x3000 { hi -= 1 }
        return lo..<hi
    }

    /// Punctuation that ends a metric phrase going back (a switch: this runs on every scalar walked).
    @inline(__always) static func isMetricStop(_ u: UInt32) -> Bool {
        switch u {
        case 0x3002, 0xFF0C, 0x2C, 0xFF1B, 0x3B, 0x3A, 0xFF1A, 0x28, 0xFF08, 0x29, 0xFF09, 0x201C, 0x201D, 0x3001: return true
        default: return false
        }
    }

    @inline(__always) static func isPhraseJoiner(_ u: UInt32) -> Bool {
        switch u {
        case 0x548C, 0x53CA, 0x4E0E, 0x3001, 0x7684, 0x5E76: return true  // 和 及 与 、 的 并
        default: return false
        }
    }

    /// Where the noun phrase before `pos` starts: back to the previous punctuation (or `floor`);
    /// a parenthesis closed just before is kept whole (`中心镇卫生院(县域医疗卫生次中心)1家`).
    static func metricStart(_ s: [UInt32], before pos: Int, floor: Int = 0) -> Int {
        var k = pos
        if k > floor, s[k - 1] == 0x29 || s[k - 1] == 0xFF09 {
            var o = k - 1
            while o > floor, pos - o < 40, s[o] != 0x28 && s[o] != 0xFF08 { o -= 1 }
            if s[o] == 0x28 || s[o] == 0xFF08 { k = o }
        }
        var sawList = false
        // Keep 、 inside a `A、B分别达…` list (only when 分 occurs before the figure at all).
        var hasFen: Bool?
        while k > floor {
            let u = s[k - 1]
            if u == 0x3001 && !sawList {
                if hasFen == nil { hasFen = s[..<pos].contains(0x5206) }
                if hasFen == true { sawList = true; k -= 1; continue }
            }
            if isMetricStop(u) && !(u == 0x3001 && sawList) { break }
            k -= 1
        }
        return k
    }
}

import Foundation
