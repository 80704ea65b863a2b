/// Which characters each row of a text column holds, roughly, so `contains` reads only the rows
/// that may match instead of every byte of the column (issue 15: `text contains` at 1M tasks).
///
/// A row's signature has 512 bits: bit `cp & 511` for every non-ASCII character (code point
/// `cp`) in it. The signatures are kept bit-sliced, 64 rows to a block: word `g × 512 + b` says
/// which rows `64g …< 64g + 64` have bit b. A needle's non-ASCII characters (it is folded, and a
/// folded non-ASCII character only ever matches its own bytes) must all have their bit set in a
/// matching row, so a block's candidates are the AND of a few words; each candidate is then
/// searched as before. ASCII characters (which also match full-width forms) are not in the
/// signature, and a needle without a non-ASCII character gets no filter. 64 bytes a row.
struct TextSignature: Sendable {
    static let bits = 512
    let rows: Int
    /// Block-major: `words[g * bits + b]`.
    let words: [UInt64]

    init(_ column: StringColumn) {
        let rows = column.count, blocks = (rows + 63) / 64
        var words = [UInt64](repeating: 0, count: blocks * Self.bits)
        // Blocks in chunks shared out between cores (each writes only its own blocks).
        let chunk = 1024, chunks = (blocks + chunk - 1) / chunk
        column.bytes.withUnsafeBufferPointer { bytes in
            column.offsets.withUnsafeBufferPointer { offsets in
                words.withUnsafeMutableBufferPointer { out in
                    guard let data = bytes.baseAddress, let base = out.baseAddress else { return }
                    _ = Parallel.map(0..<chunks) { c in
                        for g in c * chunk..<min(blocks, (c + 1) * chunk) {
                            Self.sign(block: g, rows: rows, data, bytes.count, offsets, into: base + g * Self.bits)
                        }
                    }
                }
            }
        }
        self.rows = rows
        self.words = words
    }

    /// Sets block g's words from its rows' characters.
    @inline(__always)
    private static func sign(block g: Int, rows: Int, _ data: UnsafePointer<UInt8>, _ total: Int,
                             _ offsets: UnsafeBufferPointer<Int>, into block: UnsafeMutablePointer<UInt64>) {
        let raw = UnsafeRawPointer(data)
        for j in 0..<min(64, rows - g * 64) {
            let r = g * 64 + j, bit = UInt64(1) << UInt64(j)
            var i = offsets[r]
            let end = offsets[r + 1]
            while i < end {
                // Most characters are three bytes (CJK): a lead 1110xxxx and two continuations,
                // tested on one little-endian load (four bytes, the fourth unused).
                if i &+ 4 <= total && i &+ 3 <= end {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)
                    if w & 0xC0C0F0 == 0x8080E0 {
                        block[Int((w >> 8) & 0x07) << 6 | Int((w >> 16) & 0x3F)] |= bit
                        i &+= 3
                        continue
                    }
                }
                let b = data[i]
                // ASCII, or a byte that starts no character: one byte on.
                if b < 0xC0 {
                    i &+= 1
                    continue
                }
                let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                // Every byte after the lead must continue it; otherwise the lead stands alone (so
                // no character start is ever stepped over, whatever the bytes).
                var whole = i &+ n <= end
                var k = 1
                while whole && k < n {
                    whole = data[i &+ k] & 0xC0 == 0x80
                    k &+= 1
                }
                guard whole else {
                    i &+= 1
                    continue
                }
                block[Self.bit(data[i &+ n &- 2], data[i &+ n &- 1])] |= bit
                i &+= n
            }
        }
    }

    /// The signature bit of a character from its last two bytes: the low 9 bits of its code point.
    @inline(__always)
    static func bit(_ before: UInt8, _ last: UInt8) -> Int {
        Int(before & 0x07) << 6 | Int(last & 0x3F)
    }

    /// The bits of a needle's non-ASCII characters (UTF-8), each once; empty when it has none.
    static func bits(of needle: [UInt8]) -> [Int] {
        var out: [Int] = []
        var i = 0
        while i < needle.count {
            let b = needle[i]
            let n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if n > 1 && i + n <= needle.count {
                let x = bit(needle[i + n - 2], needle[i + n - 1])
                if !out.contains(x) { out.append(x) }
            }
            i += n
        }
        return out
    }

    /// Calls `body` with every row whose signature has all of `bits`, ascending.
    @inline(__always)
    func candidates(_ bits: [Int], _ body: (Int) -> Void) {
        let blocks = (rows + 63) / 64
        words.withUnsafeBufferPointer { w in
            for g in 0..<blocks {
                let block = g * Self.bits
                var m: UInt64 = g == blocks - 1 && rows % 64 != 0 ? (1 << UInt64(rows % 64)) - 1 : ~0
                for b in bits {
                    m &= w[block + b]
                    if m == 0 { break }
                }
                while m != 0 {
                    body(g * 64 + m.trailingZeroBitCount)
                    m &= m - 1
                }
            }
        }
    }
}
