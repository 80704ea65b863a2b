import Foundation
import Testing

/// plansh as a command-line program: `-c`, script files, pipes, flags and exit status.
@Suite(.enabled(if: Plansh.isBuilt, Comment(rawValue: Plansh.notBuilt)))
struct CommandLineTests {
    let store = Plansh.temporaryStore("cli")
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func dashCRunsCommandsSeparatedBySemicolons() throws {
        let r = try Plansh.run(["--store", store.path, "-c", "echo 甲; set who = 医政科; echo ${who}教科"])
        #expect(r.status == 0)
        #expect(r.stdout == "甲\n医政科教科\n")
        #expect(r.stderr.isEmpty)
    }

    @Test func aFailingScriptStopsWithFileLineColumnAndACaret() throws {
        let script = try write("month.plansh", """
            # 月度检查
            set month = 2025-04
            echo 开始 $month
            echo 甲乙; ecoh 丙
            echo never
            """)
        let r = try Plansh.run(["--store", store.path, script.path])
        #expect(r.status == 1)
        #expect(r.stdout == "开始 2025-04\n甲乙\n")
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(script.path):4:10: error: unknown command \"ecoh\" — did you mean \"echo\"?")
        #expect(lines.dropFirst().first == "    echo 甲乙; ecoh 丙")
        // `echo 甲乙; ` is 9 characters but 11 columns wide: the caret is under `ecoh`.
        #expect(lines.dropFirst(2).first == "    " + String(repeating: " ", count: 11) + "^^^^")
    }

    @Test func aScriptThroughAPipeBehavesLikeTheSameScriptAsAFile() throws {
        let text = "echo 一\nset x = 二\necho $x\nbogus here\necho 三\n"
        let file = try Plansh.run(["--store", store.path, try write("p.plansh", text).path])
        let piped = try Plansh.run(["--store", store.path], stdin: Data(text.utf8))
        #expect(file.status == 1 && piped.status == 1)
        #expect(file.stdout == piped.stdout)
        #expect(file.stdout == "一\n二\n")
        // Same message, same line and column; only the file name differs.
        #expect(file.stderr.replacingOccurrences(of: dir.appendingPathComponent("p.plansh").path, with: "<stdin>") == piped.stderr)
        #expect(piped.stderr.hasPrefix("<stdin>:4:1: error: unknown command \"bogus\""))
    }

    @Test func errorsContinueWhenAsked() throws {
        let r = try Plansh.run(["--store", store.path], stdin: Data("set errors = continue\nbogus\necho after\n".utf8))
        #expect(r.stdout == "after\n")
        #expect(r.status == 1)   // a command failed, even though the script went on
    }

    @Test func argumentsAndSetFlagsReachTheScript() throws {
        let script = try write("args.plansh", "echo $1 $2 $month\n")
        let r = try Plansh.run(["--store", store.path, "--set", "month=2025-05", script.path, "甲", "乙"])
        #expect(r.status == 0)
        #expect(r.stdout == "甲 乙 2025-05\n")
    }

    @Test func includeChainIsShownForAnErrorInANestedScript() throws {
        let inner = try write("inner.plansh", "echo inner\nset x = $nope\n")
        let outer = try write("outer.plansh", "echo outer\nrun \(inner.lastPathComponent)\necho not-reached\n")
        let r = try Plansh.run(["--store", store.path, outer.path], directory: dir)
        #expect(r.status == 1)
        #expect(r.stdout == "outer\ninner\n")
        #expect(r.stderr.contains("inner.plansh:2:9: error: unknown variable $nope"))
        #expect(r.stderr.contains("outer.plansh:2"))
    }

    @Test func aScriptThatRunsItselfIsRefused() throws {
        let me = try write("self.plansh", "echo once\nrun self.plansh\n")
        let r = try Plansh.run(["--store", store.path, me.path], directory: dir)
        #expect(r.status == 1)
        #expect(r.stdout == "once\n")
        #expect(r.stderr.contains("runs itself"))
        // Located at the `run` line's FILE word, with the line and a caret, like any script error.
        #expect(r.stderr.contains("self.plansh:2:5: error: script self.plansh runs itself ("), "\(r.stderr)")
        #expect(r.stderr.contains("self.plansh → self.plansh)\n    run self.plansh\n        ^^^^^^^^^^^\n"), "\(r.stderr)")
    }

    @Test func badUsageExitsTwo() throws {
        #expect(try Plansh.run(["--bogus"]).status == 2)
        #expect(try Plansh.run(["--store", store.path, "--format", "yaml", "-c", "echo"]).status == 2)
        let missing = try Plansh.run(["--store", store.path, dir.appendingPathComponent("missing.plansh").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing.plansh"))
        let version = try Plansh.run(["--version"])
        #expect(version.status == 0 && version.stdout.first?.isNumber == true)
        let help = try Plansh.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("--store"))
    }

    @Test func runOfAMissingFileFailsTheScript() throws {
        let r = try Plansh.run(["--store", store.path, "-c", "run nowhere.plansh"], directory: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("nowhere.plansh"))
        #expect(r.stderr.split(separator: "\n").count <= 3)
    }

    @Test func badInputGetsOneClearErrorAndTheShellGoesOn() throws {
        var input = Data("echo before\n".utf8)
        input.append(contentsOf: [0x65, 0x63, 0x68, 0x6F, 0x20, 0xFF, 0xFE, 0x0A])       // invalid UTF-8
        input.append(Data(("echo " + String(repeating: "长", count: 400_000) + "\n").utf8)) // a 1 MB line
        input.append(Data("echo \"open\n".utf8))                                          // unterminated at EOF
        let r = try Plansh.run(["--store", store.path, "-c", "set errors = continue"], stdin: Data())
        #expect(r.status == 0)
        let s = try Plansh.run(["--store", store.path, "--set", "x=1"], stdin: Data("set errors = continue\n".utf8) + input)
        #expect(s.status == 1)
        #expect(s.stdout.hasPrefix("before\n"))
        #expect(s.stdout.contains(String(repeating: "长", count: 400_000)))
        #expect(s.stderr.contains("<stdin>:3: error: line is not valid UTF-8"))
        #expect(s.stderr.contains("unterminated") || s.stderr.contains("not closed"))
        // Every message line is short even though one input line was 1 MB.
        #expect(s.stderr.split(separator: "\n").allSatisfy { $0.count < 300 })
    }

    @Test func anUnusableStoreIsAClearError() throws {
        let file = try write("not-a-dir", "x")
        let r = try Plansh.run(["--store", file.path, "-c", "echo hi"])
        #expect(r.status == 1)
        #expect(r.stderr.contains(file.path))
        #expect(r.stderr.split(separator: "\n").count == 1)
        let under = try Plansh.run(["--store", file.appendingPathComponent("sub").path, "-c", "echo hi"])
        #expect(under.status == 1)
        #expect(under.stderr == "plansh: cannot create store \(file.path)/sub: \(file.path) is not a directory\n")
    }

    @Test func theStoreIsCreatedOwnerOnlyUnderXDGDataHome() throws {
        let home = dir.appendingPathComponent("xdg")
        let r = try Plansh.run(["-c", "echo ok"], environment: ["XDG_DATA_HOME": home.path])
        #expect(r.status == 0)
        let attrs = try FileManager.default.attributesOfItem(atPath: home.appendingPathComponent("plansh").path)
        #expect((attrs[.posixPermissions] as? Int) == 0o700)
        let viaEnv = dir.appendingPathComponent("env-store")
        #expect(try Plansh.run(["-c", "echo ok"], environment: ["PLANSH_STORE": viaEnv.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: viaEnv.path))
    }
}
