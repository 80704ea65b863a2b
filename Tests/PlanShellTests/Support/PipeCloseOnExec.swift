import Foundation

extension Pipe {
    /// This pipe with both ends closed on exec: the child it is handed to still gets it (as its
    /// standard input or output, which `dup2` makes anew), but no other process spawned meanwhile
    /// by a test running beside this one (a tmux server, another plansh) inherits it and so
    /// keeps a reader from ever seeing the end of its input.
    func closedOnExec() -> Pipe {
        _ = fcntl(fileHandleForReading.fileDescriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        return self
    }
}
