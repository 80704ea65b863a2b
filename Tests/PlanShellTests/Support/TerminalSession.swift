import Foundation

/// plansh running in a real terminal: a detached tmux session on a private socket.
/// Keys go in with `send-keys`, the screen comes back with `capture-pane`.
final class TerminalSession {
    static var tmuxAvailable: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static let tmuxMissing = "needs tmux (scripts/setup installs it)"

    let socket: String
    private var started = false

    /// Starts `plansh ARGS` in an 100×40 pane; when it exits the pane prints `EXIT=<status>`.
    init(arguments: [String], width: Int = 100, height: Int = 40, directory: URL? = nil,
         environment: [String: String] = [:]) throws {
        socket = "plansh-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        let quoted = ([Plansh.binary.path] + arguments).map(Self.shellQuote).joined(separator: " ")
        let script = "\(quoted); echo EXIT=$?; sleep 60"
        var args = ["new-session", "-d", "-x", String(width), "-y", String(height),
                    "-e", "TERM=xterm", "-e", "LANG=C.UTF-8"]
        for (k, v) in environment.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
        if let directory { args += ["-c", directory.path] }
        try tmux(args + [script], capture: false)
        started = true
    }

    deinit { close() }

    func close() {
        guard started else { return }
        started = false
        _ = try? tmux(["kill-server"])
    }

    /// Types `text` literally (no key names interpreted).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "0", "-l", text]) }

    /// Presses keys by tmux name: `Enter`, `Tab`, `Up`, `Left`, `BSpace`, `C-c`, `C-d`.
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "0"] + keys) }

    /// The visible screen with its escape codes (colours), trailing blank lines removed.
    func screenWithEscapes() throws -> String {
        try tmux(["capture-pane", "-p", "-e", "-t", "0"]).replacingOccurrences(of: "\\n+$", with: "", options: .regularExpression)
    }

    /// Resizes the window (the program gets SIGWINCH).
    func resize(width: Int, height: Int = 40) throws {
        try tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    /// The cursor's column (0-based).
    func cursorColumn() throws -> Int? {
        Int(try tmux(["display-message", "-p", "-t", "0", "#{cursor_x}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The visible screen, trailing blank lines removed.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"]).replacingOccurrences(of: "\\n+$", with: "", options: .regularExpression)
    }

    /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen.
    @discardableResult
    func wait(timeout: TimeInterval = 10, until predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if predicate(last) { return last }
            usleep(50_000)
        }
        return last
    }

    /// Waits for `text` to appear on screen `count` times.
    @discardableResult
    func wait(for text: String, count: Int = 1, timeout: TimeInterval = 10) throws -> String {
        try wait(timeout: timeout) { $0.components(separatedBy: text).count - 1 >= count }
    }

    /// The exit status printed after plansh ends, waiting for it.
    func exitStatus(timeout: TimeInterval = 10) throws -> Int? {
        let s = try wait(timeout: timeout) { $0.contains("EXIT=") }
        guard let r = s.range(of: #"EXIT=(\d+)"#, options: .regularExpression) else { return nil }
        return Int(s[r].dropFirst(5))
    }

    /// Presses Ctrl-D once the shell sits at an empty prompt (the screen's last line is a prompt
    /// and nothing else). Between two commands the terminal is in cooked mode, where the line
    /// discipline takes a Ctrl-D as end-of-file for a read nobody is making and libedit, once it
    /// switches to raw mode, reads no Ctrl-D at all: on a loaded machine a key pressed as soon as
    /// a command's output appears can land there. A user sees the prompt before pressing it.
    func pressCtrlDAtPrompt(timeout: TimeInterval = 10) throws {
        try wait(timeout: timeout) { screen in
            let last = screen.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
            return last.hasPrefix("plansh[") && last.hasSuffix("]>")
        }
        try press("C-d")
    }

    /// Runs `tmux -L socket ARGS` and returns its standard output.
    ///
    /// Spawned with posix_spawn and reaped with waitpid rather than Foundation's Process: the
    /// tmux server the first call starts inherits whatever the launcher keeps open, and
    /// Process's exit monitoring (and any pipe) then never sees an end. Output goes through a
    /// temporary file for the same reason.
    @discardableResult
    private func tmux(_ args: [String], capture: Bool = true) throws -> String {
        let outPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(socket)-\(UUID().uuidString.prefix(6)).out").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ["tmux", "-L", socket] + args
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cargs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, "tmux", &actions, nil, &cargs, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .ENOENT) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard capture else { return "" }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
