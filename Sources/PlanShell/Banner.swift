/// The welcome text of an interactive session.
public enum Banner {
    public static func text(session: Session) -> String {
        var lines = ["plansh \(PlanshVersion.string) — 卫生健康工作要点 progress shell · store \(session.store.directory.path)"]
        if session.store.isReadOnly {
            lines.append("Another plansh holds this store: opened READ-ONLY (queries work, changes are refused).")
        }
        if session.workspace.plans.isEmpty {
            lines.append("The store is empty. Import a plan with `import plan FILE.txt [as ID]`,")
            lines.append("or type `import demo` to load the bundled demo plans with their progress sheets;")
            lines.append("`tutorial` starts the guided lessons. `help` lists every command; Ctrl-D leaves.")
        } else {
            lines.append("`help` lists commands, `tutorial` starts the lessons; Tab completes, Ctrl-D leaves.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
