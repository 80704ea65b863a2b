import Foundation

/// Where a string column's packed form (`StringPacking`) lies.
enum PackedSource: Sendable {
    /// Packed here, by this process (kept so the next snapshot written does not pack it again).
    case memory([UInt8])
    /// A verified section of a snapshot file, read again (and verified again) when needed.
    case file(SnapshotSection)
}

/// A string column that may stay packed until it is first read.
///
/// Task texts are most of a store's bytes and few commands read them: a snapshot's text,
/// headings and target phrases are kept packed (in the file they came from) and unpacked once,
/// on first use, by whichever command needs them. Writing a snapshot copies the packed form
/// as it is. Once unpacked, the column never changes (a table with other rows gets a new box),
/// so copies of a table share one box.
final class StringColumnBox: @unchecked Sendable {
    private let lock = NSLock()
    private var column: StringColumn?
    private var source: PackedSource?
    /// Single rows of the packed form, made on the first `row(_:)` before the column is unpacked.
    private var rowReader: PackedRows?
    /// Rows of the column (known without unpacking).
    let rows: Int

    init(_ column: StringColumn) {
        self.column = column
        rows = column.count
    }

    /// A packed column of `rows` rows, unpacked on first read.
    init(rows: Int, packed: PackedSource) {
        self.rows = rows
        source = packed
    }

    /// The column, unpacked now if it was not yet. A packed form that can no longer be read
    /// whole (its file damaged since it was verified) gives `rows` empty strings rather than a crash.
    var value: StringColumn {
        lock.lock()
        defer { lock.unlock() }
        if let column { return column }
        // Bytes already read for single rows are not read (and verified) again.
        let unpacked = rowReader.flatMap { StringPacking.unpack($0.bytes, rows: rows) }
            ?? source.flatMap { StringColumnBox.unpack($0, rows: rows) }
            ?? StringColumn(bytes: [], offsets: Array(repeating: 0, count: rows + 1))
        column = unpacked
        rowReader = nil
        return unpacked
    }

    /// Row `r` alone: from the column when it is unpacked, else from the packed form without
    /// unpacking the other rows (the packed bytes and their row offsets are kept for the next
    /// row asked for). Rows read one by one for `update`, `show task` or a short table; once they
    /// have cost more blocks than unpacking would, the column is unpacked whole.
    func row(_ r: Int) -> String {
        lock.lock()
        if let column {
            lock.unlock()
            return column[r]
        }
        if rowReader == nil, let source {
            let bytes: [UInt8]?
            switch source {
            case let .memory(b): bytes = b
            case let .file(section): bytes = try? section.read()
            }
            rowReader = bytes.flatMap { PackedRows($0, rows: rows) }
        }
        let one = rowReader?.row(r)
        let unpackNow = rowReader.map { !$0.worthKeeping } ?? true
        lock.unlock()
        if let one, !unpackNow { return one }
        return value[r]
    }

    private static func unpack(_ source: PackedSource, rows: Int) -> StringColumn? {
        switch source {
        case let .memory(bytes):
            return StringPacking.unpack(bytes, rows: rows)
        case let .file(section):
            guard let bytes = try? section.read() else { return nil }
            return StringPacking.unpack(bytes, rows: rows)
        }
    }

    var isUnpacked: Bool {
        lock.lock()
        defer { lock.unlock() }
        return column != nil
    }

    /// The packed form, when there is one.
    var packed: PackedSource? {
        lock.lock()
        defer { lock.unlock() }
        return source
    }

    /// Records where the packed form now lies (packed in memory, or written to a new file).
    func setPacked(_ s: PackedSource) {
        lock.lock()
        defer { lock.unlock() }
        source = s
    }

    /// The packed form, packing the column now (and keeping the result) when it has none.
    func packedForWriting() -> PackedSource {
        if let p = packed { return p }
        let bytes = StringPacking.pack(value)
        setPacked(.memory(bytes))
        return .memory(bytes)
    }
}
