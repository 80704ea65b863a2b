import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open snapshot file, closed when the last section read from it is gone.
///
/// Store files are never written in place (a new file is renamed over the old one), so a handle
/// keeps reading the file it opened, whatever happens to the name.
final class SharedFile: @unchecked Sendable {
    let fd: Int32
    let path: String
    /// The name shown in messages (relative to the store).
    let displayName: String

    init(fd: Int32, path: String, displayName: String) {
        self.fd = fd
        self.path = path
        self.displayName = displayName
    }

    deinit { close(fd) }
}

/// A section of a snapshot file whose checksum was verified when the file was read; read again
/// later (a packed column on first use, or copied into the next snapshot written) and verified
/// again then, so damage done to the file in between is found, never passed on.
struct SnapshotSection: Sendable {
    let file: SharedFile
    let offset: Int
    let length: Int
    let checksum: UInt64
    let label: String

    private func damaged() -> StoreCorruption {
        StoreCorruption(Messages.fileDamaged(file.displayName, "checksum mismatch in section \(label)"))
    }

    /// The section's bytes, verified.
    func read() throws -> [UInt8] {
        guard let bytes = try FileIO.readBytes(file.fd, count: length, at: offset, path: file.path),
              Checksum.xxh64(bytes) == checksum else { throw damaged() }
        return bytes
    }

    /// Hands the section's bytes to `body` piece by piece through one small buffer, then verifies
    /// the checksum over them (throwing when it does not match: whatever `body` did must be undone).
    func stream(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var hasher = StreamingChecksum()
        try SnapshotSection.stream(file: file, offset: offset, length: length) { piece in
            hasher.update(piece)
            try body(piece)
        }
        guard hasher.finish() == checksum else { throw damaged() }
    }

    /// Reads `length` bytes at `offset` in pieces of at most 1 MB (one buffer, reused).
    static func stream(file: SharedFile, offset: Int, length: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let piece = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: min(piece, max(1, length)), alignment: 8)
        defer { buffer.deallocate() }
        var done = 0
        while done < length {
            let n = min(piece, length - done)
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n])
            guard try FileIO.read(file.fd, into: slice, at: offset + done, path: file.path) else {
                throw StoreCorruption(Messages.sectionPastEnd(file.displayName))
            }
            try body(UnsafeRawBufferPointer(slice))
            done += n
        }
    }
}
