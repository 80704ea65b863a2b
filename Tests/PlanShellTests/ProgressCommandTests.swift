import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// The progress and snapshot commands, run in a session on a real store.
@Suite struct ProgressCommandTests {
    typealias C = CrashTestSupport

    func shell(_ label: String, interactive: Bool = false) throws -> (URL, Session, Captured) {
        try CapturedShell.seeded(label, plans: [("yy2025", 3, 4), ("sy2024", 2, 3)], interactive: interactive)
    }

    @Test func updateRecordsHistoryWithItsSource() throws {
        let (dir, s, c) = try shell("update")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        #expect(s.execute(#"update yy2025:1.1 set status = behind, progress = 40, note = "设备采购延迟, 待招标", month = 2025-04"#))
        #expect(c.take().0 == "updated yy2025:1.1: status not_started → behind, progress 0 → 40, note \"设备采购延迟, 待招标\"\n")
        #expect(s.execute("update yy2025:1.2，yy2025:2.1 set 状态=已完成, 进度 = 100%"))
        #expect(c.take().0.hasPrefix("updated 2 tasks: status → done, progress → 100"))
        #expect(s.execute("update yy2025:1.1 set due = 2025-06"))
        let t = s.workspace.task(row: s.workspace.row(id: "yy2025:1.1") ?? -1)
        #expect(t.status == .behind && t.progress == 40 && t.note == "设备采购延迟, 待招标" && t.due?.description == "2025-06-30")
        #expect(t.updated?.description == "2025-04" || t.updated == YearMonth(containing: Date()))

        #expect(s.execute("history yy2025:1.1"))
        let (out, _) = c.take()
        #expect(out.contains("status") && out.contains("not_started") && out.contains("behind") && out.contains("2025-04"))
        #expect(out.contains("command"))
        #expect(out.contains("4 changes"))
        s.settings.format = .json
        #expect(s.execute("history yy2025:1.1"))
        #expect(c.take().0.contains(#""field": "due", "old": "2025-12-31", "new": "2025-06-30", "source": "command""#))
    }

    @Test func updateErrorsPointAtTheWord() throws {
        let (dir, s, c) = try shell("updateerr")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        let before = C.fingerprint(s.workspace)
        #expect(!s.execute("update yy2025:1.1 set stauts = behind"))
        let err = c.take().1
        #expect(err.contains("unknown field \"stauts\" — did you mean \"status\"?"))
        #expect(err.contains("\n    update yy2025:1.1 set stauts = behind\n                          ^^^^^^"))
        #expect(!s.execute("update yy2025:1.1 set progress = 120"))
        #expect(c.take().1.contains("progress 120 is out of range (0–100)"))
        #expect(!s.execute("update yy2025:1.1 set status = lagging"))
        #expect(c.take().1.contains("unknown status \"lagging\""))
        #expect(!s.execute("update yy2025:1.9 set status = done"))
        #expect(c.take().1.contains("no task \"yy2025:1.9\""))
        #expect(!s.execute("update yy2025:1.1 status = done"))
        #expect(c.take().1.contains("expected `set F = V`"))
        #expect(!s.execute("history yy2099:1.1"))
        #expect(c.take().1.contains("no plan \"yy2099\""))
        #expect(C.fingerprint(s.workspace) == before)
    }

    @Test func importProgressAppliesAllOrNothing() throws {
        let (dir, s, c) = try shell("sheet")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        try Data("\u{FEFF}编号,状态,进度,备注\nyy2025:1.1,推进中,30,\"按计划, 推进\"\nyy2025:9.9,滞后,10,\nsy2024:1.1,done,120,\n".utf8)
            .write(to: dir.appendingPathComponent("bad.csv"))
        let before = C.fingerprint(s.workspace)
        #expect(!s.execute("import progress bad.csv month 2025-04"))
        let err = c.take().1
        #expect(err.contains("progress sheet bad.csv has 2 bad rows; nothing was applied"))
        #expect(err.contains("bad.csv:3: no task \"yy2025:9.9\""))
        #expect(err.contains("bad.csv:4: progress 120 is out of range (0–100)"))
        #expect(C.fingerprint(s.workspace) == before)

        try Data("plan,path,status,progress,note\nyy2025,1.1,on_track,30,\"按计划, 推进\"\nsy2024,1.1,behind,10,\n".utf8)
            .write(to: dir.appendingPathComponent("good.csv"))
        #expect(s.execute("import progress good.csv month 2025-04"))
        #expect(c.take().0 == "applied good.csv for 2025-04: 2 tasks, 5 changes recorded\n")
        #expect(s.workspace.history(of: "sy2024:1.1").map(\.source) == ["sheet good.csv:3", "sheet good.csv:3"])
        // Durable: a fresh open sees it.
        s.store.close()
        let again = try Store.open(at: s.store.directory)
        defer { again.close() }
        #expect(C.fingerprint(again.workspace) == C.fingerprint(s.workspace))
    }

