import Foundation
import Testing
@testable import PlanKit

@Suite struct QueryEvaluatorTests {
    func ids(_ expr: String) throws -> [String] { try QueryFixture.ids(expr) }

    @Test func rowsAreInNaturalIDOrder() throws {
        #expect(try ids("progress >= 0") == ["b9:1", "b9:2", "yy2025:1.1", "yy2025:1.2", "yy2025:2.1.1", "yy2025:2.1.2",
                                            "yy2025:2.10", "yy2025:10.1"])
    }

    @Test func multiValuedOfficeMatchesAnyAndNotEqualMeansNone() throws {
        #expect(try ids("office = 医政科教科") == ["yy2025:1.1", "yy2025:2.1.2", "yy2025:2.10"])
        #expect(try ids("office != 医政科教科") == ["b9:1", "b9:2", "yy2025:1.2", "yy2025:2.1.1", "yy2025:10.1"])
        #expect(try ids("office in (办公室, 疾控科)") == ["b9:1", "b9:2", "yy2025:2.10"])
        #expect(try ids("office is empty") == ["yy2025:2.1.1"])
        #expect(try ids("科室 包含 妇幼") == ["b9:1", "yy2025:1.2"])
        #expect(try ids("office matches \"^医政\"") == ["yy2025:1.1", "yy2025:2.1.2", "yy2025:2.10"])
    }

    @Test func statusWithChineseAliases() throws {
        #expect(try ids("status = behind") == ["b9:2", "yy2025:1.2"])
        #expect(try ids("状态 = 滞后") == ["b9:2", "yy2025:1.2"])
        #expect(try ids("status in (已完成, not_started)") == ["b9:1", "yy2025:2.1.1", "yy2025:2.1.2"])
        #expect(try ids("status != on_track and status != behind") == ["b9:1", "yy2025:2.1.1", "yy2025:2.1.2"])
    }

    @Test func numbersWithUnitsMatchTargetsWithThatUnit() throws {
        #expect(try ids("target >= 90%") == ["b9:2", "yy2025:2.1.2", "yy2025:10.1"])
        #expect(try ids("target >= 90") == ["b9:2", "yy2025:2.1.2", "yy2025:10.1"])
        #expect(try ids("target < 20分钟") == ["yy2025:1.2"])
        #expect(try ids("target < 20") == ["yy2025:1.2"])
        #expect(try ids("target = 4.5个") == ["yy2025:1.2"])
        // A redacted value never compares, but its unit counts.
        #expect(try ids("unit = % and not target >= 0") == ["yy2025:2.10"])
        #expect(try ids("target is empty") == ["b9:1", "yy2025:2.1.1"])
        #expect(try ids("unit in (个, 分钟)") == ["yy2025:1.2"])
        #expect(try ids("target != 90%") == ["b9:1", "yy2025:1.1", "yy2025:1.2", "yy2025:2.1.1", "yy2025:2.1.2", "yy2025:2.10"])
    }

    @Test func sectionIsASubtree() throws {
        #expect(try ids("section = 2.1") == ["yy2025:2.1.1", "yy2025:2.1.2"])
        #expect(try ids("section = 2") == ["b9:2", "yy2025:2.1.1", "yy2025:2.1.2", "yy2025:2.10"])
        #expect(try ids("section = yy2025:1") == ["yy2025:1.1", "yy2025:1.2"])
        #expect(try ids("path = 2.1.1") == ["yy2025:2.1.1"])
        #expect(try ids("path > 2.2 and plan = yy2025") == ["yy2025:2.10", "yy2025:10.1"])
        #expect(try ids("level = 3") == ["yy2025:2.1.1", "yy2025:2.1.2"])
    }

    @Test func textComparesAfterFolding() throws {
        #expect(try ids("text contains \"托育\"") == ["b9:1", "yy2025:1.2"])
        #expect(try ids("内容 包含 托育 and plan = b9") == ["b9:1"])
        // Half-width query, full-width text.
        #expect(try ids("heading contains \"(1)\"") == ["yy2025:2.1.1"])
        #expect(try ids("text contains \"ABC 全角\"") == ["yy2025:2.1.1"])
        #expect(try ids("heading = \"加强基层(1)能力\"") == ["yy2025:2.1.1"])
        #expect(try ids("heading = 完善分级诊疗") == ["yy2025:2.1.2"])
        #expect(try ids("text contains \"| pipes\"") == ["yy2025:2.10"])
        #expect(try ids("text matches \"达[0-9.]+个\"") == ["yy2025:1.2"])
        #expect(try ids("note = 按计划推进") == ["yy2025:1.1", "yy2025:10.1"])
        #expect(try ids("note is empty and status = on_track") == ["yy2025:2.10"])
        #expect(try ids("备注 包含 缺") == ["yy2025:1.2"])
    }

    @Test func idsPlansAndOrder() throws {
        #expect(try ids("id = yy2025:2.10") == ["yy2025:2.10"])
        #expect(try ids("id in (b9:2, yy2025:1.1)") == ["b9:2", "yy2025:1.1"])
        #expect(try ids("id > yy2025:2.1.2") == ["yy2025:2.10", "yy2025:10.1"])
        #expect(try ids("id < yy2025") == ["b9:1", "b9:2"])
        #expect(try ids("plan = b9") == ["b9:1", "b9:2"])
        #expect(try ids("计划 != b9 and progress = 60") == ["yy2025:1.1", "yy2025:2.10"])
        #expect(try ids("id contains \":2.1\"") == ["yy2025:2.1.1", "yy2025:2.1.2", "yy2025:2.10"])
    }

    @Test func datesAndOverdue() throws {
        #expect(try ids("due < 2025-06") == ["yy2025:1.2"])
        #expect(try ids("due = 2025-06") == ["yy2025:1.1"])
        #expect(try ids("due <= 2025-06-30") == ["yy2025:1.1", "yy2025:1.2"])
        // Without a deadline in the text or one set by hand, due is the plan's end.
        #expect(try ids("due = 2025-12-31 and plan = b9") == ["b9:1", "b9:2"])
        #expect(try ids("due is empty").isEmpty)
        #expect(try ids("updated = 2025-04 and plan = b9") == ["b9:2"])
        #expect(try ids("updated is empty") == ["b9:1", "yy2025:2.1.1"])
        let r = try QueryFixture.run("find where overdue = true")
        #expect(r.taskIDs == ["yy2025:1.2"])
    }

    @Test func booleanStructure() throws {
        #expect(try ids("(status = behind or status = done) and not office = 疾控科") == ["yy2025:1.2", "yy2025:2.1.2"])
        #expect(try ids("not (progress > 10)") == ["b9:1", "b9:2", "yy2025:2.1.1"])
        #expect(try ids("progress > 10 and progress < 90 or plan = b9") == ["b9:1", "b9:2", "yy2025:1.1", "yy2025:1.2", "yy2025:2.10"])
    }

    @Test func orderLimitAndTies() throws {
        let r = try QueryFixture.run("find tasks order by progress desc, id limit 4")
        #expect(r.taskIDs == ["yy2025:2.1.2", "yy2025:10.1", "yy2025:1.1", "yy2025:2.10"])
        let q5 = try QueryFixture.run("find tasks where status = on_track order by progress desc, id limit 20")
        #expect(q5.taskIDs == ["yy2025:10.1", "yy2025:1.1", "yy2025:2.10"])
        let asc = try QueryFixture.run("find where plan = yy2025 order by progress limit 2")
        #expect(asc.taskIDs == ["yy2025:2.1.1", "yy2025:1.2"])
        let byPath = try QueryFixture.run("find order by path desc, plan limit 3")
        #expect(byPath.taskIDs == ["yy2025:10.1", "yy2025:2.10", "yy2025:2.1.2"])
        let byOffice = try QueryFixture.run("find where office is not empty order by office, id desc")
        #expect(byOffice.taskIDs.count == 7)
        let none = try QueryFixture.run("find limit 0")
        #expect(none.taskIDs.isEmpty)
        let heading = try QueryFixture.run("find where plan = b9 order by heading desc")
        #expect(heading.taskIDs == ["b9:2", "b9:1"])
    }

    @Test func countByGroups() throws {
        let total = try QueryFixture.run("count tasks where status = behind")
        #expect(total.groups == [CountResult.Group(values: [], count: 2)])
        #expect(total.render(.json, RenderContext()) == "{\"count\": 2}\n")
        let byStatus = try QueryFixture.run("count by status")
        // Largest group first; ties in workflow order (count by, then natural order of values).
        #expect(byStatus.groups.map(\.count) == [3, 2, 2, 1])
        #expect(byStatus.groups.map { $0.values } == [["on_track"], ["not_started"], ["behind"], ["done"]])
        let byOffice = try QueryFixture.run("count by office, status")
        #expect(byOffice.groups.reduce(0) { $0 + $1.count } == 10)
        let json = byOffice.render(.json, RenderContext())
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.first?.keys.sorted() == ["count", "office", "status"])
        let byUnit = try QueryFixture.run("count by unit")
        #expect(Dictionary(uniqueKeysWithValues: byUnit.groups.map { ($0.values[0].text, $0.count) }) == ["%": 5, "个": 1, "分钟": 1])
        let byPlanProgress = try QueryFixture.run("count where plan = b9 by plan, progress")
        #expect(byPlanProgress.groups.map(\.count) == [1, 1])
    }

    @Test func findJSONHasTheStableShape() throws {
        let r = try QueryFixture.run("find where id = yy2025:1.2 show id --format json")
        let text = r.render(.table, RenderContext())
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        let o = try #require(parsed?.first)
        #expect(o.keys.sorted() == ["deadlines", "due", "due_in", "expected", "gap", "heading", "id", "lead", "light", "note", "offices",
                                    "pace", "path", "plan", "progress", "start", "status", "targets", "text", "updated"])
        #expect(o["status"] as? String == "behind")
        #expect(o["due"] as? String == "2025-03-31")
        #expect(o["updated"] as? String == "2025-04")
        let targets = try #require(o["targets"] as? [[String: Any]])
        #expect(targets.count == 2)
        #expect(targets[0].keys.sorted() == ["actual", "attainment", "comparator", "high", "id", "kind", "light", "low", "met", "metric", "month", "raw", "unit", "value"])
        #expect(targets[1]["unit"] as? String == "分钟")
        #expect(targets[1]["comparator"] as? String == "<=")
    }

    @Test func findCSVQuotesAndShowsColumns() throws {
        let r = try QueryFixture.run("find where plan = yy2025 and path = 2.10 show id, heading, office, progress")
        #expect(r.render(.csv, RenderContext()) == "id,heading,office,progress\r\nyy2025:2.10,\"Plan B | pipes, commas\",办公室、医政科教科,60\r\n")
        let md = r.render(.markdown, RenderContext())
        #expect(md.contains("Plan B \\| pipes, commas"))
        #expect(r.render(.table, RenderContext()).hasSuffix("(1 task)\n"))
    }

    @Test func progressIndexFollowsUpdates() throws {
        var w = QueryFixture.workspace
        let before = try QueryEngine.run("find where status = on_track order by progress desc limit 1", in: w, context: QueryFixture.context)
        #expect(before.taskIDs == ["yy2025:10.1"])
        try w.apply(.updateProgress([ProgressUpdate(plan: "b9", path: "1", status: .onTrack, progress: 99, source: "t")], month: nil, at: 0))
        let after = try QueryEngine.run("find where status = on_track order by progress desc limit 1", in: w, context: QueryFixture.context)
        #expect(after.taskIDs == ["b9:1"])
        // The original copy still answers from its own data.
        let again = try QueryEngine.run("find where status = on_track order by progress desc limit 1", in: QueryFixture.workspace, context: QueryFixture.context)
        #expect(again.taskIDs == ["yy2025:10.1"])
    }
}

