@testable import PlanKit

/// Query lexer, parser, checker and evaluator: any text as a `find`/`count` command or a filter.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = FuzzFixture.text(data, size) else { return 0 }
    let w = FuzzFixture.workspace
    _ = try? Lexer.tokens(text)
    for command in [text, "find tasks where " + text, "count tasks " + text] {
        if let r = try? QueryEngine.run(command, in: w) { FuzzFixture.renderEverywhere(r) }
    }
    _ = try? QueryEngine.filterRows(text, in: w)
    return 0
}
