import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a file a user named (a plan, a sheet, a script), with true messages and a bound.
///
/// A named pipe with no writer would block forever and `/dev/zero` never ends, and Foundation
/// reports both as "permission". So a plan or sheet must be a regular file: anything else is
/// refused by what it is, before it is opened. A script may also come from a pipe or a terminal
/// (`plansh /dev/stdin`, `plansh <(…)`), read to its end. Every read stops at `limit` bytes.
public enum InputFile {
    /// What may be read.
    public enum Kind: Sendable { case regularOnly, regularOrStream }

    /// Plans and sheets larger than this are refused (the largest real plan is a few MB).
    public static let defaultLimit = 256 << 20

    /// The bytes of `path`; `displayName` names it in messages.
    public static func read(_ path: String, displayName: String, kind: Kind = .regularOnly,
                            limit: Int = InputFile.defaultLimit) throws -> Data {
        var st = stat()
        guard stat(path, &st) == 0 else { throw failure(displayName, errno) }
        if let what = refusal(st.st_mode, kind: kind, path: path) {
            throw Diagnostic(Messages.notAFile(displayName, what: what))
        }
        if (st.st_mode & S_IFMT) == S_IFREG && Int(st.st_size) > limit {
            throw Diagnostic(Messages.fileTooLarge(displayName, size: sizeText(Int(st.st_size)), limit: sizeText(limit)))
        }
        // A regular file is opened without blocking: if it was swapped for a pipe since `stat`,
        // the open cannot hang, and the check below catches it.
        let regular = (st.st_mode & S_IFMT) == S_IFREG
        let fd = open(path, O_RDONLY | O_CLOEXEC | (regular ? O_NONBLOCK : 0))
        guard fd >= 0 else { throw failure(displayName, errno) }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0 else { throw failure(displayName, errno) }
        if let what = refusal(opened.st_mode, kind: kind, path: path) {
            throw Diagnostic(Messages.notAFile(displayName, what: what))
        }
        var out = Data()
        // A regular file's size is known: one allocation, no copies as the data grows.
        if regular { out.reserveCapacity(min(Int(opened.st_size), limit) + 1) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(displayName, errno)
            }
            if n == 0 { break }
            if out.count + n > limit {
                throw Diagnostic(Messages.streamTooLarge(displayName, limit: sizeText(limit)))
            }
            out.append(contentsOf: buffer[0..<n])
            if Cancellation.isRequested { throw Cancellation.diagnostic }
        }
        return out
    }

    /// Why a file of mode `mode` is not read, in words; nil when it is.
    static func refusal(_ mode: mode_t, kind: Kind, path: String) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFIFO: return kind == .regularOrStream ? nil : "a named pipe (FIFO)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR:
            if kind == .regularOrStream && isTerminal(path) { return nil }
            return "a device"
        case S_IFBLK: return "a block device"
        default: return "not a regular file"
        }
    }

    static func isTerminal(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return isatty(fd) != 0
    }

    static func failure(_ displayName: String, _ code: Int32) -> Diagnostic {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES, EPERM: reason = "permission denied"
        case ENOTDIR: reason = "a part of the path is not a directory"
        default: reason = String(cString: strerror(code))
        }
        return Diagnostic(Messages.cannotRead(displayName, reason: reason))
    }

    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }

    @inline(__always)
    static func systemRead(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, p, n)
        #else
        return Darwin.read(fd, p, n)
        #endif
    }
}
