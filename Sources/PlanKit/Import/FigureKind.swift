/// Which figures are commitments and which only say whom or what (SPEC §11 "Kinds").
///
/// A figure is a **qualifier** when one of these rules holds, whatever words stand before it:
/// - an age band before the people it names: `65岁及以上老年人`, `3岁以下婴幼儿`,
///   `(重点为13-14岁)女生`, `xx-xx 周岁的户籍居民` (an age that ends its clause,
///   `人均预期寿命达82.5岁。`, is a value);
/// - a time or distance inside a name: `15分钟中医药服务圈`, `24小时监控机制` (one followed by
///   `以内`/`内`/`左右` or by a verb of completion, `3个工作日办结`, is a value);
/// - a per-population denominator: the figure right after `每` (`每50万人口配备1辆`);
/// - the size of a list just written, right after `等` (`地中海贫血等5种遗传代谢病`,
///   `其他影响因素等6个维度`): it counts the things named, it does not commit to them.
/// Every other figure is a **target**: one after a commitment word (达 达到 提高到 控制在 不低于
/// 完成 新增 建成 培训 …, also 保持在 稳定在) or one ending its clause as a quantity delivered.
extension FigureExtractor {
    static let ageUnits: [String] = ["岁", "周岁"]
    static let spanUnits: [String] = ["分钟", "小时", "秒", "天", "周", "个工作日", "工作日", "公里", "千米", "米", "km"]

    /// Whether `unit` is one of `units`. A figure's unit is made of plain scalars only (measure
    /// words, magnitudes, digits, `%` `‰` `/`, Latin letters), so it equals a word exactly when
    /// their UTF-8 does: no String hashing or Unicode comparison for it.
    static func isUnit(_ unit: String, in units: [[UInt8]]) -> Bool {
        let n = unit.utf8.count
        return unit.utf8.withContiguousStorageIfAvailable { u in
            units.contains { w in w.count == n && w.withUnsafeBufferPointer { $0.elementsEqual(u) } }
        } ?? units.contains { $0.elementsEqual(unit.utf8) }
    }

    static let ageUnitBytes = ageUnits.map { Array($0.utf8) }
    static let spanUnitBytes = spanUnits.map { Array($0.utf8) }

    /// Scalars skipped between a figure and the noun it names: spaces, `的`, closing brackets and quotes.
    static let nameJoiners: Set<UInt32> = [0x20, 0x3000, 0x7684, 0x29, 0xFF09, 0x201D, 0x2019, 0x300D, 0x300F, 0x3011]

    /// Words after a figure that make it a value, not part of a name (`30分钟左右`, `2小时到达`).
    static let valueFollowers: [[UInt32]] = ["左右", "办结", "完成", "到达", "到位", "响应", "出具", "反馈", "回复",
                                             "处置", "上报", "报告", "办理", "和", "及", "与", "或", "并", "等", "至"].map(scalars)

    /// The kind of `f` by the rules above.
    static func kind(of f: Found, in s: [UInt32]) -> TargetKind {
        var p = f.start
        while p > 0, s[p - 1] == 0x20 || s[p - 1] == 0x3000 { p -= 1 }
        if p > 0, s[p - 1] == 0x6BCF || s[p - 1] == 0x7B49 { return .qualifier }  // 每 等
        if isUnit(f.unit, in: ageUnitBytes), namesSomething(after: f.end, in: s, spanningJoiners: true) { return .qualifier }
        if isUnit(f.unit, in: spanUnitBytes), f.end == f.unitEnd, namesSomething(after: f.end, in: s, spanningJoiners: false) {
            return .qualifier
        }
        return .target
    }

    /// True when a noun follows `end` (after the joiners, when allowed): a CJK letter that is not
    /// a value follower. Punctuation or the end of the text means the figure ends its clause.
    static func namesSomething(after end: Int, in s: [UInt32], spanningJoiners: Bool) -> Bool {
        var k = end
        if spanningJoiners {
            while k < s.count, nameJoiners.contains(s[k]) { k += 1 }
        } else {
            while k < s.count, s[k] == 0x201D || s[k] == 0x2019 { k += 1 }  // `“15分钟”健康圈`
        }
        guard k < s.count, isIdeograph(s[k]) else { return false }
        for w in valueFollowers where k + w.count <= s.count && s[k..<(k + w.count)].elementsEqual(w) { return false }
        return true
    }

    @inline(__always) static func isIdeograph(_ u: UInt32) -> Bool {
        (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0x20000 && u <= 0x2FA1F)
    }

    // MARK: Metrics that qualifiers explain

    /// Stops of the phrase after a figure: clause punctuation, not quotes or 、 (names hold them).
    static let afterStops: Set<UInt32> = [0x3002, 0xFF0C, 0x2C, 0xFF1B, 0x3B, 0x3A, 0xFF1A, 0x28, 0xFF08, 0x29, 0xFF09, 0x0A]

    /// The noun phrase a figure names, read forward: `为2万重点人群免费开展筛查` → `重点人群免费开展筛查`,
    /// `3岁以下婴幼儿托位数达到275个` → `婴幼儿托位数`. It ends at clause punctuation or where the next
    /// figure (with its comparator word) begins; empty when the figure ends its clause.
    static func phraseAfter(_ f: Found, next: Int, in s: [UInt32]) -> String {
        var k = f.end
        while k < s.count, nameJoiners.contains(s[k]) { k += 1 }
        var e = k
        while e < min(next, s.count), !afterStops.contains(s[e]) { e += 1 }
        var hi = e
        while hi > k, s[hi - 1] == 0x201C || s[hi - 1] == 0x201D || s[hi - 1] == 0x3001 || s[hi - 1] == 0x20 || s[hi - 1] == 0x7684 {
            hi -= 1
        }
        return s[k..<hi].string
    }

    /// Words that open a phrase cut at the previous figure (`100名和医坛新秀200名` → `医坛新秀`).
    static let phraseJoiners: [String] = ["以及", "和", "及", "与", "、", "的", "并"]

    static func trimJoiners(_ m: String) -> String {
        var m = m
        var changed = true
        while changed {
            changed = false
            for j in phraseJoiners where m.hasPrefix(j) && m.count > j.count {
                m = String(m.dropFirst(j.count))
                changed = true
            }
        }
        return m
    }
}
