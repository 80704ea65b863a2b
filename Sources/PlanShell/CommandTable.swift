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

    /// The command `words` start with, or the message saying what is missing or unknown:
    /// `show` alone expects `show task ID | show plan ID`, `show foo` is not a command.
    static func resolve(_ words: [Word]) throws -> (CommandSpec, Int) {
        let values = words.map { $0.quoted ? "\u{0}" : $0.value }
        if let found = lookup(values) { return found }
        guard let first = words.first else { throw Diagnostic(Messages.unknownCommand("", suggestion: nil)) }
        let head = TextFolding.keyword(first.value)
        let family = all.filter { $0.words.count > 1 && $0.words[0] == head && !first.quoted }
        guard !family.isEmpty else {
            throw Diagnostic(Messages.unknownCommand(first.value, suggestion: Suggest.nearest(first.value, in: commandWords)),
                             at: first.span)
        }
        guard words.count > 1 else {
            throw Diagnostic(Messages.incompleteCommand(first.value, choices: family.map(\.usage)),
                             at: first.span.upperBound..<(first.span.upperBound + 1))
        }
        let second = words[1]
        throw Diagnostic(Messages.unknownSubcommand(second.value, after: head, choices: family.map { $0.words[1] }),
                         at: second.span)
    }

    /// First words of every command, for completion and "did you mean".
    public static var commandWords: [String] {
        var seen = Set<String>()
        return all.compactMap { seen.insert($0.words[0]).inserted ? $0.words[0] : nil }
    }
}
