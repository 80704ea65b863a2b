import Foundation
import PlanKit

/// Finds the bundled `examples/` directory (lessons, demo plans, progress sheets, scripts).
///
/// `$PLANSH_EXAMPLES` wins; otherwise the first directory holding `examples/lessons`, walking
/// up from the working directory (a tutorial sandbox keeps its own copy there), then from the
/// executable (a build directory sits inside the package), also trying `share/plansh/examples`.
public enum ExamplesLocator {
    public static let environmentKey = "PLANSH_EXAMPLES"

    /// The examples directory, or a diagnostic saying where it was sought.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              workingDirectory: URL) throws -> URL {
        let fm = FileManager.default
        if let override = environment[environmentKey], !override.isEmpty {
            let url = URL(fileURLWithPath: NSString(string: override).expandingTildeInPath, relativeTo: workingDirectory)
                .standardizedFileURL
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
                throw Diagnostic("$\(environmentKey) is \(override), which is not a directory")
            }
            return url
        }
        var starts = [workingDirectory.standardizedFileURL]
        if let exe = executableURL() { starts.append(exe.deletingLastPathComponent()) }
        for start in starts {
            var dir = start
            for _ in 0..<12 {
                let candidate = dir.appendingPathComponent("examples")
                if fm.fileExists(atPath: candidate.appendingPathComponent("lessons").path) { return candidate }
                let installed = dir.appendingPathComponent("share/plansh/examples")
                if fm.fileExists(atPath: installed.appendingPathComponent("lessons").path) { return installed }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw Diagnostic("cannot find plansh's examples directory (with lessons/, plans/ and progress/) "
                         + "above the program or the working directory; set $\(environmentKey) to it")
    }

    /// The running program, symlinks resolved.
    static func executableURL() -> URL? {
        let proc = URL(fileURLWithPath: "/proc/self/exe")
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: proc.path) {
            return URL(fileURLWithPath: target)
        }
        guard let arg0 = CommandLine.arguments.first, arg0.contains("/") else { return nil }
        return URL(fileURLWithPath: arg0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.resolvingSymlinksInPath()
    }

    /// How a file under `examples` is named in messages: relative to the working directory
    /// when it lies below it, else the full path.
    public static func displayName(_ url: URL, workingDirectory: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = workingDirectory.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
