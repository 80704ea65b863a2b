import Foundation
import Testing
@testable import PlanKit

/// plansh's answers against sqlite3's over the same corpus.
///
/// plansh imports the generated plan documents and applies the progress sheet; sqlite3
/// (`/usr/bin/sqlite3`, run as a process) gets tables built from `truth.jsonl`. Every question
/// is asked of both, in plansh's language and in SQL, and the answers must be equal.
enum SQLiteShell {
    static let path = "/usr/bin/sqlite3"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: path) }
}

@Suite(.enabled(if: Fixtures.hasShared && SQLiteShell.available,
                Comment(rawValue: "needs ../shared and /usr/bin/sqlite3")))
struct QueryDifferentialTests {
    static let month = YearMonth(year: 2025, month: 4)!
    static let today = CalendarDay(year: 2025, month: 6, day: 1)!

    /// One question in both languages. `sql` selects ids (ordered by `nkey` unless it orders itself),
    /// or for counts the group values and count, tab-separated.
    struct Case {
        var plansh: String
        var sql: String
        var ordered = false
    }

    /// A natural-order key independent of NaturalOrder: every digit run zero-padded to 12.
    static func naturalKey(_ s: String) -> String {
        var out = ""
        var digits = ""
        for ch in s {
            if ch.isASCII && ch.isNumber { digits.append(ch); continue }
            if !digits.isEmpty { out += String(repeating: "0", count: max(0, 12 - digits.count)) + digits; digits = "" }
            out.append(ch)
        }
        if !digits.isEmpty { out += String(repeating: "0", count: max(0, 12 - digits.count)) + digits }
        return out
    }

    /// The deterministic due date both sides give a task with this progress (or none).
    static func due(progress: Int) -> CalendarDay? {
        progress % 7 == 0 && progress > 0 ? CalendarDay(year: 2025, month: progress % 12 + 1, day: 15) : nil
    }

    static func sqlQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Minimal RFC 4180 reader for progress.csv.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else if c != "\r" {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test func answersEqualSQLite() throws {
        let dir = try Fixtures.generateCorpus(tasks: 3000, quirks: 0)
        let truth = try Fixtures.jsonLines(dir.appendingPathComponent("truth.jsonl"))
        #expect(truth.count == 3000)

        // plansh: import the documents, apply the progress sheet.
        var w = Workspace()
        let docs = dir.appendingPathComponent("docs")
        let files = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".txt") }.sorted()
        let plans = try files.map { try PlanImporter.importFile(at: docs.appendingPathComponent($0)) }
        try w.apply(.importPlans(plans, replace: false))
        let sheet = try String(contentsOf: dir.appendingPathComponent("progress.csv"), encoding: .utf8)
        let rows = QueryDifferentialTests.csvRows(sheet)
        #expect(rows.first == ["plan", "path", "status", "progress", "note"])
        var updates: [ProgressUpdate] = []
        for (k, r) in rows.dropFirst().enumerated() where r.count == 5 {
            let p = Int(r[3]) ?? -1
            updates.append(ProgressUpdate(plan: r[0], path: r[1], status: TaskStatus(parsing: r[2]), progress: p, note: r[4],
                                          due: .some(QueryDifferentialTests.due(progress: p)), source: "sheet progress.csv:\(k + 2)"))
        }
        try w.apply(.updateProgress(updates, month: QueryDifferentialTests.month, at: 0))
        #expect(w.taskCount == truth.count)

