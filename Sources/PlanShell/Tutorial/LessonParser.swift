import Foundation
import PlanKit

/// A lesson file that cannot be used, with the place that is wrong: `FILE:LINE: message`.
public struct LessonError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user should see it (e.g. `examples/lessons/01-find.lesson`).
    public var file: String
    /// 1-based; 0 when the problem is the whole file.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Reads the line-oriented lesson format (see `examples/lessons/README.md`):
///
/// ```
/// # 第1课 第一个查询 · Lesson 1: Your first query
/// setup: import demo
/// intro: …
/// step: 按科室查找 · Find by office
/// explain: …
/// example: find tasks where office = "医政科"
/// ask: …
/// answer: find tasks where office = "疾控科"
/// wrong: find tasks where office = "医政科"
/// check: same-result
/// hint: …
/// ```
///
/// One `key: value` per line (a full-width `：` is accepted); repeating a key adds a line;
/// an indented line continues the previous value; `#` lines after the title are comments.
public enum LessonParser {
    static let lessonKeys: Set<String> = ["setup", "intro", "outro"]
    static let stepKeys: Set<String> = ["explain", "example", "ask", "answer", "wrong", "check", "hint", "success"]
    static var allKeys: [String] { ["step"] + lessonKeys.sorted() + stepKeys.sorted() }

    /// Reads and parses the lesson at `url`, naming it `displayName` in errors.
    public static func load(_ url: URL, displayName: String) throws -> Lesson {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LessonError(file: displayName, line: 0, message: "cannot read the lesson file")
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw LessonError(file: displayName, line: 0, message: "the lesson file is not valid UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try parse(text, fileName: url.lastPathComponent, displayName: displayName)
    }

    // lesson := title { lessonLine } { step } ; step := "step:" { stepLine }
    public static func parse(_ text: String, fileName: String, displayName: String) throws -> Lesson {
        func fail(_ line: Int, _ message: String) -> LessonError {
            LessonError(file: displayName, line: line, message: message)
        }
        var lesson = Lesson(fileName: fileName, title: "")
        var step: LessonStep?
        var titleLine = 0
        /// The last value written, for indented continuation lines: key and line.
        var last: (key: String, line: Int)?

        func finishStep() throws {
            guard var s = step else { return }
            if s.explain.isEmpty { throw fail(s.line, "step \"\(s.title)\" has no `explain:` line") }
            if s.ask.isEmpty { throw fail(s.line, "step \"\(s.title)\" has no `ask:` line") }
            if s.answer.isEmpty { throw fail(s.line, "step \"\(s.title)\" has no `answer:` line") }
            if s.hints.isEmpty { throw fail(s.line, "step \"\(s.title)\" has no `hint:` line") }
            if s.wrong.isEmpty {
                throw fail(s.line, "step \"\(s.title)\" has no `wrong:` line (a command that must not pass)")
            }
            if s.checks.isEmpty { s.checks = [.sameResult(ordered: false)] }
            let mixesKinds = s.checks.contains { if case .sameResult = $0 { true } else { false } } && s.changesData
            if mixesKinds {
                throw fail(s.line, "step \"\(s.title)\" mixes `check: same-result` with checks of the sandbox state")
            }
            lesson.steps.append(s)
            step = nil
        }

        // "\r\n" is one Character in Swift: split on scalars.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            var line = String(String.UnicodeScalarView($0))
            if line.hasSuffix("\r") { line.removeLast() }
            return line
        }
        for (index, raw) in lines.enumerated() {
            let lineNo = index + 1
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { last = nil; continue }
            if trimmed.hasPrefix("#") {
                if titleLine == 0 {
                    let title = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                    guard !title.isEmpty else { throw fail(lineNo, "the title line `#` is empty") }
                    lesson.title = title
                    titleLine = lineNo
                }
                continue
            }
            guard titleLine > 0 else {
                throw fail(lineNo, "a lesson starts with its title: `# 第N课 … · Lesson N: …`")
            }
            // Indented line: continues the previous value.
            if raw.first == " " || raw.first == "\t" || raw.first == "\u{3000}" {
                guard let prev = last else {
                    throw fail(lineNo, "an indented line continues the line above it, but there is none")
                }
                guard try appendContinuation(trimmed, key: prev.key, lesson: &lesson, step: &step) else {
                    throw fail(lineNo, "`\(prev.key):` takes one line; it cannot continue on the next")
                }
                continue
            }
            guard let (key, value) = splitKey(trimmed) else {
                throw fail(lineNo, "expected `key: value` (keys: \(allKeys.joined(separator: ", ")))")
            }
            guard key == "step" || lessonKeys.contains(key) || stepKeys.contains(key) else {
                throw fail(lineNo, "unknown key `\(key):`" + Suggest.phrase(key, in: allKeys)
                                   + " (keys: \(allKeys.joined(separator: ", ")))")
            }
            guard !value.isEmpty else { throw fail(lineNo, "`\(key):` has no value") }
            last = (key, lineNo)
            switch key {
            case "step":
                try finishStep()
                step = LessonStep(line: lineNo, title: value)
            case "setup", "intro":
                guard step == nil, lesson.steps.isEmpty else {
                    throw fail(lineNo, "`\(key):` belongs before the first `step:`")
                }
                if key == "setup" {
                    guard !ShellLexer.lex(value).isIncomplete else {
                        throw fail(lineNo, "the setup command has an unclosed quote or parenthesis")
                    }
                    lesson.setup.append(value)
                    lesson.setupLines.append(lineNo)
                } else {
                    lesson.intro.append(value)
                }
            case "outro":
                lesson.outro.append(value)
            default:
                guard var s = step else { throw fail(lineNo, "`\(key):` belongs inside a step; start one with `step:`") }
                switch key {
                case "explain": s.explain.append(value)
                case "example": s.examples.append(value)
                case "ask": s.ask.append(value)
                case "answer":
                    guard s.answer.isEmpty else { throw fail(lineNo, "a step has one `answer:`; this is the second") }
                    guard !ShellLexer.lex(value).isIncomplete else {
                        throw fail(lineNo, "the answer has an unclosed quote or parenthesis")
                    }
                    s.answer = value
                case "wrong": s.wrong.append(value)
                case "check":
                    do {
                        s.checks.append(try parseCheck(value))
                    } catch let d as Diagnostic {
                        throw fail(lineNo, d.message)
                    }
                case "hint": s.hints.append(value)
                case "success": s.success.append(value)
                default: break
                }
                step = s
            }
        }
        guard titleLine > 0 else { throw fail(0, "the lesson file is empty (it needs a `# title` line and steps)") }
        try finishStep()
        guard !lesson.steps.isEmpty else { throw fail(titleLine, "the lesson has no steps (`step:` lines)") }
        return lesson
    }

