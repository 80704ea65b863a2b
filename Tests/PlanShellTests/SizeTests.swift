import Foundation
import Testing

/// The Python that runs scripts/sizes, if there is one.
let sizesPython = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The size limits of notes/COMMON.md, kept by the suite: no file in Sources/ over 600 lines,
/// no function over 80. `scripts/sizes` measures (one place for the rule); this runs its check.
@Suite(.enabled(if: sizesPython != nil, "needs python3 to run scripts/sizes"))
struct SizeTests {
    static var python: String? { sizesPython }

    static func sizes(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python ?? "/usr/bin/python3")
        p.arguments = [Plansh.packageRoot.appendingPathComponent("scripts/sizes").path] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        return (p.exitStatus(), String(decoding: data, as: UTF8.self))
    }

    @Test func noFileOrFunctionPastTheLimits() throws {
        let (status, output) = try Self.sizes(["--check"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("lines per module: PlanKit ") && !output.contains("over: "), "\(output)")
    }
}
