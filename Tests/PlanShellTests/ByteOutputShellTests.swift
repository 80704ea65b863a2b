import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// A CSV result reaches a file or a non-terminal standard output as bytes: the same text as before.
@Suite struct ByteOutputShellTests {
    @Test func csvToStandardOutputAsBytesIsTheText() throws {
        let (dir, s, c) = try CapturedShell.seeded("byte-out", plans: [("yy2025", 3, 5), ("zz2024", 2, 4)])
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        #expect(s.execute("set format csv"))
        #expect(s.execute("find tasks show id"))
        #expect(s.execute("find tasks show id, heading"))
        let text = c.take().out
        #expect(text.hasPrefix("id\r\n"))
        var bytes: [UInt8] = []
        s.outputBytes = { bytes.append(contentsOf: $0) }
        #expect(s.execute("find tasks show id"))
        #expect(s.execute("find tasks show id, heading"))
        #expect(bytes == Array(text.utf8))
        #expect(c.take().out.isEmpty, "nothing went through the text path")
        // Other formats still go through text.
        #expect(s.execute("set format json"))
        #expect(s.execute("find tasks show id"))
        #expect(c.take().out.hasPrefix("["))
    }

    @Test func csvFileWrittenAsBytesHasTheMarkAndTheText() throws {
        let (dir, s, c) = try CapturedShell.seeded("byte-file")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        #expect(s.execute("set format csv"))
        #expect(s.execute("find tasks show id, office"))
        let text = c.take().out
        #expect(s.execute("find tasks show id, office > out.csv"))
        let written = try [UInt8](Data(contentsOf: dir.appendingPathComponent("out.csv")))
        #expect(written == [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(!s.execute("find tasks show id > missing-dir/out.csv"))
        #expect(c.take().err.contains("cannot write missing-dir/out.csv"))
    }
}
