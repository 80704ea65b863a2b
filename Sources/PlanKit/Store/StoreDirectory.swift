import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The checks a store directory passes before plansh reads or writes anything in it.
///
/// A store prepared by someone else must not be able to make plansh overwrite the files of the
/// user running it: the directory must belong to that user and be writable by nobody else, and
/// no name inside it is followed as a symbolic link (`FileIO.open` uses `O_NOFOLLOW`; folders
/// are checked here). The path given may itself pass through links: it is resolved once.
enum StoreDirectory {
    /// The resolved directory, created (mode 0700) when missing, and why it cannot be written
    /// (nil when it can).
    static func open(_ requested: URL) throws -> (URL, readOnly: String?) {
        var st = stat()
        if stat(requested.path, &st) != 0 {
            do {
                try FileManager.default.createDirectory(at: requested, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                try? FileIO.syncDirectory(requested.deletingLastPathComponent().path)
            } catch {
                throw Diagnostic(Messages.cannotCreateStore(requested.path, reason: creationProblem(requested)))
            }
        }
        guard let real = realpath(requested.path, nil) else {
            throw Diagnostic(Messages.cannotOpenStore(requested.path, reason: FileIO.errorText()))
        }
        let path = String(cString: real)
        free(real)
        guard lstat(path, &st) == 0 else { throw Diagnostic(Messages.cannotOpenStore(path, reason: FileIO.errorText())) }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { throw Diagnostic(Messages.storeNotDirectory(requested.path)) }
        if st.st_uid != geteuid() {
            throw Diagnostic(Messages.storeOfAnotherUser(path, uid: st.st_uid))
        }
        // Group-writable is refused only for a group other than the user's own (with per-user
        // groups, a umask of 002 makes every directory group-writable and harms no one).
        if st.st_mode & 0o002 != 0 || (st.st_mode & 0o020 != 0 && st.st_gid != getegid()) {
            throw Diagnostic(Messages.storeWritableByOthers(path, mode: String(st.st_mode & 0o777, radix: 8)))
        }
        for folder in [Store.snapshotsFolder, Store.damagedFolder] {
            let sub = (path as NSString).appendingPathComponent(folder)
            if FileIO.isSymbolicLink(sub) { throw Diagnostic(FileIOError.symbolicLink(sub).message) }
        }
        return (URL(fileURLWithPath: path, isDirectory: true), writeProblem(path))
    }

    /// Why nothing can be written in `path`, or nil.
    static func writeProblem(_ path: String) -> String? {
        if access(path, W_OK | X_OK) == 0 { return nil }
        switch errno {
        case EROFS: return Messages.readOnlyFileSystem
        case EACCES, EPERM: return Messages.mayNotWriteIn(path)
        default: return "\(path): \(FileIO.errorText())"
        }
    }

    /// Creates `folder` (mode 0700) when missing; refuses a link or a file in its place.
    static func makeFolder(_ folder: String, in parent: String) throws {
        var st = stat()
        if lstat(folder, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFLNK { throw FileIOError.symbolicLink(folder) }
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw FileIOError(path: folder, operation: "use the folder", code: ENOTDIR) }
            return
        }
        guard mkdir(folder, 0o700) == 0 || errno == EEXIST else {
            throw FileIOError(path: folder, operation: "create the folder", code: errno)
        }
        try FileIO.syncDirectory(parent)
    }

    /// Why a store directory cannot be made, in plain words: the nearest existing ancestor
    /// and what is wrong with it (Foundation's own message names no path).
    static func creationProblem(_ directory: URL) -> String {
        let fm = FileManager.default
        var ancestor = directory.deletingLastPathComponent()
        while ancestor.path != "/" && !fm.fileExists(atPath: ancestor.path) {
            ancestor = ancestor.deletingLastPathComponent()
        }
        var isDir: ObjCBool = false
        _ = fm.fileExists(atPath: ancestor.path, isDirectory: &isDir)
        if !isDir.boolValue { return Messages.ancestorNotDirectory(ancestor.path) }
        if let problem = writeProblem(ancestor.path) { return problem }
        return Messages.ancestorRefusesDirectories(ancestor.path)
    }
}
