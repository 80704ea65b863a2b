import Testing
@testable import PlanKit

/// CSV written as bytes (to a file or pipe) is the CSV text, whatever the size of the pieces.
@Suite struct ByteOutputTests {
    /// The bytes `writer` hands over, joined.
    static func bytes(_ writer: ByteWriter) -> [UInt8] {
        var all: [UInt8] = []
        writer { all.append(contentsOf: $0) }
        return all
    }

    @Test func csvBytesAreTheRenderedText() throws {
        for query in ["find tasks show id", "find tasks where status != done order by due desc show id",
                      "find tasks show id, office, heading", "find targets show id"] {
            let r = try QueryFixture.run(query)
            let context = RenderContext(width: 200)
            let writer = try #require(r.byteWriter(.csv, context))
            let text = r.render(.csv, context)
            #expect(Self.bytes(writer) == Array(text.utf8), "\(query)")
            #expect(text.hasPrefix("id"))
        }
    }

    @Test func onlyCSVHasABytePath() throws {
        let r = try QueryFixture.run("find tasks show id")
        #expect(r.byteWriter(.json, RenderContext(width: 80)) == nil)
        #expect(r.byteWriter(.table, RenderContext(width: 80)) == nil)
        #expect(try QueryFixture.run("count by office").byteWriter(.csv, RenderContext(width: 80)) == nil)
    }

    @Test func aStreamedBufferHandsOnEveryByteInOrder() {
        var pieces: [[UInt8]] = []
        var out = ByteBuffer(capacity: 64) { pieces.append(Array($0)) }
        let expected = (0..<1000).flatMap { i in Array("row \(i),\u{4E2D}\r\n".utf8) }
        for i in 0..<1000 {
            Array("row \(i),\u{4E2D}\r\n".utf8).withUnsafeBufferPointer { out.append($0) }
        }
        // A run longer than the buffer passes through whole.
        let long = [UInt8](repeating: 0x41, count: 300)
        long.withUnsafeBufferPointer { out.append($0) }
        out.flush()
        #expect(pieces.count > 10)
        #expect(pieces.allSatisfy { !$0.isEmpty })
        #expect(Array(pieces.joined()) == expected + long)
    }

    @Test func countingSortIsStableAndMatchesAComparisonSort() {
        // Keys with long runs of equal values and a few outliers; rows ascending as a filter gives them.
        let rows = (0..<10_001).map { UInt32($0 * 3) }
        let keys = rows.map { r in Int32(r % 97 < 60 ? 5 : Int(r % 13) - 4) }
        let rowKeys = Ordering.RowKeys(keys: keys, low: keys.min() ?? 0, high: keys.max() ?? 0)
        for descending in [false, true] {
            let sorted = Ordering.countingSort(rows, keys: rowKeys, descending: descending)
            let expected = zip(rows, keys).sorted { a, b in
                a.1 != b.1 ? (descending ? a.1 > b.1 : a.1 < b.1) : a.0 < b.0
            }.map(\.0)
            #expect(sorted == expected)
        }
        let wide = Ordering.RowKeys(keys: [0, 1 << 20], low: 0, high: 1 << 20)
        #expect(Ordering.countingSort([1, 2], keys: wide, descending: false) == nil)
    }
}
