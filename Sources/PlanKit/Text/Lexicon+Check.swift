extension Lexicon {
    /// The words of `check` (SPEC §5): its title, each file's state and the counts of what a file
    /// holds, in each language. Problems and notes are catalogue messages (English); JSON keeps
    /// the English words.
    public enum Check {
        /// A file's state as `check` shows it.
        public enum State: String, Sendable, CaseIterable {
            case ok, damaged = "DAMAGED", setAside = "set aside"

            /// The state in `language`.
            public subscript(_ language: Language) -> String {
                guard language == .zh else { return rawValue }
                switch self {
                case .ok: return "正常"
                case .damaged: return "损坏"
                case .setAside: return "已移出"
                }
            }
        }

        /// `store DIR: every file intact`, `store DIR: 1 damaged; 2 damaged files set aside in damaged/`.
        public static func title(store: String, damaged: Int, setAside: Int) -> Term {
            let kept = counted(setAside, .damagedFiles), folder = Store.damagedFolder
            return Term(en: "store \(store): " + (damaged == 0 ? "every file intact" : "\(damaged) damaged")
                            + (setAside == 0 ? "" : "; \(kept.en) set aside in \(folder)/"),
                        zh: "存储 \(store)：" + (damaged == 0 ? "所有文件完好" : "\(counted(damaged, .damagedFiles).zh)")
                            + (setAside == 0 ? "" : "；\(kept.zh)已移至 \(folder)/"))
        }

        /// `3 plans, 84 tasks, 1 change`: what a file holds, each count worded by `counted`.
        public static func counts(_ items: [(Int, RowNoun)]) -> Term {
            let terms = items.map { counted($0.0, $0.1) }
            return Term(en: terms.map(\.en).joined(separator: ", "), zh: terms.map(\.zh).joined(separator: "，"))
        }

        /// The counts followed by notes (catalogue messages, the same in both languages).
        public static func counts(_ items: [(Int, RowNoun)], notes: [String]) -> Term {
            let c = counts(items)
            return Term(en: ([c.en] + notes).joined(separator: "; "), zh: ([c.zh] + notes).joined(separator: "；"))
        }
    }
}
