extension Lexicon {
    /// The words of `diff` (SPEC §5) and `history`: the diff's summary line, the change of each row
    /// and the field changed, in each language; values of status and light fields are named as everywhere else
    /// (`statusName`, `lightName`). JSON keeps the English words.
    public enum Diff {
        /// `added`, `removed`, `changed` in `language`; other text unchanged.
        public static func change(_ word: String, in language: Language) -> String {
            guard language == .zh else { return word }
            switch word {
            case "added": return "新增"
            case "removed": return "删除"
            case "changed": return "变更"
            default: return word
            }
        }

        /// The name of a changed task field (`status`, `light`) in `language`: its column header.
        public static func field(_ name: String, in language: Language) -> String {
            FieldRegistry.field(named: name, in: .tasks).map { Lexicon.header($0, in: language) } ?? name
        }

        /// A changed value of field `name` in `language` (statuses and lights translated).
        public static func value(_ value: String, of name: String, in language: Language) -> String {
            switch name {
            case "status": Lexicon.statusName(value, in: language)
            case "light": Lexicon.lightName(value, in: language)
            default: value
            }
        }

        /// `0 added, 1 removed, 2 tasks changed (3 field changes), 1 light changed (2025-03 → now)`.
        public static func summary(added: Int, removed: Int, tasks: Int, fieldChanges: Int, lights: Int,
                                   from: String, to: String) -> Term {
            let t = Lexicon.counted(tasks, .tasks), f = Lexicon.counted(fieldChanges, .fieldChanges), l = Lexicon.counted(lights, .lights)
            return Term(en: "\(added) added, \(removed) removed, \(t.en) changed (\(f.en))"
                            + (lights == 0 ? "" : ", \(l.en) changed") + " (\(from) → \(to))",
                        zh: "新增 \(added) 项，删除 \(removed) 项，\(t.zh)有变更（\(f.zh)）"
                            + (lights == 0 ? "" : "，\(l.zh)") + "（\(from) → \(to)）")
        }
    }
}
