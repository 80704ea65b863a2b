import Foundation

/// String helpers for the front matter, page chrome and sheet values: each answers as the Foundation or
/// `String` operation it stands for, worked out on the UTF-8 when the text is plain
/// (`isPlainScalar`: every scalar a whole character, and only U+0020 and U+3000 whitespace).
extension String {
    /// `trimmingCharacters(in: .whitespaces)`, which costs some 30,000 instructions a call on Linux.
    func trimmingSpaces() -> String {
        plainTrimmed() ?? trimmingCharacters(in: .whitespaces)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)` the same way (plain text holds no line
    /// breaks, so on it the two sets trim alike).
    func trimmingSpacesAndNewlines() -> String {
        plainTrimmed() ?? trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The string without the spaces (U+0020, U+3000) at its ends when it is plain; nil when it is
    /// not, and Foundation must answer.
    private func plainTrimmed() -> String? {
        var text = self
        return text.withUTF8 { u -> String? in
            guard isPlainUTF8(u) else { return nil }
            var lo = 0, hi = u.count
            while lo < hi {
                if u[lo] == 0x20 { lo += 1 } else if hi - lo >= 3, u[lo] == 0xE3, u[lo + 1] == 0x80, u[lo + 2] == 0x80 { lo += 3 } else { break }
            }
            while hi > lo {
                if u[hi - 1] == 0x20 { hi -= 1 } else if hi - lo >= 3, u[hi - 3] == 0xE3, u[hi - 2] == 0x80, u[hi - 1] == 0x80 { hi -= 3 } else { break }
            }
            return lo == 0 && hi == u.count ? self : String(decoding: UnsafeBufferPointer(rebasing: u[lo..<hi]), as: UTF8.self)
        }
    }

    /// `count > n`, counting no further than `n + 1` characters (the UTF-8 length bounds it first).
    func hasMoreCharacters(than n: Int) -> Bool {
        guard utf8.count > n else { return false }
        var k = 0
        for _ in self {
            k += 1
            if k > n { return true }
        }
        return false
    }
}
