import Testing
@testable import PlanKit

/// The deadline scan only tries starts within `keyReach` scalars before a 年, 月 or 季; these
/// check that no phrase is lost by it, on text made of the scalars the phrases are built from.
@Suite struct DeadlineScanTests {
    /// Scalars of deadline phrases and their exclusions, digits of both widths, redactions and filler.
    static let alphabet: [UInt32] = Array(("年月季日号底末前内全半上下第度份每之以一二三四五六七八九十两〇零截至去明启动后"
        + "0123456789０１２３４５６７８９xX，。、 \u{3000}完成工作").unicodeScalars.map(\.value))

    static let pieces: [[UInt32]] = ["2025年", "２０２６年", "20xx年", "12", "６", "十二", "三", "两", "月", "底", "末", "前", "之前",
                                     "季度", "第", "上半年", "下半年", "全年", "年", "内", "日", "号", "份", "每", "截至", "去",
                                     "启动", "以后", "，", "完成"].map { Array($0.unicodeScalars.map(\.value)) }

    /// Every deadline found by trying a match at every scalar (the scan before the shortcut).
    static func everyStart(_ s: [UInt32], planYear: Int?) -> [Deadline] {
        var out: [Deadline] = []
        var i = 0
        while i < s.count {
            if let m = DeadlineExtractor.match(s, at: i, planYear: planYear) {
                let d = Deadline(raw: s[i..<m.end].string, day: m.day, kind: m.kind)
                if !out.contains(d) { out.append(d) }
                i = m.end
            } else {
                i += 1
            }
        }
        return out
    }

    @Test func everyPhraseHasItsKeyWithinReach() {
        var rng = SplitMix(seed: 0x5EED)
        var matches = 0
        for _ in 0..<20_000 {
            let n = Int(rng.next() % 8) + 1
            // Pieces of phrases (so that phrases occur) mixed with single scalars (so that odd joins do).
            let s = (0..<n).flatMap { _ -> [UInt32] in
                rng.next() % 2 == 0 ? Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))]
                    : [Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))]]
            }
            for i in s.indices {
                guard let m = DeadlineExtractor.match(s, at: i, planYear: 2025) else { continue }
                matches += 1
                let window = s[i..<min(s.count, i + DeadlineExtractor.keyReach + 1)]
                #expect(window.contains { $0 == 0x5E74 || $0 == 0x6708 || $0 == 0x5B63 }, "\(s.string) at \(i) ends \(m.end)")
            }
            #expect(DeadlineExtractor.deadlines(inScalars: s, planYear: 2025) == Self.everyStart(s, planYear: 2025), "\(s.string)")
        }
        // The text is built so that phrases do occur (a test that never matched would prove nothing).
        #expect(matches > 1_000)
    }

    @Test func longestPhrasesAndFullWidthDigits() {
        for text in ["第十二季度前", "２０２５年６月底前", "十二月底前完成", "前后2025年十二月十一日前", "x2025年底", "每第三季度", "完成工作上半年内"] {
            let s = Array(text.unicodeScalars.map(\.value))
            #expect(DeadlineExtractor.deadlines(inScalars: s, planYear: 2025) == Self.everyStart(s, planYear: 2025), "\(text)")
        }
        #expect(DeadlineExtractor.deadlines(in: "２０２５年６月底前完成", planYear: 2024).map(\.raw) == ["２０２５年６月底前"])
        #expect(DeadlineExtractor.deadlines(in: "第四季度完成", planYear: 2024).map(\.raw) == ["第四季度"])
    }
}