        // sqlite: tables from the truth.
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-diff-\(getpid()).db")
        try? FileManager.default.removeItem(at: db)
        var sql = """
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;
        CREATE TABLE tasks(tid INTEGER PRIMARY KEY, id TEXT, plan TEXT, path TEXT, heading TEXT, text TEXT,
                           status TEXT, progress INTEGER, note TEXT, nkey TEXT, plan_nkey TEXT, path_nkey TEXT, due TEXT, updated TEXT);
        CREATE TABLE task_office(tid INTEGER, office TEXT);
        CREATE TABLE task_figure(tid INTEGER, value REAL, unit TEXT);

        """
        for (tid, t) in truth.enumerated() {
            let q = QueryDifferentialTests.sqlQuote
            let id = t["id"] as? String ?? "", plan = t["plan"] as? String ?? ""
            let progress = t["progress"] as? Int ?? 0
            // No due date set: the plan's end (the corpus names its plans `<city>-<year>-<n>`).
            let planYear = plan.split(separator: "-").dropFirst().first.flatMap { Int($0) } ?? 0
            let due = q((QueryDifferentialTests.due(progress: progress) ?? CalendarDay(year: planYear, month: 12, day: 31))?.description ?? "")
            sql += "INSERT INTO tasks VALUES(\(tid), \(q(id)), \(q(plan)), \(q(t["path"] as? String ?? "")), "
                + "\(q(t["heading"] as? String ?? "")), \(q(t["text"] as? String ?? "")), \(q(t["status"] as? String ?? "")), "
                + "\(progress), \(q(t["note"] as? String ?? "")), \(q(QueryDifferentialTests.naturalKey(id))), "
                + "\(q(QueryDifferentialTests.naturalKey(plan))), \(q(QueryDifferentialTests.naturalKey(t["path"] as? String ?? ""))), "
                + "\(due), '2025-04');\n"
            for o in t["offices"] as? [String] ?? [] { sql += "INSERT INTO task_office VALUES(\(tid), \(q(o)));\n" }
            for f in t["figures"] as? [[String: Any]] ?? [] {
                let v = (f["value"] as? NSNumber).map { "\($0.doubleValue)" } ?? "NULL"
                sql += "INSERT INTO task_figure VALUES(\(tid), \(v), \(q(f["unit"] as? String ?? "")));\n"
            }
        }
        sql += """
        CREATE INDEX o_office ON task_office(office); CREATE INDEX o_tid ON task_office(tid);
        CREATE INDEX f_tid ON task_figure(tid); COMMIT;

        """
        try run(sql, db: db)

        // Values drawn from the data.
        let officeCounts = Dictionary(truth.flatMap { $0["offices"] as? [String] ?? [] }.map { ($0, 1) }, uniquingKeysWith: +)
        let offices = officeCounts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        let (o1, o2, o3) = (offices[0], offices[1], offices[2])
        let planIDs = Array(Set(truth.map { $0["plan"] as? String ?? "" })).sorted { QueryDifferentialTests.naturalKey($0) < QueryDifferentialTests.naturalKey($1) }
        let (pA, pB, pM) = (planIDs[0], planIDs[1], planIDs[planIDs.count / 2])
        let ids = truth.map { $0["id"] as? String ?? "" }
        let (i1, i2, i3) = (ids[17], ids[1500], ids[2999])
        let heading = truth[42]["heading"] as? String ?? ""
        let note = "已完成招标,待开工"
        let q = QueryDifferentialTests.sqlQuote
        let nk = { QueryDifferentialTests.naturalKey($0) }

