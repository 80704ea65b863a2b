import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, checked wrappers over the POSIX calls the store needs for durability:
/// full writes and reads at an offset, fsync of files and directories, atomic replacement.
///
/// Every file descriptor is opened close-on-exec, so a lock never leaks into a child process.
enum FileIO {
    static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws -> Int32 {
        while true {
            let fd = Foundation.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw FileIOError(path: path, operation: "open", code: errno)
        }
    }

    /// Writes every byte of `buffer` at `offset`.
    static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            // Large writes go in pieces so a progress line can follow and the kernel is not asked for GBs at once.
            let chunk = min(buffer.count - done, 1 << 30)
            let n = pwrite(fd, base + done, chunk, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(path: path, operation: "write", code: errno)
            }
            done += n
        }
    }

    /// Reads exactly `buffer.count` bytes at `offset`; false when the file is shorter.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int, path: String) throws -> Bool {
        guard let base = buffer.baseAddress else { return true }
        var done = 0
        while done < buffer.count {
            let n = pread(fd, base + done, min(buffer.count - done, 1 << 30), off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(path: path, operation: "read", code: errno)
            }
            if n == 0 { return false }
            done += n
        }
        return true
    }

    /// Asks for transparent huge pages on a large fresh buffer before it is filled, so reading
    /// hundreds of megabytes takes a few hundred page faults instead of a few hundred thousand.
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let huge = 2 << 20
        guard buffer.count >= 2 * huge, let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, end - start, 14) // MADV_HUGEPAGE
        #endif
    }

    static func readBytes(_ fd: Int32, count: Int, at offset: Int, path: String) throws -> [UInt8]? {
        var ok = false
        let bytes = try [UInt8](unsafeUninitializedCapacity: count) { buf, initialized in
            ok = try read(fd, into: UnsafeMutableRawBufferPointer(buf), at: offset, path: path)
            initialized = ok ? count : 0
        }
        return ok ? bytes : nil
    }

    static func size(_ fd: Int32, path: String) throws -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileIOError(path: path, operation: "stat", code: errno) }
        return Int(st.st_size)
    }

    static func sync(_ fd: Int32, path: String) throws {
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw FileIOError(path: path, operation: "fsync", code: errno)
        }
    }

    /// Makes a rename or creation inside `directory` durable.
    static func syncDirectory(_ directory: String) throws {
        let fd = try open(directory, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try sync(fd, path: directory)
    }

    static func truncate(_ fd: Int32, to size: Int, path: String) throws {
        while ftruncate(fd, off_t(size)) != 0 {
            if errno == EINTR { continue }
            throw FileIOError(path: path, operation: "truncate", code: errno)
        }
    }

    static func rename(_ from: String, _ to: String) throws {
        guard Foundation.rename(from, to) == 0 else { throw FileIOError(path: to, operation: "rename", code: errno) }
    }

    /// Gives the file at `from` a second name `to` (`link(2)`; `to` must not exist). Returns 0, or
    /// the errno when the file system refuses (EXDEV, EPERM, ENOTSUP, EMLINK, EEXIST…), so the
    /// caller can fall back to writing a copy.
    static func link(_ from: String, _ to: String) -> Int32 {
        while Foundation.link(from, to) != 0 {
            if errno == EINTR { continue }
            return errno
        }
        return 0
    }

    /// Removes a name; a missing file is not an error.
    static func remove(_ path: String) throws {
        guard Foundation.unlink(path) == 0 || errno == ENOENT else {
            throw FileIOError(path: path, operation: "remove", code: errno)
        }
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Writes a file so that readers and crashes see either the old content or the whole new one:
    /// a temporary file in the same directory, fsync, rename over `path`, fsync of the directory.
    static func replaceAtomically(_ path: String, _ body: (FileWriter) throws -> Void) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let tmp = (dir as NSString).appendingPathComponent(".tmp-\(getpid())-\(name)")
        let fd = try open(tmp, O_WRONLY | O_CREAT | O_TRUNC)
        let writer = FileWriter(fd: fd, path: tmp)
        do {
            try body(writer)
            try sync(fd, path: tmp)
            close(fd)
            try rename(tmp, path)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        try syncDirectory(dir)
    }
}

/// Appends to an open file, remembering the offset.
final class FileWriter {
    let fd: Int32
    let path: String
    private(set) var offset = 0

    init(fd: Int32, path: String, offset: Int = 0) {
        self.fd = fd
        self.path = path
        self.offset = offset
    }

    func write(_ buffer: UnsafeRawBufferPointer) throws {
        try FileIO.write(fd, buffer, at: offset, path: path)
        offset += buffer.count
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// A failed system call on a store file.
struct FileIOError: Error, CustomStringConvertible {
    var path: String
    var operation: String
    var code: Int32
    var description: String { "cannot \(operation) \(path): \(FileIO.errorText(code))" }
}
