/// The formats output can take on the screen or in a `> FILE`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json, markdown, html, text

    /// The text format a file name asks for (`.csv .json .md .html .txt`), nil when unknown.
    public init?(fileExtension ext: String) {
        guard case let .text(f)? = OutputFileKind(fileExtension: ext) else { return nil }
        self = f
    }

    /// The format `--format NAME` asks for: any format by its name, or `md` (as in `> FILE.md`).
    public init?(named name: String) {
        let n = name.lowercased()
        self.init(rawValue: n == "md" ? OutputFormat.markdown.rawValue : n)
    }

    /// The names `--format` takes, for help, errors and suggestions.
    public static var names: [String] { allCases.map(\.rawValue) }
}

/// What a `> FILE` writes, by the file's extension: text in one of the formats, or a workbook.
/// An extension with no writer has no kind (and is an error, never a different format).
public enum OutputFileKind: Sendable, Equatable {
    case text(OutputFormat)
    case workbook

    /// Every extension with a writer and what it writes; the first extension of a kind is the
    /// one help and errors name.
    static let writers: [(ext: String, kind: OutputFileKind)] = [
        ("csv", .text(.csv)), ("json", .text(.json)), ("md", .text(.markdown)), ("markdown", .text(.markdown)),
        ("html", .text(.html)), ("htm", .text(.html)), ("txt", .text(.text)), ("text", .text(.text)), ("xlsx", .workbook),
    ]

    public init?(fileExtension ext: String) {
        let e = ext.lowercased()
        guard let w = OutputFileKind.writers.first(where: { $0.ext == e }) else { return nil }
        self = w.kind
    }

    /// The extensions there are writers for, one per kind (`.csv .json .md .html .txt .xlsx`), for help and errors.
    public static let extensions: [String] = writers.reduce(into: [(ext: String, kind: OutputFileKind)]()) { named, w in
        if !named.contains(where: { $0.kind == w.kind }) { named.append(w) }
    }.map { "." + $0.ext }

    /// How wide text written to a file may be: no truncation with `…` in a file.
    public static let fileWidth = 1_000_000
}

/// A result that can also be written as a workbook (`> FILE.xlsx`).
public protocol WorkbookRenderable {
    func workbook() -> XlsxWorkbook
}

/// A complete HTML page around a fragment (a table), for `> FILE.html`: a browser shows it with
/// the right encoding, and it prints.
public enum HTMLPage {
    public static func document(_ fragment: String, title: String) -> String {
        if fragment.lowercased().hasPrefix("<!doctype") { return fragment }
        let t = ResultTable.htmlEscape(title)
        return """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(t)</title>
        <style>
        body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 1.5em; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #bbb; padding: 0.25em 0.5em; vertical-align: top; }
        th { background: #e8edf5; }
        caption { font-weight: bold; text-align: left; margin-bottom: 0.4em; }
        </style>
        </head>
        <body>
        \(fragment)</body>
        </html>

        """
    }
}

/// What a renderer needs to know about where its output goes.
public struct RenderContext: Sendable {
    /// Columns available (the terminal width, or 120 when not a terminal).
    public var width: Int
    /// Output goes to a terminal (Unicode charts, progress lines) rather than a pipe or file.
    public var isTerminal: Bool
    /// Colour values of `tone` columns (`Palette`): a terminal without `NO_COLOR`, never a file.
    public var usesColour: Bool
    /// The language of labels (`set lang`): row counts, report words. JSON ignores it.
    public var language: Language

    public init(width: Int = 120, isTerminal: Bool = false, usesColour: Bool = false, language: Language = .en) {
        self.width = width
        self.isTerminal = isTerminal
        self.usesColour = usesColour
        self.language = language
    }
}

/// Something a command produced that can be written in any `OutputFormat`.
public protocol Renderable: Sendable {
    /// The text to write, ending with a newline unless empty.
    func render(_ format: OutputFormat, _ context: RenderContext) -> String

    /// What `render` returns, as UTF-8 bytes handed in pieces to the `put` the writer is given,
    /// never made into a `String` (a large CSV result); nil when this output has no byte form
    /// in `format`. Use it only where no terminal shows the bytes (no control characters escaped).
    func byteWriter(_ format: OutputFormat, _ context: RenderContext) -> ByteWriter?
}

/// Writes rendered output as bytes: the argument is where each piece goes.
public typealias ByteWriter = (_ put: (UnsafeRawBufferPointer) -> Void) -> Void

extension Renderable {
    public func byteWriter(_ format: OutputFormat, _ context: RenderContext) -> ByteWriter? { nil }
}

/// Plain text output (messages, `echo`): the same in every format, except JSON wraps it as a string.
public struct TextOutput: Renderable {
    public var text: String
    public init(_ text: String) { self.text = text }

    public func render(_ format: OutputFormat, _ context: RenderContext) -> String {
        if text.isEmpty { return "" }
        switch format {
        case .json: return JSON.quote(text) + "\n"
        default: return text.hasSuffix("\n") ? text : text + "\n"
        }
    }
}

/// Minimal JSON writing helpers shared by every JSON renderer (stable key order, UTF-8 kept).
public enum JSON {
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// A number without a trailing `.0` when integral; `null` for nil or NaN.
    public static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "null" }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes rendered output to a file: into a temporary file beside it, then renamed over it,
/// so a reader never sees half a result. No fsync: an output file is not the store, and
/// syncing costs milliseconds per query (Foundation's `.atomic` write syncs).
public enum OutputFile {
    /// Why a file could not be written (the system's words).
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { Messages.cannotWrite(path, reason: reason).text }
    }

    /// Writes `text` (UTF-8, after a byte order mark when `byteOrderMark`) to `path`.
    public static func write(_ text: String, to path: String, byteOrderMark: Bool = false) throws {
        var s = text
        try write(to: path) { put in
            if byteOrderMark { [UInt8]([0xEF, 0xBB, 0xBF]).withUnsafeBytes(put) }
            s.withUTF8 { put(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Writes the bytes `writer` puts (after a UTF-8 byte order mark when `byteOrderMark`) to `path`.
    public static func write(_ writer: ByteWriter, to path: String, byteOrderMark: Bool = false) throws {
        try write(to: path) { put in
            if byteOrderMark { [UInt8]([0xEF, 0xBB, 0xBF]).withUnsafeBytes(put) }
            withoutActuallyEscaping(put) { writer($0) }
        }
    }

    /// Writes `bytes` to `path` (a workbook).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { put in bytes.withUnsafeBytes(put) }
    }

    /// Opens a temporary file beside `path`, lets `body` put bytes into it, then renames it over `path`.
    static func write(to path: String, _ body: ((UnsafeRawBufferPointer) -> Void) -> Void) throws {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temp = (dir.isEmpty ? "" : dir + "/") + ".\(base).\(getpid()).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        var ok = true
        var reason = ""
        func put(_ p: UnsafeRawBufferPointer) {
            guard let start = p.baseAddress else { return }
            var off = 0
            while ok && off < p.count {
                let n = systemWrite(fd, start + off, p.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    reason = String(cString: strerror(errno))
                } else {
                    off += n
                }
            }
        }
        body(put)
        if close(fd) != 0 && ok { ok = false; reason = String(cString: strerror(errno)) }
        if ok && rename(temp, path) != 0 { ok = false; reason = String(cString: strerror(errno)) }
        if !ok {
            unlink(temp)
            throw Failure(path: path, reason: reason)
        }
    }

    @inline(__always)
    static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, p, n)
        #else
        return Darwin.write(fd, p, n)
        #endif
    }
}
