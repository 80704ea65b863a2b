import Foundation

/// Rows of a string column whose text changes under Unicode NFC — a decomposed `é`, a CJK
/// compatibility ideograph, a decomposed kana — with their folded text. Queries test these
/// rows on the folded text and every other row on its stored bytes, so stored text is compared
/// after the same folding as the query (SPEC §3) without a folded copy of every column.
///
/// Found once per table by a SIMD scan for the lead bytes such characters start with; the few
/// candidates are confirmed with Foundation's NFC.
struct CanonicalExceptions: Sendable {
    /// Ascending.
    let rows: [UInt32]
    /// `TextFolding.fold` of each row in `rows`.
    let folded: [String]

    static let none = CanonicalExceptions(rows: [], folded: [])

    init(rows: [UInt32], folded: [String]) {
        self.rows = rows
        self.folded = folded
    }

    init(_ column: StringColumn) {
        var rows: [UInt32] = [], folded: [String] = []
        column.bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var p = 0
            while let hit = CanonicalExceptions.candidate(in: base, from: p, to: raw.count) {
                let r = column.row(containing: hit)
                let s = column[r]
                let f = TextFolding.fold(s)
                // Swift's `==` is canonical equivalence: compare the bytes.
                if !s.precomposedStringWithCanonicalMapping.utf8.elementsEqual(s.utf8) {
                    rows.append(UInt32(r))
                    folded.append(f)
                }
                p = column.offsets[r + 1]
            }
        }
        self.rows = rows
        self.folded = folded
    }

    var isEmpty: Bool { rows.isEmpty }

    /// The folded text of row `r` when it is an exception.
    func folded(row r: Int) -> String? {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(rows[mid]) < r { lo = mid + 1 } else { hi = mid }
        }
        return lo < rows.count && Int(rows[lo]) == r ? folded[lo] : nil
    }

    /// The first offset in `from..<to` where a character that NFC may change starts: combining
    /// marks (U+0300–U+036F: CC/CD), U+1xxx marks and jamo (E1), combining marks for symbols
    /// (U+20D0–U+20FF: E2 83), kana voicing marks (U+3099–U+309A: E3 82), CJK compatibility
    /// ideographs (U+F900–U+FAFF: EF A4–AB; U+2F800–U+2FA1F: F0 AF).
    static func candidate(in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        @inline(__always) func isLead(_ a: UInt8, _ b: UInt8) -> Bool {
            a == 0xCC || a == 0xCD || a == 0xE1 || (a == 0xE2 && b == 0x83) || (a == 0xE3 && b == 0x82)
                || (a == 0xEF && b >= 0xA4 && b <= 0xAB) || (a == 0xF0 && b == 0xAF)
        }
        var i = from
        while i + 33 <= to {
            let a = base.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
            let b = base.loadUnaligned(fromByteOffset: i + 1, as: SIMD32<UInt8>.self)
            let m1 = (a .== 0xCC) .| (a .== 0xCD) .| (a .== 0xE1) .| ((a .== 0xE2) .& (b .== 0x83))
            let m2 = ((a .== 0xE3) .& (b .== 0x82)) .| ((a .== 0xEF) .& (b .>= 0xA4) .& (b .<= 0xAB)) .| ((a .== 0xF0) .& (b .== 0xAF))
            let hit = m1 .| m2
            if any(hit) {
                for j in 0..<32 where hit[j] { return i + j }
            }
            i += 32
        }
        while i < to {
            let a = base.load(fromByteOffset: i, as: UInt8.self)
            let b = i + 1 < to ? base.load(fromByteOffset: i + 1, as: UInt8.self) : 0
            if isLead(a, b) { return i }
            i += 1
        }
        return nil
    }
}

/// Derived indexes over a table's text columns, built on first use and shared by copies of the
/// table (text columns never change in place: a new table is built instead).
public final class TextIndexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var exceptions: [Int: CanonicalExceptions] = [:]

    public init() {}

    /// The NFC exceptions of `column` (identified by `key`), built once.
    func exceptions(_ key: Int, _ column: StringColumn) -> CanonicalExceptions {
        lock.lock()
        defer { lock.unlock() }
        if let e = exceptions[key] { return e }
        let e = CanonicalExceptions(column)
        exceptions[key] = e
        return e
    }
}
