import Foundation
import ZIPFoundation

/// Turns fuzzer input into an Office package, so mutations reach the XML of a .docx or .xlsx
/// instead of dying at the zip layer (a flipped byte in deflated data fails the CRC).
///
/// Input that starts with `PK` is used whole, as the package itself (the zip reader and its
/// limits are fuzzed that way). Any other input is cut at NUL bytes (which XML never holds)
/// into the parts the harness names, packed into a zip in memory with ZIPFoundation: stored
/// when the input's length is even, deflated when odd, so both of the reader's paths are run.
/// Empty parts are left out of the package.
enum FuzzPackage {
    /// `PLANSH_FUZZ_DUMP=FILE` writes each package built to FILE (to keep a crash's input as the
    /// reader saw it, for `Tests/Fuzz/regressions`).
    static let dumpPath = ProcessInfo.processInfo.environment["PLANSH_FUZZ_DUMP"]

    /// The package for `bytes`: the input itself when it is a zip, else `parts` (member paths)
    /// filled from the NUL-separated pieces, plus `fixed` members whose path no piece filled.
    static func package(_ bytes: [UInt8], parts: [String], fixed: [(String, String)]) -> Data? {
        if bytes.starts(with: [0x50, 0x4B]) { return dump(Data(bytes)) }
        let pieces = bytes.split(separator: 0, maxSplits: parts.count - 1, omittingEmptySubsequences: false)
        var members: [(String, Data)] = []
        for (path, piece) in zip(parts, pieces) where !piece.isEmpty { members.append((path, Data(piece))) }
        for (path, text) in fixed where !members.contains(where: { $0.0 == path }) { members.append((path, Data(text.utf8))) }
        return pack(members, deflate: bytes.count % 2 == 1).flatMap(dump)
    }

    static func pack(_ members: [(String, Data)], deflate: Bool) -> Data? {
        guard let archive = try? Archive(data: Data(), accessMode: .create) else { return nil }
        for (path, data) in members {
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     compressionMethod: deflate ? .deflate : .none) { position, size in
                    let from = Int(position)
                    return data.subdata(in: from..<min(from + size, data.count))
                }
            } catch {
                return nil
            }
        }
        return archive.data
    }

    static func dump(_ data: Data) -> Data {
        if let dumpPath { FileManager.default.createFile(atPath: dumpPath, contents: data) }
        return data
    }
}
