import Foundation
import Testing
@testable import PlanKit

/// The front-matter and sheet-value helpers against the Foundation and `String` operations they replace.
@Suite struct FrontTextTests {
    static let samples: [String] = [
        "", " ", "\u{3000}\u{3000}", "  某县卫生健康局\u{3000}", "\u{3000}2025年工作要点 ", "无空白", "ｘ\u{3000}",
        " \t 制表符在前", "\u{A0}不换行空格\u{A0}", "\u{2003}全角空格\u{2003}", "Cafe\u{301} ", " e\u{301}", "👍 ", " \u{3000} a b \u{3000} ",
        String(repeating: "长", count: 61), String(repeating: "长", count: 60), String(repeating: "e\u{301}", count: 61),
        "on_track\n", "\r\n40 ", " 40%\u{3000}", "\n\t", "2025-06-30\u{2028}",
    ]

    @Test func trimmingSpacesAnswersAsFoundation() {
        for s in Self.samples {
            #expect(s.trimmingSpaces() == s.trimmingCharacters(in: .whitespaces), "\(s.debugDescription)")
            #expect(s.trimmingSpaces().unicodeScalars.elementsEqual(s.trimmingCharacters(in: .whitespaces).unicodeScalars), "\(s.debugDescription)")
        }
    }

    @Test func trimmingSpacesAndNewlinesAnswersAsFoundation() {
        for s in Self.samples {
            let foundation = s.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(s.trimmingSpacesAndNewlines().unicodeScalars.elementsEqual(foundation.unicodeScalars), "\(s.debugDescription)")
        }
    }

    @Test func characterCountsStopEarlyWithTheSameAnswer() {
        for s in Self.samples {
            for n in [0, 1, 2, 24, 40, 60] {
                #expect(s.hasMoreCharacters(than: n) == (s.count > n), "\(s.debugDescription) \(n)")
            }
        }
    }
}
