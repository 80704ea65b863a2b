import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drains a child's output pipe on its own thread until end of file, or until `collect(grace:)`'s
/// grace period ends after the child exited.
///
/// `readDataToEndOfFile()` waits for every holder of the pipe's write end: when the suite starts
/// a long-lived process at the same moment (a tmux server, say) and it inherits that end, a child
/// that exited in 40 ms looks hung. The child's exit is what a test judges; this reads what it wrote.
final class PipeDrain: @unchecked Sendable {
    private let pipe: Pipe   // kept alive: its read end closes when it is freed
    private let fd: Int32
    private let lock = NSLock()
    private var data = Data()
    private var stopAt: Date?
    private let finished = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        self.pipe = pipe
        fd = pipe.fileHandleForReading.fileDescriptor
        Thread.detachNewThread { [self] in drain() }
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, 50)
            if ready > 0 {
                let n = read(fd, &buffer, buffer.count)
                if n > 0 {
                    lock.lock(); data.append(contentsOf: buffer[0..<n]); lock.unlock()
                    continue
                }
                if n < 0 && errno == EINTR { continue }
                break   // end of file, or an error
            }
            if ready < 0 && errno != EINTR { break }
            lock.lock(); let stop = stopAt; lock.unlock()
            if let stop, Date() >= stop { break }
        }
        finished.signal()
    }

    /// Everything read: waits for end of file at most `grace` seconds from now.
    func collect(grace: TimeInterval = 2) -> Data {
        lock.lock(); stopAt = Date() + grace; lock.unlock()
        finished.wait()
        lock.lock(); defer { lock.unlock() }
        return data
    }
}
