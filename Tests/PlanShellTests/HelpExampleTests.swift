import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// Every example `help` shows runs against the demo store (in a copy of `examples/`).
@Suite(.enabled(if: LessonFiles.sheetsReady, "needs examples/progress"))
struct HelpExampleTests {
    /// The examples of `help`: indented lines of a command's details, or of a topic, that start
    /// with a command word; text after a gap of three spaces is a comment.
    static var examples: [String] {
        let texts = CommandTable.all.map(\.details) + HelpTopics.names.compactMap { HelpTopics.texts[$0] }
        var out: [String] = []
        for text in texts {
            for line in text.split(separator: "\n") where line.hasPrefix("  ") {
                var command = line.trimmingCharacters(in: .whitespaces)
                if let gap = command.range(of: "   ") { command = String(command[..<gap.lowerBound]) }
                let first = command.split(separator: " ").first.map(String.init) ?? ""
                if CommandTable.commandWords.contains(first) { out.append(command) }
            }
        }
        return out
    }

    @Test func thereAreExamples() {
        #expect(Self.examples.count >= 25)
        #expect(Self.examples.contains("count tasks by office, status"))
    }

    @Test func everyExampleRunsOnTheDemo() throws {
        let demo = try DemoShell()
        var failures: [String] = []
        for example in Self.examples {
            try demo.sandbox.reset(running: ["import demo"])
            if !demo.run(example) { failures.append("\(example)\n\(demo.err)") }
        }
        if !failures.isEmpty { print("HELP EXAMPLES FAILING:\n" + failures.joined(separator: "\n")) }
        #expect(failures.isEmpty, "\(failures.count) examples fail:\n\(failures.joined(separator: "\n"))")
    }
}
