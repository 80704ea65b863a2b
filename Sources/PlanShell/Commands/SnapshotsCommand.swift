import PlanKit

/// `snapshots`: the named snapshots with their time, size and contents.
enum SnapshotsCommand {
    static let spec = CommandSpec(
        ["snapshots"], summary: "list saved snapshots",
        usage: "snapshots",
        details: "Name, time saved, plans, tasks and size of each snapshot; `auto` marks those `load` kept. "
            + "A file that cannot be read is listed with the reason.",
        topic: "snapshots"
    ) { input, session in
        if let extra = input.arguments.first {
            throw Diagnostic("`snapshots` takes no arguments", at: extra.span)
        }
        let list = try session.store.snapshots()
        if list.isEmpty { return .message("no snapshots yet; `save [NAME]` makes one") }
        let rows = list.map { s -> [String] in
            if let p = s.problem {
                return [s.name, "", "", "", ProgressCommands.size(s.bytes), "UNUSABLE: \(p)"]
            }
            return [s.name, ProgressCommands.localTime(s.createdAt), String(s.plans), String(s.tasks),
                    ProgressCommands.size(s.bytes), s.automatic ? "auto (kept by load)" : ""]
        }
        let table = RecordTable(
            columns: [.init(title: "name", key: "name"), .init(title: "saved", key: "saved"),
                      .init(title: "plans", key: "plans", numeric: true), .init(title: "tasks", key: "tasks", numeric: true),
                      .init(title: "size", key: "size", numeric: true), .init(title: "note", key: "note", shrinkable: true)],
            rows: rows, footer: "\(list.count) snapshot\(list.count == 1 ? "" : "s")")
        return .rendered(table)
    }
}