    /// `key: value` with an ASCII or full-width colon; nil when the line has no key.
    static func splitKey(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty, key.allSatisfy({ ($0 >= "a" && $0 <= "z") || $0 == "-" }) else { return nil }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (key, value)
    }

    /// Adds an indented line to the last multi-line value; false when `key` takes one line.
    static func appendContinuation(_ text: String, key: String, lesson: inout Lesson, step: inout LessonStep?) throws -> Bool {
        func extend(_ a: inout [String]) { if a.isEmpty { a.append(text) } else { a[a.count - 1] += "\n" + text } }
        switch key {
        case "intro": extend(&lesson.intro); return true
        case "outro": extend(&lesson.outro); return true
        default: break
        }
        guard var s = step else { return false }
        defer { step = s }
        switch key {
        case "explain": extend(&s.explain)
        case "example": extend(&s.examples)
        case "ask": extend(&s.ask)
        case "hint": extend(&s.hints)
        case "success": extend(&s.success)
        default: return false
        }
        return true
    }

    // check := "same-result" ["ordered"] | "state" ID FIELD "=" VALUE | "snapshot" NAME
    //        | "file" NAME | "output" "contains" TEXT | "about" ID { "," ID }
    static func parseCheck(_ text: String) throws -> StepCheck {
        let words = try Word.split(text)
        guard let kind = words.first?.value.lowercased() else { throw Diagnostic("`check:` has no value") }
        let rest = words.dropFirst().map(\.value)
        let forms = "same-result [ordered] | state ID FIELD = VALUE | snapshot NAME | file NAME | output contains TEXT | about ID[, ID…]"
        switch kind {
        case "same-result":
            if rest.isEmpty { return .sameResult(ordered: false) }
            if rest == ["ordered"] { return .sameResult(ordered: true) }
            throw Diagnostic("`same-result` takes nothing or `ordered`, not \"\(rest.joined(separator: " "))\"")
        case "state":
            guard rest.count == 4, rest[2] == "=" else {
                throw Diagnostic("expected `check: state ID FIELD = VALUE`, e.g. `state demo:1.2 status = behind`")
            }
            let id = rest[0]
            guard let colon = id.lastIndex(of: ":"), colon != id.startIndex, id.index(after: colon) != id.endIndex else {
                throw Diagnostic("\"\(id)\" is not a task id (PLAN:PATH, e.g. demo:1.2)")
            }
            let fieldNames = StepCheck.TaskField.allCases.map(\.rawValue)
            guard let field = StepCheck.TaskField(rawValue: rest[1].lowercased()) else {
                throw Diagnostic("a state check reads \(fieldNames.joined(separator: ", ")), not \"\(rest[1])\""
                                 + Suggest.phrase(rest[1], in: fieldNames))
            }
            var value = rest[3]
            switch field {
            case .status:
                guard let s = TaskStatus(parsing: value) else {
                    throw Diagnostic("unknown status \"\(value)\" (not_started, on_track, behind, done)")
                }
                value = s.keyword
            case .progress:
                guard let n = Int(value), (0...100).contains(n) else {
                    throw Diagnostic("progress is a whole number 0–100, not \"\(value)\"")
                }
            case .due:
                guard value.isEmpty || CalendarDay(parsing: value) != nil else {
                    throw Diagnostic("a due date is YYYY-MM-DD, not \"\(value)\"")
                }
            case .note: break
            }
            return .state(taskID: id, field: field, value: value)
        case "snapshot":
            guard rest.count == 1 else { throw Diagnostic("expected `check: snapshot NAME`") }
            return .snapshot(name: rest[0])
        case "file":
            guard rest.count == 1 else { throw Diagnostic("expected `check: file NAME`") }
            return .file(name: rest[0])
        case "output":
            guard rest.count >= 2, rest[0].lowercased() == "contains" else {
                throw Diagnostic("expected `check: output contains TEXT`")
            }
            return .outputContains(text: rest.dropFirst().joined(separator: " "))
        case "about":
            let ids = rest.joined(separator: " ").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            guard !ids.isEmpty, ids.allSatisfy({ $0.contains(":") }) else { throw Diagnostic("expected `check: about ID[, ID…]`") }
            return .about(taskIDs: ids)
        default:
            throw Diagnostic("unknown check \"\(kind)\"" + Suggest.phrase(kind, in: ["same-result", "state", "snapshot", "file", "output", "about"])
                             + " (forms: \(forms))")
        }
    }
}
