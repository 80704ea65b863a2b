import Foundation
@testable import PlanKit

/// The plan importer on Word files. The input is the .docx itself when it starts with `PK`;
/// otherwise `document.xml NUL numbering.xml NUL styles.xml`, packed into a package in memory
/// (`Support/ZipParts.swift`), so mutations reach paragraphs, runs, tables, tracked changes and
/// Word's list numbering. Imported and shown as `plantext` does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanDocx(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = ["word/document.xml", "word/numbering.xml", "word/styles.xml"]
    let types = #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#
    guard let package = FuzzPackage.package(FuzzFixture.bytes(data, size), parts: parts, fixed: [("[Content_Types].xml", types)]) else { return 0 }
    FuzzFixture.importPlan(package, fileName: "fuzz.docx")
    return 0
}
