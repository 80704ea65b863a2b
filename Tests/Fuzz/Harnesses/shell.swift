@testable import PlanKit

/// The shell line: the one lexer splitting input into commands, words, `> FILE`, `#` comments
/// and `$NAME` substitutions, each with its span (ShellLexer; expansion needs the session's types).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShell(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = FuzzFixture.text(data, size) else { return 0 }
    let lexed = ShellLexer.lex(text)
    var spans = 0
    for segment in lexed.segments { spans &+= segment.span.count }
    if lexed.incomplete != nil { spans &+= 1 }
    return spans == -1 ? 1 : 0
}
