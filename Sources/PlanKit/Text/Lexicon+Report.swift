/// The words of the monthly report (SPEC §6, §9): headings, column headers and sentences, each
/// written once in English and in Chinese. `ReportDocument` picks them in the session's language
/// (`set lang`); the printers (screen, Markdown, HTML, xlsx) only lay them out.
extension Lexicon {
    public enum Report {
        typealias T = Term

        // MARK: Title, subtitle, footer

        static func title(plan: String?, month: YearMonth) -> Term {
            guard let plan else { return T(en: "Health work plans · progress in \(month)", zh: "卫生健康工作要点 · \(month) 月度进展") }
            return T(en: "\(plan) · progress in \(month)", zh: "\(plan) · \(month) 月度进展")
        }
        static func scope(plans ids: [String]) -> Term {
            if ids.count == 1 { return T(en: "plan \(ids[0])", zh: "计划 \(ids[0])") }
            return T(en: "\(ids.count) plans (\(ids.joined(separator: ", ")))", zh: "\(ids.count) 个计划（\(ids.joined(separator: "、"))）")
        }
        static func taskCount(_ n: Int) -> Term { Lexicon.counted(n, .tasks) }
        static func progressAsOf(_ m: YearMonth) -> Term { T(en: "progress as of \(m)", zh: "进度截至 \(m)") }
        static func overdueAsOf(_ d: CalendarDay) -> Term { T(en: "overdue as of \(d)", zh: "逾期按 \(d) 计") }
        static func comparedWith(_ snapshot: String) -> Term { T(en: "compared with snapshot \(snapshot)", zh: "对比快照 \(snapshot)") }
        static let noEarlierSnapshot = T(en: "no earlier snapshot to compare with", zh: "无更早的快照可对比")
        static let madeBy = T(en: "made by plansh", zh: "plansh 生成")

        /// A numbered heading: `一、通报`, `1. Summary`.
        static func numbered(_ n: Int, _ title: String) -> Term {
            let digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
            return T(en: "\(n). \(title)", zh: ((1...digits.count).contains(n) ? digits[n - 1] : String(n)) + "、" + title)
        }

        // MARK: Section titles

        static let summary = T(en: "Summary", zh: "通报")
        static func red(_ n: Int) -> Term { T(en: "Red tasks (\(n))", zh: "红灯任务（\(n)）") }
        static func yellow(_ n: Int) -> Term { T(en: "Yellow tasks (\(n))", zh: "黄灯任务（\(n)）") }
        static func dueSoon(days: Int, _ n: Int) -> Term {
            T(en: "Due soon (within \(counted(days, .days).en), \(n))", zh: "临期任务（\(counted(days, .days).zh)内，\(n)）")
        }
        static func scores(yellow: Int, red: Int) -> Term {
            T(en: "Scores (100 − \(yellow)×yellow − \(red)×red)", zh: "考核排名（100 − \(yellow)×黄灯 − \(red)×红灯）")
        }
        static func lightChanges(_ n: Int) -> Term { T(en: "Light changes (\(n))", zh: "灯色变化（\(n)）") }
        static let tasksByStatus = T(en: "Tasks by status", zh: "任务状态")
        static let plans = T(en: "Plans", zh: "计划")
        static let offices = T(en: "Offices", zh: "科室")
        static func behindAndOverdue(_ n: Int) -> Term { T(en: "Behind and overdue (\(n))", zh: "滞后和逾期任务（\(n)）") }
        static let targets = T(en: "Targets", zh: "量化指标")
        static func sinceSnapshot(_ s: String) -> Term { T(en: "Since snapshot \(s)", zh: "与快照 \(s) 相比") }
        static let changes = T(en: "Changes", zh: "变化")
        static let byOffice = T(en: "By office", zh: "各科室需关注的任务")

        // MARK: Sentences when there is nothing to list

