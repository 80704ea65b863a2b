import Testing
@testable import PlanKit

/// The figure scan's shortcuts against the plain readings they replace.
@Suite struct FigureFastPathTests {
    /// The comparator lookup before the grouping by last scalar: every word of both lists tried,
    /// the longest match kept, the at-most list first.
    static func referenceComparator(_ s: [UInt32], at p: Int) -> (Comparator?, Int?) {
        var best: (Comparator, Int)?
        for (words, c) in [(FigureExtractor.atMostWords, Comparator.atMost), (FigureExtractor.atLeastWords, .atLeast)] {
            for w in words where p >= w.count && w.count > (best?.1 ?? 0) && s[(p - w.count)..<p].elementsEqual(w) {
                best = (c, w.count)
            }
        }
        guard let (c, n) = best else { return (nil, nil) }
        return (c, p - n)
    }

    @Test func comparatorWordsGroupedByLastScalarAnswerAsTheFullListDoes() {
        let pieces = (FigureExtractor.atMostWords + FigureExtractor.atLeastWords).map { $0 }
            + ["不", "提", "高", "少", "于", "到", "达", "在", "，", "5"].map { Array($0.unicodeScalars.map(\.value)) }
        var rng = SplitMix(seed: 0xC0FFEE)
        var found = 0
        for _ in 0..<3_000 {
            let s = (0..<Int(rng.next() % 5 + 1)).flatMap { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
            for p in 0...s.count {
                let (c, start) = FigureExtractor.comparatorBefore(s, at: p)
                let (rc, rstart) = Self.referenceComparator(s, at: p)
                #expect(c == rc && start == rstart, "\(s.string) at \(p)")
                if c != nil { found += 1 }
            }
        }
        #expect(found > 3_000)
        // 不少于 is at least (not 少于, at most); 降至 at most; 达到 and 达 at least.
        let t = Array("不少于".unicodeScalars.map(\.value))
        #expect(FigureExtractor.comparatorBefore(t, at: 3) == (.atLeast, 0))
    }

    @Test func theNumberScanStopsWhereIsNumberScalarDoes() {
        // Boundaries of the one-comparison test, digits and redactions of both widths, CJK, astral.
        let scalars: [UInt32] = [0, 0x2F, 0x30, 0x39, 0x3A, 0x58, 0x78, 0x7F, 0x80, 0x4E00, 0x5341, 0xFF0F, 0xFF10, 0xFF19,
                                 0xFF1A, 0xFF38, 0xFF58, 0xFF59, 0xFFFF, 0x10000, 0x20000]
        var rng = SplitMix(seed: 0xD161)
        for _ in 0..<2_000 {
            let s = (0..<Int(rng.next() % 12)).map { _ in scalars[Int(rng.next() % UInt64(scalars.count))] }
            for from in 0...s.count {
                let expected = s[from...].firstIndex(where: FigureExtractor.isNumberScalar) ?? s.count
                #expect(FigureExtractor.nextNumber(s, from: from) == expected, "\(s) from \(from)")
            }
        }
    }

    @Test func unitsCompareAsStrings() {
        // Units the extractor writes, and look-alikes that are not equal as Strings (full-width
        // Latin, a decomposed letter, a trailing space).
        let units = FigureExtractor.ageUnits + FigureExtractor.spanUnits
            + ["%", "‰", "个", "万人", "/10万", "/１０万", "DDDs", "ｋｍ", "Ｋｍ", "km ", "ke\u{301}", "ké", "岁 ", "周", ""]
        for u in units {
            #expect(FigureExtractor.isUnit(u, in: FigureExtractor.ageUnitBytes) == Set(FigureExtractor.ageUnits).contains(u), "\(u)")
            #expect(FigureExtractor.isUnit(u, in: FigureExtractor.spanUnitBytes) == Set(FigureExtractor.spanUnits).contains(u), "\(u)")
        }
        #expect(FigureExtractor.targets(in: "65周岁以上老年人、15分钟服务圈覆盖率达９０％").map(\.kind) == [.qualifier, .qualifier, .target])
    }

    /// The measure-word lookup before the grouping: every word tried in length order.
    static func referenceMeasure(_ s: [UInt32], at j: Int) -> Int? {
        guard j < s.count else { return nil }
        for w in FigureExtractor.measureWords where w[0] == s[j] && j + w.count <= s.count && s[j..<(j + w.count)].elementsEqual(w) {
            let after = j + w.count
            if w.count == 1, after < s.count, let nouns = FigureExtractor.nounAfterMeasure[w[0]], nouns.contains(s[after]) { return nil }
            return after
        }
        return nil
    }

    @Test func measureWordsFoundByBinarySearchAnswerAsTheListDoes() {
        let pieces = FigureExtractor.measureWords + ["人口", "家庭", "工作", "分", "百", "个", "周边", "，", "5"].map { Array($0.unicodeScalars.map(\.value)) }
        var rng = SplitMix(seed: 0x3EA5)
        var hits = 0
        for _ in 0..<3_000 {
            let s = (0..<Int(rng.next() % 4 + 1)).flatMap { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }
            for j in 0...s.count {
                #expect(FigureExtractor.measure(s, at: j) == Self.referenceMeasure(s, at: j), "\(s.string) at \(j)")
                if FigureExtractor.measure(s, at: j) != nil { hits += 1 }
            }
        }
        #expect(hits > 3_000)
        #expect(FigureExtractor.targets(in: "新增床位1万张、5百分点、2万人口、3百家").map(\.unit) == ["万张", "百分点", "万", "百家"])
    }
}
