import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// Defects found by trying the query, diff, check and `set lang` commands as a new user would.
@Suite struct QueryShellDefectTests {
    typealias C = CrashTestSupport

    func shell(_ label: String) throws -> (URL, Session, Captured) {
        try CapturedShell.seeded(label)
    }

    /// `check > f.txt` on a damaged store wrote its table to the screen, not the file.
    @Test func checkWithDamageWritesItsTableToTheFile() throws {
        let (dir, s, c) = try shell("check-file")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        #expect(s.execute("save 2025-03"))
        let f = s.store.directory.appendingPathComponent("snapshots/2025-03.plansnap")
        var bytes = [UInt8](try Data(contentsOf: f))
        bytes[bytes.count / 2] ^= 1
        try Data(bytes).write(to: f)
        _ = c.take()
        #expect(!s.execute("check > f.txt"))
        let (out, err) = c.take()
        #expect(out.isEmpty, "the table went to the screen: \(out)")
        #expect(err.contains("check found 1 damaged file: snapshots/2025-03.plansnap"))
        let written = try String(contentsOf: dir.appendingPathComponent("f.txt"), encoding: .utf8)
        #expect(written.contains("DAMAGED") && written.contains("snapshots/2025-03.plansnap"))
    }

    /// `diff` said "2 changed" then "(3 changes)": tasks and field changes are now named apart.
    @Test func diffNamesTasksAndFieldChanges() throws {
        let (dir, s, c) = try shell("diff-names")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        #expect(s.execute("save before"))
        #expect(s.execute("update yy2025:1.1 set status = behind, progress = 10"))
        #expect(s.execute("update yy2025:1.2 set note = \"缺人手\""))
        _ = c.take()
        #expect(s.execute("diff before"))
        let out = c.take().0
        #expect(out.contains("0 added, 0 removed, 2 tasks changed (3 field changes) (before → now)"), "\(out)")
        #expect(out.contains("(3 rows)"))
    }

    /// `status = 滞后 or 已完成` said "unknown field 已完成"; it now suggests `status in (…)`.
    @Test func orBetweenValuesSuggestsIn() throws {
        let (dir, s, c) = try shell("or-values")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        #expect(!s.execute("find tasks where status = 滞后 or 已完成"))
        let err = c.take().1
        #expect(err.contains("write `status in (滞后, 已完成)`"), "\(err)")
        // A typo of a field still gets the field suggested.
        #expect(!s.execute("find tasks where status = behind or progres > 5"))
        #expect(c.take().1.contains("did you mean \"progress\"?"))
    }

    /// `set lang zh` shows headers and statuses in Chinese on the screen and in CSV; JSON stays
    /// English; `$lang` reads it; `set lang = none` restores English.
    @Test func setLangChangesHeadersAndStatusesButNotJSON() throws {
        let (dir, s, c) = try shell("lang")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        #expect(s.execute("update yy2025:1.1 set status = behind"))
        #expect(s.execute("set lang zh"))
        _ = c.take()
        #expect(s.execute("find where id = yy2025:1.1 show id, status, progress"))
        var out = c.take().0
        #expect(out.contains("编号") && out.contains("状态") && out.contains("进度") && out.contains("滞后"), "\(out)")
        #expect(s.execute("count by status --format csv"))
        out = c.take().0
        #expect(out.hasPrefix("状态,数量") && out.contains("滞后,1"), "\(out)")
        #expect(s.execute("count by status --format json"))
        out = c.take().0
        #expect(out.contains("\"status\": \"behind\"") && !out.contains("滞后"))
        #expect(s.execute("find where id = yy2025:1.1 --format json"))
        #expect(c.take().0.contains("\"status\": \"behind\""))
        #expect(s.execute("echo $lang"))
        #expect(c.take().0 == "zh\n")
        #expect(!s.execute("set lang fr"))
        #expect(c.take().1.contains("`set lang` takes en, zh, none"))
        #expect(s.execute("set lang = none"))
        #expect(s.execute("find where id = yy2025:1.1 show status"))
        out = c.take().0
        #expect(out.contains("status") && out.contains("behind") && !out.contains("滞后"))
    }

    /// The row count line stayed English under `set lang zh`; it now comes from the Lexicon for
    /// every kind of row, and CSV and JSON still carry none.
    @Test func rowCountFollowsTheLanguage() throws {
        let (dir, s, c) = try shell("lang-rows")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        #expect(s.execute("find where section = 1"))
        let en = c.take().out
        #expect(en.hasSuffix("(4 tasks)\n"), "\(en)")
        #expect(s.execute("set lang zh"))
        _ = c.take()
        let cases: [(String, String)] = [
            ("find where section = 1", "（共 4 项任务）"), ("find where id = yy2025:1.1", "（共 1 项任务）"),
            ("count by status", "（共 1 组）"), ("plans", "（共 1 个计划）"), ("offices", "个科室）"),
        ]
        for (line, tail) in cases {
            #expect(s.execute(line), "\(line)")
            let out = c.take().out
            #expect(out.hasSuffix(tail + "\n") && !out.contains(" tasks)"), "\(line): \(out)")
        }
        #expect(s.execute("find where section = 1 --format csv"))
        #expect(!c.take().out.contains("（共"))
        #expect(s.execute("find where section = 1 --format json"))
        #expect(!c.take().out.contains("（共"))
        #expect(s.execute("find where section = 1 > rows.txt"))
        let file = try String(contentsOf: dir.appendingPathComponent("rows.txt"), encoding: .utf8)
        #expect(file.hasSuffix("（共 4 项任务）\n"), "\(file)")
        #expect(Lexicon.rowCount(1, .changes)[.en] == "(1 change)")
    }
}