        static let noOffices = T(en: "No task names an office.", zh: "任务没有责任科室。")
        static let noSnapshot = T(en: "No earlier snapshot to compare with (`save` one every month).",
                                  zh: "没有更早的快照可对比（每月用 `save` 保存快照）。")
        static let noAttention = T(en: "No task is behind or overdue.", zh: "没有滞后或逾期的任务。")
        static let noTargetAtRisk = T(en: "No task with targets is behind or overdue.", zh: "有指标的任务都没有滞后或逾期。")
        static let noStatusChange = T(en: "No task changed status.", zh: "没有任务改变状态。")
        static let noOfficeAttention = T(en: "No task is behind, overdue or not started.", zh: "没有滞后、逾期或未启动的任务。")
        static let noRed = T(en: "No red tasks.", zh: "没有红灯任务。")
        static let noYellow = T(en: "No yellow tasks.", zh: "没有黄灯任务。")
        static let noDueSoon = T(en: "No task is due soon.", zh: "没有临期任务。")
        static let noLeadOffices = T(en: "No lead offices.", zh: "没有牵头科室。")
        static let noLightChange = T(en: "No light changed since the previous snapshot.", zh: "与上期快照相比没有灯色变化。")

        /// The line that says how many were left out.
        static func more(_ n: Int) -> Term {
            T(en: "… \(n) more not listed (the full list: `report … > FILE.csv` or `find`)",
              zh: "… 另有 \(n) 项未列出（完整清单见 `report … > FILE.csv` 或 `find`）")
        }

        // MARK: Figures and status

        static let totalTasks = T(en: "tasks", zh: "任务总数")
        static let averageProgress = T(en: "average progress", zh: "平均进度")
        static func sinceLast(_ delta: String) -> Term { T(en: " (\(delta) on last time)", zh: "（比上期 \(delta)）") }
        static func moreOverdue(_ n: Int) -> Term { T(en: ", \(n) more overdue", zh: "，另逾期 \(n)") }
        static func average(_ value: String) -> Term { T(en: "Average progress **\(value)**", zh: "平均进度 **\(value)**") }
        static func previous(_ value: String, delta: String) -> Term { T(en: " (previous \(value), \(delta))", zh: "（上期 \(value)，\(delta)）") }
        static let overdue = T(en: "overdue", zh: "逾期")
        /// A status cell of an overdue task: `滞后，逾期（2025-03-31）`.
        static func overdueSince(_ due: CalendarDay?) -> Term {
            T(en: ", overdue" + (due.map { " (\($0))" } ?? ""), zh: "，逾期" + (due.map { "（\($0)）" } ?? ""))
        }
        static func dueOn(_ d: CalendarDay) -> Term { T(en: "due \(d)", zh: "到期 \(d)") }
        /// Leads a task's note on the screen; both are 6 columns wide.
        static let notePrefix = T(en: "note: ", zh: "备注：")

        // MARK: Column headers

        static let plan = T(en: "plan", zh: "计划")
        static let office = T(en: "office", zh: "科室")
        static let heading = T(en: "heading", zh: "标题")
        static let tasks = T(en: "tasks", zh: "任务")
        static let task = T(en: "task", zh: "任务")
        static let done = T(en: "done", zh: "已完成")
        static let overdueColumn = T(en: "overdue", zh: "逾期")
        static let averageColumn = T(en: "avg progress", zh: "平均进度")
        static let change = T(en: "change", zh: "比上期")
        static let status = T(en: "status", zh: "状态")
        static let progress = T(en: "progress", zh: "进度")
        static let responsible = T(en: "offices", zh: "责任科室")
        static let note = T(en: "note", zh: "备注")
        static let unit = T(en: "unit", zh: "单位")
        static let targetCount = T(en: "targets", zh: "指标")
        static let atLeastWord = T(en: "at least", zh: "不低于")
        static let atMostWord = T(en: "at most", zh: "不超过")
        static let equalWord = T(en: "equal", zh: "等于")
        static let range = T(en: "range", zh: "范围")
        static let atLeast = T(en: atLeastWord.en + " ≥", zh: atLeastWord.zh + " ≥")
        static let atMost = T(en: atMostWord.en + " ≤", zh: atMostWord.zh + " ≤")
        static let equal = T(en: equalWord.en + " =", zh: equalWord.zh + " =")
        static let gain = T(en: "gain", zh: "提高")
        static let share = T(en: "share", zh: "占比")
        static let sharePercent = T(en: "share (%)", zh: "占比(%)")
        static let lead = T(en: "lead office", zh: "牵头科室")
        static let doneShort = T(en: "done", zh: "完成")
        static let averageGap = T(en: "avg gap", zh: "平均差距")
        static let score = T(en: "score", zh: "得分")
        static let targetID = T(en: "target id", zh: "指标编号")
        static let metric = T(en: "metric", zh: "指标")
        static let target = T(en: "target", zh: "目标")
        static let actual = T(en: "actual", zh: "完成值")
        static let attainment = T(en: "attainment", zh: "完成率")
        static let light = T(en: "light", zh: "灯")
        static let oldLight = T(en: "was", zh: "原灯")
        static let newLight = T(en: "now", zh: "现灯")
        static let text = T(en: "text", zh: "内容")
        static let why = T(en: "why", zh: "说明")