    @Test func saveSnapshotsLoadDiffCheck() throws {
        let (dir, s, c) = try shell("snapshots")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        #expect(s.execute("snapshots"))
        #expect(c.take().0.contains("no snapshots yet"))
        #expect(s.execute("save 2025-03"))
        #expect(c.take().0.hasPrefix("saved snapshot 2025-03: 2 plans, 18 tasks"))
        #expect(!s.execute("save 2025-03"))
        #expect(c.take().1.contains("snapshot \"2025-03\" exists; use `save 2025-03!` to overwrite it"))
        #expect(s.execute("update yy2025:1.1 set status = done, progress = 100, note = \"完成\""))
        #expect(s.execute("save 2025-03!; save 四月"))
        #expect(!s.execute("save ../x"))
        #expect(c.take().1.contains("a snapshot name cannot start with"))
        #expect(!s.execute("save a/b"))
        #expect(c.take().1.contains("a snapshot name may hold letters, digits, \".\", \"_\", \"-\" and Chinese characters, not \"/\""))
        #expect(s.execute("update yy2025:1.2 set status = behind"))
        c.out = ""

        #expect(s.execute("diff 四月"))
        var out = c.take().0
        #expect(out.contains("changed") && out.contains("yy2025:1.2") && out.contains("not_started") && out.contains("behind"))
        #expect(out.contains("0 added, 0 removed, 1 task changed (1 field change) (四月 → now)"))
        #expect(s.execute("diff 2025-03 四月"))
        #expect(c.take().0.contains("no differences"))

        #expect(s.execute("load 四月"))
        out = c.take().0
        #expect(out.contains("loaded snapshot 四月: 2 plans, 18 tasks; the previous working state is kept as snapshot auto-"))
        #expect(s.workspace.task(row: s.workspace.row(id: "yy2025:1.2") ?? -1).status == .notStarted)
        #expect(s.execute("snapshots"))
        out = c.take().0
        #expect(out.contains("2025-03") && out.contains("四月") && out.contains("auto (kept by load)") && out.contains("3 snapshots"))
        #expect(!s.execute("load 五月"))
        #expect(c.take().1.contains("no snapshot \"五月\""))

        #expect(s.execute("check"))
        out = c.take().0
        #expect(out.contains("working.plansnap") && out.contains("snapshots/四月.plansnap") && out.contains("every file intact"))
        // A damaged snapshot fails `check`, naming it.
        let f = s.store.directory.appendingPathComponent("snapshots/2025-03.plansnap")
        var bytes = [UInt8](try Data(contentsOf: f))
        bytes[bytes.count / 2] ^= 1
        try Data(bytes).write(to: f)
        #expect(!s.execute("check"))
        let (o, e) = c.take()
        #expect(o.contains("DAMAGED"))
        #expect(e.contains("check found 1 damaged file: snapshots/2025-03.plansnap"))
        #expect(s.execute("diff 四月"))
    }

    /// A second session on the same store is not read-only: each change takes the writer's lock
    /// for its own length, and each command first catches up with the other session's changes.
    @Test func secondSessionWritesToo() throws {
        let (dir, s, c) = try shell("twosessions")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        let other = Session(store: try Store.open(at: s.store.directory))
        defer { other.store.close() }
        other.output = { c.out += $0 }
        other.errorOutput = { c.err += $0 }
        #expect(!other.store.isReadOnly)
        #expect(other.prompt.hasPrefix("plansh[2 plans"))
        #expect(other.execute("update yy2025:1.1 set progress = 5"))
        #expect(s.execute("history yy2025:1.1"))
        #expect(c.take().0.contains("0 → 5"))
        #expect(other.execute("save x; snapshots; check"))
    }

    static var queryEngineAvailable: Bool {
        (try? QueryEngine.filterRows("status = done", in: Workspace(), context: QueryContext(asOf: LocalTime.today()))) != nil
    }

    @Test(.enabled(if: queryEngineAvailable, "needs the query language (QueryEngine.filterRows)"))
    func bulkUpdateAsksFirst() throws {
        let (dir, s, c) = try shell("bulk")
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        let before = C.fingerprint(s.workspace)
        #expect(!s.execute("update tasks where plan = yy2025 set status = on_track"))
        #expect(c.take().1.contains("this would change 12 tasks; add `force`"))
        #expect(C.fingerprint(s.workspace) == before)
        #expect(s.execute("update tasks where plan = yy2025 set status = on_track force"))
        #expect(c.take().0.contains("updated 12 tasks"))
        #expect(s.execute("update tasks where plan = yy2025 and status = done set status = behind"))
        #expect(c.take().0.contains("no task matches"))
        #expect(s.execute("diff now where plan = sy2024"))
    }

    /// Answers confirmations with a fixed reply and remembers the questions.
    final class Answering: SessionInteraction {
        let reply: Bool
        var questions: [String] = []
        init(_ reply: Bool) { self.reply = reply }
        func confirm(_ question: String) -> Bool {
            questions.append(question)
            return reply
        }
        func progress(_ line: String?) {}
    }

    @Test(.enabled(if: queryEngineAvailable, "needs the query language (QueryEngine.filterRows)"))
    func interactiveBulkUpdateAsksBeforeChangingMoreThanOne() throws {
        let (dir, s, c) = try shell("ask", interactive: true)
        defer { s.store.close(); try? FileManager.default.removeItem(at: dir) }
        let no = Answering(false)
        s.interaction = no
        let before = C.fingerprint(s.workspace)
        #expect(s.execute("update tasks where plan = sy2024 set progress = 5"))
        #expect(no.questions == ["Change 6 tasks?"])
        #expect(c.take().0 == "nothing changed\n")
        #expect(C.fingerprint(s.workspace) == before)
        // One matching task is changed without asking.
        #expect(s.execute("update tasks where id = sy2024:1.1 set progress = 5"))
        #expect(no.questions.count == 1)
        let yes = Answering(true)
        s.interaction = yes
        #expect(s.execute("update tasks where plan = sy2024 set progress = 7, month = 2025-04"))
        #expect(yes.questions == ["Change 6 tasks?"])
        #expect(c.take().0.contains("updated 6 tasks: progress → 7"))
        #expect(s.workspace.history(of: "sy2024:1.2").first?.month?.description == "2025-04")
    }
}
