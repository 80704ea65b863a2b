import Foundation
import Testing

/// Hostile conditions for the plansh program: standard output that fails or closes, terminal
/// escapes in data, odd files as plans and scripts, and bad command lines and scripts, each a
/// clear error with no crash, no hang and no change to the store.
@Suite(.serialized, .enabled(if: Plansh.isBuilt, Comment(rawValue: Plansh.notBuilt)))
struct HostileShellTests {
    let store = Plansh.temporaryStore("hostile")
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-hostile-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let plans = Plansh.packageRoot.appendingPathComponent("examples/plans").path
        let r = try Plansh.run(["--store", store.path, "-c", "import plan \(plans)"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    struct Outcome {
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs plansh with a deadline; standard output goes to `stdoutPath` when given, else a pipe
    /// (closed before plansh starts when `closedStdout`).
    func run(_ arguments: [String], stdin: String = "", stdoutPath: String? = nil, closedStdout: Bool = false,
             timeout: TimeInterval = 20) throws -> Outcome {
        let p = Process()
        p.executableURL = Plansh.binary
        p.arguments = arguments
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "PLANSH_STORE")
        p.environment = env
        let inPipe = Pipe().closedOnExec(), outPipe = Pipe().closedOnExec(), errPipe = Pipe().closedOnExec()
        p.standardInput = inPipe
        p.standardError = errPipe
        if let stdoutPath {
            // open(2), never FileManager.createFile: that replaces the path (a device!) with a new file.
            let fd = open(stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
            p.standardOutput = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        } else {
            p.standardOutput = outPipe
        }
        if closedStdout { try outPipe.fileHandleForReading.close() }
        try p.run()
        let outDrain = stdoutPath == nil && !closedStdout ? PipeDrain(outPipe) : nil
        let errDrain = PipeDrain(errPipe)
        inPipe.fileHandleForWriting.write(Data(stdin.utf8))
        try? inPipe.fileHandleForWriting.close()
        // A hang is plansh still running at the deadline, as the kernel says (not a pipe or
        // Foundation's exit socket some other process holds open).
        var exit = ChildExit.wait(p, timeout: timeout)
        let timedOut = exit == nil
        if timedOut {
            kill(p.processIdentifier, SIGKILL)
            exit = ChildExit.wait(p, timeout: 10)
        }
        let out = outDrain?.collect() ?? Data(), err = errDrain.collect()
        return Outcome(status: exit?.status ?? -1, signalled: !timedOut && exit?.signalled == true, timedOut: timedOut,
                       stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// Everything a command can see of the store: tasks with every field, history, snapshots.
    func fingerprint() throws -> String {
        let r = try Plansh.run(["--store", store.path, "-c", "find tasks --format json; snapshots; history hewan2025:1.1"])
        return r.stdout + r.stderr
    }

    // MARK: Class 3: standard output errors

    @Test func stdoutOnAFullDeviceIsAnError() throws {
        // Text, and CSV (written as bytes when standard output is not a terminal).
        for args in [["-c", "find tasks"], ["--format", "csv", "-c", "find tasks show id"]] {
            let r = try run(["--store", store.path] + args, stdoutPath: "/dev/full")
            #expect(r.status == 1, "\(args)")
            #expect(!r.signalled)
            #expect(r.stderr.contains("cannot write to standard output: No space left on device"), "\(args): \(r.stderr)")
        }
    }

    @Test func aClosedPipeEndsOutputQuietly() throws {
        let r = try run(["--store", store.path, "-c", "find tasks; echo 之后; count tasks"], closedStdout: true)
        #expect(!r.signalled, "killed by a signal (SIGPIPE)")
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    /// `find … > file` through the shell's redirection onto a full file system: exit 1, not a
    /// truncated file behind exit 0. Needs root to mount a small tmpfs.
    @Test func redirectionOntoAFullDiskIsAnError() throws {
        guard getuid() == 0 else {
            print("skipped: mounting a small tmpfs needs root")
            return
        }
        let mount = dir.appendingPathComponent("full")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        let m = try Plansh.shell("mount -t tmpfs -o size=16k tmpfs \(mount.path)")
        guard m == 0 else {
            print("skipped: cannot mount a tmpfs here (status \(m))")
            return
        }
        defer { _ = try? Plansh.shell("umount \(mount.path)") }
        let file = mount.appendingPathComponent("tasks.txt").path
        // Enough output to fill 16 KB: every task, four times.
        let r = try run(["--store", store.path], stdin: String(repeating: "find tasks\n", count: 4), stdoutPath: file)
        #expect(r.status == 1)
        #expect(r.stderr.contains("<stdin>:"), "\(r.stderr)")
        #expect(r.stderr.contains("cannot write to standard output: No space left on device"), "\(r.stderr)")
        // plansh's own `> FILE` on the same disk: an error too, and no partial file left.
        let own = try run(["--store", store.path, "-c", "find tasks > \(mount.path)/own.csv"])
        #expect(own.status == 1)
        #expect(own.stderr.contains("No space left on device"))
        #expect(!FileManager.default.fileExists(atPath: mount.path + "/own.csv"))
    }

    // MARK: Class 6: control characters on a terminal

    /// Runs `plansh ARGS` in a pseudo-terminal (script(1)) and returns the raw bytes it wrote.
    func onTerminal(_ arguments: [String]) throws -> String {
        let command = ([Plansh.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let transcript = dir.appendingPathComponent("typescript-\(UUID().uuidString.prefix(6))").path
        let status = try Plansh.shell("script -qec \"\(command.replacingOccurrences(of: "\"", with: "\\\""))\" \(transcript) >/dev/null 2>&1 </dev/null")
        #expect(status == 0 || status == 1)
        return String(decoding: FileManager.default.contents(atPath: transcript) ?? Data(), as: UTF8.self)
    }

    @Test func controlCharactersInDataAreShownEscapedOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("skipped: needs script(1) for a pseudo-terminal")
            return
        }
        let clear = "\u{1B}[2J", title = "\u{1B}]0;pwned\u{07}"
        // A note from `update` and one from a sheet.
        let u = try Plansh.run(["--store", store.path, "-c", "update hewan2025:1.1 set note = \"清屏\(clear)标题\(title)\""])
        #expect(u.status == 0, "\(u.stderr)")
        let sheet = dir.appendingPathComponent("esc.csv")
        try "id,note\nhewan2025:1.2,表格\(clear)\u{9B}2J\n".write(to: sheet, atomically: true, encoding: .utf8)
        let s = try Plansh.run(["--store", store.path, "-c", "import progress \(sheet.path)"])
        #expect(s.status == 0, "\(s.stderr)")
        for command in ["show task hewan2025:1.1", "show task hewan2025:1.2", "find tasks where note contains \"清屏\" show id, note",
                        "history hewan2025:1.1", "report", "find tasks where plan = hewan2025 show note --format csv"] {
            let raw = try onTerminal(["--store", store.path, "-c", command])
            #expect(!raw.contains(clear), "\(command) sent ESC[2J raw")
            #expect(!raw.contains("\u{1B}]"), "\(command) sent an OSC sequence raw")
            #expect(!raw.contains("\u{9B}"), "\(command) sent a C1 CSI raw")
            if command.hasPrefix("show task hewan2025:1.1") || command.hasPrefix("history") {
                #expect(raw.contains("\\e[2J"), "\(command): \(raw.prefix(400))")
                #expect(raw.contains("\\e]0;pwned\\x07"))
            }
        }
        // Headings and task text from an imported plan.
        let plan = dir.appendingPathComponent("esc2025.txt")
        try "控制字符区2025年工作要点\n一、总体\(clear)要求\n1.推进\(title)工作，覆盖率达到90%。（牵头单位：医政科）\n"
            .write(to: plan, atomically: true, encoding: .utf8)
        let i = try Plansh.run(["--store", store.path, "-c", "import plan \(plan.path)"])
        #expect(i.status == 0, "\(i.stderr)")
        for command in ["show plan esc2025", "find tasks where plan = esc2025 show id, heading, text"] {
            let raw = try onTerminal(["--store", store.path, "-c", command])
            #expect(!raw.contains(clear) && !raw.contains("\u{1B}]"), "\(command) sent escapes raw")
            #expect(raw.contains("\\e[2J") || raw.contains("\\e]0;"), "\(command): \(raw.prefix(400))")
        }
        // Not a terminal: the data is written as it is (a pipe or file gets what was stored).
        let piped = try Plansh.run(["--store", store.path, "-c", "find tasks where plan = hewan2025 show note --format csv"])
        #expect(piped.stdout.contains(clear))
    }

    // MARK: Class 8: odd files

    @Test func aFifoOrDeviceAsAPlanSaysWhatItIsWithoutBlocking() throws {
        let fifo = dir.appendingPathComponent("fifo2025.txt").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, words) in [(fifo, "a named pipe (FIFO), not a file"), ("/dev/zero", "a device, not a file")] {
            for command in ["import plan \(path)", "import progress \(path)"] {
                let r = try run(["--store", store.path, "-c", command], timeout: 10)
                #expect(!r.timedOut, "\(command) blocked")
                #expect(r.status == 1)
                #expect(r.stderr.contains(words), "\(command): \(r.stderr)")
                #expect(!r.stderr.contains("permission"))
            }
        }
        let script = try run(["--store", store.path, "/dev/zero"], timeout: 10)
        #expect(!script.timedOut)
        #expect(script.status == 1)
        #expect(script.stderr.contains("cannot read script /dev/zero: it is a device, not a file"), "\(script.stderr)")
    }

    @Test func devStdinAsAScriptRunsIt() throws {
        let r = try run(["--store", store.path, "/dev/stdin"], stdin: "echo 甲\ncount tasks where plan = hewan2025\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("甲\n"))
        #expect(!r.stderr.contains("no such file"))
    }

    // MARK: Bad command lines and scripts

    static let badCommandLines: [[String]] = [
        ["--format", "yaml", "-c", "count tasks"], ["--set", "novalue", "-c", "echo"], ["--set", "=x", "-c", "echo"],
        ["-c"], ["--no-such-flag"], ["-c", "echo", "script.plansh"], ["--store"], ["no-such-script.plansh"],
        ["-c", "ecoh 甲"], ["-c", "find where"], ["-c", "find where office = 无此科室"], ["-c", "update"],
        ["-c", "update hewan2025:1.1 set progress = 101"], ["-c", "update hewan2025:1.1 set status = finished"],
        ["-c", "update hewan2025:1.1 set due = 2025-02-30"], ["-c", "update hewan2025:9.9 set progress = 1"],
        ["-c", "update hewan2025:1.1 set colour = red"], ["-c", "update hewan2025:1.1 set progress"],
        ["-c", "update tasks where plan = hewan2025 set progress = 50"], ["-c", "drop plan nosuch"],
        ["-c", "load nosuch"], ["-c", "save ../escape"], ["-c", "save a/b"], ["-c", "save ."], ["-c", "save .."],
        ["-c", "diff nosuch"], ["-c", "show task"], ["-c", "show task nosuch:1"], ["-c", "show plan nosuch"],
        ["-c", "history nosuch:1"], ["-c", "import plan"], ["-c", "import plan /no/such/file.txt"],
        ["-c", "import progress /no/such.csv"], ["-c", "import plan \(Plansh.packageRoot.path)/examples/plans/hewan2025.txt as ../x"],
        ["-c", "run"], ["-c", "run /no/such.plansh"], ["-c", "set timer = maybe"], ["-c", "set errors = sometimes"],
        ["-c", "set format = yaml"], ["-c", "set = 1"], ["-c", "update hewan2025:1.1 set progress = -1"],
        ["-c", "echo $undefined"], ["-c", "echo ${unterminated"], ["-c", "echo \"unterminated"],
        ["-c", "find tasks > "], ["-c", "find tasks > out.docx"], ["-c", "find tasks > /no/such/dir/out.csv"],
        ["-c", "report month 2025-13"], ["-c", "report plan nosuch"], ["-c", "count by office, office"],
        ["-c", "find where text matches \"^(.*.*)*x$\""], ["-c", "find where (((" ], ["-c", "help nosuchtopic"],
        ["-c", "tutorial 99"], ["-c", "\u{1B}[2J"], ["-c", "find where note = \"\u{0}\" limit x"],
    ]

    static let badScripts: [String] = [
        "echo 开始\nfind where office =\necho never\n",
        "set x = 1\necho $y\n",
        "run \(UUID().uuidString).plansh\n",
        "update hewan2025:1.1 set progress = 120\n",
        "find where (status = done\n",
        "echo \"open string\n",
        "echo ok\n\u{FF}\u{FE}\n",
        "count by office, status, plan, due, progress\n",
        "find where text matches \"(\"\n",
        "import plan /dev/zero\n",
        "save ../../etc\n",
        "load\n",
        "update hewan2025:1.1 set note\n",
        "find tasks > x.unknownext\n",
        "set errors = sometimes\n",
    ]

    @Test func everyBadCommandLineAndScriptIsAClearErrorAndChangesNothing() throws {
        let before = try fingerprint()
        var tried = 0, clear = 0, crashed = 0, hung = 0
        var problems: [String] = []
        func judge(_ label: String, _ r: Outcome) {
            tried += 1
            if r.signalled { crashed += 1; problems.append("crash: \(label)") }
            if r.timedOut { hung += 1; problems.append("hang: \(label)") }
            let ok = (r.status == 1 || r.status == 2) && !r.stderr.isEmpty && !r.signalled && !r.timedOut
            if ok { clear += 1 } else if !r.signalled && !r.timedOut { problems.append("status \(r.status): \(label) \(r.stderr.prefix(120))") }
        }
        for args in Self.badCommandLines {
            let r = try run(["--store", store.path] + args, timeout: 20)
            judge(args.joined(separator: " "), r)
        }
        for (i, text) in Self.badScripts.enumerated() {
            let url = dir.appendingPathComponent("bad\(i).plansh")
            // Written as bytes: one script holds bytes that are not UTF-8.
            var bytes = Data(text.utf8)
            if text.contains("\u{FF}") { bytes = Data(text.utf8.map { $0 == 0xC3 ? 0xFF : $0 }) }
            try bytes.write(to: url)
            let r = try run(["--store", store.path, url.path], timeout: 20)
            judge("script \(i): \(text.prefix(40))", r)
            if r.status == 1 && !r.signalled {
                #expect(r.stderr.contains("\(url.path):") || r.stderr.contains("script"), "script \(i): \(r.stderr)")
            }
        }
        let after = try fingerprint()
        let lost = before == after ? 0 : 1
        print("hostile command lines and scripts: tried \(tried) / clear error \(clear) / crash \(crashed) / hang \(hung) / data loss \(lost)")
        #expect(after == before, "the store changed")
        #expect(crashed == 0 && hung == 0)
        #expect(clear == tried, "\(problems)")
        #expect(tried >= 70)
    }
}

extension Plansh {
    /// Runs `command` with /bin/sh; its exit status.
    static func shell(_ command: String) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        try p.run()
        return p.exitStatus()
    }
}