        let cases: [Case] = [
            // The five canonical questions.
            Case(plansh: "find tasks where office = \"\(o1)\" and status = behind",
                 sql: "SELECT id FROM tasks t WHERE EXISTS(SELECT 1 FROM task_office o WHERE o.tid=t.tid AND o.office=\(q(o1))) AND status='behind'"),
            Case(plansh: "find tasks where text contains \"托育\"", sql: "SELECT id FROM tasks WHERE instr(text, '托育') > 0"),
            Case(plansh: "count tasks by office, status",
                 sql: "SELECT office, status, count(*) FROM task_office JOIN tasks USING(tid) GROUP BY 1, 2"),
            Case(plansh: "find tasks where target >= 90%",
                 sql: "SELECT id FROM tasks WHERE tid IN (SELECT tid FROM task_figure WHERE unit='%' AND value >= 90)"),
            Case(plansh: "find tasks where status = on_track order by progress desc, id limit 20",
                 sql: "SELECT id FROM tasks WHERE status='on_track' ORDER BY progress DESC, nkey LIMIT 20", ordered: true),
            // Offices: any / none / in / empty / contains / matches.
            Case(plansh: "find where office != \"\(o1)\"",
                 sql: "SELECT id FROM tasks t WHERE NOT EXISTS(SELECT 1 FROM task_office o WHERE o.tid=t.tid AND o.office=\(q(o1)))"),
            Case(plansh: "find where 科室 in (\(o2), \(o3))",
                 sql: "SELECT id FROM tasks t WHERE EXISTS(SELECT 1 FROM task_office o WHERE o.tid=t.tid AND o.office IN (\(q(o2)), \(q(o3))))"),
            Case(plansh: "find where office is empty",
                 sql: "SELECT id FROM tasks t WHERE NOT EXISTS(SELECT 1 FROM task_office o WHERE o.tid=t.tid)"),
            Case(plansh: "find where office is not empty and status in (done, 未启动)",
                 sql: "SELECT id FROM tasks t WHERE EXISTS(SELECT 1 FROM task_office o WHERE o.tid=t.tid) AND status IN ('done', 'not_started')"),
            Case(plansh: "find where 责任科室 包含 \"健康\"",
                 sql: "SELECT id FROM tasks t WHERE EXISTS(SELECT 1 FROM task_office o WHERE o.tid=t.tid AND instr(o.office, '健康') > 0)"),
            Case(plansh: "find where office matches \"办公室$\"",
                 sql: "SELECT id FROM tasks t WHERE EXISTS(SELECT 1 FROM task_office o WHERE o.tid=t.tid AND o.office GLOB '*办公室')"),
            // Status and progress.
            Case(plansh: "find where status != on_track", sql: "SELECT id FROM tasks WHERE status != 'on_track'"),
            Case(plansh: "find where 状态 = 滞后 or 进度 >= 90", sql: "SELECT id FROM tasks WHERE status = 'behind' OR progress >= 90"),
            Case(plansh: "find where progress < 30 and not status = not_started",
                 sql: "SELECT id FROM tasks WHERE progress < 30 AND NOT status = 'not_started'"),
            Case(plansh: "find where progress <= 60 and progress > 40", sql: "SELECT id FROM tasks WHERE progress <= 60 AND progress > 40"),
            Case(plansh: "find where progress = 100", sql: "SELECT id FROM tasks WHERE progress = 100"),
            // Plans, ids, paths, sections, levels.
            Case(plansh: "find where plan = \(pA)", sql: "SELECT id FROM tasks WHERE plan = \(q(pA))"),
            Case(plansh: "find where 计划 != \(pA) and plan in (\(pA), \(pB))", sql: "SELECT id FROM tasks WHERE plan = \(q(pB))"),
            Case(plansh: "find where plan > \(pM)", sql: "SELECT id FROM tasks WHERE plan_nkey > \(q(nk(pM)))"),
            Case(plansh: "find where id = \(i2)", sql: "SELECT id FROM tasks WHERE id = \(q(i2))"),
            Case(plansh: "find where id in (\(i3), \(i1), \(i2))", sql: "SELECT id FROM tasks WHERE id IN (\(q(i1)), \(q(i2)), \(q(i3)))"),
            Case(plansh: "find where id <= \(i2)", sql: "SELECT id FROM tasks WHERE nkey <= \(q(nk(i2)))"),
            Case(plansh: "find where path = 2.1.1", sql: "SELECT id FROM tasks WHERE path = '2.1.1'"),
            Case(plansh: "find where section = 2.1", sql: "SELECT id FROM tasks WHERE path = '2.1' OR path LIKE '2.1.%'"),
            Case(plansh: "find where section = \(pA):3",
                 sql: "SELECT id FROM tasks WHERE plan = \(q(pA)) AND (path = '3' OR path LIKE '3.%')"),
            Case(plansh: "find where level = 2",
                 sql: "SELECT id FROM tasks WHERE length(path) - length(replace(path, '.', '')) + 1 = 2"),
            Case(plansh: "find where level >= 3 and heading contains \"建设\"",
                 sql: "SELECT id FROM tasks WHERE length(path) - length(replace(path, '.', '')) >= 2 AND instr(heading, '建设') > 0"),
            // Text fields.
            Case(plansh: "find where heading = \"\(heading)\"", sql: "SELECT id FROM tasks WHERE heading = \(q(heading))"),
            Case(plansh: "find where 标题 matches \"^推进\"", sql: "SELECT id FROM tasks WHERE heading GLOB '推进*'"),
            Case(plansh: "find where text matches \"[0-9]家\"", sql: "SELECT id FROM tasks WHERE text GLOB '*[0-9]家*'"),
            Case(plansh: "find where 内容 包含 \"医院\" and not text contains \"县\"",
                 sql: "SELECT id FROM tasks WHERE instr(text, '医院') > 0 AND NOT instr(text, '县') > 0"),
            Case(plansh: "find where note = \"\(note)\"", sql: "SELECT id FROM tasks WHERE note = \(q(note))"),
            Case(plansh: "find where 备注 contains \"推进\" or note is empty",
                 sql: "SELECT id FROM tasks WHERE instr(note, '推进') > 0 OR note = ''"),
            // Targets and units.
            Case(plansh: "find where unit = 个", sql: "SELECT id FROM tasks WHERE tid IN (SELECT tid FROM task_figure WHERE unit = '个')"),
            Case(plansh: "find where unit in (‰, /10万)",
                 sql: "SELECT id FROM tasks WHERE tid IN (SELECT tid FROM task_figure WHERE unit IN ('‰', '/10万'))"),
            Case(plansh: "find where target < 10", sql: "SELECT id FROM tasks WHERE tid IN (SELECT tid FROM task_figure WHERE value < 10)"),
            Case(plansh: "find where target != 90%",
                 sql: "SELECT id FROM tasks WHERE tid NOT IN (SELECT tid FROM task_figure WHERE unit = '%' AND value = 90)"),
            Case(plansh: "find where 指标 is empty", sql: "SELECT id FROM tasks WHERE tid NOT IN (SELECT tid FROM task_figure)"),
            Case(plansh: "find where target >= 50 and unit = 人",
                 sql: "SELECT id FROM tasks WHERE tid IN (SELECT tid FROM task_figure WHERE value >= 50) AND tid IN (SELECT tid FROM task_figure WHERE unit = '人')"),
            // Dates.
            Case(plansh: "find where due < 2025-06 and due is not empty", sql: "SELECT id FROM tasks WHERE due < '2025-06-01'"),
            Case(plansh: "find where due = 2025-08", sql: "SELECT id FROM tasks WHERE due >= '2025-08-01' AND due <= '2025-08-31'"),
            Case(plansh: "find where overdue = true", sql: "SELECT id FROM tasks WHERE due < '2025-06-01' AND status != 'done'"),
            Case(plansh: "find where updated = 2025-04 and due = 2025-12-31", sql: "SELECT id FROM tasks WHERE updated = '2025-04' AND due = '2025-12-31'"),
            // Structure, ordering, limits.
            Case(plansh: "find where (office = \"\(o2)\" or office = \"\(o3)\") and not (status = done or progress < 20)",
                 sql: "SELECT id FROM tasks t WHERE EXISTS(SELECT 1 FROM task_office o WHERE o.tid=t.tid AND o.office IN (\(q(o2)), \(q(o3)))) AND NOT (status = 'done' OR progress < 20)"),
            Case(plansh: "find where plan = \(pB) order by progress desc, id limit 15",
                 sql: "SELECT id FROM tasks WHERE plan = \(q(pB)) ORDER BY progress DESC, nkey LIMIT 15", ordered: true),
            Case(plansh: "find tasks order by heading, id limit 25", sql: "SELECT id FROM tasks ORDER BY heading, nkey LIMIT 25", ordered: true),
            Case(plansh: "find where office = \"\(o1)\" order by id desc limit 10",
                 sql: "SELECT id FROM tasks t WHERE EXISTS(SELECT 1 FROM task_office o WHERE o.tid=t.tid AND o.office=\(q(o1))) ORDER BY nkey DESC LIMIT 10",
                 ordered: true),
            Case(plansh: "find where status = behind order by progress, path desc limit 30",
                 sql: "SELECT id FROM tasks WHERE status = 'behind' ORDER BY progress, path_nkey DESC, nkey LIMIT 30",
                 ordered: true),
            // Counts.
            Case(plansh: "count where status = behind", sql: "SELECT count(*) FROM tasks WHERE status = 'behind'"),
            Case(plansh: "count by status", sql: "SELECT status, count(*) FROM tasks GROUP BY 1"),
            Case(plansh: "count where text contains \"医院\" by plan",
                 sql: "SELECT plan, count(*) FROM tasks WHERE instr(text, '医院') > 0 GROUP BY 1"),
            Case(plansh: "count by unit", sql: "SELECT unit, count(DISTINCT tid) FROM task_figure GROUP BY 1"),
            Case(plansh: "count where office = \"\(o1)\" by level, 状态",
                 sql: "SELECT length(path) - length(replace(path, '.', '')) + 1, status, count(*) FROM tasks t WHERE EXISTS(SELECT 1 FROM task_office o WHERE o.tid=t.tid AND o.office=\(q(o1))) GROUP BY 1, 2"),
        ]
        #expect(cases.count >= 30)

