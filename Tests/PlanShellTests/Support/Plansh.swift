import Foundation

/// The built `plansh` binary, run as a user would run it: arguments, standard input, a store.
enum Plansh {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the checkout (seeds, truth, corpus generator); absent in a user's clone.
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// `.build/debug/plansh` (scripts/test builds it before running the suite).
    static var binary: URL { packageRoot.appendingPathComponent(".build/debug/plansh") }
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }
    static let notBuilt = "needs the built binary .build/debug/plansh (scripts/test builds it first)"

    /// A fresh, empty store directory path (not created: plansh creates it).
    static func temporaryStore(_ tag: String = "store") -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("plansh-test-\(tag)-\(getpid())-\(UUID().uuidString.prefix(8))")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs plansh to completion with `arguments` and `stdin`, in `directory`.
    static func run(_ arguments: [String], stdin: Data = Data(), directory: URL? = nil,
                    environment extra: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "PLANSH_STORE")
        env["XDG_DATA_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-test-xdg").path
        for (k, v) in extra { env[k] = v }
        p.environment = env
        if let directory { p.currentDirectoryURL = directory }
        let inPipe = Pipe().closedOnExec(), outPipe = Pipe().closedOnExec(), errPipe = Pipe().closedOnExec()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        try p.run()
        // Both pipes drained on their own threads so a large output cannot block the child.
        let out = PipeDrain(outPipe), err = PipeDrain(errPipe)
        inPipe.fileHandleForWriting.write(stdin)
        try? inPipe.fileHandleForWriting.close()
        let exit = ChildExit.wait(p, timeout: .infinity)
        let outData = out.collect(), errData = err.collect()
        return Result(status: exit?.status ?? -1, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
