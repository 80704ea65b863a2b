/// A growable run of bytes written through a pointer: what CSV of a large result is built in.
///
/// Appends are a bounds check and a copy, with no uniqueness or exclusivity checks per call (it
/// is a struct passed `inout`, its memory owned by a private object). Use one buffer in one
/// place: a copy shares the memory it was made with until either grows.
struct ByteBuffer {
    /// Owns the memory; freed when the last buffer using it is gone.
    private final class Storage {
        let base: UnsafeMutablePointer<UInt8>
        init(capacity: Int) { base = .allocate(capacity: capacity) }
        deinit { base.deallocate() }
    }

    private var storage: Storage
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Where full buffers go when the bytes are streamed (`init(flushingTo:)`); nil keeps them all.
    private let sink: ((UnsafeRawBufferPointer) -> Void)?

    init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        storage = Storage(capacity: self.capacity)
        base = storage.base
        sink = nil
    }

    /// A buffer of `capacity` bytes that hands its bytes to `sink` whenever it fills (and on
    /// `flush`): a large result goes out in pieces, never whole in memory.
    init(capacity: Int = 1 << 18, flushingTo sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.capacity = max(64, capacity)
        storage = Storage(capacity: self.capacity)
        base = storage.base
        self.sink = sink
    }

    /// Hands the bytes written so far to the sink (none without one) and empties the buffer.
    mutating func flush() {
        guard let sink, count > 0 else { return }
        sink(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    /// Makes room for `needed` bytes in all: a streamed buffer first hands on what it holds.
    private mutating func grow(_ needed: Int) {
        var needed = needed
        if sink != nil {
            needed -= count
            flush()
            if needed <= capacity { return }
        }
        let size = max(needed, capacity * 2, 64)
        let bigger = Storage(capacity: size)
        bigger.base.update(from: base, count: count)
        storage = bigger
        base = bigger.base
        capacity = size
    }

    @inline(__always)
    mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    @inline(__always)
    mutating func append(_ p: UnsafeBufferPointer<UInt8>) {
        guard let src = p.baseAddress else { return }
        reserve(p.count)
        ByteBuffer.copy(base + count, src, p.count)
        count += p.count
    }

    /// Copies n bytes; short runs (ids, paths) as a few overlapping word moves, not a call.
    @inline(__always)
    static func copy(_ dst: UnsafeMutablePointer<UInt8>, _ src: UnsafePointer<UInt8>, _ n: Int) {
        let d = UnsafeMutableRawPointer(dst), s = UnsafeRawPointer(src)
        if n >= 8 && n <= 16 {
            let a = s.loadUnaligned(as: UInt64.self), b = s.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            d.storeBytes(of: a, as: UInt64.self)
            d.storeBytes(of: b, toByteOffset: n - 8, as: UInt64.self)
        } else if n < 8 {
            if n >= 4 {
                let a = s.loadUnaligned(as: UInt32.self), b = s.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
                d.storeBytes(of: a, as: UInt32.self)
                d.storeBytes(of: b, toByteOffset: n - 4, as: UInt32.self)
            } else {
                for i in 0..<n { dst[i] = src[i] }
            }
        } else if n <= 32 {
            let a = s.loadUnaligned(as: UInt64.self), b = s.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let c = s.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self), e = s.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            d.storeBytes(of: a, as: UInt64.self)
            d.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            d.storeBytes(of: c, toByteOffset: n - 16, as: UInt64.self)
            d.storeBytes(of: e, toByteOffset: n - 8, as: UInt64.self)
        } else {
            dst.update(from: src, count: n)
        }
    }

    /// Lets `body` write at most `n` bytes straight into the buffer; it returns how many it wrote.
    @inline(__always)
    mutating func write(atMost n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(n)
        count += body(base + count)
    }

    /// `bytes[range]`.
    @inline(__always)
    mutating func append(_ bytes: [UInt8], _ range: Range<Int>) {
        bytes.withUnsafeBufferPointer { append(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        for b in bytes { append(b) }
    }

    /// The bytes as text (invalid UTF-8 repaired, as `String(decoding:as:)` does).
    func string() -> String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }
}
