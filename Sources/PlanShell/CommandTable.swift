import PlanKit

/// Every command the shell knows, gathered from the groups that define them.
///
/// Each group lives in its own file (`Commands/…`), so the capabilities can grow independently.
public enum CommandTable {
    public static let all: [CommandSpec] =
        CoreCommands.specs + PlanCommands.specs + QueryCommands.specs
        + ProgressCommands.specs + ReportCommands.specs + TutorialCommands.specs + SupervisionCommands.specs

    /// The command whose words start `words` (longest match first), with how many words it used.
    public static func lookup(_ words: [String]) -> (CommandSpec, Int)? {
        let lowered = words.prefix(3).map { TextFolding.keyword($0) }
        var best: (CommandSpec, Int)?
        for spec in all where spec.words.count <= lowered.count {
            if Array(lowered.prefix(spec.words.count)) == spec.words,
               spec.words.count > (best?.1 ?? 0) {
                best = (spec, spec.words.count)
            }
        }
        return best
    }

    /// First words of every command, for completion and "did you mean".
    public static var commandWords: [String] {
        var seen = Set<String>()
        return all.compactMap { seen.insert($0.words[0]).inserted ? $0.words[0] : nil }
    }
}
