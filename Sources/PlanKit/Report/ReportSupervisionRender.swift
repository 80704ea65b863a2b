/// The supervision part of a report in each format: one list of sections, three printers.
enum ReportSupervisionRender {
    /// The sections: a heading and its lines (the 通报 paragraph, the lists, the scores, the changes).
    static func sections(_ s: ReportSupervision) -> [(title: String, lines: [String])] {
        func item(_ i: ReportSupervision.Item) -> [String] {
            ["\(i.task.id)  \(i.task.heading)  牵头 \(i.task.offices.first ?? "—")  完成时限 \(i.judgement.due)"]
                + i.why.map { "  " + $0 }
        }
        func capped(_ items: [ReportSupervision.Item]) -> [String] {
            let (shown, more) = ReportLabels.capped(items)
            return shown.flatMap(item) + (more > 0 ? [ReportLabels.moreLine(more)] : [])
        }
        var out: [(String, [String])] = [("通报", [s.paragraph])]
        out.append(("红灯任务（\(s.red.count)）", s.red.isEmpty ? ["没有红灯任务。"] : capped(s.red)))
        out.append(("黄灯任务（\(s.yellow.count)）", s.yellow.isEmpty ? ["没有黄灯任务。"] : capped(s.yellow)))
        let soon = ReportLabels.capped(s.dueSoon).shown.map {
            "\($0.task.id)  \($0.task.heading)  完成时限 \($0.judgement.due)（还有 \($0.judgement.dueIn) 天）  \($0.judgement.light.chineseLabel)"
        }
        out.append(("临期任务（\(s.rules.remind) 天内，\(s.dueSoon.count)）", soon.isEmpty ? ["没有临期任务。"] : soon))
        var score = ["牵头科室  任务  完成  绿  黄  红  平均差距  得分"]
        for o in s.scores {
            score.append("\(o.office)  \(o.tasks)  \(o.done)  \(o.green)  \(o.yellow)  \(o.red)  "
                         + "\(Judge.formatTenths(o.averageGapTenths))  \(o.score)")
        }
        out.append(("考核排名（100 − \(s.rules.scoreYellow)×黄灯 − \(s.rules.scoreRed)×红灯）", s.scores.isEmpty ? ["没有牵头科室。"] : score))
        if let changes = s.lightChanges {
            out.append(("灯色变化（\(changes.count)）", changes.isEmpty ? ["与上期快照相比没有灯色变化。"] : changes.map {
                "\($0.task.id)  \($0.old.chineseShort)→\($0.new.chineseShort)  \($0.task.heading)"
            }))
        }
        return out
    }

    static func text(_ s: ReportSupervision) -> [String] {
        sections(s).flatMap { [""] + ["■ " + $0.title] + $0.lines.map { "  " + $0 } }
    }

    static func markdown(_ s: ReportSupervision) -> [String] {
        sections(s).flatMap { sec -> [String] in
            ["", "## \(sec.title)", ""] + sec.lines.map { $0.hasPrefix("  ") ? "  - " + $0.dropFirst(2) : "- " + $0 }
        }
    }

    static let dotColors: [Light: String] = [.red: "#c62828", .yellow: "#f9a825", .green: "#2e7d32"]

    /// A coloured dot for a light.
    static func dot(_ l: Light) -> String {
        "<span class=\"dot\" style=\"display:inline-block;width:10px;height:10px;border-radius:50%;background:\(dotColors[l] ?? "#888")\" title=\"\(l.chineseLabel)\"></span>"
    }

    static func html(_ s: ReportSupervision, esc: (String) -> String) -> String {
        var h = "<section><h2>通报</h2>\n<p>\(esc(s.paragraph))</p>\n"
        for (title, items) in [("红灯任务", s.red), ("黄灯任务", s.yellow), ("临期任务", s.dueSoon)] {
            h += "<h3>\(esc(title))（\(items.count)）</h3>\n<ul>\n"
            for i in ReportLabels.capped(items).shown {
                h += "<li>\(dot(i.judgement.light)) <code>\(esc(i.task.id))</code> \(esc(i.task.heading))<br><small>"
                    + i.why.map(esc).joined(separator: "<br>") + "</small></li>\n"
            }
            h += "</ul>\n"
        }
        h += "<h3>考核排名</h3>\n<table><tr><th>牵头科室</th><th>任务</th><th>完成</th><th>绿</th><th>黄</th><th>红</th><th>平均差距</th><th>得分</th></tr>\n"
        for o in s.scores {
            h += "<tr><td>\(esc(o.office))</td><td>\(o.tasks)</td><td>\(o.done)</td><td>\(o.green)</td><td>\(o.yellow)</td>"
                + "<td>\(o.red)</td><td>\(Judge.formatTenths(o.averageGapTenths))</td><td>\(o.score)</td></tr>\n"
        }
        h += "</table>\n"
        if let changes = s.lightChanges {
            h += "<h3>灯色变化（\(changes.count)）</h3>\n<ul>\n"
            for c in changes {
                h += "<li>\(dot(c.old))→\(dot(c.new)) <code>\(esc(c.task.id))</code> \(esc(c.old.chineseShort))→\(esc(c.new.chineseShort)) \(esc(c.task.heading))</li>\n"
            }
            h += "</ul>\n"
        }
        return h + "</section>\n"
    }

    static func json(_ s: ReportSupervision) -> String {
        var o = JSONObject()
        o.add("as_of", JSON.quote(s.asOf.description))
        o.add("paragraph", JSON.quote(s.paragraph))
        o.add("pace", "{\"done\":\(s.done),\"ahead\":\(s.ahead),\"on_pace\":\(s.onPace),\"behind_pace\":\(s.behindPace)}")
        func ids(_ items: [ReportSupervision.Item]) -> String { "[" + items.map { JSON.quote($0.task.id) }.joined(separator: ",") + "]" }
        o.add("red", ids(s.red))
        o.add("yellow", ids(s.yellow))
        o.add("due_soon", ids(s.dueSoon))
        o.add("scores", "[" + s.scores.map { x in
            "{\"office\":\(JSON.quote(x.office)),\"tasks\":\(x.tasks),\"done\":\(x.done),\"green\":\(x.green),\"yellow\":\(x.yellow),"
                + "\"red\":\(x.red),\"avg_gap\":\(Judge.formatTenths(x.averageGapTenths)),\"score\":\(x.score)}"
        }.joined(separator: ",") + "]")
        if let changes = s.lightChanges {
            o.add("light_changes", "[" + changes.map {
                "{\"id\":\(JSON.quote($0.task.id)),\"old\":\(JSON.quote($0.old.keyword)),\"new\":\(JSON.quote($0.new.keyword))}"
            }.joined(separator: ",") + "]")
        }
        return o.text
    }
}