@Suite struct QueryCompletionTests {
    let w = QueryFixture.workspace
    func c(_ line: String) -> [String]? { QueryCompletion.candidates(forLine: line, workspace: w) }

    @Test func fieldsAfterWhereAndOrByShow() {
        #expect(c("find tasks where of") == ["office"])
        #expect(c("find tasks where status = done and pro") == ["progress"])
        #expect(c("count by st") == ["status", "start"])
        #expect(c("find order by le") == ["level", "lead"])
        #expect(c("find show id, hea") == ["heading"])
        #expect(c("find where 科")?.contains("科室") == true)
        #expect(c("find where (no") == ["note", "not"])
    }

    @Test func valuesAfterOperators() {
        #expect(c("find where office = 医政") == ["医政科教科"])
        #expect(c("find where status = 滞") == ["滞后"])
        #expect(c("find where status=beh") == ["status=behind"])
        #expect(c("find where status in (done, on") == ["on_track"])
        #expect(c("find where plan = y") == ["yy2025"])
        #expect(c("find where id = b9:") == ["b9:1", "b9:2"])
        #expect(c("find where office = \"妇") == ["妇幼健康科"])
        #expect(c("find where note is ") == ["empty", "not"])
    }

    @Test func keywordsAndNonQueryLines() {
        #expect(c("find ") == ["tasks", "where", "order", "limit", "show"])
        #expect(c("find tasks where status = done ") == ["and", "or", "where", "order", "limit", "show"])
        #expect(c("count tasks ") == ["where", "by"])
        #expect(c("show plan ") == nil)
        #expect(c("update tasks where sta") == ["status", "start"])
    }
}
