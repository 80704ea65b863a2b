import Foundation
import Testing
@testable import PlanKit

/// The report is one document printed three ways; the screen drops bars before cutting names;
/// the HTML keeps headings with what follows them when printed.
@Suite struct ReportDocumentTests {
    static func aprilDemo() throws -> ReportData {
        let (march, april) = try ReportDemoTests.demo()
        return try ReportData.build(workspace: april, byOffice: false, previous: { _ in ("2025-03", march) },
                                    today: CalendarDay(year: 2025, month: 5, day: 6) ?? LocalTime.today())
    }

    /// At 60 columns `report` cut office names to `医…` but kept its bar column.
    @Test func narrowScreenDropsBarsBeforeCuttingNames() throws {
        let d = try Self.aprilDemo()
        let text = Report(d, language: .zh).render(.table, RenderContext(width: 60, isTerminal: true))
        let lines = text.split(separator: "\n").map(String.init)
        for l in lines { #expect(DisplayWidth.of(l) <= 60, "too wide: \(l)") }
        for o in d.offices {
            let row = lines.first { $0.hasPrefix("  " + o.office + " ") }
            #expect(row != nil, "office \(o.office) is cut or missing")
            #expect(row.map { !$0.contains("█") && !$0.contains("…") } == true, "\(row ?? "")")
        }
        // Wide enough, the bars come back.
        let wide = Report(d, language: .zh).render(.table, RenderContext(width: 120, isTerminal: true))
        #expect(wide.split(separator: "\n").contains { $0.hasPrefix("  医政科 ") && $0.contains("█") })
    }

    /// Each heading and sentence is written once: the three printers show the same sections.
    @Test func printersShareTheSections() throws {
        let d = try Self.aprilDemo()
        let doc = ReportDocument(d, language: .zh)
        let text = Report(d, language: .zh).render(.table, RenderContext(width: 120))
        let md = Report(d, language: .zh).render(.markdown, RenderContext())
        let html = Report(d, language: .zh).render(.html, RenderContext())
        for s in doc.sections {
            #expect(text.contains("■ \(s.title)\n"))
            #expect(md.contains("## \(s.numbered)") && s.numbered.hasSuffix("、" + s.title))
            #expect(html.contains("<h2>\(ResultTable.htmlEscape(s.numbered))</h2>"))
        }
        #expect(doc.tables.count >= 4)
        #expect(html.contains("<b>33.4%</b>") && md.contains("**33.4%**") && text.contains("平均进度 33.4%"))
    }

    /// Printing: no forced page break before sections (page 1 holds the summary and the first
    /// section); headings avoid a break after them and open their section's first small block.
    @Test func htmlKeepsHeadingsWithTheirContent() throws {
        let html = Report(try Self.aprilDemo(), language: .zh).render(.html, RenderContext())
        #expect(!html.contains("break-before: page") && !html.contains("page-break-before"))
        #expect(!html.contains("section, tr, .kpis { break-inside: avoid; }"))
        #expect(html.contains("h1, h2, h3, .keep-next { break-after: avoid;"))
        let sections = html.components(separatedBy: "<section>\n").dropFirst()
        for s in sections {
            let keeps = s.hasPrefix("<div class=\"keep\">\n<h2>")
            let bare = s.hasPrefix("<h2>")
            #expect(keeps || bare)
        }
        // The first section (the 通报, §9) moves as one piece with its heading; the status chart too.
        #expect(sections.first?.hasPrefix("<div class=\"keep\">\n<h2>一、通报</h2>\n<p>") == true)
        #expect(sections.contains { $0.contains("、任务状态</h2>\n<svg") && $0.hasPrefix("<div class=\"keep\">") })
        // The summary figures come right after the first section, on page 1.
        let kpis = try #require(html.range(of: "<div class=\"kpis\">"))
        let first = try #require(html.range(of: "<section>"))
        let second = try #require(html.range(of: "<section>", range: first.upperBound..<html.endIndex))
        #expect(first.lowerBound < kpis.lowerBound && kpis.lowerBound < second.lowerBound)
    }

    /// One HTML escaper: tables and reports escape `'` alike.
    @Test func oneHTMLEscaper() {
        #expect(ResultTable.htmlEscape("a'b<c>&\"") == "a&#39;b&lt;c&gt;&amp;&quot;")
        #expect(ReportHTML.esc("a'b") == ResultTable.htmlEscape("a'b"))
        #expect(ReportHTML.inline("x **1** `save` <y>") == "x <b>1</b> <code>save</code> &lt;y&gt;")
    }
}

