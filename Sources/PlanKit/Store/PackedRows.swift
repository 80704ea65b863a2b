import Foundation

/// Single rows of a packed string column (`StringPacking`), read without unpacking the rest:
/// the row lengths are summed once into offsets, and only the blocks a row lies in are
/// decompressed (the last one kept for the next row). `update` and `show task` on a store of a
/// million tasks read one task's text this way, not every task's.
final class PackedRows {
    /// The packed form, kept whole (a later unpack of the column reads it from here).
    let bytes: [UInt8]
    private let header: StringPacking.Header
    private let offsets: [Int]
    /// Where each block starts in `bytes`.
    private let starts: [Int]
    private var lastBlock: (index: Int, bytes: [UInt8])?
    /// Blocks decompressed so far: rows read out of order, many of them, cost a block each.
    private(set) var blocksRead = 0
    /// Past this many blocks, unpacking the whole column at once is cheaper.
    var worthKeeping: Bool { blocksRead <= max(8, header.blocks.count / 4) }

    /// Nil when `bytes` is not a packed column of `rows` rows.
    init?(_ bytes: [UInt8], rows: Int) {
        // The header places the blocks so that they end with the bytes (`blocksAt`).
        guard let layout = StringPacking.layout(bytes, rows: rows) else { return nil }
        self.bytes = bytes
        header = layout.header
        offsets = layout.offsets
        starts = layout.starts
    }

    /// Row `r`, or nil when a block it lies in does not decompress to its size.
    func row(_ r: Int) -> String? {
        guard r >= 0, r < header.rows else { return nil }
        let lo = offsets[r], hi = offsets[r + 1]
        var out: [UInt8] = []
        out.reserveCapacity(hi - lo)
        var at = lo
        while at < hi {
            let k = at / header.blockSize
            guard let block = block(k) else { return nil }
            let blockStart = k * header.blockSize
            let end = min(hi, blockStart + block.count)
            out.append(contentsOf: block[(at - blockStart)..<(end - blockStart)])
            at = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func block(_ k: Int) -> [UInt8]? {
        if let last = lastBlock, last.index == k { return last.bytes }
        let size = min(header.total, (k + 1) * header.blockSize) - k * header.blockSize
        let stored = header.blocks[k]
        var out = [UInt8](repeating: 0, count: size)
        let ok = bytes.withUnsafeBytes { src in
            let input = UnsafeRawBufferPointer(rebasing: src[starts[k]..<(starts[k] + stored.length)])
            return out.withUnsafeMutableBytes { StringPacking.decodeBlock(input, raw: stored.raw, into: $0) }
        }
        guard ok else { return nil }
        lastBlock = (k, out)
        blocksRead += 1
        return out
    }
}
