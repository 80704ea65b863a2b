/// A task's calendar from its plan and its own text: `start`, `deadlines`, and `due` (SPEC §1, §9).
public enum Schedule {
    /// Reads every task's deadlines from its text in the plan's year and sets `start` and `due`,
    /// except where they were set by hand.
    public static func apply(to plan: inout ImportedPlan) {
        let info = plan.info
        for i in plan.tasks.indices {
            assign(&plan.tasks[i], plan: info)
        }
    }

    /// The same when the importer still holds each task's text as scalars (`texts[i]` for
    /// `plan.tasks[i]`): the deadlines are read from those instead of decoding every text again.
    static func apply(to plan: inout ImportedPlan, texts: [[UInt32]]) {
        let info = plan.info
        for i in plan.tasks.indices {
            assign(&plan.tasks[i], plan: info, deadlines: DeadlineExtractor.deadlines(inScalars: texts[i], planYear: info.periodYear))
        }
    }

    /// One task: deadlines re-read from the text; start and due defaulted unless set by hand.
    public static func assign(_ t: inout PlanTask, plan info: PlanInfo) {
        assign(&t, plan: info, deadlines: DeadlineExtractor.deadlines(in: t.text, planYear: info.periodYear))
    }

    static func assign(_ t: inout PlanTask, plan info: PlanInfo, deadlines: [Deadline]) {
        t.deadlines = deadlines
        if !t.startByHand || t.start == nil {
            t.start = info.periodStart
            t.startByHand = false
        }
        if !t.dueByHand || t.due == nil {
            t.due = DeadlineExtractor.latest(t.deadlines) ?? info.periodEnd
            t.dueByHand = false
        }
    }

    /// The plan with its year set to `year` (`import plan … year YYYY`) and every task's calendar re-read.
    public static func withYear(_ year: Int, _ plan: ImportedPlan) -> ImportedPlan {
        var p = plan
        p.info.year = year
        p.info.warnings.removeAll { $0.message.hasPrefix(PlanYear.missingWarningPrefix) }
        apply(to: &p)
        return p
    }
}

extension TaskTable {
    /// Gives a table read from a file older than task calendars its start dates and deadlines:
    /// deadlines from each text in its plan's year, `due` kept where it was set (by hand, then
    /// the only way), else defaulted.
    mutating func upgradeCalendar(plans: [PlanInfo]) {
        start = []
        start.reserveCapacity(count)
        deadlineStart = [0]
        deadlineDay = []
        deadlineKind = []
        deadlineRaw = StringColumn()
        // Runs before the table is validated: a damaged table (found by fuzzing) is left with
        // no start dates, which the validation refuses, instead of being read out of bounds.
        guard texts.isSound(rows: count), due.count == count, flags.count == count, planRow.count == count else { return }
        for r in 0..<count {
            let plan = Int(planRow[r]) < plans.count ? plans[Int(planRow[r])] : nil
            let year = plan?.periodYear
            let found = DeadlineExtractor.deadlines(in: texts[r], planYear: year)
            for d in found {
                deadlineDay.append(d.day.ordinal)
                deadlineRaw.append(d.raw)
                deadlineKind.append(UInt8(Deadline.Kind.allCases.firstIndex(of: d.kind) ?? 0))
            }
            deadlineStart.append(UInt32(deadlineDay.count))
            start.append(plan?.periodStart.ordinal ?? 0)
            if due[r] != 0 {
                flags[r] |= TaskTable.flagDueByHand
            } else {
                due[r] = DeadlineExtractor.latest(found)?.ordinal ?? plan?.periodEnd.ordinal ?? 0
            }
        }
    }
}
