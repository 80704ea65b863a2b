import Foundation
@testable import PlanKit

/// Shared pieces of the store tests: temporary store folders, sample plans, and a comparable
/// picture of a whole workspace.
enum StoreTestSupport {
    static func temporaryDirectory(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("plansh-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.removeItem(at: url)
        return url
    }

    /// A plan with `count` tasks whose paths, offices, targets and notes vary.
    static func plan(_ id: String, tasks count: Int, year: Int = 2025) -> ImportedPlan {
        let offices = ["医政科教科", "疾病预防控制科", "办公室", "基层卫生科", "妇幼健康科"]
        var tasks: [PlanTask] = []
        for i in 0..<count {
            let path = "\(i / 20 + 1).\(i % 20 / 5 + 1).\(i % 5 + 1)"
            let targets = i % 3 == 0
                ? [Target(raw: "达\(90 + i % 10)%以上", metric: "覆盖率", comparator: .atLeast, value: Double(90 + i % 10), unit: "%"),
                   Target(raw: "1—3个", metric: "中心", comparator: .range, value: 1, low: 1, high: 3, unit: "个")]
                : i % 7 == 0 ? [Target(raw: "xx.x%", metric: "占比", comparator: .equal, value: nil, unit: "%")] : []
            tasks.append(PlanTask(plan: id, path: path, heading: "任务\(i)：推进第\(i)项工作",
                                  text: "任务\(i)：推进第\(i)项工作。具体内容，包括“引号”和 ASCII, commas.",
                                  offices: Array(offices[(i % 5)...].prefix(1 + i % 3)), officesOpen: i % 11 == 0,
                                  targets: targets, line: 10 + i, inferred: i % 13 == 0,
                                  printedPath: i % 13 == 0 ? "\(path)x" : nil))
        }
        let info = PlanInfo(id: id, title: "\(id) 卫生健康工作要点", issuer: "某某市卫生健康局", year: year,
                            sourceFile: "\(id).txt", importedAt: 1_700_000_000,
                            warnings: [ImportWarning(line: 3, message: "推断的编号")],
                            sections: [PlanSection(path: "1", level: 1, heading: "一、总体要求", text: "导语", offices: ["办公室"],
                                                   officesOpen: true, line: 2, inferred: false)],
                            extras: ["结尾段落"])
        return ImportedPlan(info: info, tasks: tasks)
    }

    /// Everything observable about a workspace, comparable with `==`.
    struct Picture: Equatable {
        var plans: [PlanInfo]
        var tasks: [PlanTask]
        var history: [TaskHistoryRecord]
        var officeRows: [[UInt32]]
    }

    static func picture(_ w: Workspace) -> Picture {
        Picture(plans: w.plans, tasks: (0..<w.taskCount).map { w.task(row: $0) }, history: Array(w.history),
                officeRows: w.tasks.officeRows)
    }

    /// A short text of what changes hold (for readable failures where `picture` would print pages).
    static func fingerprint(_ w: Workspace) -> String {
        var s = w.plans.map(\.id).joined(separator: ",") + "\n"
        for r in 0..<w.taskCount {
            let t = w.task(row: r)
            s += "\(t.id)|\(t.status.keyword)|\(t.progress)|\(t.note)\n"
        }
        return s + "history \(w.history.count)\n"
    }

    static func update(_ plan: String, _ path: String, status: TaskStatus? = nil, progress: Int? = nil,
                       note: String? = nil, month: YearMonth? = YearMonth(year: 2025, month: 4), at: Int64 = 1_745_000_000) -> Mutation {
        .updateProgress([ProgressUpdate(plan: plan, path: path, status: status, progress: progress, note: note,
                                        source: "command")], month: month, at: at)
    }
}
