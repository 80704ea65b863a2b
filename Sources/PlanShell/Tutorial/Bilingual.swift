import PlanKit

/// The learner's language in a lesson: lessons are written in Chinese with English, and show
/// one of the two (`set lang`, or `lang` inside a lesson); `more` shows the other.
public enum LessonLanguage: String, Sendable, CaseIterable {
    case zh, en

    var other: LessonLanguage { self == .zh ? .en : .zh }

    /// Which language a piece of prose is in: Chinese when Han characters outweigh Latin letters
    /// (a Chinese sentence may name a command; an English one may quote a Chinese word).
    static func of(_ text: String) -> LessonLanguage? {
        var han = 0, latin = 0
        for u in text.unicodeScalars {
            if (0x4E00...0x9FFF).contains(u.value) || (0x3400...0x4DBF).contains(u.value) { han += 1 }
            else if u.isASCII && u.properties.isAlphabetic { latin += 1 }
        }
        if han == 0 && latin == 0 { return nil }
        return han * 3 > latin ? .zh : .en
    }
}

/// Keeps the learner's language of bilingual lesson prose.
enum Bilingual {
    /// Lines in `language`; a line written `中文 · English` keeps its part in `language`. When no
    /// line is in `language` (a lesson not yet translated), every line stays.
    static func pick(_ lines: [String], _ language: LessonLanguage) -> [String] {
        let split = lines.map { line(of: $0, language) }
        let kept = split.filter { LessonLanguage.of($0) != language.other }
        return kept.isEmpty ? split : kept
    }

    /// `中文 · English` → the part in `language` (both when neither is).
    static func line(of text: String, _ language: LessonLanguage) -> String {
        guard text.contains(" · ") else { return text }
        let parts = text.components(separatedBy: " · ")
        let kept = parts.filter { LessonLanguage.of($0) == language }
        return kept.isEmpty ? text : kept.joined(separator: " · ")
    }
}

extension Session {
    /// The learner's language: `set lang zh|en` (default en, SPEC §3).
    var learnerLanguage: LessonLanguage {
        LessonLanguage(rawValue: (settings.variables["lang"] ?? "en").lowercased()) ?? .en
    }
}
