import PlanKit
import PlanShell
import Testing

/// plansh's command-line flags, read by `LaunchOptions` (the program itself is run by CommandLineTests).
struct LaunchOptionsTests {
    func parse(_ args: [String]) throws -> LaunchOptions { try LaunchOptions.parse(args) }

    func usageError(_ args: [String]) -> String? {
        do {
            _ = try LaunchOptions.parse(args)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func flagsAndValuesInAnyOrder() throws {
        let o = try parse(["--set", "month=2025-04", "report.plansh", "--store", "/tmp/s", "甲", "--yes", "--format=csv", "乙"])
        #expect(o.action == .run)
        #expect(o.store == "/tmp/s")
        #expect(o.format == "csv")
        #expect(o.variables == ["month=2025-04"])
        #expect(o.yes)
        #expect(o.script == ["report.plansh", "甲", "乙"])
        #expect(o.command == nil)
    }

    @Test func dashCTakesTheWholeCommandLineAndTheLastOneWins() throws {
        let o = try parse(["-c", "echo a; echo b", "--store=/x", "--store", "/y"])
        #expect(o.command == "echo a; echo b")
        #expect(o.store == "/y")
        #expect(o.script.isEmpty)
    }

    @Test func doubleDashMakesTheRestPositional() throws {
        let o = try parse(["--", "-odd-name.plansh", "--yes"])
        #expect(o.script == ["-odd-name.plansh", "--yes"])
        #expect(!o.yes)
        #expect(try parse(["-"]).script == ["-"])
    }

    @Test func helpAndVersionWinOverEverythingElse() throws {
        #expect(try parse(["--store", "/s", "--help", "--bogus"]).action == .help)
        #expect(try parse(["-h"]).action == .help)
        #expect(try parse(["x.plansh", "--version"]).action == .version)
        #expect(LaunchOptions.help.contains("--store DIR"))
        #expect(LaunchOptions.help.contains("table, csv, json, markdown"))
    }

    @Test func badUsageIsOneClearMessage() {
        #expect(usageError(["--bogus"]) == "unknown option '--bogus'")
        #expect(usageError(["-x"]) == "unknown option '-x'")
        #expect(usageError(["--store"]) == "--store needs a value (--store DIR)")
        #expect(usageError(["-c", "--yes"]) == "-c needs a value (-c 'CMD; CMD')")
        #expect(usageError(["--yes=no"]) == "--yes takes no value")
        #expect(usageError(["-c", "echo", "x.plansh"]) == "give either -c COMMANDS or a script file, not both")
        #expect(usageError(["--format", "csv"]) == nil)
    }

    @Test func settingsAreCheckedAsTheSetCommandChecksThem() throws {
        let s = try parse(["--format", "json", "--set", "who=医政科", "--set", "today=2025-06-30", "--yes"]).sessionSettings()
        #expect(s.format == .json)
        #expect(s.variables == ["who": "医政科", "today": "2025-06-30"])
        #expect(s.assumeYes)
        #expect(try parse(["--set", "month=none"]).sessionSettings().variables.isEmpty)
        func settingsError(_ args: [String]) -> String? {
            do {
                _ = try parse(args).sessionSettings()
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(settingsError(["--format", "yaml"]) == "unknown format \"yaml\" (table, csv, json, markdown)")
        #expect(settingsError(["--set", "=x"]) == "--set takes NAME=VALUE, not \"=x\"")
        #expect(settingsError(["--set", "month=2025-13"])?.hasPrefix("--set month: ") == true)
    }
}
