import Foundation
@testable import PlanKit

/// The plan importer on web pages: any bytes as an `.html` plan — charset sniffing (BOM,
/// `<meta charset>`, `http-equiv`, GB18030), tags, hidden elements, entities, block and list
/// rules, then the chrome rules and the plan parser — imported and shown as `plantext` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzFixture.importPlan(Data(bytes: data, count: size), fileName: "fuzz.html")
    return 0
}
