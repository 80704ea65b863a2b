import Foundation

/// A string column packed for a snapshot: its row lengths and its bytes in LZ-compressed blocks.
///
/// ```
/// u8      packing version (1)
/// varint  rows, total bytes, block size, block count
/// varint  per block: stored length · 2 + 1 when stored raw (it did not compress)
/// varint  per row: its length in bytes
/// …       the blocks, back to back
/// ```
/// Blocks are packed and unpacked independently, on every core. Unpacking checks that the
/// lengths add up and every block fills its place exactly, so a damaged section is refused.
enum StringPacking {
    static let version: UInt8 = 1
    static let blockSize = 1 << 20

    struct Header {
        var rows: Int
        var total: Int
        var blockSize: Int
        /// Stored length and raw flag of each block.
        var blocks: [(length: Int, raw: Bool)]
        /// Where the row lengths start, and where the blocks start.
        var lengthsAt: Int
        var blocksAt: Int
    }

    static func pack(_ column: StringColumn) -> [UInt8] {
        let total = column.bytes.count
        let count = (total + blockSize - 1) / blockSize
        var packed = [[UInt8]](repeating: [], count: count)
        var raw = [Bool](repeating: false, count: count)
        column.bytes.withUnsafeBytes { src in
            let results = Parallel.map(0..<count) { k -> ([UInt8], Bool) in
                let lo = k * blockSize, hi = min(total, lo + blockSize)
                let piece = UnsafeRawBufferPointer(rebasing: src[lo..<hi])
                var out = [UInt8](repeating: 0, count: LZCodec.bound(hi - lo))
                let n = out.withUnsafeMutableBytes { LZCodec.compress(piece, into: $0) }
                guard let n else { return (Array(piece), true) }
                out.removeLast(out.count - n)
                return (out, false)
            }
            for (k, r) in results.enumerated() { (packed[k], raw[k]) = r }
        }
        var w = BinaryWriter(reservingCapacity: packed.reduce(0) { $0 + $1.count } + column.count * 2 + 64)
        w.u8(version)
        w.count(column.count)
        w.count(total)
        w.count(blockSize)
        w.count(count)
        for k in 0..<count { w.varint(UInt64(packed[k].count) << 1 | (raw[k] ? 1 : 0)) }
        column.offsets.withUnsafeBufferPointer { o in
            for r in 0..<column.count { w.count(o[r + 1] - o[r]) }
        }
        for p in packed { w.raw(p) }
        return w.bytes
    }

    /// Reads the header (rows, sizes, block table); nil when it is malformed.
    static func header(_ bytes: [UInt8]) -> Header? {
        var r = BinaryReader(bytes, context: "packed strings")
        guard let v = try? r.u8(), v == version,
              let rows = try? r.int(), let total = try? r.int(), let size = try? r.int(), let count = try? r.int(),
              size > 0, size <= 1 << 30, total < 1 << 44, count == (total + size - 1) / size,
              count <= r.remaining, rows <= r.remaining else { return nil }
        var blocks: [(Int, Bool)] = []
        blocks.reserveCapacity(count)
        var stored = 0
        for _ in 0..<count {
            guard let x = try? r.varint(), x >> 1 <= UInt64(bytes.count) else { return nil }
            blocks.append((Int(x >> 1), x & 1 != 0))
            stored += Int(x >> 1)
        }
        return Header(rows: rows, total: total, blockSize: size, blocks: blocks, lengthsAt: r.position,
                      blocksAt: bytes.count - stored)
    }

    /// The row count at the start of a packed column (its first bytes suffice), or nil.
    static func rows(_ prefix: [UInt8]) -> Int? {
        var r = BinaryReader(prefix, context: "packed strings")
        guard let v = try? r.u8(), v == version, let rows = try? r.int() else { return nil }
        return rows
    }

