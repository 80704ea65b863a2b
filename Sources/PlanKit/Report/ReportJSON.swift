/// The report as one JSON object, for other programs: keys in a fixed order, statuses as keywords.
enum ReportJSON {
    static func render(_ d: ReportData) -> String {
        var o = JSONObject()
        o.add("plans", "[" + d.plans.map { JSON.quote($0.id) }.joined(separator: ",") + "]")
        o.add("month", JSON.quote(d.month.description))
        o.add("as_of", JSON.quote(d.asOf.description))
        o.add("tasks", String(d.taskCount))
        o.add("average_progress", JSON.number(rounded(d.averageProgress)))
        o.add("status", "{" + d.statusCounts.map { JSON.quote($0.status.keyword) + ":" + String($0.count) }
            .joined(separator: ",") + "}")
        o.add("offices", "[" + d.offices.map { f in
            var x = JSONObject()
            x.add("office", JSON.quote(f.office))
            x.add("tasks", String(f.tasks))
            x.add("done", String(f.done))
            x.add("on_track", String(f.onTrack))
            x.add("behind", String(f.behind))
            x.add("not_started", String(f.notStarted))
            x.add("overdue", String(f.overdue))
            x.add("average_progress", JSON.number(rounded(f.averageProgress)))
            x.add("previous_average_progress", JSON.number(f.previousAverage.map(rounded)))
            return x.text
        }.joined(separator: ",") + "]")
        o.add("attention", "[" + d.attention.map(task).joined(separator: ",") + "]")
        var g = JSONObject()
        g.add("tasks_with_targets", String(d.targets.tasksWithTargets))
        g.add("targets", String(d.targets.targetCount))
        g.add("redacted", String(d.targets.redacted))
        g.add("by_unit", "[" + d.targets.byUnit.map { u in
            "{\"unit\":\(JSON.quote(u.unit)),\"count\":\(u.total),\">=\":\(u.atLeast),\"<=\":\(u.atMost),\"=\":\(u.equal),\"range\":\(u.range)}"
        }.joined(separator: ",") + "]")
        g.add("at_risk", "[" + d.targets.atRisk.map { JSON.quote($0.id) }.joined(separator: ",") + "]")
        o.add("targets", g.text)
        if let c = d.changes {
            var x = JSONObject()
            x.add("snapshot", JSON.quote(c.snapshot))
            x.add("previous_average_progress", JSON.number(rounded(c.previousAverage)))
            x.add("progress_up", String(c.progressUp))
            x.add("progress_down", String(c.progressDown))
            x.add("newly_done", ids(c.newlyDone.map(\.task)))
            x.add("newly_behind", ids(c.newlyBehind.map(\.task)))
            x.add("recovered", ids(c.recovered.map(\.task)))
            x.add("added", ids(c.added))
            x.add("removed", "[" + c.removed.map(JSON.quote).joined(separator: ",") + "]")
            x.add("moves", "[" + c.moves.map { m in
                "{\"id\":\(JSON.quote(m.task.id)),\"status\":[\(JSON.quote(m.oldStatus.keyword)),\(JSON.quote(m.task.status.keyword))],"
                    + "\"progress\":[\(m.oldProgress),\(m.task.progress)]}"
            }.joined(separator: ",") + "]")
            o.add("changes", x.text)
        } else {
            o.add("changes", "null")
        }
        o.add("supervision", d.supervision.map(ReportSupervisionRender.json) ?? "null")
        return o.text + "\n"
    }

    static func rounded(_ v: Double) -> Double { (v * 10).rounded() / 10 }

    static func ids(_ tasks: [ReportTask]) -> String {
        "[" + tasks.map { JSON.quote($0.id) }.joined(separator: ",") + "]"
    }

    static func task(_ t: ReportTask) -> String {
        var x = JSONObject()
        x.add("id", JSON.quote(t.id))
        x.add("heading", JSON.quote(t.heading))
        x.add("offices", "[" + t.offices.map(JSON.quote).joined(separator: ",") + "]")
        x.add("status", JSON.quote(t.status.keyword))
        x.add("progress", String(t.progress))
        x.add("note", JSON.quote(t.note))
        x.add("due", t.due.map { JSON.quote($0.description) } ?? "null")
        x.add("overdue", t.overdue ? "true" : "false")
        return x.text
    }
}

/// Builds `{"k":v,…}` keeping insertion order.
struct JSONObject {
    private var parts: [String] = []
    mutating func add(_ key: String, _ rawValue: String) { parts.append(JSON.quote(key) + ":" + rawValue) }
    var text: String { "{" + parts.joined(separator: ",") + "}" }
}
