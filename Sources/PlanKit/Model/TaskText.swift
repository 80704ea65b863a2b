/// A task's text or heading: a `String`, or (as the importer makes it) the UTF-8 bytes encoded
/// from the parser's scalars, which the task table packs as they are. Imported texts thus never
/// become Strings on the way to the table: no String storage, and no second check of UTF-8 the
/// decoder has already checked. Compared and hashed as the String it reads as.
struct TaskText: Sendable, Hashable {
    private enum Storage: Sendable {
        case string(String)
        /// The first `count` bytes of the array: valid UTF-8, cut at a scalar boundary.
        case utf8([UInt8], count: Int)
    }
    private var storage: Storage

    init(_ s: String) { storage = .string(s) }

    /// The first `count` bytes of `utf8`, which must be valid UTF-8 ending on a scalar boundary.
    init(utf8: [UInt8], count: Int) { storage = .utf8(utf8, count: count) }

    var string: String {
        switch storage {
        case let .string(s): return s
        case let .utf8(b, n): return b.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[..<n]), as: UTF8.self) }
        }
    }

    func withUTF8<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch storage {
        case var .string(s): return s.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case let .utf8(b, n): return b.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
        }
    }

    static func == (a: TaskText, b: TaskText) -> Bool { a.string == b.string }
    func hash(into h: inout Hasher) { h.combine(string) }
}
