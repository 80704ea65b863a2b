import Foundation
import Testing
@testable import PlanKit

/// One row of a packed column read alone (`update` and `show task` on a large store) gives
/// exactly what unpacking the column gives, across block boundaries, for raw and compressed
/// blocks; many rows out of order unpack the column once; damage falls back, never crashes.
@Suite struct PackedRowsTests {
    /// About 3.5 MB of text in rows of varied length: four 1 MB blocks, rows crossing each seam.
    static func column() -> StringColumn {
        var c = StringColumn()
        var seed: UInt64 = 7
        for i in 0..<30_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let n = Int(seed >> 58)  // 0…63
            c.append(i % 997 == 0 ? "" : "第\(i)项：推进卫生健康重点任务" + String(repeating: "落实", count: n))
        }
        return c
    }

    @Test func everyRowReadsAsUnpacked() throws {
        let c = Self.column()
        let packed = StringPacking.pack(c)
        let rows = try #require(PackedRows(packed, rows: c.count))
        var crossing = 0
        for r in 0..<c.count {
            #expect(rows.row(r) == c[r], "row \(r)")
            if c.offsets[r] / StringPacking.blockSize != max(c.offsets[r], c.offsets[r + 1] - 1) / StringPacking.blockSize { crossing += 1 }
        }
        #expect(crossing >= 3, "rows crossing a block seam were read")
        #expect(rows.row(c.count) == nil && rows.row(-1) == nil)
        #expect(PackedRows(packed, rows: c.count + 1) == nil)
    }

    @Test func incompressibleRowsAreStoredRawAndReadAlike() throws {
        var c = StringColumn()
        var seed: UInt64 = 1
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<300 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(UInt8(ascii: "!") + UInt8(seed >> 58))
            }
            c.append(String(decoding: bytes, as: UTF8.self))
        }
        let packed = StringPacking.pack(c)
        #expect(StringPacking.header(packed)?.blocks.contains { $0.raw } == true, "a block stored raw")
        let rows = try #require(PackedRows(packed, rows: c.count))
        for r in stride(from: 0, to: c.count, by: 7) { #expect(rows.row(r) == c[r]) }
    }

    @Test func aFewRowsLeaveTheColumnPackedManyUnpackIt() {
        let c = Self.column()
        let box = StringColumnBox(rows: c.count, packed: .memory(StringPacking.pack(c)))
        for r in [5, 29_999, 12_345] { #expect(box.row(r) == c[r]) }
        #expect(!box.isUnpacked, "three rows did not unpack 30,000")
        // Rows spread over every block, back and forth: past the block budget the column is unpacked.
        for k in 0..<40 { let r = (k * 7_919) % c.count; #expect(box.row(r) == c[r]) }
        #expect(box.isUnpacked)
        #expect(box.row(17) == c[17])
    }

    @Test func aDamagedPackedFormFallsBackWithoutACrash() {
        let c = Self.column()
        var packed = StringPacking.pack(c)
        packed[packed.count - 10] ^= 0xFF
        let box = StringColumnBox(rows: c.count, packed: .memory(packed))
        // The last block no longer decodes: its rows come from the whole-column fallback (empty).
        let last = box.row(c.count - 1)
        #expect(last == c[c.count - 1] || last.isEmpty)
        #expect(box.row(3) == c[3] || box.row(3).isEmpty)
    }
}
