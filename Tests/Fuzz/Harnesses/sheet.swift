@testable import PlanKit

/// The progress sheet (CSV): any bytes as a sheet against the example plans, applied when clean.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSheet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var w = FuzzFixture.workspace
    let r = ProgressSheet.parse(FuzzFixture.bytes(data, size), displayName: "fuzz.csv", in: w)
    if r.problems.isEmpty {
        _ = try? w.apply(.updateProgress(r.updates, month: nil, at: 0))
        if let q = try? QueryEngine.run("find tasks where note contains \"a\"", in: w) { FuzzFixture.renderEverywhere(q) }
    } else {
        _ = ProgressSheet.diagnostic(r.problems, displayName: "fuzz.csv").description
    }
    return 0
}
