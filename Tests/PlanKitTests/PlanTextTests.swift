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
