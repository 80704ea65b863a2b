import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// Usage, arity errors, `help COMMAND`, completion and the read-only refusal all come from
/// each command's declaration.
@Suite struct CommandDeclarationTests {
    func session() throws -> (Session, Output) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-decl-\(UUID().uuidString.prefix(8))")
        let s = Session(store: try Store.open(at: dir))
        let out = Output()
        s.output = { out.text += $0 }
        s.errorOutput = { out.text += $0 }
        return (s, out)
    }

    final class Output { var text = "" }

    @Test func usageAndHelpComeFromTheDeclaration() throws {
        let (s, out) = try session()
        for spec in CommandTable.all where spec.topic != "hidden" {
            out.text = ""
            #expect(s.execute("help \(spec.name)"))
            #expect(out.text.hasPrefix(spec.usage + "\n  " + spec.summary), "\(spec.name): \(out.text)")
            #expect(spec.usage == ([spec.name] + spec.parameters.map(\.usage)).joined(separator: " "))
        }
        #expect(CommandTable.all.first { $0.name == "import plan" }?.usage == "import plan FILE|DIR [as ID] [year YYYY] [replace]")
        #expect(CommandTable.all.first { $0.name == "diff" }?.usage == "diff A [B] [where EXPR]")
    }

    @Test func arityErrorsComeFromTheBinderWithACaret() throws {
        let (s, out) = try session()
        for spec in CommandTable.all where !spec.changesData {
            guard let missing = spec.parameters.first(where: { $0.keyword == nil && !$0.isOptional }) else { continue }
            out.text = ""
            #expect(!s.execute(spec.name), "\(spec.name)")
            #expect(out.text.contains("error: expected \(missing.noun) — usage: \(spec.usage)"), "\(out.text)")
            #expect(out.text.contains("\n    \(spec.name)\n    " + String(repeating: " ", count: spec.name.count) + "^"), "\(out.text)")
        }
        for spec in CommandTable.all where spec.parameters.isEmpty && !spec.changesData && spec.name != "quit" {
            out.text = ""
            #expect(!s.execute("\(spec.name) extra"), "\(spec.name)")
            #expect(out.text.contains("error: unexpected \"extra\" — usage: \(spec.name)"), "\(out.text)")
        }
    }

    /// `show` alone says what it expects, not "unknown command" (issue 14, class 8).
    @Test func aCommandFamilyAloneSaysWhatItExpects() throws {
        let (s, out) = try session()
        #expect(!s.execute("show"))
        #expect(out.text.contains("error: `show` needs more: show plan ID | show task ID"), "\(out.text)")
        #expect(!out.text.contains("unknown command"))
        out.text = ""
        #expect(!s.execute("import"))
        #expect(out.text.contains("error: `import` needs more: import plan FILE|DIR [as ID] [year YYYY] [replace] | "
                                  + "import progress FILE [sheet NAME] [month YYYY-MM] | import demo"), "\(out.text)")
        out.text = ""
        #expect(!s.execute("show tsk x"))
        #expect(out.text.contains("`show tsk` is not a command — did you mean \"task\"?"), "\(out.text)")
        out.text = ""
        #expect(!s.execute("shwo"))
        #expect(out.text.contains("unknown command \"shwo\" — did you mean \"show\"?"), "\(out.text)")
    }

    @Test func completionOffersWhatTheDeclarationTakes() throws {
        let (s, _) = try session()
        let c = Completer(session: s)
        #expect(c.candidates(forLine: "import plan x.txt ") == ["as", "replace", "year"])
        #expect(c.candidates(forLine: "import plan x.txt replace ") == ["as", "year"])
        #expect(c.candidates(forLine: "report ") == ["by", "month", "plan"])
        #expect(c.candidates(forLine: "report by ") == ["office", "科室"])
        #expect(c.candidates(forLine: "tutorial 1 ") == ["restart"])
        #expect(c.candidates(forLine: "set ") == SessionSetting.completionNames.sorted())
        #expect(c.candidates(forLine: "set ").contains("rule"))
        #expect(c.candidates(forLine: "help ").contains("query"))
    }

    /// The read-only refusal comes from `changesData`, in one place, before any argument check.
    @Test func readOnlyRefusalComesFromChangesData() throws {
        let (writer, _) = try session()
        let dir = writer.store.directory
        writer.store.close()
        // A store that cannot be written: a read-only bind mount as root, else no write permission.
        let mounted = CrashFaultTests.isRoot
            && CrashFaultTests.sh("mount --bind '\(dir.path)' '\(dir.path)' && mount -o remount,ro,bind '\(dir.path)'") == 0
        if !mounted { chmod(dir.path, 0o500) }
        defer {
            if mounted { CrashFaultTests.sh("umount '\(dir.path)'") } else { chmod(dir.path, 0o700) }
            try? FileManager.default.removeItem(at: dir)
        }
        let reader = Session(store: try Store.open(at: dir))
        defer { reader.store.close() }
        let out = Output()
        reader.errorOutput = { out.text += $0 }
        reader.output = { _ in }
        #expect(reader.store.isReadOnly)
        for spec in CommandTable.all where !["tutorial", "quit", "exit", "run", "help"].contains(spec.name) {
            out.text = ""
            _ = reader.execute(spec.name)
            #expect(out.text.contains("changes data and is refused") == spec.changesData, "\(spec.name): \(out.text)")
        }
        out.text = ""
        #expect(!reader.execute("update x:1 set progress = 5"))
        #expect(out.text.contains("the store is read-only (") && out.text.contains("`update` changes data and is refused"),
                "\(out.text)")
    }
}
