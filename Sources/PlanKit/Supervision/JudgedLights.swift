/// The lights of every row of a task table as one judge sees them, with the prompt's counts, kept
/// in the table's `QueryIndexCache` between queries (`Judge.lights(in:)` asks for them there).
///
/// A light reads the row's status, progress, start and due, the as-of day and the rules. The
/// table drops its cache when any of those four columns changes (a new table — an import, a
/// dropped plan, a loaded snapshot — has a new cache), and a kept judgement serves only a judge
/// with the same as-of day and rules, so a kept light is never stale.
struct JudgedLights: Sendable {
    /// The day number and rules these lights were judged with.
    let asOfDay: Int
    let rules: Rules
    /// `Light.rawValue` of each row (red 0, yellow 1, green 2).
    let light: [UInt8]
    /// Rows red, and rows due soon (临期): the prompt's counts.
    let red: Int
    let dueSoon: Int

    /// Whether `judge` would judge every row as these were judged.
    func fits(_ judge: Judge) -> Bool { judge.asOfDay == asOfDay && judge.rules == rules }

    /// Every row of `t` judged by `judge`: one pass over the four columns.
    init(_ t: TaskTable, _ judge: Judge) {
        let n = min(t.count, t.status.count, t.progress.count, t.start.count, t.due.count)
        var red = 0, soon = 0
        light = [UInt8](unsafeUninitializedCapacity: n) { out, count in
            var sc = Judge.DayCache(), dc = Judge.DayCache()
            t.start.withUnsafeBufferPointer { start in
                t.due.withUnsafeBufferPointer { due in
                    t.progress.withUnsafeBufferPointer { progress in
                        t.status.withUnsafeBufferPointer { status in
                            for r in 0..<n {
                                let d = dc.due(due[r]), s = status[r]
                                let l = judge.light(start: sc.day(start[r]), due: d, progress: Int(progress[r]), status: s).0
                                out[r] = l.rawValue
                                if l == .red { red += 1 }
                                if judge.isDueSoon(due: d, status: s) { soon += 1 }
                            }
                        }
                    }
                }
            }
            count = n
        }
        asOfDay = judge.asOfDay
        rules = judge.rules
        self.red = red
        dueSoon = soon
    }
}
