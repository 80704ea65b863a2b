import PlanKit

/// `snapshots`: the named snapshots with their time, size and contents.
enum SnapshotsCommand {
    static let spec = CommandSpec(
        ["snapshots"], summary: "list saved snapshots",
        details: "Name, time saved, plans, tasks and size of each snapshot; `auto` marks those `load` kept. "
            + "A file that cannot be read is listed with the reason.",
        topic: "snapshots"
    ) { _, session in
        let list = try session.store.snapshots()
        if list.isEmpty { return .message(Messages.noSnapshotsYet().text) }
        let rows = list.map { s -> [String] in
            if let p = s.problem {
                return [s.name, "", "", "", ProgressCommands.size(s.bytes), "UNUSABLE: \(p)"]
            }
            return [s.name, LocalTime.minutes(s.createdAt), String(s.plans), String(s.tasks),
                    ProgressCommands.size(s.bytes), s.automatic ? "auto (kept by load)" : ""]
        }
        let table = RecordTable(
            columns: [.init(title: "name"), .init(title: "saved"), .init(title: "plans", numeric: true),
                      .init(title: "tasks", numeric: true), .init(title: "size"), .init(title: "note", shrinkable: true)],
            rows: rows, rowNoun: .snapshots)
        return .rendered(table)
    }
}
