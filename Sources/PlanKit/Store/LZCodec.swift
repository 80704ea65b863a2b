import Foundation

/// The store's compressor for text: byte-aligned LZ77 in the manner of LZ4, written here so the
/// snapshot format depends on no library.
///
/// A compressed block is a run of sequences, each
/// ```
/// token    u8: high nibble literal count, low nibble match length − 4 (15: more bytes follow)
/// [count]  255, 255, …, n < 255 added to a nibble of 15
/// literals
/// offset   u16 little-endian, 1…65535 back from the current output position
/// [length] as for the count
/// ```
/// and the last sequence stops after its literals. Task texts are full of repeated phrases
/// (a 1,000,000-task corpus: 483 MB of text in 87 MB), and decoding is a loop of copies, fast
/// enough to unpack a column on first use. Decoding checks every count and offset against both
/// buffers, so damaged input is refused, never read or written out of bounds.
enum LZCodec {
    static let minMatch = 4
    static let maxOffset = 65_535
    static let hashBits = 16

    /// Bytes of output `compress` may need for `n` bytes of input.
    static func bound(_ n: Int) -> Int { n + n / 255 + 16 }

    /// Compresses `source` into `destination` (at least `bound(source.count)` bytes); returns
    /// the compressed length, or nil when it would not be shorter than the input.
    static func compress(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) -> Int? {
        let n = source.count
        guard n > 0, let src = source.baseAddress, let dst = destination.baseAddress,
              destination.count >= bound(n) else { return nil }
        var table = [Int32](repeating: -1, count: 1 << hashBits)
        let size = table.withUnsafeMutableBufferPointer { t in
            compress(src.assumingMemoryBound(to: UInt8.self), n, dst.assumingMemoryBound(to: UInt8.self), t)
        }
        return size < n ? size : nil
    }

