import PlanKit

enum SetCommand {
    static let spec = CommandSpec(
        ["set"], summary: "change a setting or a variable",
        usage: "set format table|csv|json|markdown · set timer on|off · set errors = stop|continue · set NAME = VALUE",
        details: """
        set format csv          results on the screen as CSV (also json, markdown, table)
        set timer on            after each command print `time: 12.3 ms` on stderr
        set errors = continue   a script goes on after a failing command (default: stop)
        set today = 2025-04-30  judge lights, expected and due_in as of this day ($today; none: the default)
        set month = 2025-04     the reporting month ($month; none: the latest month with progress)
        Without arguments, lists the settings and variables.
        """,
        topic: "scripts"
    ) { input, session in
        let args = Array(input.arguments)
        guard let nameWord = args.first else {
            var lines = ["format = \(session.settings.format.rawValue)",
                         "timer = \(session.settings.timer ? "on" : "off")",
                         "errors = \(session.settings.continueOnError ? "continue" : "stop")"]
            for (k, v) in session.settings.variables.sorted(by: { $0.key < $1.key }) where !k.allSatisfy(\.isNumber) && k != "#" {
                lines.append("$\(k) = \(v)")
            }
            return .message(lines.joined(separator: "\n"))
        }
        var rest = Array(args.dropFirst())
        if rest.first?.value == "=" { rest.removeFirst() }
        var name = nameWord.value
        // `set name=value` written without spaces.
        if rest.isEmpty, let eq = name.firstIndex(of: "="), !nameWord.quoted {
            let value = String(name[name.index(after: eq)...])
            name = String(name[..<eq])
            rest = value.isEmpty ? [] : [Word(value: value, span: nameWord.span, quoted: false)]
        }
        guard let valueWord = rest.first else {
            throw Diagnostic("`set \(name)` needs a value", at: nameWord.span)
        }
        let value = rest.map(\.value).joined(separator: " ")
        switch name.lowercased() {
        case "format":
            guard let f = OutputFormat(rawValue: value.lowercased()), f != .html, f != .text else {
                throw Diagnostic("unknown format \"\(value)\" — use table, csv, json or markdown"
                                 + Suggest.phrase(value, in: ["table", "csv", "json", "markdown"]).replacingOccurrences(of: " — ", with: "; "),
                                 at: valueWord.span)
            }
            session.settings.format = f
        case "timer":
            guard let on = onOff(value) else { throw Diagnostic("`set timer` takes on or off", at: valueWord.span) }
            session.settings.timer = on
        case "lang":
            switch value.lowercased() {
            case "zh", "中文": session.settings.language = .zh
            case "en", "none": session.settings.language = .en
            default: throw Diagnostic("`set lang` takes zh or en", at: valueWord.span)
            }
        case "today", "month":
            let key = name.lowercased()
            if value.lowercased() == "none" {
                session.settings.variables[key] = nil
            } else {
                try SetCommand.checkSupervision(key, value, span: valueWord.span)
                session.settings.variables[key] = value
            }
        case "errors":
            switch value.lowercased() {
            case "continue": session.settings.continueOnError = true
            case "stop": session.settings.continueOnError = false
            default: throw Diagnostic("`set errors` takes continue or stop", at: valueWord.span)
            }
        default:
            guard name.first.map({ $0.isLetter || $0 == "_" }) == true,
                  name.allSatisfy({ ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }) else {
                throw Diagnostic("a variable name is letters, digits and _ (ASCII), starting with a letter", at: nameWord.span)
            }
            session.settings.variables[name] = value
        }
        return .none
    }

    /// `today` must be a real day and `month` a month; anything else is refused, nothing changed.
    static func checkSupervision(_ name: String, _ value: String, span: Range<Int>? = nil) throws {
        do {
            if name == "today" { _ = try AsOf.parseDay(value) } else { _ = try AsOf.parseMonth(value) }
        } catch let d as Diagnostic {
            guard let span else { throw d }
            throw Diagnostic(d.message, at: span)
        }
    }

    static func onOff(_ s: String) -> Bool? {
        switch s.lowercased() {
        case "on", "true", "yes", "1": return true
        case "off", "false", "no", "0": return false
        default: return nil
        }
    }
}
