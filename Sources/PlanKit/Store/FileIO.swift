import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, checked wrappers over the POSIX calls the store needs for durability:
/// full writes and reads at an offset, fsync of files and directories, atomic replacement.
///
/// Every file descriptor is opened close-on-exec, so a lock never leaks into a child process, and
/// with `O_NOFOLLOW`: a symbolic link planted in the store is an error naming it, never a way to
/// make plansh read or write a file elsewhere.
enum FileIO {
    static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws -> Int32 {
        while true {
            let fd = Foundation.open(path, flags | O_CLOEXEC | O_NOFOLLOW, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            let code = errno
            // ELOOP (Linux, BSD) or EMLINK (FreeBSD) is how O_NOFOLLOW says "that is a link".
            if (code == ELOOP || code == EMLINK) && isSymbolicLink(path) { throw FileIOError.symbolicLink(path) }
            throw FileIOError(path: path, operation: "open", code: code)
        }
    }

    /// True when `path` itself (not what it points to) is a symbolic link.
    static func isSymbolicLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// Writes every byte of `buffer` at `offset`.
    static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        guard let base = buffer.baseAddress else { return }
        if let code = FaultInjection.failure(.write, path) { throw FileIOError(path: path, operation: "write", code: code) }
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
        if let code = FaultInjection.failure(.read, path) { throw FileIOError(path: path, operation: "read", code: code) }
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
        if let code = FaultInjection.failure(.fsync, path) { throw FileIOError(path: path, operation: "fsync", code: code) }
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

    /// Removes a name; a missing file is not an error.
    static func remove(_ path: String) throws {
        guard Foundation.unlink(path) == 0 || errno == ENOENT else {
            throw FileIOError(path: path, operation: "remove", code: errno)
        }
    }

    /// True when a name exists at `path` (a symbolic link counts: it is not followed).
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Every byte of the file at `path` (read through a handle opened without following links).
    static func readAll(_ path: String) throws -> [UInt8] {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        let size = try self.size(fd, path: path)
        guard let bytes = try readBytes(fd, count: size, at: 0, path: path) else {
            throw FileIOError(path: path, operation: "read", code: EIO)
        }
        return bytes
    }

    /// Writes `bytes` to a new file `to` (never replacing one), makes it durable, and reads it
    /// back to compare: a copy that is known to hold what the original held.
    static func writeVerifiedCopy(_ bytes: [UInt8], to path: String) throws {
        let fd = try open(path, O_RDWR | O_CREAT | O_EXCL)
        do {
            try bytes.withUnsafeBytes { try write(fd, $0, at: 0, path: path) }
            try sync(fd, path: path)
            guard try readBytes(fd, count: bytes.count, at: 0, path: path) == bytes,
                  try size(fd, path: path) == bytes.count else {
                throw FileIOError(path: path, operation: "verify the copy written to", code: EIO)
            }
            close(fd)
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
        try syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Writes a file so that readers and crashes see either the old content or the whole new one:
    /// a temporary file in the same directory, fsync, rename over `path`, fsync of the directory.
    /// With `keepOpen`, returns a handle on the new file (the caller closes it); else nil.
    @discardableResult
    static func replaceAtomically(_ path: String, keepOpen: Bool = false, _ body: (FileWriter) throws -> Void) throws -> Int32? {
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let tmp = (dir as NSString).appendingPathComponent(".tmp-\(getpid())-\(name)")
        let fd = try open(tmp, O_RDWR | O_CREAT | O_TRUNC)
        let writer = FileWriter(fd: fd, path: tmp)
        do {
            try body(writer)
            try sync(fd, path: tmp)
            try rename(tmp, path)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        do {
            try syncDirectory(dir)
        } catch {
            close(fd)
            throw error
        }
        if keepOpen { return fd }
        close(fd)
        return nil
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
    var message: Message {
        if operation == FileIOError.linkOperation { return Messages.symbolicLinkInStore(path) }
        return Messages.fileOperationFailed(operation, path: path, reason: FileIO.errorText(code))
    }
    var description: String { message.text }

    static let linkOperation = "follow the link"

    static func symbolicLink(_ path: String) -> FileIOError {
        FileIOError(path: path, operation: linkOperation, code: ELOOP)
    }
}

/// Failures the tests make a store's system calls return (a full disk, a failing fsync) where the
/// real fault cannot be produced. Scoped to a directory so tests running side by side are not hit.
enum FaultInjection {
    enum Call: Sendable { case write, fsync, read }

    private struct Rule {
        /// nil: every write and fsync.
        var call: Call?
        var prefix: String
        var code: Int32
        /// Calls still let through before the rule starts failing them.
        var remaining: Int
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var rules: [Rule] = []

    /// Until `clear(under:)`, every `call` on a path under `directory` fails with `code`.
    static func fail(_ call: Call, under directory: String, with code: Int32) {
        add(Rule(call: call, prefix: directory, code: code, remaining: 0))
    }

    /// Until `clear(under:)`, the first `calls` writes and fsyncs (not reads) under `directory` succeed and
    /// every one after them fails: the files stay as a `kill -9` after those calls leaves them
    /// (what was renamed into place stays; nothing is written after).
    static func stop(under directory: String, after calls: Int) {
        add(Rule(call: nil, prefix: directory, code: EIO, remaining: calls))
    }

    private static func add(_ rule: Rule) {
        lock.lock()
        defer { lock.unlock() }
        var r = rule
        if !r.prefix.hasSuffix("/") { r.prefix += "/" }
        rules.append(r)
    }

    static func clear(under directory: String) {
        lock.lock()
        defer { lock.unlock() }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        rules.removeAll { $0.prefix == prefix }
    }

    static func failure(_ call: Call, _ path: String) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        guard !rules.isEmpty else { return nil }
        let full = path.hasSuffix("/") ? path : path + "/"
        // A rule for every call (`stop`) stops writing, as a crash does; reads go on.
        guard let i = rules.firstIndex(where: { ($0.call == call || $0.call == nil && call != .read) && full.hasPrefix($0.prefix) })
        else { return nil }
        if rules[i].remaining > 0 {
            rules[i].remaining -= 1
            return nil
        }
        return rules[i].code
    }
}