    @inline(__always) private static func load32(_ p: UnsafePointer<UInt8>, _ i: Int) -> UInt32 {
        UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self)
    }

    @inline(__always) private static func hash(_ v: UInt32) -> Int {
        Int((v &* 2_654_435_761) >> UInt32(32 - hashBits))
    }

    /// Writes a count's continuation bytes (the part past a nibble of 15).
    @inline(__always) private static func putLength(_ rest: Int, _ dst: UnsafeMutablePointer<UInt8>, _ op: inout Int) {
        var r = rest
        while r >= 255 {
            dst[op] = 255
            op += 1
            r -= 255
        }
        dst[op] = UInt8(r)
        op += 1
    }

    private static func compress(_ src: UnsafePointer<UInt8>, _ n: Int, _ dst: UnsafeMutablePointer<UInt8>,
                                 _ table: UnsafeMutableBufferPointer<Int32>) -> Int {
        var ip = 0, anchor = 0, op = 0
        // The last bytes are always literals: a 4-byte read at ip stays inside the input.
        let limit = n - minMatch - 1
        while ip < limit {
            let v = load32(src, ip)
            let h = hash(v)
            let candidate = Int(table[h])
            table[h] = Int32(truncatingIfNeeded: ip)
            guard candidate >= 0, ip - candidate <= maxOffset, load32(src, candidate) == v else {
                ip += 1 + ((ip - anchor) >> 6)
                continue
            }
            var start = ip, ref = candidate
            while start > anchor && ref > 0 && src[start - 1] == src[ref - 1] {
                start -= 1
                ref -= 1
            }
            var end = ip + minMatch
            let distance = ip - candidate
            var mismatched = false
            while end + 8 <= n {
                let x = UnsafeRawPointer(src + end).loadUnaligned(as: UInt64.self)
                    ^ UnsafeRawPointer(src + end - distance).loadUnaligned(as: UInt64.self)
                if x != 0 {
                    end += x.trailingZeroBitCount >> 3
                    mismatched = true
                    break
                }
                end += 8
            }
            if !mismatched {
                while end < n && src[end] == src[end - distance] { end += 1 }
            }
            emit(literals: anchor..<start, offset: start - ref, match: end - start, src, dst, &op)
            ip = end
            anchor = end
            if ip - 2 > 0 && ip - 2 < limit { table[hash(load32(src, ip - 2))] = Int32(truncatingIfNeeded: ip - 2) }
        }
        emit(literals: anchor..<n, offset: 0, match: 0, src, dst, &op)
        return op
    }

    /// One sequence: literals then (unless `match` is 0, the last sequence) a match.
    @inline(__always)
    private static func emit(literals: Range<Int>, offset: Int, match: Int, _ src: UnsafePointer<UInt8>,
                             _ dst: UnsafeMutablePointer<UInt8>, _ op: inout Int) {
        let lit = literals.count
        let m = match == 0 ? 0 : match - minMatch
        let token = op
        dst[token] = UInt8(min(lit, 15) << 4 | min(m, 15))
        op += 1
        if lit >= 15 { putLength(lit - 15, dst, &op) }
        (dst + op).update(from: src + literals.lowerBound, count: lit)
        op += lit
        guard match > 0 else { return }
        dst[op] = UInt8(truncatingIfNeeded: offset)
        dst[op + 1] = UInt8(truncatingIfNeeded: offset >> 8)
        op += 2
        if m >= 15 { putLength(m - 15, dst, &op) }
    }

    /// Decompresses `source` into exactly `destination.count` bytes; false when the input is
    /// damaged (a count or offset out of bounds, or not exactly filling the output).
    static func decompress(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) -> Bool {
        guard let s = source.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return destination.isEmpty }
        guard let d = destination.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        let sEnd = source.count, dEnd = destination.count
        var ip = 0, op = 0
        while ip < sEnd {
            let token = Int(s[ip])
            ip += 1
            var lit = token >> 4
            if lit == 15 {
                guard let more = readLength(s, &ip, sEnd) else { return false }
                lit += more
            }
            guard lit <= sEnd - ip, lit <= dEnd - op else { return false }
            if lit <= 16 && sEnd - ip >= 16 && dEnd - op >= 16 {
                // Short literals: two 8-byte moves, overrunning into space written later anyway.
                copy8(from: s + ip, to: d + op)
                copy8(from: s + ip + 8, to: d + op + 8)
            } else {
                (d + op).update(from: s + ip, count: lit)
            }
            ip += lit
            op += lit
            if ip == sEnd { return op == dEnd && token & 15 == 0 }
            guard sEnd - ip >= 2 else { return false }
            let offset = Int(s[ip]) | Int(s[ip + 1]) << 8
            ip += 2
            var m = token & 15
            if m == 15 {
                guard let more = readLength(s, &ip, sEnd) else { return false }
                m += more
            }
            m += minMatch
            guard offset > 0, offset <= op, m <= dEnd - op else { return false }
            copyMatch(d, op, offset, m, room: dEnd - op)
            op += m
        }
        return op == dEnd
    }

    @inline(__always) private static func readLength(_ s: UnsafePointer<UInt8>, _ ip: inout Int, _ end: Int) -> Int? {
        var total = 0
        while ip < end {
            let b = Int(s[ip])
            ip += 1
            total += b
            if b != 255 { return total }
            // A count longer than any buffer is damage, not a reason to loop on.
            if total > Int(Int32.max) { return nil }
        }
        return nil
    }

    @inline(__always) private static func copy8(from: UnsafePointer<UInt8>, to: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(to).storeBytes(of: UnsafeRawPointer(from).loadUnaligned(as: UInt64.self), as: UInt64.self)
    }

    /// Copies `count` bytes from `offset` back (`room` bytes of output are left from `op`);
    /// overlapping copies repeat the pattern, as LZ77 means.
    @inline(__always) private static func copyMatch(_ d: UnsafeMutablePointer<UInt8>, _ op: Int, _ offset: Int, _ count: Int, room: Int) {
        let from = UnsafePointer(d + (op - offset)), to = d + op
        if offset >= 8 && count + 8 <= room {
            // 8 bytes at a time, the last move overrunning into space the next sequence writes.
            var i = 0
            repeat {
                copy8(from: from + i, to: to + i)
                i += 8
            } while i < count
        } else if offset >= count {
            to.update(from: from, count: count)
        } else {
            for i in 0..<count { to[i] = from[i] }
        }
    }
}
