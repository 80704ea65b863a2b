/// The words of `why ID` (SPEC §9): one template per language for each part of the explanation.
/// `WhyText` fills them from a `Judgement`.
extension Lexicon {
    public enum Why {
        /// `序时进度 32.9%（2025-01-01→2025-12-31，已过 120/365 天，截至 2025-04-30）`.
        static func calendar(expected: String, _ j: Judgement) -> Term {
            Term(en: "expected \(expected)% (\(j.start)→\(j.due), \(j.elapsed)/\(j.total) days elapsed, as of \(j.asOf))",
                 zh: "序时进度 \(expected)%（\(j.start)→\(j.due)，已过 \(j.elapsed)/\(j.total) 天，截至 \(j.asOf)）")
        }

        /// The progress the gap uses.
        static func progress(_ j: Judgement) -> Term {
            j.status == .done
                ? Term(en: "done (progress counts as 100%)", zh: "已完成（进度按 100% 计）")
                : Term(en: "progress \(j.progress)%", zh: "进度 \(j.progress)%")
        }

        /// The rule of §9 that gave the light.
        static func reason(_ j: Judgement, _ r: Rules) -> Term {
            switch j.reason {
            case .done: Term(en: "done", zh: "已完成")
            case .overdue: Term(en: "\(counted(-j.dueIn, .days).en) past its due date \(j.due), not done",
                                 zh: "已超过完成时限 \(j.due) \(counted(-j.dueIn, .days).zh)，未完成")
            case .farBehind: Term(en: "more than \(counted(r.red, .points).en) behind", zh: "落后超过 \(counted(r.red, .points).zh)")
            case .idle: Term(en: "not started while expected has reached \(r.idle)%", zh: "未启动，序时进度已达 \(r.idle)%")
            case .behind: Term(en: "more than \(counted(r.yellow, .points).en) behind", zh: "落后超过 \(counted(r.yellow, .points).zh)")
            case .reportedBehind: Term(en: "the office reports it behind", zh: "科室报告滞后")
            case .fine:
                j.pace == .ahead ? Term(en: "ahead of the calendar", zh: "超序时")
                    : Term(en: "no more than \(counted(r.yellow, .points).en) behind", zh: "落后不超过 \(counted(r.yellow, .points).zh)")
            }
        }

        /// The first line: calendar; progress, gap → light (reason).
        static func verdict(calendar: String, progress: String, gap: String, light: Light, reason: String) -> Term {
            Term(en: "\(calendar); \(progress), gap \(gap) → \(light.keyword) (\(reason))",
                 zh: "\(calendar)；\(progress)，差 \(gap) → \(light.chineseLabel)（\(reason)）")
        }

        /// The second line before the task's start.
        static func notBegun(_ j: Judgement) -> Term {
            Term(en: "not begun: starts \(j.start); expected counts as 0 until then",
                 zh: "尚未开始：开始日期 \(j.start)，此前序时进度按 0 计")
        }

        /// The second line inside the reminder window.
        static func dueSoon(_ j: Judgement, _ r: Rules) -> Term {
            Term(en: "due soon: \(j.dueIn) days to its due date \(j.due) (reminder window \(r.remind) days)",
                 zh: "临期：距完成时限 \(j.due) 还有 \(j.dueIn) 天（提醒期 \(r.remind) 天）")
        }
    }
}