        // MARK: Targets

        static func targetsParagraph(withTargets: Int, tasks: Int, targets: Int, redacted: Int) -> Term {
            T(en: "Tasks with quantitative targets: **\(withTargets)**/\(tasks), **\(targets)** targets in all"
                + (redacted > 0 ? " (\(redacted) with hidden values)" : "") + ".",
              zh: "有量化指标的任务 **\(withTargets)**/\(tasks) 项，共 **\(targets)** 个指标"
                + (redacted > 0 ? "（其中 \(redacted) 个数值隐去）" : "") + "。")
        }
        /// `按比较方式：不低于 58，不超过 25。`: comparators that have targets.
        static func byComparison(atLeast: Int, atMost: Int, equal: Int, range r: Int) -> Term {
            let kept = [(atLeastWord, atLeast), (atMostWord, atMost), (equalWord, equal), (range, r)].filter { $0.1 > 0 }
            return T(en: "By comparison: " + kept.map { "\($0.0.en) \($0.1)" }.joined(separator: ", ") + ".",
                     zh: "按比较方式：" + kept.map { "\($0.0.zh) \($0.1)" }.joined(separator: "，") + "。")
        }
        static func otherUnits(_ n: Int) -> Term { T(en: counted(n, .otherUnits).en, zh: "其他 \(n) 种单位") }
        static func targetsAtRisk(_ n: Int) -> Term { T(en: "Tasks with targets, behind or overdue (\(n))", zh: "有指标但滞后或逾期的任务（\(n)）") }
        static let tracked = T(en: "Targets against actuals", zh: "指标完成情况")
        static func trackedParagraph(met: Int, atRisk: Int, onPace: Int, noActual: Int) -> Term {
            T(en: "Met **\(met)**, at risk (red, yellow) **\(atRisk)**, not met but on pace \(onPace), no actual reported yet \(noActual).",
              zh: "已达标 **\(met)** 个，有风险（红灯、黄灯）**\(atRisk)** 个，未达标但在序时内 \(onPace) 个，尚未报告完成值 \(noActual) 个。")
        }

        // MARK: Changes

        static func averageMove(from: String, to: String, delta: String) -> Term {
            T(en: "Average progress \(from) → **\(to)** (\(delta))", zh: "平均进度 \(from) → **\(to)**（\(delta)）")
        }
        static func progressMoves(up: Int, down: Int) -> Term {
            T(en: "progress up for \(counted(up, .tasks).en)" + (down > 0 ? ", down for \(down)" : ""),
              zh: "进度提高 \(up) 项" + (down > 0 ? "，下降 \(down) 项" : ""))
        }
        static func statusMoves(done: Int, behind: Int, recovered: Int) -> Term {
            T(en: "newly done \(done), newly behind \(behind), no longer behind \(recovered)",
              zh: "新完成 \(done) 项，新滞后 \(behind) 项，摆脱滞后 \(recovered) 项")
        }
        static func added(_ ids: [String]) -> Term {
            let codes = ids.map { "`\($0)`" }
            return T(en: "new tasks (\(ids.count)): " + codes.joined(separator: ", "), zh: "新增任务 \(ids.count) 项：" + codes.joined(separator: "、"))
        }
        static func removed(_ ids: [String]) -> Term {
            let codes = ids.map { "`\($0)`" }
            return T(en: "tasks no longer in the plan (\(ids.count)): " + codes.joined(separator: ", "),
                     zh: "已不在计划中的任务 \(ids.count) 项：" + codes.joined(separator: "、"))
        }
        static func statusChanges(_ n: Int) -> Term { T(en: "Status changes (\(n))", zh: "状态变化（\(n)）") }
        static let biggestGains = T(en: "Biggest progress gains", zh: "进度提高最多")
        static func officeLine(tasks: Int, done: Int, behind: Int, notStarted: Int, average: String) -> Term {
            T(en: "\(counted(tasks, .tasks).en), \(done) done, \(behind) behind, \(notStarted) not started, average progress \(average).",
              zh: "\(tasks) 项，已完成 \(done)，滞后 \(behind)，未启动 \(notStarted)，平均进度 \(average)。")
        }

