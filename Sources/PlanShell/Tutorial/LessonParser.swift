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
            throw LessonError(file: displayName, line: 0, message: Messages.cannotReadLessonFile().text)
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw LessonError(file: displayName, line: 0, message: Messages.lessonNotUTF8().text)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return try parse(text, fileName: url.lastPathComponent, displayName: displayName)
    }

    // lesson := title { lessonLine } { step } ; step := "step:" { stepLine }
    public static func parse(_ text: String, fileName: String, displayName: String) throws -> Lesson {
        var reader = LessonReader(lesson: Lesson(fileName: fileName, title: ""), displayName: displayName)
        // "\r\n" is one Character in Swift: split on scalars.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            var line = String(String.UnicodeScalarView($0))
            if line.hasSuffix("\r") { line.removeLast() }
            return line
        }
        for (index, raw) in lines.enumerated() { try reader.read(raw, line: index + 1) }
        return try reader.finish()
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
        guard let kind = words.first?.value.lowercased() else { throw Diagnostic(Messages.checkNoValue()) }
        let rest = words.dropFirst().map(\.value)
        let forms = "same-result [ordered] | state ID FIELD = VALUE | snapshot NAME | file NAME | output contains TEXT | about ID[, ID…]"
        switch kind {
        case "same-result":
            if rest.isEmpty { return .sameResult(ordered: false) }
            if rest == ["ordered"] { return .sameResult(ordered: true) }
            throw Diagnostic(Messages.sameResultOption(rest.joined(separator: " ")))
        case "state":
            guard rest.count == 4, rest[2] == "=" else {
                throw Diagnostic(Messages.stateCheckForm())
            }
            let id = rest[0]
            guard let colon = id.lastIndex(of: ":"), colon != id.startIndex, id.index(after: colon) != id.endIndex else {
                throw Diagnostic(Messages.notTaskID(id))
            }
            let fieldNames = StepCheck.TaskField.allCases.map(\.rawValue)
            guard let field = StepCheck.TaskField(rawValue: rest[1].lowercased()) else {
                throw Diagnostic(Messages.stateCheckField(rest[1], fields: fieldNames))
            }
            var value = rest[3]
            switch field {
            case .status:
                switch ProgressValue.status(value) {
                case let .success(s): value = s.keyword
                case let .failure(p): throw Diagnostic(p.message)
                }
            case .progress:
                switch ProgressValue.progress(value) {
                case let .success(n): value = String(n)
                case let .failure(p): throw Diagnostic(p.message)
                }
            case .due:
                guard value.isEmpty || CalendarDay(parsing: value) != nil else {
                    throw Diagnostic(Messages.stateCheckDue(value))
                }
            case .note: break
            }
            return .state(taskID: id, field: field, value: value)
        case "snapshot":
            guard rest.count == 1 else { throw Diagnostic(Messages.checkForm("snapshot NAME")) }
            return .snapshot(name: rest[0])
        case "file":
            guard rest.count == 1 else { throw Diagnostic(Messages.checkForm("file NAME")) }
            return .file(name: rest[0])
        case "output":
            guard rest.count >= 2, rest[0].lowercased() == "contains" else {
                throw Diagnostic(Messages.checkForm("output contains TEXT"))
            }
            return .outputContains(text: rest.dropFirst().joined(separator: " "))
        case "about":
            let ids = rest.joined(separator: " ").split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            guard !ids.isEmpty, ids.allSatisfy({ $0.contains(":") }) else { throw Diagnostic(Messages.checkForm("about ID[, ID…]")) }
            return .about(taskIDs: ids)
        default:
            throw Diagnostic(Messages.unknownCheck(kind, kinds: ["same-result", "state", "snapshot", "file", "output", "about"],
                                                  forms: forms))
        }
    }
}

/// The state of reading one lesson file, line by line.
struct LessonReader {
    var lesson: Lesson
    let displayName: String
    var step: LessonStep?
    var titleLine = 0
    /// The last value written, for indented continuation lines: key and line.
    var last: (key: String, line: Int)?

    init(lesson: Lesson, displayName: String) {
        self.lesson = lesson
        self.displayName = displayName
    }

    func fail(_ line: Int, _ message: Message) -> LessonError {
        LessonError(file: displayName, line: line, message: message.text)
    }

