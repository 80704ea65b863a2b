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
            func n(_ k: Int, _ noun: String) -> String { "\(k) \(noun)\(k == 1 ? "" : "s")" }
            return Term(en: "\(added) added, \(removed) removed, \(n(tasks, "task")) changed (\(n(fieldChanges, "field change")))"
                            + (lights == 0 ? "" : ", \(n(lights, "light")) changed") + " (\(from) → \(to))",
                        zh: "新增 \(added) 项，删除 \(removed) 项，\(tasks) 项任务有变更（\(fieldChanges) 处字段变更）"
                            + (lights == 0 ? "" : "，\(lights) 项灯色变化") + "（\(from) → \(to)）")
        }
    }
}
