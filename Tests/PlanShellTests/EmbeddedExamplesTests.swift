import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// The demo plans, sheets, lessons and scripts built into the program equal `examples/`.
@Suite struct EmbeddedExamplesTests {
    static let examples = LessonFiles.examples

    /// Every file `scripts/embed-examples` embeds: all of examples/ but the scripts' transcripts.
    static func filesOnDisk() throws -> [String] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: examples.path) else { return [] }
        var out: [String] = []
        for case let path as String in walker {
            let name = (path as NSString).lastPathComponent
            var isDir: ObjCBool = false
            fm.fileExists(atPath: examples.appendingPathComponent(path).path, isDirectory: &isDir)
            if isDir.boolValue || name.hasPrefix(".") || name.hasSuffix(".expected") { continue }
            out.append(path)
        }
        return out.sorted()
    }

    @Test func theEmbeddedCopyEqualsExamplesByteForByte() throws {
        let stale = "the copy built into plansh differs from examples/: run scripts/embed-examples"
        let embedded = Dictionary(uniqueKeysWithValues: EmbeddedExamples.files.map { ($0.path, EmbeddedExamples.bytes(of: $0)) })
        let onDisk = try Self.filesOnDisk()
        #expect(embedded.keys.sorted() == onDisk, "\(stale) (files differ)")
        for path in onDisk {
            let bytes = try Data(contentsOf: Self.examples.appendingPathComponent(path))
            #expect(embedded[path] == bytes, "\(stale) (\(path))")
        }
        #expect(onDisk.contains("lessons/01-first-find.lesson") && onDisk.contains("plans/qingshan2025.txt"))
    }

    /// Outside any checkout the embedded copy is written once to the cache and used.
    @Test func outsideACheckoutTheEmbeddedCopyIsUsed() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-embed-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: cache) }
        let dir = try ExamplesLocator.locate(environment: ["XDG_CACHE_HOME": cache.path], workingDirectory: URL(fileURLWithPath: "/"))
        #expect(dir.path.hasPrefix(cache.path))
        let lesson = try Data(contentsOf: dir.appendingPathComponent("lessons/03-tasks-and-targets.lesson"))
        #expect(lesson == (try Data(contentsOf: Self.examples.appendingPathComponent("lessons/03-tasks-and-targets.lesson"))))
        // A second look reuses it.
        #expect(try ExamplesLocator.locate(environment: ["XDG_CACHE_HOME": cache.path], workingDirectory: URL(fileURLWithPath: "/")).path == dir.path)
    }
}
