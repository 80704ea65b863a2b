import PlanKit

/// One session setting of `set`: its name, the values it takes (Tab offers exactly these), how
/// it reads back, and how a value is applied.
struct SessionSetting: Sendable {
    let name: String
    let values: [String]
    let current: @Sendable (Session) -> String
    /// Applies a value already checked against `values` (folded to lower case).
    let apply: @Sendable (String, Session) -> Void

    /// Every setting; a new one is one entry here.
    static let all: [SessionSetting] = [
        SessionSetting(name: "format", values: ScreenFormat.names,
                       current: { $0.settings.format.rawValue },
                       apply: { v, s in if let f = ScreenFormat.named(v) { s.settings.format = f } }),
        SessionSetting(name: "timer", values: ["on", "off"],
                       current: { $0.settings.timer ? "on" : "off" },
                       apply: { v, s in s.settings.timer = v == "on" }),
        SessionSetting(name: "errors", values: ["stop", "continue"],
                       current: { $0.settings.continueOnError ? "continue" : "stop" },
                       apply: { v, s in s.settings.continueOnError = v == "continue" }),
        // Kept as the variable `lang` (so `$lang` and `--set lang=zh` work); none restores en.
        SessionSetting(name: "lang", values: Language.allCases.map(\.rawValue) + ["none"],
                       current: { $0.settings.variables["lang"] ?? Language.en.rawValue },
                       apply: { v, s in s.settings.variables["lang"] = v == "none" ? nil : v }),
    ]

    static func named(_ name: String) -> SessionSetting? { all.first { $0.name == name } }

    /// §9's as-of day and reporting month: set with `set today = D` / `set month = M`, kept as
    /// variables (so `$today` and `--set today=…` work); checked by `SetCommand`.
    static let dated = ["today", "month"]

    /// What Tab offers after `set`: the settings, the dated ones, and `rule` (`set rule`).
    static var completionNames: [String] {
        all.map(\.name) + dated + CommandTable.all.filter { $0.words.count > 1 && $0.words[0] == "set" }.map { $0.words[1] }
    }
}

/// The formats results take on the screen: what `set format`, `--format` and Tab accept.
public enum ScreenFormat {
    public static let formats: [OutputFormat] = [.table, .csv, .json, .markdown]
    public static var names: [String] { formats.map(\.rawValue) }
    public static func named(_ name: String) -> OutputFormat? { formats.first { $0.rawValue == name.lowercased() } }
}

enum SetCommand {
    static let spec = CommandSpec(
        ["set"], summary: "change a setting or a variable",
        parameters: [.optional(.setting("NAME")), .settingValue("VALUE")],
        details: """
        set format csv          results on the screen as CSV (\(ScreenFormat.names.joined(separator: ", ")))
        set timer on            after each command print `time: 12.3 ms` on stderr
        set errors = continue   a script goes on after a failing command (default: stop)
        set lang zh             headers, statuses and lights in Chinese on the screen, in CSV, xlsx
                                and the report (JSON stays English; `set lang = none` restores en)
        set today = 2025-04-30  judge lights, expected and due_in as of this day ($today; none: the default)
        set month = 2025-04     the reporting month ($month; none: the latest month with progress)
        set office = 医政科     a variable, used as $office or ${office} (at most 1 MB)
        Without arguments, lists the settings and variables.
        """,
        topic: "scripts"
    ) { args, session in
        guard let nameWord = args.word("NAME") else { return .message(listing(session)) }
        var name = nameWord.value
        var rest = args.rest
        if rest.first?.value == "=" && !(rest.first?.quoted ?? true) { rest.removeFirst() }
        // `set name=value` written without spaces.
        if rest.isEmpty, let eq = name.firstIndex(of: "="), !nameWord.quoted {
            let value = String(name[name.index(after: eq)...])
            name = String(name[..<eq])
            rest = value.isEmpty ? [] : [Word(value: value, span: nameWord.span, quoted: false)]
        }
        guard let valueWord = rest.first else {
            throw Diagnostic(Messages.missingArgument("a value for `\(name)`", usage: args.spec.usage), at: args.input.endSpan)
        }
        let value = rest.map(\.value).joined(separator: " ")
        let span = valueWord.span.lowerBound..<(rest.last?.span.upperBound ?? valueWord.span.upperBound)
        if let setting = SessionSetting.named(name.lowercased()) {
            let v = TextFolding.keyword(value)
            guard setting.values.contains(v) else {
                throw Diagnostic(Messages.badSetting(name: setting.name, value: value, values: setting.values), at: span)
            }
            setting.apply(v, session)
            return .none
        }
        // §9's as-of day and reporting month: kept as the variables `today` and `month` (so `$today`
        // and `--set today=…` work), checked here; none restores the default.
        if SessionSetting.dated.contains(name.lowercased()) {
            let key = name.lowercased()
            if TextFolding.keyword(value) == "none" {
                session.settings.variables[key] = nil
                return .none
            }
            do {
                if key == "today" { _ = try AsOf.parseDay(value) } else { _ = try AsOf.parseMonth(value) }
            } catch let d as Diagnostic {
                throw d.placed(at: span)
            }
            session.settings.variables[key] = value
            return .none
        }
        guard name.first.map({ $0.isLetter || $0 == "_" }) == true,
              name.allSatisfy({ ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }) else {
            throw Diagnostic(Messages.badVariableName(), at: nameWord.span)
        }
        guard value.utf8.count <= ExpandedCommand.variableLimit else {
            throw Diagnostic(Messages.variableTooLong(name, bytes: value.utf8.count, limit: ExpandedCommand.variableLimit), at: span)
        }
        session.settings.variables[name] = value
        return .none
    }

    static func listing(_ session: Session) -> String {
        var lines = SessionSetting.all.map { "\($0.name) = \($0.current(session))" }
        lines.append("today = " + (session.setToday.map { "\($0)" } ?? "none (judged as of \(session.asOf))"))
        lines.append("month = " + (session.setMonth.map { "\($0)" } ?? "none (reporting \(session.reportingMonth))"))
        let shown = Set(SessionSetting.all.map(\.name) + SessionSetting.dated)
        for (k, v) in session.settings.variables.sorted(by: { $0.key < $1.key })
        where !k.allSatisfy(\.isNumber) && k != "#" && !shown.contains(k) {
            lines.append("$\(k) = \(v)")
        }
        return lines.joined(separator: "\n")
    }
}
