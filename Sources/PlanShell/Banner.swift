import PlanKit

/// The welcome text of an interactive session.
public enum Banner {
    public static func text(session: Session) -> String {
        var lines = ["plansh \(PlanshVersion.string) — 卫生健康工作要点 progress shell · store \(session.store.directory.path)"]
        if session.store.isReadOnly {
            lines.append(Messages.readOnlyBanner(reason: session.store.readOnlyReason).text)
        }
        if let damage = session.store.damage { lines.append(damage.said.text) }
        if session.workspace.plans.isEmpty {
            lines += [
                "The store is empty. 欢迎使用！",
                "  import plan FILE [as ID]       import a plan: .txt, .docx, web page (or `import plan DIR`)",
                "  import demo                    load the bundled demo plans with their monthly progress sheets,",
                "                                 so find, report and diff have data at once",
                "  tutorial                       guided lessons 课程 on a sandbox copy of the demo plans",
                "`help` lists every command; Tab completes; Ctrl-D leaves.",
            ]
        } else {
            lines.append("`help` lists commands, `tutorial` starts the lessons; Tab completes, Ctrl-D leaves.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
