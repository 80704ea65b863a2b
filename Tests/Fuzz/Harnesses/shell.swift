@testable import PlanKit

/// The shell line: splitting into commands, `> FILE`, `$NAME` interpolation and its span map.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShell(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = FuzzFixture.text(data, size) else { return 0 }
    let variables = ["month": "2025-04", "who": "医政科", "1": "$2", "2": "${1}", "big": String(repeating: "甲", count: 64)]
    let split = CommandSplitter.split(text)
    for segment in split.segments {
        _ = CommandSplitter.redirect(in: segment.text)
        if let e = try? Interpolation.expand(segment.text, variables: variables) {
            let n = e.text.count
            for s in [0..<0, 0..<n, n / 2..<n, max(0, n - 1)..<n] { _ = e.sourceSpan(s) }
            _ = CommandSplitter.redirect(in: e.text)
        }
    }
    return 0
}
