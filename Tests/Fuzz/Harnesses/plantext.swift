import Foundation
@testable import PlanKit

/// The plan importer on text: any bytes as a `.txt` plan, imported into a workspace and shown.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzFixture.importPlan(Data(bytes: data, count: size), fileName: "fuzz.txt")
    return 0
}
