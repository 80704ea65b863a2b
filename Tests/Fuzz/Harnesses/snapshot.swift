import Foundation
@testable import PlanKit

/// The snapshot decoder. Checksums are recomputed over the mutated bytes first (section sums in
/// the header, the header sum, the preamble sum) when the layout allows it, so mutations reach
/// the decoding and table checks behind them instead of stopping at the first checksum.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = FuzzFixture.bytes(data, size)
    SnapshotFixup.fixChecksums(&bytes)
    let path = SnapshotFixup.scratch
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
    if let reader = try? SnapshotFile.Reader(path: path, displayName: "fuzz.snapshot"),
       let w = try? reader.workspace() {
        if let r = try? FuzzFixture.query("find tasks", in: w) { FuzzFixture.renderEverywhere(r) }
        _ = try? FuzzFixture.query("count tasks by office, status", in: w)
        // Format 4 keeps text, target phrases and plan details packed until first read: read them.
        _ = try? FuzzFixture.query("find tasks where text contains \"推进\"", in: w)
        for r in 0..<min(w.taskCount, 50) { _ = w.task(row: r) }
        // `show task` reads a task's text, heading, target phrases and history; `show plan` the
        // plan's packed details; `find targets` the target phrases of every row.
        for r in stride(from: 0, to: w.taskCount, by: max(1, w.taskCount / 5)).prefix(5) {
            FuzzFixture.renderEverywhere(TaskDetail(workspace: w, row: r, context: FuzzFixture.context))
        }
        for p in w.plans.prefix(3) {
            if let outline = try? PlanOutline(workspace: w, planID: p.id) { FuzzFixture.renderEverywhere(outline) }
        }
        _ = try? FuzzFixture.query("find targets where metric contains \"率\"", in: w)
        _ = try? FuzzFixture.query("find tasks where heading contains \"建设\" show id, heading, text", in: w)
        for p in w.plans { _ = (p.warnings.count, p.sections.count, p.extras.count) }
        for h in w.history.prefix(200) { _ = h.taskID }
        _ = w.history.month.max()
        _ = try? reader.verifyPackedColumns()
    }
    return 0
}

enum SnapshotFixup {
    static let scratch: String = {
        let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return dir + "/plansh-fuzz-snapshot-\(getpid())"
    }()

    static func putU64(_ v: UInt64, _ b: inout [UInt8], at p: Int) {
        for i in 0..<8 { b[p + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i))) }
    }

    /// Rewrites the checksums of a snapshot-shaped buffer; leaves it alone where it does not parse.
    static func fixChecksums(_ b: inout [UInt8]) {
        let pre = SnapshotFile.preambleSize
        guard b.count >= pre else { return }
        var r = BinaryReader(b, from: 8, to: pre, context: "fixup")
        guard (try? r.u32()) != nil, (try? r.u32()) != nil, let ho = try? r.u64(), let hl = try? r.u64() else { return }
        if ho <= UInt64(b.count), hl <= UInt64(b.count) - ho {
            let start = Int(ho), end = Int(ho + hl)
            var h = BinaryReader(b, from: start, to: end, context: "fixup header")
            if (try? h.u8()) != nil, (try? h.string()) != nil, (try? h.zigzag()) != nil, (try? h.bool()) != nil,
               (try? h.u64()) != nil, (try? h.int()) != nil, (try? h.int()) != nil, (try? h.int()) != nil,
               let n = try? h.count() {
                for _ in 0..<n {
                    guard (try? h.varint()) != nil, let off = try? h.int(), let len = try? h.int() else { break }
                    let at = h.position
                    guard (try? h.u64()) != nil else { break }
                    if off >= 0, len >= 0, off <= b.count, len <= b.count - off {
                        putU64(Checksum.xxh64(b[off..<(off + len)]), &b, at: at)
                    }
                }
            }
            putU64(Checksum.xxh64(b[start..<end]), &b, at: 32)
        }
        putU64(Checksum.xxh64(b[0..<40]), &b, at: 40)
    }
}