        // Ask sqlite everything in one run, separated by markers.
        var script = ".mode list\n.separator \"\\t\"\n"
        for (k, c) in cases.enumerated() {
            let isCount = c.plansh.lowercased().hasPrefix("count")
            let ordered = c.ordered || isCount ? c.sql : "SELECT id FROM (\(c.sql)) JOIN tasks USING(id) ORDER BY nkey"
            script += "SELECT '@@\(k)';\n\(ordered);\n"
        }
        let output = try run(script, db: db)
        var answers: [Int: [String]] = [:]
        var current = -1
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("@@") { current = Int(line.dropFirst(2)) ?? -1; answers[current] = []; continue }
            if current >= 0, !line.isEmpty { answers[current, default: []].append(String(line)) }
        }

        for (k, c) in cases.enumerated() {
            let result = try QueryEngine.run(Parser.parseCommand(c.plansh), in: w, context: QueryContext(asOf: QueryDifferentialTests.today))
            let sqlAnswer = answers[k] ?? []
            let mine: [String]
            if case let .count(cr) = result.content {
                if cr.fields.isEmpty {
                    mine = [String(cr.total)]
                } else {
                    mine = cr.groups.map { ($0.values.map(\.text) + [String($0.count)]).joined(separator: "\t") }.sorted()
                }
                #expect(mine == sqlAnswer.sorted(), "\(c.plansh)")
            } else {
                mine = result.taskIDs
                #expect(mine == sqlAnswer, "\(c.plansh): plansh \(mine.count) rows, sqlite \(sqlAnswer.count); first differences: \(Array(zip(mine, sqlAnswer).filter { $0 != $1 }.prefix(3))) \(Array(Set(mine).symmetricDifference(sqlAnswer).prefix(5)))")
            }
            #expect(!sqlAnswer.isEmpty, "empty answer makes a weak case: \(c.plansh)")
        }
        try? FileManager.default.removeItem(at: db)
    }

    @discardableResult
    func run(_ script: String, db: URL) throws -> String {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-diff-\(getpid())-\(UUID().uuidString).sql")
        try Data(script.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: SQLiteShell.path)
        p.arguments = ["-batch", "-noheader", db.path]
        p.standardInput = try FileHandle(forReadingFrom: input)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let errText = String(decoding: errData, as: UTF8.self)
        #expect(p.terminationStatus == 0 && errText.isEmpty, "sqlite3: \(errText)")
        return String(decoding: data, as: UTF8.self)
    }
}
