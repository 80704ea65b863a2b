/// The supervision part of a report: document sections every printer prints, and its JSON.
enum ReportSupervisionRender {
    /// The report's supervision sections as document blocks (title, English title, blocks).
    static func sections(_ s: ReportSupervision) -> [(String, String, [ReportDocument.Block])] {
        typealias Item = ReportDocument.LightItem
        func item(_ i: ReportSupervision.Item) -> Item {
            Item([i.judgement.light], id: i.task.id, "\(i.task.heading)（牵头 \(i.task.offices.first ?? "—")，完成时限 \(i.judgement.due)）",
                 detail: i.why)
        }
        func list(_ items: [ReportSupervision.Item], none: String) -> [ReportDocument.Block] {
            guard !items.isEmpty else { return [.paragraph(none)] }
            let (shown, more) = ReportLabels.capped(items)
            return [.lights(shown.map(item))] + (more > 0 ? [.more(more)] : [])
        }
        var out: [(String, String, [ReportDocument.Block])] = [("通报", "Summary", [.paragraph(s.paragraph)])]
        out.append(("红灯任务（\(s.red.count)）", "Red", list(s.red, none: "没有红灯任务。")))
        out.append(("黄灯任务（\(s.yellow.count)）", "Yellow", list(s.yellow, none: "没有黄灯任务。")))
        let (soon, moreSoon) = ReportLabels.capped(s.dueSoon)
        let soonItems = soon.map {
            Item([$0.judgement.light], id: $0.task.id, "\($0.task.heading)  完成时限 \($0.judgement.due)（还有 \($0.judgement.dueIn) 天）")
        }
        out.append(("临期任务（\(s.rules.remind) 天内，\(s.dueSoon.count)）", "Due soon",
                    soon.isEmpty ? [.paragraph("没有临期任务。")] : [.lights(soonItems)] + (moreSoon > 0 ? [.more(moreSoon)] : [])))
        out.append(("考核排名（100 − \(s.rules.scoreYellow)×黄灯 − \(s.rules.scoreRed)×红灯）", "Scores",
                    s.scores.isEmpty ? [.paragraph("没有牵头科室。")] : [.table(scoreTable(s.scores))]))
        if let changes = s.lightChanges {
            let (shown, more) = ReportLabels.capped(changes)
            out.append(("灯色变化（\(changes.count)）", "Light changes", changes.isEmpty ? [.paragraph("与上期快照相比没有灯色变化。")] : [
                .lights(shown.map { Item([$0.old, $0.new], id: $0.task.id, $0.task.heading) }),
            ] + (more > 0 ? [.more(more)] : [])))
        }
        return out
    }

    /// The lead offices ranked, with a column per light.
    static func scoreTable(_ scores: [OfficeScore]) -> ReportDocument.Table {
        ReportDocument.Table(
            columns: [.init("牵头科室", isName: true), .init("任务", numeric: true), .init("完成", numeric: true),
                      .init("绿灯", numeric: true, light: .green), .init("黄灯", numeric: true, light: .yellow),
                      .init("红灯", numeric: true, light: .red), .init("平均差距", numeric: true), .init("得分", numeric: true)],
            rows: scores.map { o in
                [.text(o.office), .number(o.tasks), .number(o.done), .number(o.green), .number(o.yellow), .number(o.red),
                 .figure(Judge.formatTenths(o.averageGapTenths)), .number(o.score)]
            })
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
