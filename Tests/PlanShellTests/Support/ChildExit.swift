import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child's exit as the kernel reports it, read without reaping the child.
///
/// Foundation's `Process` on Linux learns of an exit when a socket it hands the child closes;
/// any process spawned meanwhile by a test running beside this one inherits that socket too
/// (swift-corelibs-foundation issue #4795), so `isRunning` and `waitUntilExit()` can wait for
/// a tmux server or another test's shell long after this child ended. `waitid` with `WNOWAIT`
/// asks the kernel instead and leaves the zombie for Foundation to reap.
struct ChildExit {
    var status: Int32
    var signalled: Bool

    /// The exit of `process`, waiting at most `timeout` seconds; nil while it still runs.
    static func wait(_ process: Process, timeout: TimeInterval) -> ChildExit? {
        let deadline = Date() + timeout
        while true {
            if let exit = peek(process) { return exit }
            if Date() >= deadline { return nil }
            usleep(2_000)
        }
    }

    /// The exit of `process` if it has ended, else nil.
    static func peek(_ process: Process) -> ChildExit? {
        var info = siginfo_t()
        let r = waitid(P_PID, id_t(process.processIdentifier), &info, WEXITED | WNOHANG | WNOWAIT)
        if r == 0 && info.si_signo == SIGCHLD {
            let status = info._sifields._sigchld.si_status
            switch Int(info.si_code) {
            case Int(CLD_EXITED): return ChildExit(status: status, signalled: false)
            case Int(CLD_KILLED), Int(CLD_DUMPED): return ChildExit(status: status, signalled: true)
            default: return nil
            }
        }
        // Already reaped (ECHILD): Foundation saw the exit, so its own answer is ready.
        if r != 0 && errno == ECHILD && !process.isRunning {
            return ChildExit(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal)
        }
        return nil
    }
}

extension Process {
    /// Waits for the child as the kernel reports it (see `ChildExit`) and returns its exit status
    /// (the signal's number when a signal ended it): `waitUntilExit()` and `terminationStatus`
    /// without waiting for whoever else holds Foundation's exit socket.
    @discardableResult
    func exitStatus() -> Int32 {
        ChildExit.wait(self, timeout: .infinity)?.status ?? -1
    }
}
