import Foundation
import Testing
@testable import PlanKit

/// The importer's text layer: one-pass UTF-8 checking and splitting, the fast decode of a
/// `String`'s scalars, and `holds` (Foundation's `contains` answered on the UTF-8).
struct PlanTextTests {
    func lines(_ bytes: [UInt8]) throws -> [String]? {
        try PlanText.decodeIfUTF8(Data(bytes), fileName: "t.txt").map { t in t.lineRanges.map { t.scalars[$0].string } }
    }

    @Test func utf8IsSplitIntoLinesWithCRLFAndABOM() throws {
        #expect(try lines(Array("一、总则\r\n（一）甲\n\n二、乙".utf8)) == ["一、总则", "（一）甲", "", "二、乙"])
        #expect(try lines([0xEF, 0xBB, 0xBF] + Array("𠀋x\r".utf8)) == ["𠀋x"])
        let t = try #require(try PlanText.decodeIfUTF8(Data("a\n\nb".utf8), fileName: "t.txt"))
        #expect(t.lineNumbers == [1, 2, 3])
    }

    @Test func invalidUTF8IsNilSoAnotherEncodingCanBeTried() throws {
        #expect(try lines([0xD6, 0xD0, 0xCE, 0xC4]) == nil)                  // 中文 in GBK
        #expect(try lines([0xC0, 0x80]) == nil)                              // overlong
        #expect(try lines([0xED, 0xA0, 0x80]) == nil)                        // a surrogate
        #expect(try lines([0xF4, 0x90, 0x80, 0x80]) == nil)                  // past U+10FFFF
        #expect(try lines(Array("甲".utf8.dropLast())) == nil)               // cut short
        #expect(throws: Diagnostic.self) { try PlanText.decode(Data([0xD6, 0xD0]), fileName: "t.txt") }
    }

    /// The four-bytes-at-a-time path for runs of three-byte sequences agrees with the standard
    /// library on every position a run can end, and refuses what it must refuse inside a run.
    @Test func runsOfThreeByteSequencesDecodeAsTheStandardLibraryDoes() throws {
        let samples = ["一二三", "甲（乙）丙｜丁", "ａ１２３中", "\u{800}\u{FFFF}\u{E000}\u{D7FF}", "中a中\r\n中", "é中𠀋中"]
        for s in samples {
            for cut in 0...s.unicodeScalars.count {
                let text = String(String.UnicodeScalarView(s.unicodeScalars.prefix(cut)))
                let t = try #require(try PlanText.decodeIfUTF8(Data(("x" + text).utf8), fileName: "t.txt"))
                // Lines without their ends: a `\r` before a line feed or at the very end is dropped.
                let expected = scalars(of: "x" + text).split(separator: 0x0A, omittingEmptySubsequences: false)
                    .flatMap { $0.last == 0x0D ? Array($0.dropLast()) : Array($0) }
                #expect(t.scalars == expected)
            }
        }
        let t = try #require(try PlanText.decodeIfUTF8(Data("甲乙丙（丁）\n戊己庚辛\n壬｜癸".utf8), fileName: "t.txt"))
        #expect(t.lineHasBracket == [true, false, false])
        #expect(t.hasPipe)
        let noPipe = try #require(try PlanText.decodeIfUTF8(Data("甲乙丙\u{FF08}\u{FF5D}\u{FF0C}".utf8), fileName: "t.txt"))
        #expect(!noPipe.hasPipe && noPipe.lineHasBracket == [true])
        let run = Array("甲乙丙丁".utf8)
        #expect(try lines(run + [0xED, 0xA0, 0x80] + run) == nil)           // a surrogate inside a run
        #expect(try lines(run + [0xE0, 0x9F, 0xBF] + run) == nil)           // an overlong inside a run
        #expect(try lines(run + [0xE4, 0xB8] + run) == nil)                 // a cut sequence inside a run
        #expect(try lines(run + [0xE4, 0xB8]) == nil)                       // and at the very end
    }

    /// Scalars → UTF-8 (one pass, three-byte sequences stored four bytes at a time) gives the
    /// standard library's bytes for every kind of scalar, and leaves out surrogates.
    @Test func scalarsEncodeToTheStandardLibrarysUTF8() {
        for s in ["", "a", "é", "中文", "a中é𠀋\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", String(repeating: "规划", count: 300)] {
            let v = scalars(of: s)
            #expect(v.withUnsafeBufferPointer(scalarUTF8) == Array(s.utf8))
            #expect(v.string == s)
        }
        #expect([0x4E2D, 0xD800, 0x6587].withUnsafeBufferPointer(scalarUTF8) == Array("中文".utf8))
    }

    @Test func emptyAndBinaryFilesAreRefusedWithTheirOwnMessage() {
        #expect { try PlanText.decodeIfUTF8(Data(), fileName: "t.txt") } throws: { "\($0)".contains("the file is empty") }
        #expect { try PlanText.decodeIfUTF8(Data([0x61, 0x00, 0x62]), fileName: "t.txt") } throws: {
            "\($0)".contains("NUL byte at offset 1")
        }
    }

    @Test func scalarsOfAStringAreItsUnicodeScalars() {
        for s in ["", "abc", "é", "一、总则（责任科室：医政科）", "𠀋a\u{301}", "½ ‰ ｘ"] {
            #expect(scalars(of: s) == s.unicodeScalars.map(\.value))
        }
    }

    @Test func holdsAnswersAsFoundationContainsDoes() {
        let texts = ["2025年卫生健康工作要点", "某某县卫生健康局", "十堰市，2023年2月23日", "caf\u{E9}", "cafe\u{301}", "\u{F900}工作", ""]
        let words = ["工作要点", "年", "，", "。", "caf\u{E9}", "卫生健康", "x"]
        for t in texts {
            for w in words {
                #expect(t.holds(w) == t.contains(w), "\(t) holds \(w)")
            }
        }
    }
}