    // lessonLine := "# " title | key ":" value | indented continuation
    mutating func read(_ raw: String, line lineNo: Int) throws {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { last = nil; return }
        if trimmed.hasPrefix("#") {
            if titleLine == 0 {
                let title = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                guard !title.isEmpty else { throw fail(lineNo, Messages.lessonTitleEmpty()) }
                lesson.title = title
                titleLine = lineNo
            }
            return
        }
        guard titleLine > 0 else { throw fail(lineNo, Messages.lessonTitleFirst()) }
        // Indented line: continues the previous value.
        if raw.first == " " || raw.first == "\t" || raw.first == "\u{3000}" {
            guard let prev = last else { throw fail(lineNo, Messages.lessonContinuationFirst()) }
            guard try LessonParser.appendContinuation(trimmed, key: prev.key, lesson: &lesson, step: &step) else {
                throw fail(lineNo, Messages.lessonKeyTakesOneLine(prev.key))
            }
            return
        }
        let keys = LessonParser.allKeys
        guard let (key, value) = LessonParser.splitKey(trimmed) else {
            throw fail(lineNo, Messages.lessonExpectedKey(keys: keys))
        }
        guard keys.contains(key) else {
            throw fail(lineNo, Messages.lessonUnknownKey(key, keys: keys))
        }
        guard !value.isEmpty else { throw fail(lineNo, Messages.lessonKeyNoValue(key)) }
        last = (key, lineNo)
        switch key {
        case "step":
            try finishStep()
            step = LessonStep(line: lineNo, title: value)
        case "setup", "intro":
            guard step == nil, lesson.steps.isEmpty else { throw fail(lineNo, Messages.lessonKeyBeforeSteps(key)) }
            if key == "intro" { lesson.intro.append(value); return }
            guard !ShellLexer.lex(value).isIncomplete else {
                throw fail(lineNo, Messages.lessonCommandUnclosed("setup command"))
            }
            lesson.setup.append(value)
            lesson.setupLines.append(lineNo)
        case "outro":
            lesson.outro.append(value)
        default:
            try addToStep(key, value, line: lineNo)
        }
    }

    // stepLine := ("explain" | "example" | "ask" | "answer" | "wrong" | "check" | "hint" | "success") ":" value
    mutating func addToStep(_ key: String, _ value: String, line lineNo: Int) throws {
        guard var s = step else { throw fail(lineNo, Messages.lessonKeyInsideStep(key)) }
        switch key {
        case "explain": s.explain.append(value)
        case "example": s.examples.append(value)
        case "ask": s.ask.append(value)
        case "answer":
            guard s.answer.isEmpty else { throw fail(lineNo, Messages.lessonSecondAnswer()) }
            guard !ShellLexer.lex(value).isIncomplete else { throw fail(lineNo, Messages.lessonCommandUnclosed("answer")) }
            s.answer = value
        case "wrong": s.wrong.append(value)
        case "check":
            do {
                s.checks.append(try LessonParser.parseCheck(value))
            } catch let d as Diagnostic {
                throw LessonError(file: displayName, line: lineNo, message: d.message)
            }
        case "hint": s.hints.append(value)
        case "success": s.success.append(value)
        default: break
        }
        step = s
    }

    mutating func finishStep() throws {
        guard var s = step else { return }
        if s.explain.isEmpty { throw fail(s.line, Messages.lessonStepMissing(s.title, key: "explain")) }
        if s.ask.isEmpty { throw fail(s.line, Messages.lessonStepMissing(s.title, key: "ask")) }
        if s.answer.isEmpty { throw fail(s.line, Messages.lessonStepMissing(s.title, key: "answer")) }
        if s.hints.isEmpty { throw fail(s.line, Messages.lessonStepMissing(s.title, key: "hint")) }
        if s.wrong.isEmpty { throw fail(s.line, Messages.lessonStepMissing(s.title, key: "wrong", why: "a command that must not pass")) }
        if s.checks.isEmpty { s.checks = [.sameResult(ordered: false)] }
        if s.checks.contains(where: { if case .sameResult = $0 { true } else { false } }) && s.changesData {
            throw fail(s.line, Messages.lessonStepMixesChecks(s.title))
        }
        lesson.steps.append(s)
        step = nil
    }

    mutating func finish() throws -> Lesson {
        guard titleLine > 0 else { throw fail(0, Messages.lessonEmpty()) }
        try finishStep()
        guard !lesson.steps.isEmpty else { throw fail(titleLine, Messages.lessonWithoutSteps()) }
        return lesson
    }
}
