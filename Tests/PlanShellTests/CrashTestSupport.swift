import Foundation
import PlanKit
import PlanShell

/// Helpers for the tests that drive the store through the shell: plan documents written for the
/// tests, seeded stores, the built `plansh` binary, and a comparable fingerprint of a workspace.
enum CrashTestSupport {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func temporaryDirectory(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("plansh-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A plan document in the style of the real ones: `一、` sections holding `1.` items with office tags.
    static func planText(title: String, sections: Int, items: Int) -> String {
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        let offices = ["医政科教科", "疾病预防控制科", "基层卫生科", "妇幼健康科", "办公室"]
        let topics = ["分级诊疗", "公共卫生", "中医药服务", "托育服务", "健康宣教", "医疗质量", "信息化建设"]
        var lines = [title]
        for s in 0..<sections {
            lines.append("\(numerals[s % 10])、第\(s + 1)方面重点工作")
            for i in 0..<items {
                let topic = topics[(s * items + i) % topics.count]
                lines.append("\(i + 1).推进\(topic)第\(i + 1)项。完善相关机制,覆盖率达\(80 + i % 20)%以上。(责任科室:\(offices[(s + i) % offices.count]))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Creates a store at `dir` holding the given plans, imported by the real importer.
    static func seedStore(at dir: URL, plans: [(id: String, sections: Int, items: Int)]) throws -> [String] {
        let store = try Store.open(at: dir)
        defer { store.close() }
        var imported: [ImportedPlan] = []
        for p in plans {
            let text = planText(title: "\(p.id) 卫生健康工作要点", sections: p.sections, items: p.items)
            imported.append(try PlanImporter.parse(data: Data(text.utf8), fileName: "\(p.id).txt", id: p.id, now: 1_700_000_000))
        }
        try store.commit(.importPlans(imported, replace: false))
        return (0..<store.workspace.taskCount).map { store.workspace.taskID(row: $0) }
    }

    /// The debug `plansh` binary of this package, built when missing.
    static func plansh() throws -> URL {
        let url = packageRoot.appendingPathComponent(".build/debug/plansh")
        if !FileManager.default.isExecutableFile(atPath: url.path) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["swift", "build", "--product", "plansh", "--package-path", packageRoot.path]
            try p.run()
            p.waitUntilExit()
        }
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return url
    }

    /// Runs plansh to completion; returns exit status, stdout, stderr.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = try plansh()
        p.arguments = arguments
        let out = Pipe().closedOnExec(), err = Pipe().closedOnExec(), inp = Pipe().closedOnExec()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        // Read both pipes concurrently so neither fills up.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread {  // not the global queue: one worker a core, which blocked readers fill
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        return (p.exitStatus(), String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Everything about a workspace that commands change, except wall-clock times and the
    /// text of history sources (which name the script line that ran).
    static func fingerprint(_ w: Workspace) -> String {
        var s = w.plans.map(\.id).joined(separator: ",") + "\n"
        for r in 0..<w.taskCount {
            let t = w.task(row: r)
            s += "\(t.id)|\(t.status.keyword)|\(t.progress)|\(t.note)|\(t.due?.description ?? "")|\(t.updated?.description ?? "")\n"
        }
        for h in w.history {
            s += "\(h.taskID)|\(h.entry.month?.description ?? "")|\(h.entry.field)|\(h.entry.old)|\(h.entry.new)\n"
        }
        return s
    }
}