    /// The column, or nil when `bytes` is not a packed column (of `rows` rows, when given).
    static func unpack(_ bytes: [UInt8], rows expected: Int? = nil) -> StringColumn? {
        guard let h = header(bytes), h.rows == expected ?? h.rows, h.blocksAt >= h.lengthsAt else { return nil }
        let rows = h.rows
        var offsets = [Int](repeating: 0, count: rows + 1)
        var r = BinaryReader(bytes, from: h.lengthsAt, to: h.blocksAt, context: "packed strings")
        var sum = 0
        for i in 0..<rows {
            guard let n = try? r.int(), n <= h.total - sum else { return nil }
            sum += n
            offsets[i + 1] = sum
        }
        guard sum == h.total, r.isAtEnd else { return nil }
        var starts: [Int] = []
        var p = h.blocksAt
        for b in h.blocks {
            starts.append(p)
            p += b.length
        }
        var ok = true
        let text = [UInt8](unsafeUninitializedCapacity: h.total) { out, initialized in
            let dst = UnsafeMutableRawBufferPointer(out)
            ok = bytes.withUnsafeBytes { src in
                Parallel.map(h.blocks.indices) { k -> Bool in
                    let lo = k * h.blockSize, hi = min(h.total, lo + h.blockSize)
                    let input = UnsafeRawBufferPointer(rebasing: src[starts[k]..<(starts[k] + h.blocks[k].length)])
                    let output = UnsafeMutableRawBufferPointer(rebasing: dst[lo..<hi])
                    if h.blocks[k].raw {
                        guard input.count == output.count else { return false }
                        output.copyMemory(from: input)
                        return true
                    }
                    return LZCodec.decompress(input, into: output)
                }.allSatisfy { $0 }
            }
            // Bytes of a failed block are zeroed, never left uninitialised.
            if !ok { dst.initializeMemory(as: UInt8.self, repeating: 0) }
            initialized = h.total
        }
        return ok ? StringColumn(bytes: text, offsets: offsets) : nil
    }
}

extension StringPacking {
    /// True when `bytes` unpacks whole, decoding block by block into one scratch buffer (`check`).
    static func verify(_ bytes: [UInt8]) -> Bool {
        guard let h = header(bytes), h.blocksAt >= h.lengthsAt else { return false }
        var r = BinaryReader(bytes, from: h.lengthsAt, to: h.blocksAt, context: "packed strings")
        var sum = 0
        for _ in 0..<h.rows {
            guard let n = try? r.int(), n <= h.total - sum else { return false }
            sum += n
        }
        guard sum == h.total, r.isAtEnd else { return false }
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, min(h.blockSize, h.total)), alignment: 8)
        defer { scratch.deallocate() }
        var p = h.blocksAt
        return bytes.withUnsafeBytes { src in
            for (k, b) in h.blocks.enumerated() {
                let n = min(h.total, (k + 1) * h.blockSize) - k * h.blockSize
                let input = UnsafeRawBufferPointer(rebasing: src[p..<(p + b.length)])
                p += b.length
                if b.raw ? input.count != n : !LZCodec.decompress(input, into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<n])) {
                    return false
                }
            }
            return true
        }
    }
}

/// Work spread over the machine's cores, results in order.
enum Parallel {
    static func map<T>(_ range: Range<Int>, _ body: (Int) -> T) -> [T] {
        let n = range.count
        guard n > 1 else { return range.map(body) }
        let workers = min(n, max(1, ProcessInfo.processInfo.activeProcessorCount))
        return withoutActuallyEscaping(body) { body in
            let slots = UnsafeMutableBufferPointer<T>.allocate(capacity: n)
            defer { slots.deallocate() }
            let job = ParallelJob(body: body, slots: slots, lower: range.lowerBound, count: n, workers: workers)
            DispatchQueue.concurrentPerform(iterations: workers) { job.run(worker: $0) }
            let out = Array(slots)
            _ = slots.deinitialize()
            return out
        }
    }
}

/// One `Parallel.map`: worker w fills slots w, w + workers, … (disjoint, so no locking).
private final class ParallelJob<T>: @unchecked Sendable {
    let body: (Int) -> T
    let slots: UnsafeMutableBufferPointer<T>
    let lower: Int, count: Int, workers: Int

    init(body: @escaping (Int) -> T, slots: UnsafeMutableBufferPointer<T>, lower: Int, count: Int, workers: Int) {
        self.body = body
        self.slots = slots
        self.lower = lower
        self.count = count
        self.workers = workers
    }

    func run(worker: Int) {
        var k = worker
        while k < count {
            (slots.baseAddress.map { $0 + k })?.initialize(to: body(lower + k))
            k += workers
        }
    }
}
