import Foundation
import PlanKit

/// A throw-away store and session where a lesson's commands run.
///
/// Layout under a fresh temporary directory: `store/` (the sandbox store) and `work/` (the
/// sandbox's working directory) holding a copy of `examples/`, so a learner types the same
/// paths as in a checkout (`import plan examples/plans/…`) and files a command writes stay
/// in the sandbox. The learner's own store is never opened here.
final class TutorialSandbox {
    /// What one typed line did in the sandbox.
    struct Run {
        /// The output of each command that succeeded, in order.
        var results: [CommandOutput] = []
        /// A command failed (its error has been shown).
        var failed = false
        /// Everything written to standard output.
        var printed = ""
    }

    /// Enough of the sandbox's state to tell whether a command changed it.
    struct Fingerprint: Equatable {
        var plans: [String]
        var tasks: Int
        var history: Int
        var snapshots: [String]
    }

    let root: URL
    let work: URL
    let examples: URL
    private(set) var store: Store
    private(set) var session: Session
    private var generation = 0
    private let environment: SessionEnvironment
    /// Where shown output goes (the learner's session), read at each write.
    private let forward: (String) -> Void
    private let forwardError: (String) -> Void
    private var showing = false
    private var printed = ""

    static let prefix = "plansh-tutorial-"

    /// Creates the sandbox directories and an empty store; `reset` fills it.
    init(examples: URL, like learner: Session) throws {
        let fm = FileManager.default
        TutorialSandbox.removeAbandoned()
        root = fm.temporaryDirectory.appendingPathComponent("\(TutorialSandbox.prefix)\(getpid())-\(UUID().uuidString.prefix(8))")
        work = root.appendingPathComponent("work")
        self.examples = examples
        do {
            try fm.createDirectory(at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Diagnostic(Messages.cannotCreateSandbox(fm.temporaryDirectory.path, reason: error.localizedDescription))
        }
        var env = learner.environment
        env.isInteractive = false
        env.workingDirectory = work
        environment = env
        forward = { [weak learner] in learner?.output($0) }
        forwardError = { [weak learner] in learner?.errorOutput($0) }
        (store, session) = try TutorialSandbox.open(root.appendingPathComponent("store-0"), environment: env)
        try copyExamples()
        wire()
    }

    deinit { remove() }

    private static func open(_ dir: URL, environment: SessionEnvironment) throws -> (Store, Session) {
        let store = try Store.open(at: dir)
        let session = Session(store: store, environment: environment)
        // Nothing here is anyone's real data: bulk updates need no confirmation.
        session.settings.assumeYes = true
        return (store, session)
    }

    private func wire() {
        session.output = { [unowned self] text in
            self.printed += text
            if self.showing { self.forward(text) }
        }
        session.errorOutput = { [unowned self] text in
            if self.showing { self.forwardError(text) }
        }
    }

    private func copyExamples() throws {
        let fm = FileManager.default
        let copy = work.appendingPathComponent("examples")
        try? fm.removeItem(at: copy)
        do {
            try fm.copyItem(at: examples, to: copy)
        } catch {
            throw Diagnostic(Messages.cannotCopyIntoSandbox(examples.path, reason: error.localizedDescription))
        }
    }

    /// A command that failed while the sandbox was being rebuilt.
    struct ReplayFailure: Error, CustomStringConvertible {
        /// Its index in the commands given to `reset`.
        var index: Int
        var command: String
        var message: String
        var description: String { Messages.replayFails(command, error: message).text }
    }

    /// A fresh sandbox: a new empty store and working directory, then `commands` run silently.
    /// Throws a `ReplayFailure` when one of them fails.
    func reset(running commands: [String]) throws {
        store.close()
        let fm = FileManager.default
        try? fm.removeItem(at: root.appendingPathComponent("store-\(generation)"))
        generation += 1
        let contents = (try? fm.contentsOfDirectory(at: work, includingPropertiesForKeys: nil)) ?? []
        for item in contents where item.lastPathComponent != "examples" { try? fm.removeItem(at: item) }
        try copyExamples()
        (store, session) = try TutorialSandbox.open(root.appendingPathComponent("store-\(generation)"), environment: environment)
        wire()
        for (i, command) in commands.enumerated() {
            let errors = ErrorCollector()
            session.errorOutput = { errors.text += $0 }
            let r = run(command, show: false)
            wire()
            if r.failed {
                throw ReplayFailure(index: i, command: command,
                                    message: errors.text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
    }

    /// Runs one typed line (one or more commands separated by `;`, an optional `> FILE`)
    /// in the sandbox; shows output and errors to the learner when `show`.
    func run(_ line: String, show: Bool) -> Run {
        showing = show
        printed = ""
        defer { showing = false }
        let results = ResultCollector()
        session.onCommandResult = { [unowned self] output, file in
            results.items.append(output)
            if let file { session.output("(wrote \(file) in the tutorial sandbox)\n") }
        }
        defer { session.onCommandResult = nil }
        var result = Run()
        result.failed = !session.execute(line)
        result.results = results.items
        session.shouldQuit = false
        result.printed = printed
        return result
    }

    /// The results of one typed line, gathered by the session's `onCommandResult`.
    final class ResultCollector {
        var items: [CommandOutput] = []
    }

    var fingerprint: Fingerprint {
        let w = session.workspace
        let snaps = ((try? store.snapshots()) ?? []).map(\.name)
        return Fingerprint(plans: w.plans.map(\.id), tasks: w.taskCount, history: w.history.count, snapshots: snaps)
    }

    /// Deletes sandboxes left by shells that ended inside a lesson (Ctrl-D, a closed terminal):
    /// those whose process is gone.
    static func removeAbandoned() {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory
        for name in (try? fm.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                try? fm.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
    }

    /// Closes the store and deletes the sandbox.
    func remove() {
        store.close()
        try? FileManager.default.removeItem(at: root)
    }
}

/// Collects error text written while the sandbox is being built.
final class ErrorCollector {
    var text = ""
}
