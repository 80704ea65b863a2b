import Foundation

/// Unbuffered writes to standard output and error, so a program driving plansh through a pipe
/// sees each command's output as soon as it is done.
public enum StandardStreams {
    public enum Stream { case out, err }

    public static func write(_ s: String, to stream: Stream) {
        guard !s.isEmpty else { return }
        let fd: Int32 = stream == .out ? 1 : 2
        var bytes = Array(s.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf in
                Foundation.write(fd, buf.baseAddress.map { $0 + off }, buf.count - off)
            }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            off += n
        }
        bytes.removeAll()
    }
}
