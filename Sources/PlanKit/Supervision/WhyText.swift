/// `why ID`: a light explained in one or two lines from the numbers the light used (SPEC §9):
/// `序时进度 32.9%（2025-01-01→2025-12-31，已过 120/365 天，截至 2025-04-30）；进度 5%，差 −27.9 → 黄灯（落后超过 10 个百分点）`.
public enum WhyText {
    /// The minus sign of the explanation (U+2212, as printed in bureau documents).
    static let minus = "\u{2212}"

    /// The explanation of `j` judged under `rules`, Chinese unless `english`.
    public static func lines(_ j: Judgement, rules: Rules, english: Bool = false) -> [String] {
        english ? englishLines(j, rules) : chineseLines(j, rules)
    }

    static func signedTenths(_ t: Int) -> String {
        (t > 0 ? "+" : "") + Judge.formatTenths(t, minus: minus)
    }

    static func chineseLines(_ j: Judgement, _ r: Rules) -> [String] {
        let expected = Judge.formatTenths(j.expectedTenths)
        let calendar = "序时进度 \(expected)%（\(j.start)→\(j.due)，已过 \(j.elapsed)/\(j.total) 天，截至 \(j.asOf)）"
        let progress = j.status == .done ? "已完成（进度按 100% 计）" : "进度 \(j.progress)%"
        let why: String
        switch j.reason {
        case .done: why = "已完成"
        case .overdue: why = "已超过完成时限 \(j.due) \(-j.dueIn) 天，未完成"
        case .farBehind: why = "落后超过 \(r.red) 个百分点"
        case .idle: why = "未启动，序时进度已达 \(r.idle)%"
        case .behind: why = "落后超过 \(r.yellow) 个百分点"
        case .reportedBehind: why = "科室报告滞后"
        case .fine: why = j.pace == .ahead ? "超序时" : "落后不超过 \(r.yellow) 个百分点"
        }
        var out = ["\(calendar)；\(progress)，差 \(signedTenths(j.gapTenths)) → \(j.light.chineseLabel)（\(why)）"]
        if j.elapsed == 0 {
            out.append("尚未开始：开始日期 \(j.start)，此前序时进度按 0 计")
        } else if j.dueSoon {
            out.append("临期：距完成时限 \(j.due) 还有 \(j.dueIn) 天（提醒期 \(r.remind) 天）")
        }
        return out
    }

    static func englishLines(_ j: Judgement, _ r: Rules) -> [String] {
        let expected = Judge.formatTenths(j.expectedTenths)
        let calendar = "expected \(expected)% (\(j.start)→\(j.due), \(j.elapsed)/\(j.total) days elapsed, as of \(j.asOf))"
        let progress = j.status == .done ? "done (progress counts as 100%)" : "progress \(j.progress)%"
        let why: String
        switch j.reason {
        case .done: why = "done"
        case .overdue: why = "\(-j.dueIn) days past its due date \(j.due), not done"
        case .farBehind: why = "more than \(r.red) points behind"
        case .idle: why = "not started while expected has reached \(r.idle)%"
        case .behind: why = "more than \(r.yellow) points behind"
        case .reportedBehind: why = "the office reports it behind"
        case .fine: why = j.pace == .ahead ? "ahead of the calendar" : "no more than \(r.yellow) points behind"
        }
        var out = ["\(calendar); \(progress), gap \(signedTenths(j.gapTenths)) → \(j.light.keyword) (\(why))"]
        if j.elapsed == 0 {
            out.append("not begun: starts \(j.start); expected counts as 0 until then")
        } else if j.dueSoon {
            out.append("due soon: \(j.dueIn) days to its due date \(j.due) (reminder window \(r.remind) days)")
        }
        return out
    }
}
