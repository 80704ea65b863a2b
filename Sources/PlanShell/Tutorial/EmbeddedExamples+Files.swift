import Foundation
import PlanKit

extension EmbeddedExamples {
    /// A directory holding the embedded files, written once per content into the user's cache
    /// (`$XDG_CACHE_HOME/plansh`, else `~/.cache/plansh`), so the lessons, demo plans and scripts
    /// are at hand wherever the program was copied.
    static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let fm = FileManager.default
        let base: URL
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg).appendingPathComponent("plansh")
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = URL(fileURLWithPath: home).appendingPathComponent(".cache/plansh")
        } else {
            base = fm.temporaryDirectory.appendingPathComponent("plansh-\(getuid())")
        }
        let target = base.appendingPathComponent("examples-\(fingerprint)")
        let complete = target.appendingPathComponent(".complete")
        if fm.fileExists(atPath: complete.path) { return target }
        do {
            try fm.createDirectory(at: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let staging = base.appendingPathComponent(".staging-\(getpid())-\(UUID().uuidString.prefix(8))")
            defer { try? fm.removeItem(at: staging) }
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            }
            try Data().write(to: staging.appendingPathComponent(".complete"))
            // Another plansh may have written it meanwhile: theirs is the same content.
            if !fm.fileExists(atPath: complete.path) {
                try? fm.removeItem(at: target)
                try fm.moveItem(at: staging, to: target)
            }
        } catch {
            throw Diagnostic("cannot write the built-in examples to \(base.path): \(error.localizedDescription)")
        }
        return target
    }

    /// A hash of the embedded content (FNV-1a, 64 bits), so a new build never reads an old copy.
    static var fingerprint: String {
        var h: UInt64 = 0xcbf29ce484222325
        for file in files {
            for b in file.path.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            for b in file.text.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        }
        return String(h, radix: 16)
    }
}
