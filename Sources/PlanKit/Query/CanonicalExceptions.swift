import Foundation

/// Rows of a string column whose text changes under Unicode NFC — a decomposed `é`, a CJK
/// compatibility ideograph, a decomposed kana — with their folded text. Queries test these
/// rows on the folded text and every other row on its stored bytes, so stored text is compared
/// after the same folding as the query (SPEC §3) without a folded copy of every column.
///
/// Found once per table by a scan for the lead bytes such characters start with; the few
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
    /// ideographs (U+F900–U+FAFF: EF A4–AB; U+2F800–U+2FA1F: F0 AF). A vector test skips 32
    /// positions at a time that hold none; one table lookup a byte finds it in the others.
    static func candidate(in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        // 32 positions at a time while a byte pair fits: chunks holding no candidate are skipped.
        var start = from
        while start + 33 <= to, !mayHoldCandidate(base, start) { start += 32 }
        return leadTable.withUnsafeBufferPointer { lead in
            var i = start
            while i < to {
                if i & 31 == start & 31, i > start, i + 33 <= to, !mayHoldCandidate(base, i) {
                    i += 32
                    continue
                }
                let kind = lead[Int(bytes[i])]
                if kind != 0 {
                    let next = i + 1 < to ? bytes[i + 1] : 0
                    switch kind {
                    case 1: return i
                    case 2: if next == 0x83 { return i }
                    case 3: if next == 0x82 { return i }
                    case 4: if next >= 0xA4 && next <= 0xAB { return i }
                    default: if next == 0xAF { return i }
                    }
                }
                i += 1
            }
            return nil
        }
    }

    /// Whether one of the 32 positions from `i` starts a candidate (bytes `i ..< i + 33` are read):
    /// the same lead and next-byte tests as `candidate`, on vectors.
    @inline(__always)
    static func mayHoldCandidate(_ base: UnsafeRawPointer, _ i: Int) -> Bool {
        typealias V = SIMD32<UInt8>
        let a = base.loadUnaligned(fromByteOffset: i, as: V.self)
        let b = base.loadUnaligned(fromByteOffset: i + 1, as: V.self)
        let always = (a .== V(repeating: 0xCC)) .| (a .== V(repeating: 0xCD)) .| (a .== V(repeating: 0xE1))
        let e2 = (a .== V(repeating: 0xE2)) .& (b .== V(repeating: 0x83))
        let e3 = (a .== V(repeating: 0xE3)) .& (b .== V(repeating: 0x82))
        let ef = (a .== V(repeating: 0xEF)) .& ((b &- V(repeating: 0xA4)) .< V(repeating: 8))
        let f0 = (a .== V(repeating: 0xF0)) .& (b .== V(repeating: 0xAF))
        let w = unsafeBitCast(always .| e2 .| e3 .| ef .| f0, to: SIMD4<UInt64>.self)
        return (w[0] | w[1] | w[2] | w[3]) != 0
    }

    /// For each byte: 0 no candidate; 1 always (CC CD E1); 2 E2; 3 E3; 4 EF; 5 F0.
    static let leadTable: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        t[0xCC] = 1; t[0xCD] = 1; t[0xE1] = 1
        t[0xE2] = 2; t[0xE3] = 3; t[0xEF] = 4; t[0xF0] = 5
        return t
    }()
}

/// Derived indexes over a table's text columns, built on first use and shared by copies of the
/// table (text columns never change in place: a new table is built instead).
public final class TextIndexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var exceptions: [Int: CanonicalExceptions] = [:]
    private var signatures: [Int: TextSignature] = [:]

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

    /// The character signature of `column` (identified by `key`), built once.
    func signature(_ key: Int, _ column: StringColumn) -> TextSignature {
        lock.lock()
        defer { lock.unlock() }
        if let s = signatures[key] { return s }
        let s = TextSignature(column)
        signatures[key] = s
        return s
    }
}
