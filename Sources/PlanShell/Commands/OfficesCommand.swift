import PlanKit

/// `offices`: every responsible office with its task counts.
enum OfficesCommand {
    static let spec = CommandSpec(
        ["offices"], summary: "list the responsible offices (责任科室) with their task counts",
        details: """
        Each office named in any plan, with how many tasks it is responsible for (a task shared
        by several offices counts for each), how many are behind or done, and in how many
        plans it appears. Most tasks first.
        """,
        topic: "plans"
    ) { _, session in
        let t = session.workspace.tasks
        var rows: [(name: String, tasks: Int, behind: Int, done: Int, plans: Int)] = []
        for (code, postings) in t.officeRows.enumerated() where !postings.isEmpty {
            var behind = 0, done = 0
            var plans = Set<UInt32>()
            for r in postings {
                let row = Int(r)
                if t.status[row] == TaskStatus.behind.rawValue { behind += 1 }
                if t.status[row] == TaskStatus.done.rawValue { done += 1 }
                plans.insert(t.planRow[row])
            }
            rows.append((t.offices[UInt32(code)], postings.count, behind, done, plans.count))
        }
        if rows.isEmpty { return .message(Messages.noOffices().text) }
        rows.sort { $0.tasks != $1.tasks ? $0.tasks > $1.tasks : NaturalOrder.less($0.name, $1.name) }
        return .rendered(ResultTable(
            columns: [.init("office", minWidth: 10), .init("tasks"), .init("behind"), .init("done"), .init("plans")],
            rows: rows.map { [.text($0.name), .integer($0.tasks), .integer($0.behind), .integer($0.done), .integer($0.plans)] },
            rowNoun: .offices))
    }
}
