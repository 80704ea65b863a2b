import Foundation
import Testing
import PlanKit
@testable import PlanShell

/// `import demo` on a real store with the bundled demo plans and progress sheets.
@Suite(.enabled(if: LessonFiles.sheetsReady, "needs progress sheets and examples/progress (other capabilities)"))
struct TutorialImportDemoTests {
    /// A store in a temporary directory and a session working at the package root.
    final class Shell {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansh-demo-test-\(UUID().uuidString.prefix(8))")
        let session: Session
        var out = ""
        var err = ""
        init(workingDirectory: URL = LessonFiles.packageRoot) throws {
            session = Session(store: try Store.open(at: dir.appendingPathComponent("store")),
                              environment: SessionEnvironment(workingDirectory: workingDirectory))
            session.output = { [unowned self] in self.out += $0 }
            session.errorOutput = { [unowned self] in self.err += $0 }
        }
        deinit { try? FileManager.default.removeItem(at: dir) }
        @discardableResult func run(_ line: String) -> Bool {
            out = ""; err = ""
            return session.execute(line)
        }
        func task(_ id: String, in w: Workspace? = nil) throws -> PlanTask {
            let w = w ?? session.workspace
            return w.task(row: try #require(w.row(id: id), "no task \(id)"))
        }
    }

    @Test func loadsPlansAppliesMonthsAndSavesSnapshots() throws {
        let sh = try Shell()
        #expect(sh.run("import demo"), "\(sh.err)")
        #expect(sh.out.contains("imported demo plans hewan2025, qingshan2025, songling2025: 84 tasks"))
        #expect(sh.out.contains("progress of 2025-03, 2025-04 applied"))
        #expect(sh.session.workspace.plans.map(\.id) == ["hewan2025", "qingshan2025", "songling2025"])
        #expect(sh.session.workspace.taskCount == 84)
        let snapshots = try sh.session.store.snapshots().map(\.name)
        #expect(snapshots.contains("2025-03") && snapshots.contains("2025-04"))
        // April's sheet is the working state; March's is frozen in its snapshot.
        let now = try sh.task("qingshan2025:2.1.5")
        #expect(now.status == .onTrack && now.progress == 15 && now.updated?.description == "2025-04")
        let march = try sh.task("qingshan2025:2.1.5", in: sh.session.store.snapshotWorkspace(named: "2025-03"))
        #expect(march.status == .notStarted && march.progress == 0)
        #expect(sh.session.workspace.history(of: "qingshan2025:2.1.5").contains { $0.month?.description == "2025-03" })
    }

    @Test func refusedWhenAlreadyThereAndNothingChanges() throws {
        let sh = try Shell()
        #expect(sh.run("import demo"))
        let history = sh.session.workspace.history.count
        #expect(!sh.run("import demo"))
        #expect(sh.err.contains("error: the demo plans are already in this store (hewan2025, qingshan2025, songling2025)"))
        #expect(sh.session.workspace.history.count == history)
        #expect(!sh.run("import demo now"))
        #expect(sh.err.contains("error: unexpected \"now\" — usage: import demo\n    import demo now\n                ^^^"))
    }

    @Test func snapshotNameClashIsRefusedBeforeAnyChange() throws {
        let sh = try Shell()
        try sh.session.store.save(name: "2025-04", overwrite: false, now: 1)
        #expect(!sh.run("import demo"))
        #expect(sh.err.contains("already has snapshot 2025-04, which the demo saves"))
        #expect(sh.session.workspace.plans.isEmpty)
    }

    /// A bad sheet aborts the whole demo: no plan is imported, the error names the sheet's rows.
    @Test func aBadSheetImportsNothing() throws {
        let fm = FileManager.default
        let sh = try Shell()
        let examples = sh.dir.appendingPathComponent("checkout/examples")
        try fm.createDirectory(at: examples.appendingPathComponent("progress"), withIntermediateDirectories: true)
        try fm.createDirectory(at: examples.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        try fm.copyItem(at: LessonFiles.examples.appendingPathComponent("plans"), to: examples.appendingPathComponent("plans"))
        try fm.copyItem(at: LessonFiles.examples.appendingPathComponent("progress/bad-2025-05.csv"),
                        to: examples.appendingPathComponent("progress/2025-05.csv"))
        let other = try Shell(workingDirectory: sh.dir.appendingPathComponent("checkout"))
        #expect(!other.run("import demo"))
        #expect(other.err.contains("examples/progress/2025-05.csv"), "\(other.err)")
        #expect(other.session.workspace.plans.isEmpty)
        #expect(try other.session.store.snapshots().isEmpty)
    }
}
