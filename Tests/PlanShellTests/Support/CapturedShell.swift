import Foundation
import PlanKit
@testable import PlanShell

/// What a session printed on its two streams, taken and cleared by `take()`.
final class Captured: @unchecked Sendable {
    var out = ""
    var err = ""

    /// Standard output and standard error since the last call.
    func take() -> (out: String, err: String) {
        defer { out = ""; err = "" }
        return (out, err)
    }
}

/// The set-up the shell suites share: a session whose output is captured, on a store of their own.
enum CapturedShell {
    /// A session on `store`, working in `workingDirectory`, its output captured.
    static func session(_ store: URL, workingDirectory: URL, interactive: Bool = false) throws -> (Session, Captured) {
        let s = Session(store: try Store.open(at: store),
                        environment: SessionEnvironment(isInteractive: interactive, workingDirectory: workingDirectory))
        let c = Captured()
        s.output = { c.out += $0 }
        s.errorOutput = { c.err += $0 }
        return (s, c)
    }

    /// A fresh directory holding `store/`, seeded with generated plans `(id, sections, items)`,
    /// and a captured session on it working in the directory.
    static func seeded(_ label: String, plans: [(String, Int, Int)] = [("yy2025", 3, 4)],
                       interactive: Bool = false) throws -> (URL, Session, Captured) {
        let dir = CrashTestSupport.temporaryDirectory(label)
        let store = dir.appendingPathComponent("store")
        _ = try CrashTestSupport.seedStore(at: store, plans: plans)
        let (session, c) = try session(store, workingDirectory: dir, interactive: interactive)
        return (dir, session, c)
    }
}

/// A session on the demo plans, working in a copy of `examples/` (what `help` examples assume).
final class DemoShell {
    let sandbox: TutorialSandbox
    var session: Session { sandbox.session }
    var err = ""

    init() throws {
        let learner = Session(store: try Store.open(at: FileManager.default.temporaryDirectory
            .appendingPathComponent("plansh-demo-shell-\(UUID().uuidString.prefix(8))")))
        sandbox = try TutorialSandbox(examples: LessonFiles.examples, like: learner)
        try sandbox.reset(running: ["import demo"])
    }

    deinit { sandbox.remove() }

    /// Runs `line`; the error text (if any) lands in `err`.
    @discardableResult func run(_ line: String) -> Bool {
        err = ""
        let saved = session.errorOutput
        session.errorOutput = { [unowned self] in self.err += $0 }
        defer { session.errorOutput = saved }
        return !sandbox.run(line, show: false).failed
    }
}
