import PlanKit

/// plansh's command-line flags (SPEC §4), read by hand: a generic argument parser spent more
/// time at start-up (reflection and protocol-conformance look-ups) than reading a 10,000-task
/// store, and start-up to first answer is timed (SPEC §8).
///
/// Options may stand anywhere; `--` makes every later argument positional. The first positional
/// argument is a script file and the rest are its arguments. An option's value is the next
/// argument (or follows `=` in `--store=DIR`), and is never itself an option.
public struct LaunchOptions: Equatable, Sendable {
    public enum Action: Equatable, Sendable { case run, help, version }

    public var action = Action.run
    public var store: String?
    public var command: String?
    public var format: String?
    /// `--set NAME=VALUE`, in order.
    public var variables: [String] = []
    public var yes = false
    /// The script file and its arguments.
    public var script: [String] = []

    public init() {}

    /// Bad usage: the message for `plansh: MESSAGE`; the program exits 2.
    public struct UsageError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public init(_ message: Message) { self.message = message.text }
        public var description: String { message }
    }

    /// Reads `arguments` (without the program name).
    public static func parse(_ arguments: [String]) throws(UsageError) -> LaunchOptions {
        var o = LaunchOptions()
        var i = 0
        var positionalOnly = false
        while i < arguments.count {
            let a = arguments[i]
            i += 1
            if positionalOnly || a == "-" || !a.hasPrefix("-") {
                o.script.append(a)
                continue
            }
            if a == "--" { positionalOnly = true; continue }
            var name = a
            var attached: String?
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                attached = String(a[a.index(after: eq)...])
            }
            switch name {
            case "-h", "--help": o.action = .help; return o
            case "--version": o.action = .version; return o
            case "--yes":
                guard attached == nil else { throw UsageError(Messages.optionTakesNoValue("--yes")) }
                o.yes = true
                continue
            case "--store", "-c", "--format", "--set": break
            default: throw UsageError(Messages.unknownOption(name))
            }
            let value: String
            if let attached {
                value = attached
            } else if i < arguments.count, arguments[i] == "-" || !arguments[i].hasPrefix("-") {
                value = arguments[i]
                i += 1
            } else {
                throw UsageError(Messages.optionNeedsValue(name, usage: usageOf(name)))
            }
            switch name {
            case "--store": o.store = value
            case "-c": o.command = value
            case "--format": o.format = value
            default: o.variables.append(value)
            }
        }
        // --help and --version win over every other mistake, as they return above.
        if o.command != nil && !o.script.isEmpty {
            throw UsageError(Messages.commandsAndScript())
        }
        return o
    }

    static func usageOf(_ name: String) -> String {
        switch name {
        case "--store": return "--store DIR"
        case "-c": return "-c 'CMD; CMD'"
        case "--format": return "--format " + ScreenFormat.names.joined(separator: "|")
        default: return "--set NAME=VALUE"
        }
    }

    /// `--format` and `--set` as session settings, checked as `set` checks them.
    public func sessionSettings() throws(UsageError) -> SessionSettings {
        var settings = SessionSettings()
        settings.assumeYes = yes
        if let format {
            guard let f = ScreenFormat.named(format) else {
                throw UsageError(Messages.unknownScreenFormat(format, formats: ScreenFormat.names))
            }
            settings.format = f
        }
        for v in variables {
            guard let eq = v.firstIndex(of: "="), eq != v.startIndex else {
                throw UsageError(Messages.setOptionShape(v))
            }
            let value = String(v[v.index(after: eq)...])
            guard value.utf8.count <= ExpandedCommand.variableLimit else {
                throw UsageError(Messages.setOptionTooLong(String(v[..<eq]), limit: ExpandedCommand.variableLimit))
            }
            settings.variables[String(v[..<eq])] = value
        }
        // The session settings of §9 are checked as `set today` / `set month` check them.
        for key in ["today", "month"] {
            guard let v = settings.variables[key] else { continue }
            if v.lowercased() == "none" { settings.variables[key] = nil; continue }
            do {
                if key == "today" { _ = try AsOf.parseDay(v) } else { _ = try AsOf.parseMonth(v) }
            } catch {
                throw UsageError(Messages.setOptionRefused(key, because: "\(error)"))
            }
        }
        return settings
    }

    /// The one-line synopsis printed after a usage error.
    public static let usage = "usage: plansh [--store DIR] [--format FORMAT] [--set NAME=VALUE]… [--yes] [-c 'CMD; CMD' | SCRIPT [ARG…]]"

    /// `plansh --help`.
    public static var help: String {
        """
        plansh \(PlanshVersion.string): an interactive shell for supervising health commissions' \
        annual work plans (卫生健康工作要点).

          plansh                       interactive shell on the default store
          plansh -c 'CMD; CMD'         run commands, print, exit
          plansh FILE.plansh [ARG…]    run a script ($1…)
          cmd | plansh                 read commands from standard input

        Options:
          --store DIR          store directory (default $PLANSH_STORE, else $XDG_DATA_HOME/plansh)
          -c 'CMD; CMD'        run these commands (separated by ;) and exit
          --format FORMAT      output format: \(ScreenFormat.names.joined(separator: ", "))
          --set NAME=VALUE     set a variable, or lang, today, month (repeatable)
          --yes                answer yes to confirmations (bulk updates in scripts)
          --version            print the version
          -h, --help           print this help

        Exit status: 0 success, 1 a command failed, 2 bad usage.
        Inside the shell, `help` lists the commands and `tutorial` starts the lessons.

        """
    }
}
