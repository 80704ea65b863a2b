import Testing
@testable import PlanKit

/// `OfficeTag.splitOffices` walks its groups and items in place, and `OfficeTag.Names` keys its
/// cache on hashed scalars: both must answer as the plain `split`-based reading always did.
@Suite struct OfficeSplitTests {
    /// The reading before the walk: `split` into groups and items, names inserted in place.
    static func reference(_ content: ArraySlice<UInt32>) -> ([String], Bool) {
        var offices: [String] = []
        var names: [ArraySlice<UInt32>] = []
        var open = false
        var leadCount = 0
        for var g in content.split(omittingEmptySubsequences: false, whereSeparator: { $0 == 0x3B || $0 == 0xFF1B }) {
            var isLead = false
            if let colon = g.firstIndex(where: { $0 == 0x3A || $0 == 0xFF1A }), colon - g.startIndex <= 8 {
                isLead = g[..<colon].starts(with: OfficeTag.leadLabel) && !offices.isEmpty
                g = g[(colon + 1)...]
            }
            for item in g.split(omittingEmptySubsequences: false, whereSeparator: {
                $0 == 0x3001 || $0 == 0x2C || $0 == 0xFF0C || $0 == 0x20 || $0 == 0x3000
            }) {
                var scalars = trimmed(item)
                for suffix in OfficeTag.openSuffixScalars where scalars.count >= suffix.count && scalars.suffix(suffix.count).elementsEqual(suffix) {
                    scalars = trimmed(scalars.dropLast(suffix.count))
                    open = true
                    break
                }
                guard !scalars.isEmpty else { continue }
                let name = scalars.string
                let seen = names.indices.contains { k in
                    isPlain(scalars) && isPlain(names[k]) ? names[k].elementsEqual(scalars) : offices[k] == name
                }
                if !seen {
                    let at = isLead ? leadCount : offices.count
                    offices.insert(name, at: at)
                    names.insert(scalars, at: at)
                    if isLead { leadCount += 1 }
                }
            }
        }
        return (offices, open)
    }

    /// Office names (one decomposed, one precomposed: equal as Strings), labels and separators.
    static let pieces: [String] = ["医政科", "疾控科", "Cafe\u{301}科", "Café科", "基层卫生科", "１科", "、", "、", ",", "，", " ", "\u{3000}",
                                   ";", "；", "牵头单位:", "配合单位：", "牵头科室：", "等有关科室", "等单位", "等", "\t", ""]

    @Test func theWalkAndTheCacheAnswerAsSplitDoes() {
        var rng = SplitMix(seed: 0x0FF1CE)
        let names = OfficeTag.Names()
        var nonTrivial = 0
        for _ in 0..<5_000 {
            let text = (0..<Int(rng.next() % 9)).map { _ in Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }.joined()
            let s = Array(text.unicodeScalars.map(\.value))[...]
            let expected = Self.reference(s)
            #expect(OfficeTag.splitOffices(s) == expected, "\(text)")
            // Twice through the cache: the second answer is the stored one.
            #expect(names.split(s) == expected, "\(text)")
            #expect(names.split(Array(s)[...]) == expected, "\(text)")
            if expected.0.count > 1 { nonTrivial += 1 }
        }
        #expect(nonTrivial > 500)
        // A decomposed name and its precomposed form are one office; full-width separators split.
        let s = Array("牵头单位：Cafe\u{301}科；配合单位:疾控科，Café科、医政科等有关科室".unicodeScalars.map(\.value))[...]
        #expect(OfficeTag.splitOffices(s) == (["Cafe\u{301}科", "疾控科", "医政科"], true))
    }

    @Test func aContentIsItsScalarsWhereverItSits() {
        let whole = Array("(医政科)".unicodeScalars.map(\.value))
        let inside = OfficeTag.Content(whole[1..<4])
        let alone = OfficeTag.Content(Array("医政科".unicodeScalars.map(\.value))[...])
        #expect(inside == alone && inside.hash == alone.hash)
        #expect(inside != OfficeTag.Content(Array("医政处".unicodeScalars.map(\.value))[...]))
        #expect(inside != OfficeTag.Content(whole[1..<3]))
    }
}
