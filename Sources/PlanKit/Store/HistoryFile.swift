import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The line editor's history file in the store, opened as every store file is: never through a
/// symbolic link (a link planted there must not make plansh overwrite a file elsewhere).
public enum HistoryFile {
    /// True when `path` is a regular file that can be read without following a link.
    public static func isReadable(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// An emptied file handle to write the whole history into (created owner-only), or why not.
    public static func openForWriting(_ path: String) -> Result<Int32, Diagnostic> {
        do {
            let fd = try FileIO.open(path, O_WRONLY | O_CREAT)
            try FileIO.truncate(fd, to: 0, path: path)
            return .success(fd)
        } catch let e as FileIOError {
            return .failure(Diagnostic(Messages.historyNotSaved(e.description)))
        } catch {
            return .failure(Diagnostic(Messages.historyNotSaved(String(describing: error))))
        }
    }
}
