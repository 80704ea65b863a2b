import PlanKit

/// The file of a `> FILE` and the format its extension chooses; an extension with no writer
/// is an error, never a silently different format.
struct OutputTarget {
    let file: String
    /// Where the file name is in the source.
    let span: Range<Int>
    let kind: OutputFileKind

    init(file: String, span: Range<Int>) throws {
        self.file = file
        self.span = span
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let ext = name.contains(".") ? name.split(separator: ".").last.map(String.init) ?? "" : ""
        guard let k = OutputFileKind(fileExtension: ext) else {
            throw Diagnostic(Messages.redirectNoWriter(file, known: OutputTarget.extensions), at: span)
        }
        kind = k
    }

    /// The extensions a writer exists for (`OutputFileKind` is the one table of them).
    static var extensions: [String] { OutputFileKind.extensions.map { String($0.dropFirst()) } }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
