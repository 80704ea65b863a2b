/// Many strings stored back to back in one UTF-8 buffer, so a column can be searched
/// with one `memmem` and loaded from disk in one read.
public struct StringColumn: Sendable, Equatable {
    /// All strings' UTF-8 bytes, concatenated.
    public private(set) var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i+1]` is row i; `offsets.count == count + 1`.
    public private(set) var offsets: [Int] = [0]

    public init() {}

    public init(bytes: [UInt8], offsets: [Int]) {
        self.bytes = bytes
        self.offsets = offsets
    }

    public var count: Int { offsets.count - 1 }

    public mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        offsets.append(bytes.count)
    }

    /// Appends a row of raw bytes (an encoded blob; not necessarily text).
    mutating func append(bytes b: [UInt8]) {
        bytes.append(contentsOf: b)
        offsets.append(bytes.count)
    }

    public mutating func append(from other: StringColumn, row: Int) {
        let r = other.offsets[row]..<other.offsets[row + 1]
        bytes.append(contentsOf: other.bytes[r])
        offsets.append(bytes.count)
    }

    public mutating func reserve(rows: Int, bytes n: Int) {
        offsets.reserveCapacity(rows + 1)
        bytes.reserveCapacity(n)
    }

    public func byteRange(_ row: Int) -> Range<Int> { offsets[row]..<offsets[row + 1] }

    /// The offsets describe `rows` rows lying inside the bytes, in order: what a column read from
    /// a file must be before a row is read from it (upgrades run before the table is validated).
    func isSound(rows: Int) -> Bool {
        guard offsets.count == rows + 1, offsets.first == 0, offsets.last == bytes.count else { return false }
        var previous = 0
        for o in offsets {
            if o < previous { return false }
            previous = o
        }
        return true
    }

    public subscript(row: Int) -> String {
        String(decoding: bytes[offsets[row]..<offsets[row + 1]], as: UTF8.self)
    }

    /// The row whose bytes contain byte offset `position` (binary search over offsets).
    public func row(containing position: Int) -> Int {
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if offsets[mid] <= position { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

/// A set of distinct strings numbered in order of first appearance (offices, units, notes).
public struct StringInterner: Sendable, Equatable {
    public private(set) var names: [String] = []
    private var codes: [String: UInt32] = [:]

    public init() {}

    public init(names: [String]) {
        for n in names { _ = intern(n) }
    }

    public mutating func intern(_ s: String) -> UInt32 {
        if let c = codes[s] { return c }
        let c = UInt32(names.count)
        names.append(s)
        codes[s] = c
        return c
    }

    public func code(of s: String) -> UInt32? { codes[s] }
    public subscript(code: UInt32) -> String { names[Int(code)] }
    public var count: Int { names.count }
}
