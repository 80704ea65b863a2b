/// The supervision part of a report: document sections every printer prints, and its JSON.
enum ReportSupervisionRender {
    typealias W = Lexicon.Report

    /// The report's supervision sections as document blocks (title, blocks), words in `l`.
    static func sections(_ s: ReportSupervision, _ l: Language) -> [(Term, [ReportDocument.Block])] {
        typealias Item = ReportDocument.LightItem
        func item(_ i: ReportSupervision.Item) -> Item {
            Item([i.judgement.light], id: i.task.id, W.leadAndDue(i.task.heading, lead: i.task.offices.first ?? "—", due: i.judgement.due)[l],
                 detail: WhyText.lines(i.judgement, rules: s.rules, in: l))
        }
        func list(_ items: [ReportSupervision.Item], none: Term) -> [ReportDocument.Block] {
            guard !items.isEmpty else { return [.paragraph(none[l])] }
            let (shown, more) = ReportFormat.capped(items)
            return [.lights(shown.map(item))] + (more > 0 ? [.more(more)] : [])
        }
        var out: [(Term, [ReportDocument.Block])] = [(W.summary, [.paragraph(s.paragraph(l))])]
        out.append((W.red(s.red.count), list(s.red, none: W.noRed)))
        out.append((W.yellow(s.yellow.count), list(s.yellow, none: W.noYellow)))
        let (soon, moreSoon) = ReportFormat.capped(s.dueSoon)
        let soonItems = soon.map {
            Item([$0.judgement.light], id: $0.task.id, W.dueIn($0.task.heading, due: $0.judgement.due, days: $0.judgement.dueIn)[l])
        }
        out.append((W.dueSoon(days: s.rules.remind, s.dueSoon.count),
                    soon.isEmpty ? [.paragraph(W.noDueSoon[l])] : [.lights(soonItems)] + (moreSoon > 0 ? [.more(moreSoon)] : [])))
        out.append((W.scores(yellow: s.rules.scoreYellow, red: s.rules.scoreRed),
                    s.scores.isEmpty ? [.paragraph(W.noLeadOffices[l])] : [.table(scoreTable(s.scores, l))]))
        if let changes = s.lightChanges {
            let (shown, more) = ReportFormat.capped(changes)
            out.append((W.lightChanges(changes.count), changes.isEmpty ? [.paragraph(W.noLightChange[l])] : [
                .lights(shown.map { Item([$0.old, $0.new], id: $0.task.id, $0.task.heading) }),
            ] + (more > 0 ? [.more(more)] : [])))
        }
        return out
    }

    /// The lead offices ranked, with a column per light.
    static func scoreTable(_ scores: [OfficeScore], _ l: Language) -> ReportDocument.Table {
        ReportDocument.Table(
            columns: Lexicon.scoreColumns.enumerated().map { i, c in .init(c.header[l], numeric: i > 0, isName: i == 0, light: c.light) },
            rows: scores.map { o in
                [.text(o.office), .number(o.tasks), .number(o.done), .number(o.green), .number(o.yellow), .number(o.red),
                 .figure(Judge.formatTenths(o.averageGapTenths)), .number(o.score)]
            })
    }

    static func json(_ s: ReportSupervision) -> String {
        var o = JSONObject()
        o.add("as_of", JSON.quote(s.asOf.description))
        // JSON never follows `set lang`: the paragraph stays as it always was, in Chinese.
        o.add("paragraph", JSON.quote(s.paragraph(.zh)))
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
