import Foundation
@testable import PlanKit

/// The plan importer on text: any bytes as a `.txt` plan, imported into a workspace and shown.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard let plan = try? PlanImporter.parse(data: bytes, fileName: "fuzz.txt", id: "fuzz", now: 0) else { return 0 }
    var w = FuzzFixture.workspace
    guard (try? w.apply(.importPlans([plan], replace: true))) != nil else { return 0 }
    if let r = try? QueryEngine.run("find tasks where plan = fuzz", in: w) { FuzzFixture.renderEverywhere(r) }
    _ = try? QueryEngine.run("count tasks where plan = fuzz by office, status", in: w)
    return 0
}
