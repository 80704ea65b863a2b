/// The colours of values on a terminal: one table, one entry per value that has a colour,
/// written with the words the lexicon shows for it (English keyword and Chinese label), so
/// `set lang zh` colours 滞后 as it colours `behind`. Lights (SPEC §9) join as entries.
///
/// Colour is for a person at a terminal only: files, pipes and `NO_COLOR` get plain text.
public enum Palette {
    /// A terminal colour as its SGR parameter.
    public enum Tone: String, Sendable {
        case red = "31"
        case yellow = "33"
        case green = "32"
        case cyan = "36"
    }

    /// Every coloured value: behind is red, on track cyan, done green; not started stays plain;
    /// the lights (SPEC §9) in their own colours.
    public static let entries: [(words: [String], tone: Tone)] = [
        (TaskStatus.behind.words, .red),
        (TaskStatus.onTrack.words, .cyan),
        (TaskStatus.done.words, .green),
        (Light.red.words, .red),
        (Light.yellow.words, .yellow),
        (Light.green.words, .green),
    ]

    /// The tone of a displayed value, nil when it has none.
    public static func tone(of text: String) -> Tone? {
        let t = text.lowercased()
        return entries.first { $0.words.contains(t) }?.tone
    }

    /// `text` wrapped in the escape codes of `tone`.
    public static func paint(_ text: String, _ tone: Tone) -> String {
        "\u{1B}[" + tone.rawValue + "m" + text + "\u{1B}[0m"
    }

    /// Whether colour is wanted, given the environment of a process whose output is a terminal:
    /// not when `NO_COLOR` is set to anything (no-color.org) or the terminal is `dumb`.
    public static func enabled(environment: [String: String]) -> Bool {
        if let v = environment["NO_COLOR"], !v.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }
}

extension TaskStatus {
    /// The words a status is shown with: its keyword and its Chinese label.
    var words: [String] { [keyword, chineseLabel] }
}

extension Light {
    /// The words a light is shown with: its keyword and its Chinese label.
    var words: [String] { [keyword, chineseLabel] }
}
