import Foundation
import Testing
@testable import PlanKit

/// SPEC §9: `report` opens with the 通报 paragraph, then the red and yellow lists with their why
/// lines, the due-soon list, the score ranking and the light changes — in every back end — and
/// HTML shows lights as coloured dots (with their word, a title, a class; no script).
@Suite struct ReportLightsTests {
    static let supervisionOrder = ["通报", "红灯任务", "黄灯任务", "临期任务", "考核排名", "灯色变化", "任务状态"]

    /// April over the demo, with actuals on two targets so the targets table has lights.
    static func april() throws -> ReportData {
        let (march, april) = try ReportDemoTests.demo()
        var w = april
        try w.apply(.updateProgress([
            ProgressUpdate(plan: "qingshan2025", path: "2.1.4", actuals: [ActualUpdate(number: 1, value: 44)], source: "test"),
            ProgressUpdate(plan: "hewan2025", path: "2.7", actuals: [ActualUpdate(number: 1, value: 118)], source: "test"),
        ], month: YearMonth(year: 2025, month: 4), at: 5_000))
        return try ReportData.build(workspace: w, byOffice: false, previous: { _ in ("2025-03", march) },
                                    today: CalendarDay(year: 2025, month: 4, day: 30) ?? LocalTime.today())
    }

    /// The position of each title's first appearance, in `text`.
    static func positions(_ titles: [String], in text: String) throws -> [String.Index] {
        try titles.map { t in try #require(text.range(of: t), "\(t) missing").lowerBound }
    }

    @Test func theDocumentOpensWithTheBulletin() throws {
        let d = try Self.april()
        let titles = ReportDocument(d, language: .zh).sections.map(\.title)
        for (i, prefix) in Self.supervisionOrder.enumerated() {
            #expect(titles[i].hasPrefix(prefix), "section \(i + 1) is \(titles[i]), not \(prefix)")
        }
        let sv = try #require(d.supervision)
        #expect(ReportDocument(d, language: .zh).sections[0].blocks.count == 1)
        if case let .paragraph(p) = ReportDocument(d, language: .zh).sections[0].blocks[0] {
            #expect(p == sv.paragraph(.zh) && p.hasPrefix("共 84 项任务：已完成 5 项，"))
        } else {
            Issue.record("the 通报 section does not open with its paragraph")
        }
    }

    @Test func textMarkdownAndHTMLOpenWithTheBulletin() throws {
        let d = try Self.april()
        let paragraph = try #require(d.supervision?.paragraph(.zh))
        let text = Report(d, language: .zh).render(.table, RenderContext(width: 120))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Title, subtitle, a blank line, then the 通报 heading and its paragraph.
        let firstHeading = try #require(lines.firstIndex { $0.hasPrefix("■ ") })
        #expect(lines[firstHeading] == "■ 通报")
        #expect(lines[firstHeading + 1] == "  " + paragraph)
        let pos = try Self.positions(Self.supervisionOrder.map { "■ " + $0 }, in: text)
        #expect(pos == pos.sorted())

        let md = Report(d, language: .zh).render(.markdown, RenderContext())
        #expect(md.split(separator: "\n").first { $0.hasPrefix("## ") } == "## 一、通报")
        #expect(md.contains("## 一、通报\n\n" + paragraph + "\n"))
        let mdPos = try Self.positions(Self.supervisionOrder.map { "、" + $0 }, in: md)
        #expect(mdPos == mdPos.sorted())

        let html = Report(d, language: .zh).render(.html, RenderContext())
        let htmlPos = try Self.positions(Self.supervisionOrder.map { "、" + $0 }, in: html)
        #expect(htmlPos == htmlPos.sorted())
        // The 通报 is the page's first section, kept with its heading; the figures follow it.
        let body = try #require(html.range(of: "</header>")).upperBound
        let afterHeader = html[body...].drop { $0 == "\n" }
        #expect(afterHeader.hasPrefix("<section>\n<div class=\"keep\">\n<h2>一、通报</h2>\n<p>\(ReportHTML.esc(paragraph))</p>"))
        let kpis = try #require(html.range(of: "<div class=\"kpis\">")).lowerBound
        #expect(htmlPos[0] < kpis && kpis < htmlPos[1])
    }

    @Test func theWorkbookOpensOnTheBulletin() throws {
        let d = try Self.april()
        let book = Report(d, language: .zh).workbook()
        #expect(book.sheets.first?.name == "通报")
        #expect(book.sheets.first?.headers == ["通报"])
        #expect(book.sheets.first?.rows == [[.text(d.supervision?.paragraph(.zh) ?? "?")]])
        let names = book.sheets.map(\.name)
        let order = try Self.supervisionOrder.map { p in try #require(names.firstIndex { $0.hasPrefix(p) }, "no sheet \(p)") }
        #expect(order == order.sorted())
        // The red list: one row per red task, its light cell filled red, the why line beside it.
        let red = try #require(book.sheets.first { $0.name.hasPrefix("红灯任务") })
        #expect(red.headers == ["灯", "任务", "内容", "说明"])
        #expect(red.rows.count == d.supervision?.red.count)
        #expect(red.rows.allSatisfy { $0[0] == XlsxCell(.text("红灯"), fill: .red) })
        #expect(red.rows.first.map { $0[3].displayText.hasPrefix("序时进度 ") } == true)
        // Light changes: the old and the new light, each filled.
        let changes = try #require(book.sheets.first { $0.name.hasPrefix("灯色变化") })
        #expect(changes.headers == ["原灯", "现灯", "任务", "标题"])
        #expect(changes.rows.contains { $0[0].fill == .yellow && $0[1].fill == .red && $0[2] == .text("songling2025:3.3.3") })
        // Scores: counts and the mean gap are numbers.
        let scores = try #require(book.sheets.first { $0.name.hasPrefix("考核排名") })
        #expect(scores.rows.allSatisfy { if case .number = $0[6].value { true } else { false } })
        // The tracked targets' light cells are filled too.
        #expect(book.sheets.contains { s in s.rows.contains { $0.contains(XlsxCell(.text("黄灯"), fill: .yellow)) && $0.contains(.text("qingshan2025:2.1.4#1")) } })
        #expect(try XlsxWriter.data(book).count > 1000)
    }

    @Test func htmlShowsLightsAsColouredDots() throws {
        let d = try Self.april()
        let html = Report(d, language: .zh).render(.html, RenderContext())
        func dot(_ l: Light, _ word: String) -> String {
            "<span class=\"light \(l.keyword)\" title=\"\(l.chineseLabel)\"><span class=\"dot\" aria-hidden=\"true\">●</span>\(word)</span>"
        }
        // Red and yellow lists: each item opens with its dot and word, its why line under it.
        let sv = try #require(d.supervision)
        for i in sv.red {
            #expect(html.contains("<li>\(dot(.red, "红灯")) <code>\(i.task.id)</code> "), "\(i.task.id)")
        }
        for i in sv.yellow { #expect(html.contains("<li>\(dot(.yellow, "黄灯")) <code>\(i.task.id)</code> ")) }
        #expect(html.contains("<div class=\"why\">序时进度 "))
        // The due-soon list, the light changes (old → new), the score table's headings, the targets table.
        #expect(html.contains("<li>\(dot(.red, "红灯")) <code>hewan2025:3.11</code> "))
        #expect(html.contains("<li>\(dot(.yellow, "黄"))→\(dot(.red, "红")) <code>songling2025:3.3.3</code>"))
        #expect(html.contains("<th class=\"n\">\(dot(.green, "绿灯"))</th><th class=\"n\">\(dot(.yellow, "黄灯"))</th>"
                              + "<th class=\"n\">\(dot(.red, "红灯"))</th>"))
        #expect(html.contains("<td>\(dot(.yellow, "黄灯"))</td>"))
        #expect(html.contains("<td>\(dot(.green, "绿灯"))</td>"))
        // Colours from classes, kept in print; no script anywhere.
        for l in Light.allCases { #expect(html.contains(".light.\(l.keyword) .dot { color: var(--\(l.keyword)); }")) }
        #expect(html.contains("print-color-adjust: exact"))
        #expect(!html.contains("<script"))
    }

    /// The screen prints the word and keeps the why lines under their item (they were printed at
    /// column 0, in the middle of a wrapped line).
    @Test func theScreenIndentsWhyLinesUnderTheirItem() throws {
        let text = Report(try Self.april(), language: .zh).render(.table, RenderContext(width: 100))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(!lines.contains { $0.hasPrefix("序时进度") || $0.hasPrefix("临期") })
        let item = try #require(lines.firstIndex { $0.hasPrefix("  · 红灯 hewan2025:2.6  ") })
        let why = try #require(lines[(item + 1)...].firstIndex { $0.hasPrefix("      序时进度 66.3%") })
        #expect(lines[(item + 1)..<why].allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("  · ") })
        #expect(lines.contains { $0.hasPrefix("  · 黄→红 songling2025:3.3.3  ") })
        for l in lines { #expect(DisplayWidth.of(l) <= 100) }
        let md = Report(try Self.april(), language: .zh).render(.markdown, RenderContext())
        #expect(md.contains("- **红灯** `hewan2025:2.6` 推进15分钟健康服务圈建设"))
        #expect(md.contains("\n  - 序时进度 66.3%（2025-01-01→2025-06-30"))
    }
}
