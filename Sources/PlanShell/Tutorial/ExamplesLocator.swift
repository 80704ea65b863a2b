import Foundation
import PlanKit

/// Finds the bundled `examples/` directory (lessons, demo plans, progress sheets, scripts).
///
/// `$PLANSH_EXAMPLES` wins; otherwise the first directory holding `examples/lessons`, walking
/// up from the working directory (a checkout, or a tutorial sandbox's own copy); otherwise the
/// copy built into the program (`EmbeddedExamples`, SPEC §7), so `import demo` and `tutorial`
/// work wherever plansh runs and wherever its binary is copied.
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
        var dir = workingDirectory.standardizedFileURL
        for _ in 0..<12 {
            let candidate = dir.appendingPathComponent("examples")
            if fm.fileExists(atPath: candidate.appendingPathComponent("lessons").path) { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return try EmbeddedExamples.directory(environment: environment)
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