        // MARK: Supervision (§9)

        /// 共 N 项任务：已完成 a 项，超序时 b 项，达序时 c 项，欠序时 d 项（x%），红灯 r 项、黄灯 y 项。
        static func supervisionParagraph(total: Int, done: Int, ahead: Int, onPace: Int, behindPace: Int, share: String,
                                         red: Int, yellow: Int) -> Term {
            T(en: "\(taskCount(total).en): \(done) done, \(ahead) ahead of the calendar, \(onPace) on pace, \(behindPace) behind pace "
                + "(\(share)), \(red) red and \(yellow) yellow.",
              zh: "共 \(total) 项任务：已完成 \(done) 项，超序时 \(ahead) 项，达序时 \(onPace) 项，欠序时 \(behindPace) 项"
                + "（\(share)），红灯 \(red) 项、黄灯 \(yellow) 项。")
        }
        /// A red or yellow item: `heading（牵头 office，完成时限 due）`.
        static func leadAndDue(_ heading: String, lead: String, due: CalendarDay) -> Term {
            T(en: "\(heading) (lead \(lead), due \(due))", zh: "\(heading)（牵头 \(lead)，完成时限 \(due)）")
        }
        static func dueIn(_ heading: String, due: CalendarDay, days: Int) -> Term {
            T(en: "\(heading)  due \(due) (\(counted(days, .days).en) left)", zh: "\(heading)  完成时限 \(due)（还有 \(counted(days, .days).zh)）")
        }

        // MARK: Charts (HTML)

        static func chartTotal(_ n: Int, average: String) -> Term {
            T(en: "\(counted(n, .tasks).en), average progress \(average)", zh: "共 \(counted(n, .tasks).zh)，平均进度 \(average)")
        }
        /// A segment of the status bar: `滞后 12（14.3%）`.
        static func statusShare(_ status: String, _ n: Int, _ percent: String) -> Term {
            T(en: "\(status) \(n) (\(percent))", zh: "\(status) \(n)（\(percent)）")
        }
        static let officeChart = T(en: "Tasks and average progress by office", zh: "科室任务与平均进度")
        static let tasksByStatusAxis = T(en: "tasks (by status)", zh: "任务数（按状态）")
        static func previousAverage(_ v: String) -> Term { T(en: "previous \(v)", zh: "上期 \(v)") }
        static let thisAverage = T(en: "average progress now", zh: "本期平均进度")
        static let previousAverageLegend = T(en: "previous average progress", zh: "上期平均进度")
        /// The page's `lang` attribute.
        static let htmlLang = T(en: "en", zh: "zh-CN")
    }

    /// A light's word: `红灯` / `red`.
    public static func light(_ l: Light, in language: Language) -> String { language == .zh ? l.chineseLabel : l.keyword }

    /// The columns of a ranking of lead offices, which `score` and the report's 考核排名 both print:
    /// the JSON key, the header in each language (牵头科室, lead office) and the light counted.
    public static let scoreColumns: [(key: String, header: Term, light: Light?)] =
        [("office", Report.lead, nil), ("tasks", Report.tasks, nil), ("done", Report.doneShort, nil)]
        + [Light.green, .yellow, .red].map { ($0.keyword, Term(en: $0.keyword, zh: $0.chineseLabel), $0) }
        + [("avg_gap", Report.averageGap, nil), ("score", Report.score, nil)]

    /// A light's short word in a change: `红` / `red`.
    public static func lightShort(_ l: Light, in language: Language) -> String { language == .zh ? l.chineseShort : l.keyword }

    /// A status's word: `滞后` / `behind`.
    public static func status(_ s: TaskStatus, in language: Language) -> String { language == .zh ? s.chineseLabel : s.keyword }
}
