import Foundation
import Testing
@testable import PlanKit

/// The shortcuts behind the fast answers of issue 15 give the answers the plain ways give:
/// `contains` through a text signature, and target lights from the judged actuals kept between
/// queries (dropped when an actual changes, in this table or only in a copy of it).
@Suite struct QueryShortcutTests {
    /// A small deterministic generator (the same rows on every run).
    struct Mix {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let pieces = ["托", "育", "服", "务", "机", "构", "a", "A", "(", "5", " ", "　", "Ａ", "（", "５", "é", "e\u{301}",
                         "😀", "，", "。", "托育", "育托", "\u{2F800}", "ß"]

    static func column(rows: Int) -> StringColumn {
        var mix = Mix(state: 15)
        var col = StringColumn()
        for r in 0..<rows {
            if r % 97 == 5 {
                // Bytes that are not UTF-8 around a real character: a lead with no continuation,
                // a stray continuation, a cut-off character.
                col.append(bytes: [0xE6, 0x41] + Array("托育".utf8) + [0x89, 0xE8, 0x82])
                continue
            }
            var s = ""
            for _ in 0..<mix.next(12) { s += pieces[mix.next(pieces.count)] }
            col.append(s)
        }
        return col
    }

    @Test func containsThroughTheSignatureFindsWhatTheFullScanFinds() {
        let col = Self.column(rows: 3000)
        let signature = TextSignature(col)
        #expect(signature.rows == col.count)
        let needles = ["托育", "育", "托 育", "服务a", "Ａ", "(", "5托", "é", "😀", "托育服务", "，。", "\u{2F800}", "ß", "a"]
        var matched = 0
        for needle in needles {
            let p = FoldedPattern(needle)
            let fast = p.rows(containingIn: col, signature: signature), plain = p.rows(containingIn: col)
            #expect(fast == plain, "\(needle): \(fast.count) rows through the signature, \(plain.count) by a full scan")
            matched += plain.isEmpty ? 0 : 1
        }
        #expect(matched >= needles.count - 2, "most needles occur somewhere")
        // The bytes that are not UTF-8 hide no character from the signature.
        #expect(FoldedPattern("托育").rows(containingIn: col, signature: signature).contains(5))
    }

    @Test func aNeedleWithoutNonASCIICharactersHasNoFilter() {
        #expect(TextSignature.bits(of: Array("abc (5)".utf8)).isEmpty)
        #expect(TextSignature.bits(of: Array("托育".utf8)).count == 2)
        #expect(TextSignature.bits(of: Array("托托".utf8)).count == 1)
    }

    static let asOf = CalendarDay(year: 2025, month: 4, day: 30) ?? CalendarDay(containing: Date())

    static func redTargets(_ w: Workspace) throws -> Set<String> {
        Set(try QueryEngine.run("find targets where light = red", in: w, context: QueryContext(asOf: asOf)).taskIDs)
    }

    @Test func targetLightsFollowAnActualChangedAfterAQuery() throws {
        let w = try TargetQueryDifferentialTests.demo()
        let red = try Self.redTargets(w)
        let id = try #require(red.sorted().first, "the demo has a red target")
        // The row's figure, and an actual that meets it.
        let rows = TargetRows(w)
        let k = try #require((0..<rows.count).first { rows.ref($0, in: w).description == id })
        let f = Int(rows.figure[k])
        try #require(f >= 0, "a task's target")
        let target = w.tasks.target(at: f)
        let value = try #require(target.value)
        let meets = target.comparator == .range ? (target.low ?? value) : value

        // A copy changed: its judged actuals are its own; the original's stay as they were.
        var changed = w
        changed.tasks.setActual(meets, month: nil, target: f)
        #expect(try Self.redTargets(changed) == red.subtracting([id]))
        #expect(try Self.redTargets(w) == red)
        let met = try QueryEngine.run("find targets where met = true", in: changed, context: QueryContext(asOf: Self.asOf)).taskIDs
        #expect(met.contains(id))

        // Changed alone (no copy holds the cache): the cache is dropped, not kept stale.
        _ = try Self.redTargets(changed)
        changed.tasks.setActual(nil, month: nil, target: f)
        #expect(try !Self.redTargets(changed).contains(id))
        let empty = try QueryEngine.run("find targets where actual is empty", in: changed, context: QueryContext(asOf: Self.asOf)).taskIDs
        #expect(empty.contains(id))
    }
}
