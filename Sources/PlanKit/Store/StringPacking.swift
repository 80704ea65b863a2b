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
        var packer = StringPacker()
        column.bytes.withUnsafeBytes { bytes in
            column.offsets.withUnsafeBufferPointer { o in
                for r in 0..<column.count { packer.append(UnsafeRawBufferPointer(rebasing: bytes[o[r]..<o[r + 1]])) }
            }
        }
        return packer.finish()
    }

    /// Compresses one block; stored raw when it does not shrink.
    static func compressBlock(_ block: [UInt8]) -> (bytes: [UInt8], raw: Bool) {
        var out = [UInt8](repeating: 0, count: LZCodec.bound(block.count))
        let n = block.withUnsafeBytes { src in out.withUnsafeMutableBytes { LZCodec.compress(src, into: $0) } }
        guard let n else { return (block, true) }
        // A copy of the right size: the scratch buffer's capacity would stay with it.
        return (Array(out[0..<n]), false)
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
    /// Where everything lies in a packed column: its header, each row's offset in the unpacked
    /// bytes and where each block starts; nil when the row lengths do not add up.
    struct Layout {
        var header: Header
        var offsets: [Int]
        var starts: [Int]
    }

    static func layout(_ bytes: [UInt8], rows expected: Int? = nil) -> Layout? {
        guard let h = header(bytes), h.rows == expected ?? h.rows, h.blocksAt >= h.lengthsAt else { return nil }
        var offsets = [Int](repeating: 0, count: h.rows + 1)
        var r = BinaryReader(bytes, from: h.lengthsAt, to: h.blocksAt, context: "packed strings")
        var sum = 0
        for i in 0..<h.rows {
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
        return Layout(header: h, offsets: offsets, starts: starts)
    }

    /// One block into `output`, which it must fill exactly: copied when stored raw, else decompressed.
    static func decodeBlock(_ input: UnsafeRawBufferPointer, raw: Bool, into output: UnsafeMutableRawBufferPointer) -> Bool {
        guard raw else { return LZCodec.decompress(input, into: output) }
        guard input.count == output.count else { return false }
        output.copyMemory(from: input)
        return true
    }

    static func unpack(_ bytes: [UInt8], rows expected: Int? = nil) -> StringColumn? {
        guard let layout = layout(bytes, rows: expected) else { return nil }
        let h = layout.header, offsets = layout.offsets, starts = layout.starts
        var ok = true
        let text = [UInt8](unsafeUninitializedCapacity: h.total) { out, initialized in
            let dst = UnsafeMutableRawBufferPointer(out)
            ok = bytes.withUnsafeBytes { src in
                Parallel.map(h.blocks.indices) { k -> Bool in
                    let lo = k * h.blockSize, hi = min(h.total, lo + h.blockSize)
                    let input = UnsafeRawBufferPointer(rebasing: src[starts[k]..<(starts[k] + h.blocks[k].length)])
                    return decodeBlock(input, raw: h.blocks[k].raw, into: UnsafeMutableRawBufferPointer(rebasing: dst[lo..<hi]))
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
                if !decodeBlock(input, raw: b.raw, into: UnsafeMutableRawBufferPointer(rebasing: scratch[0..<n])) {
                    return false
                }
            }
            return true
        }
    }
}

/// Packs a string column row by row, compressing each block as soon as it is full (on the
/// other cores), so a column being built never has to exist whole: an import of a million
/// tasks holds about a fifth of its text's bytes.
struct StringPacker {
    private var lengths = BinaryWriter()
    private(set) var rows = 0
    private var total = 0
    private var pending: [UInt8] = []
    private let compressor = BlockCompressor()

    init() {}

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        lengths.count(bytes.count)
        rows += 1
        total += bytes.count
        var i = 0
        while i < bytes.count {
            if pending.isEmpty { pending.reserveCapacity(StringPacking.blockSize) }
            let take = min(StringPacking.blockSize - pending.count, bytes.count - i)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + take)]))
            i += take
            if pending.count == StringPacking.blockSize {
                compressor.submit(pending)
                pending = []
            }
        }
    }

    mutating func append(row: Int, of column: StringColumn) {
        column.bytes.withUnsafeBytes { append(UnsafeRawBufferPointer(rebasing: $0[column.byteRange(row)])) }
    }

    /// The packed column (`StringPacking`'s layout); the packer is spent.
    mutating func finish() -> [UInt8] {
        if !pending.isEmpty { compressor.submit(pending) }
        pending = []
        var blocks = compressor.finish()
        var w = BinaryWriter(reservingCapacity: blocks.reduce(0) { $0 + $1.bytes.count } + lengths.bytes.count + 64)
        w.u8(StringPacking.version)
        w.count(rows)
        w.count(total)
        w.count(StringPacking.blockSize)
        w.count(blocks.count)
        for b in blocks { w.varint(UInt64(b.bytes.count) << 1 | (b.raw ? 1 : 0)) }
        w.raw(lengths.bytes)
        lengths = BinaryWriter()
        for k in blocks.indices {
            w.raw(blocks[k].bytes)
            blocks[k].bytes = [] // each block is freed once copied
        }
        return w.bytes
    }
}

/// Compresses blocks on a concurrent queue, a few at a time, keeping their order.
final class BlockCompressor: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [(bytes: [UInt8], raw: Bool)?] = []
    private let group = DispatchGroup()
    private let slots = DispatchSemaphore(value: max(1, ProcessInfo.processInfo.activeProcessorCount))

    func submit(_ block: [UInt8]) {
        lock.lock()
        let k = results.count
        results.append(nil)
        lock.unlock()
        slots.wait()
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            let r = StringPacking.compressBlock(block)
            self.lock.lock()
            self.results[k] = r
            self.lock.unlock()
            self.slots.signal()
            self.group.leave()
        }
    }

    /// Every block's result, in order (waits for the last ones).
    func finish() -> [(bytes: [UInt8], raw: Bool)] {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        // Every submitted block has its result once the group is done.
        return results.map { $0 ?? ([], true) }
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
