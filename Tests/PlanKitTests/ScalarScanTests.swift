import Foundation
import Testing
@testable import PlanKit

/// The eight-at-a-time searches against one-scalar loops, at every start of texts of every
/// length around the chunk size, with the sought scalars anywhere (or nowhere).
@Suite struct ScalarScanTests {
    static let pool: [UInt32] = [0x28, 0xFF08, 0x3010, 0x5E74, 0x6708, 0x5B63, 0x4E00, 0x30, 0x39, 0x7F, 0x80, 0xFF0F, 0xFF10,
                                 0xFF19, 0xFF58, 0x10000, 0x20, 0x3000]

    func texts(_ seed: UInt64) -> [[UInt32]] {
        var rng = SplitMix(seed: seed)
        return (0..<600).map { n in
            // Mostly one filler scalar, so that whole chunks hold nothing sought.
            (0..<(n % 40)).map { _ in rng.next() % 6 == 0 ? Self.pool[Int(rng.next() % UInt64(Self.pool.count))] : 0x4E2D }
        }
    }

    @Test func forwardSearches() {
        for s in texts(1) {
            s.withUnsafeBufferPointer { b in
                for from in 0...s.count {
                    let two = s[from...].firstIndex { $0 == 0x28 || $0 == 0xFF08 } ?? s.count
                    #expect(ScalarScan.firstIndex(of: 0x28, 0xFF08, in: b, from: from) == two)
                    let three = s[from...].firstIndex { $0 == 0x5E74 || $0 == 0x6708 || $0 == 0x5B63 } ?? s.count
                    #expect(ScalarScan.firstIndex(of: 0x5E74, 0x6708, 0x5B63, in: b, from: from) == three)
                    let number = s[from...].firstIndex(where: FigureExtractor.isNumberScalar) ?? s.count
                    #expect(ScalarScan.firstIndex(outside: 0x80, 0xFF10, in: b, from: from, where: FigureExtractor.isNumberScalar) == number)
                }
            }
        }
    }

    @Test func backwardSearch() {
        for s in texts(2) {
            s.withUnsafeBufferPointer { b in
                for start in 0...s.count {
                    for end in start...s.count {
                        let expected = s[start..<end].lastIndex { $0 == 0x28 || $0 == 0xFF08 || $0 == 0x3010 }
                        #expect(ScalarScan.lastIndex(of: 0x28, 0xFF08, 0x3010, in: b, from: start, before: end) == expected)
                    }
                }
            }
        }
        // An office tag is still the last one, found from the end past a bracket that opens none.
        let text = Array("做好工作(责任科室:医政科)，并(配合)完成【责任单位】疾控科".unicodeScalars.map(\.value))
        #expect(OfficeTag.find(in: text)?.offices == ["疾控科"])
        #expect(OfficeTag.find(in: Array(text[..<20]))?.offices == ["医政科"])
    }

    @Test func watermarksAreStillFoundPastOtherBrackets() throws {
        let text = "2025年工作要点\n一、重点任务\n（一）加强建设(一般)做好(含基层)筛查工作（ www.example.com 转载请注明 ）并(h5)推广。\n"
        let p = try PlanImporter.parse(data: Data(text.utf8), fileName: "w.txt", id: "w", now: 0)
        #expect(p.tasks.count == 1)
        #expect(p.tasks.first?.text.contains("转载") == false)
        #expect(p.tasks.first?.text.contains("(h5)推广") == true)
        #expect(p.info.warnings.count { $0.message == Messages.watermarkRemoved().text } == 1)
    }

    @Test func theMarkerScanStopsWhereMayStartMarkerDoes() {
        let scalars: [UInt32] = [0x4E2D, 0x4E00, 0x5341, 0x7B2C, 0x28, 0xFF08, 0x30, 0x39, 0xFF10, 0x2460, 0x2473, 0x2474,
                                 0x3007, 0x96F6, 0x10000, 0x1F44D, 0x0A, 0xFFFF]
        var rng = SplitMix(seed: 0x4EAD)
        for _ in 0..<2_000 {
            let s = (0..<Int(rng.next() % 12)).map { _ in scalars[Int(rng.next() % UInt64(scalars.count))] }
            for from in 0...s.count {
                let expected = s[from...].firstIndex { $0 <= 0xFFFF && HeadingMarker.mayStartMarker($0) } ?? s.count
                #expect(HeadingMarker.nextStart(s, from: from, starts: HeadingMarker.markerStarts) == expected)
            }
        }
    }
}
