@testable import PlanKit

/// Journal replay. The first byte chooses: odd, the input is a whole journal file (scan, then
/// decode and apply each intact record, as `Store.open` does); even, the rest is one record's
/// payload, decoded and applied to the example workspace (past the checksum a scan would check).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJournal(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = FuzzFixture.bytes(data, size)
    var payloads: [[UInt8]] = []
    if bytes[0] & 1 == 1 {
        if case let .success(scan) = Journal.scan(Array(bytes.dropFirst())) {
            payloads = scan.records.map { Array($0.payload) }
        }
    } else {
        payloads = [Array(bytes.dropFirst())]
    }
    var w = FuzzFixture.workspace
    for p in payloads {
        var r = BinaryReader(p, context: "fuzz record")
        guard let m = try? ModelCodec.decodeMutation(&r) else { continue }
        _ = try? w.apply(m)
    }
    _ = try? QueryEngine.run("count tasks by status", in: w)
    return 0
}
