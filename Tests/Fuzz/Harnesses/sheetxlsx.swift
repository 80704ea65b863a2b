import Foundation
@testable import PlanKit

/// The progress sheet on Excel workbooks. The input is the .xlsx itself when it starts with `PK`;
/// otherwise `sheet1.xml NUL sharedStrings.xml NUL styles.xml NUL workbook.xml`, packed into a
/// workbook in memory (`Support/ZipParts.swift`; a missing workbook part gets a one-sheet one),
/// so mutations reach cell references, shared and inline strings, number formats, dates and
/// percents, and the header search. Read against the example plans, applied when clean, then
/// queried; the first sheet and a sheet by name are both asked for.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSheetXlsx(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]
    let workbook = #"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
        + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        + #"<sheet name="进度" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    let rels = #"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        + #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
    let fixed = [("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels)]
    guard let package = FuzzPackage.package(FuzzFixture.bytes(data, size), parts: parts, fixed: fixed) else { return 0 }
    let bytes = [UInt8](package)
    var w = FuzzFixture.workspace
    for sheet in [nil, "进度"] as [String?] {
        guard let r = try? ProgressSheet.parse(file: bytes, displayName: "fuzz.xlsx", sheet: sheet, in: w) else { continue }
        if r.problems.isEmpty {
            _ = try? w.apply(.updateProgress(r.updates, month: nil, at: 0))
            if let q = try? FuzzFixture.query("find tasks where note contains \"a\"", in: w) { FuzzFixture.renderEverywhere(q) }
            _ = try? FuzzFixture.query("find targets where actual is not empty", in: w)
        } else {
            _ = ProgressSheet.diagnostic(r.problems, displayName: "fuzz.xlsx").description
        }
    }
    return 0
}
