/// All tasks of the working state, column by column.
///
/// Rows are kept in natural id order (plan id, then path segment by segment), so a row
/// number is also the task's rank in `order by id`. Queries read the columns directly;
/// `subscript(row)` materialises a `PlanTask` for display.
/// Build one with `TaskTable.Builder`; only progress columns change in place.
public struct TaskTable: Sendable {
    // Identity and structure.
    public internal(set) var planRow: [UInt32] = []
    public internal(set) var paths = StringColumn()
    /// Short titles; packed in a snapshot, unpacked on first read (see `StringColumnBox`).
    public internal(set) var headings: StringColumn {
        get { headingBox.value }
        set { headingBox = StringColumnBox(newValue) }
    }
    /// Full texts; packed in a snapshot, unpacked on first read.
    public internal(set) var texts: StringColumn {
        get { textBox.value }
        set { textBox = StringColumnBox(newValue) }
    }
    var headingBox = StringColumnBox(StringColumn())
    var textBox = StringColumnBox(StringColumn())
    public internal(set) var line: [UInt32] = []
    /// bit 0: offices open; bit 1: path inferred.
    public internal(set) var flags: [UInt8] = []
    public internal(set) var printedPaths: [Int: String] = [:]

    // Offices, as codes into `offices` (CSR layout: row i owns officeCodes[officeStart[i]..<officeStart[i+1]]).
    public internal(set) var offices = StringInterner()
    public internal(set) var officeStart: [UInt32] = [0]
    public internal(set) var officeCodes: [UInt32] = []
    /// For each office code, the rows that name it, ascending.
    public internal(set) var officeRows: [[UInt32]] = []

    // Targets (CSR layout like offices).
    public internal(set) var targetStart: [UInt32] = [0]
    /// NaN when redacted.
    public internal(set) var targetValue: [Double] = []
    public internal(set) var targetLow: [Double] = []
    public internal(set) var targetHigh: [Double] = []
    public internal(set) var targetComparator: [UInt8] = []
    public internal(set) var targetUnit: [UInt32] = []
    public internal(set) var units = StringInterner()
    /// Each figure as written; packed in a snapshot, unpacked on first read.
    public internal(set) var targetRaw: StringColumn {
        get { targetRawBox.value }
        set { targetRawBox = StringColumnBox(newValue) }
    }
    /// What each figure measures; packed in a snapshot, unpacked on first read.
    public internal(set) var targetMetric: StringColumn {
        get { targetMetricBox.value }
        set { targetMetricBox = StringColumnBox(newValue) }
    }
    var targetRawBox = StringColumnBox(StringColumn())
    var targetMetricBox = StringColumnBox(StringColumn())
    /// `TargetKind`: 0 target, 1 qualifier (SPEC §11).
    public internal(set) var targetKind: [UInt8] = []
    /// The actual value reached, in the target's unit; NaN when none yet. Changes in place.
    public internal(set) var targetActual: [Double] = [] { didSet { actualsChanged() } }
    /// `YearMonth.ordinal` the actual refers to, -1 when none.
    public internal(set) var targetActualMonth: [Int32] = []

    // Progress: the only columns that change in place.
    public internal(set) var status: [UInt8] = [] { didSet { progressChanged() } }
    public internal(set) var progress: [UInt8] = [] { didSet { progressChanged() } }
    public internal(set) var noteCode: [UInt32] = []
    /// Code 0 is the empty note.
    public internal(set) var notes = StringInterner(names: [""])
    /// `CalendarDay.ordinal`: set by hand, else the latest deadline, else the plan's end (0 only
    /// while a table is being built). Lights read it, so it drops the judged ones as progress does.
    public internal(set) var due: [Int32] = [] { didSet { progressChanged() } }
    /// `CalendarDay.ordinal`: set by hand, else the plan's start.
    public internal(set) var start: [Int32] = [] { didSet { progressChanged() } }

    // Deadlines read from the text (CSR layout like offices).
    public internal(set) var deadlineStart: [UInt32] = [0]
    /// `CalendarDay.ordinal` of each deadline.
    public internal(set) var deadlineDay: [Int32] = []
    public internal(set) var deadlineRaw = StringColumn()
    /// `Deadline.Kind` index of each deadline.
    public internal(set) var deadlineKind: [UInt8] = []
    /// `YearMonth.ordinal`, -1 when never updated.
    public internal(set) var updated: [Int32] = []

    /// Query indexes derived from status, progress, start and due (see `QueryIndexCache`), built on first use.
    public private(set) var queryCache = QueryIndexCache()
    /// Indexes derived from the text columns (rows whose text NFC changes), built on first use.
    public private(set) var textCache = TextIndexCache()

    public init() {}

    /// Keeps `queryCache` true to this table's data: shared with a copy, it is replaced; owned alone, cleared.
    private mutating func progressChanged() {
        if isKnownUniquelyReferenced(&queryCache) {
            if queryCache.isBuilt { queryCache.clear() }
        } else {
            queryCache = QueryIndexCache()
        }
    }

    /// Keeps the judged actuals in `queryCache` true to this table's actuals, as `progressChanged` does.
    private mutating func actualsChanged() {
        if isKnownUniquelyReferenced(&queryCache) {
            if queryCache.hasActuals { queryCache.clearActuals() }
        } else {
            queryCache = QueryIndexCache()
        }
    }

    public var count: Int { planRow.count }

    public static let flagOfficesOpen: UInt8 = 1
    public static let flagInferred: UInt8 = 2
    public static let flagDueByHand: UInt8 = 4
    public static let flagStartByHand: UInt8 = 8

    public func deadlineRange(row: Int) -> Range<Int> {
        Int(deadlineStart[row])..<Int(deadlineStart[row + 1])
    }

    public func deadlines(row: Int) -> [Deadline] {
        deadlineRange(row: row).compactMap { i in
            CalendarDay(ordinal: deadlineDay[i]).map {
                Deadline(raw: deadlineRaw[i], day: $0, kind: Deadline.Kind.allCases[Int(deadlineKind[i]) % Deadline.Kind.allCases.count])
            }
        }
    }

    /// Every row's lead office code, `none` for rows without an office (one pass over the columns).
    public func leadCodes(none: Int32) -> [Int32] {
        officeStart.withUnsafeBufferPointer { start in
            officeCodes.withUnsafeBufferPointer { codes in
                (0..<count).map { r in start[r] < start[r + 1] ? Int32(codes[Int(start[r])]) : none }
            }
        }
    }

    /// The lead office code of a row (its first office), nil when it has none.
    @inline(__always)
    public func leadCode(row: Int) -> UInt32? {
        let a = Int(officeStart[row])
        return a < Int(officeStart[row + 1]) ? officeCodes[a] : nil
    }

    public func officeCodes(row: Int) -> ArraySlice<UInt32> {
        officeCodes[Int(officeStart[row])..<Int(officeStart[row + 1])]
    }

    public func targetRange(row: Int) -> Range<Int> {
        Int(targetStart[row])..<Int(targetStart[row + 1])
    }

    public func target(at i: Int) -> Target {
        target(at: i, raw: targetRaw[i], metric: targetMetric[i])
    }

    /// Target `i` with its phrases read alone, leaving packed columns packed: for one task's targets.
    public func target(alone i: Int) -> Target {
        target(at: i, raw: targetRawText(at: i), metric: targetMetricBox.row(i))
    }

    private func target(at i: Int, raw: String, metric: String) -> Target {
        let v = targetValue[i], lo = targetLow[i], hi = targetHigh[i], a = targetActual[i]
        return Target(raw: raw, metric: metric,
                      comparator: Comparator.allCases[Int(targetComparator[i])],
                      value: v.isNaN ? nil : v, low: lo.isNaN ? nil : lo, high: hi.isNaN ? nil : hi,
                      unit: units[targetUnit[i]], kind: isQualifier(i) ? .qualifier : .target,
                      actual: a.isNaN ? nil : a,
                      actualMonth: targetActualMonth[i] < 0 ? nil : YearMonth(ordinal: Int(targetActualMonth[i])))
    }

    @inline(__always) public func isQualifier(_ i: Int) -> Bool { targetKind[i] == 1 }

    /// The figure index of target `TASK#n` of `row` (n counts the row's targets from 1, qualifiers
    /// skipped), or nil.
    public func targetIndex(row: Int, number n: Int) -> Int? {
        guard n >= 1 else { return nil }
        var k = 0
        for i in targetRange(row: row) where !isQualifier(i) {
            k += 1
            if k == n { return i }
        }
        return nil
    }

    /// For each figure of `row`, its target number (`TASK#n`), nil for a qualifier.
    public func targetNumbers(row: Int) -> [Int?] {
        var k = 0
        return targetRange(row: row).map { i in
            if isQualifier(i) { return nil }
            k += 1
            return k
        }
    }

    /// Kinds of tables saved before figures had kinds: read again from each task's text, which is
    /// what the figures were found in. A row whose figures no longer line up keeps them all targets.
    ///
    /// It runs while a snapshot is read, before the table is validated: columns of a damaged
    /// file (checksums intact, contents not) are bounds-checked here and left for the validation
    /// to refuse, never trapped on (found by fuzzing: `Tests/Fuzz/regressions`).
    mutating func deriveTargetKindsFromText() {
        targetKind = Array(repeating: 0, count: targetValue.count)
        let texts = self.texts
        guard targetStart.count == count + 1, texts.isSound(rows: count) else { return }
        for r in 0..<count {
            let lo = Int(targetStart[r]), hi = Int(targetStart[r + 1])
            guard lo < hi, hi <= targetValue.count else { continue }
            let found = FigureExtractor.targets(in: texts[r])
            let range = lo..<hi
            guard found.count == range.count else { continue }
            for (i, f) in zip(range, found) where f.kind == .qualifier { targetKind[i] = 1 }
        }
    }

    /// One row's heading, text or target phrase, read without unpacking a column that is still
    /// packed (`StringColumnBox.row`): for a few rows; loops over every row read the columns.
    public func heading(row: Int) -> String { headingBox.row(row) }
    public func text(row: Int) -> String { textBox.row(row) }
    public func targetRawText(at i: Int) -> String { targetRawBox.row(i) }

    /// The task at `row`; `planID` comes from the workspace's plan list.
    public func task(row: Int, planID: String) -> PlanTask {
        PlanTask(
            plan: planID, path: paths[row], heading: heading(row: row), text: text(row: row),
            offices: officeCodes(row: row).map { offices[$0] },
            officesOpen: flags[row] & TaskTable.flagOfficesOpen != 0,
            targets: targetRange(row: row).map(target(alone:)),
            line: Int(line[row]),
            inferred: flags[row] & TaskTable.flagInferred != 0,
            printedPath: printedPaths[row],
            status: TaskStatus(rawValue: status[row]) ?? .notStarted,
            progress: Int(progress[row]),
            note: notes[noteCode[row]],
            due: CalendarDay(ordinal: due[row]),
            updated: updated[row] < 0 ? nil : YearMonth(ordinal: Int(updated[row])),
            start: CalendarDay(ordinal: start[row]), deadlines: deadlines(row: row),
            dueByHand: flags[row] & TaskTable.flagDueByHand != 0,
            startByHand: flags[row] & TaskTable.flagStartByHand != 0)
    }

    // MARK: In-place progress changes

    public mutating func setStatus(_ s: TaskStatus, row: Int) { status[row] = s.rawValue }
    public mutating func setProgress(_ p: Int, row: Int) { progress[row] = UInt8(clamping: p) }
    public mutating func setNote(_ n: String, row: Int) { noteCode[row] = notes.intern(n) }
    /// Sets `due` by hand, or (nil) restores the default: the latest deadline, else `planEnd`.
    public mutating func setDue(_ d: CalendarDay?, row: Int, planEnd: CalendarDay) {
        if let d {
            due[row] = d.ordinal
            flags[row] |= TaskTable.flagDueByHand
        } else {
            due[row] = defaultDue(row: row, planEnd: planEnd)
            flags[row] &= ~TaskTable.flagDueByHand
        }
    }

    /// The due date a row has unless set by hand: the latest deadline of its text, else the plan's end.
    func defaultDue(row: Int, planEnd: CalendarDay) -> Int32 {
        deadlineRange(row: row).map { deadlineDay[$0] }.max() ?? planEnd.ordinal
    }

    /// Sets `start` by hand, or (nil) restores the plan's start.
    public mutating func setStart(_ d: CalendarDay?, row: Int, planStart: CalendarDay) {
        start[row] = (d ?? planStart).ordinal
        if d != nil { flags[row] |= TaskTable.flagStartByHand } else { flags[row] &= ~TaskTable.flagStartByHand }
    }
    public mutating func setUpdated(_ m: YearMonth?, row: Int) { updated[row] = m.map { Int32($0.ordinal) } ?? -1 }
    /// Records the actual value of figure `i` (nil clears it) and the month it refers to.
    public mutating func setActual(_ v: Double?, month: YearMonth?, target i: Int) {
        targetActual[i] = v ?? .nan
        targetActualMonth[i] = v == nil ? -1 : month.map { Int32($0.ordinal) } ?? -1
    }

    /// Builds a table row by row, from new tasks or rows of an existing table.
    public struct Builder {
        public private(set) var table = TaskTable()
        // The long text columns are packed as they are built (a million tasks' texts never
        // exist whole) and handed to the table, packed, by `finish`.
        private var headings = StringPacker(), texts = StringPacker()
        private var targetRaw = StringPacker(), targetMetric = StringPacker()

        public init(reservingRows rows: Int = 0) {
            table.planRow.reserveCapacity(rows)
        }

        public mutating func append(_ t: PlanTask, planRow: Int) {
            table.planRow.append(UInt32(planRow))
            table.paths.append(t.path)
            t.headingText.withUTF8 { headings.append($0) }
            t.textText.withUTF8 { texts.append($0) }
            table.line.append(UInt32(clamping: t.line))
            table.flags.append((t.officesOpen ? TaskTable.flagOfficesOpen : 0) | (t.inferred ? TaskTable.flagInferred : 0)
                               | (t.dueByHand ? TaskTable.flagDueByHand : 0) | (t.startByHand ? TaskTable.flagStartByHand : 0))
            if let p = t.printedPath { table.printedPaths[table.count - 1] = p }
            for o in t.offices { table.officeCodes.append(table.offices.intern(o)) }
            table.officeStart.append(UInt32(table.officeCodes.count))
            // By address, not copied (a copy retains and releases each of a target's strings).
            t.targets.withUnsafeBufferPointer { all in for i in all.indices { appendTarget(all[i]) } }
            table.targetStart.append(UInt32(table.targetValue.count))
            table.status.append(t.status.rawValue)
            table.progress.append(UInt8(clamping: t.progress))
            table.noteCode.append(table.notes.intern(t.note))
            table.due.append(t.due?.ordinal ?? 0)
            table.updated.append(t.updated.map { Int32($0.ordinal) } ?? -1)
            table.start.append(t.start?.ordinal ?? 0)
            for d in t.deadlines {
                table.deadlineDay.append(d.day.ordinal)
                table.deadlineRaw.append(d.raw)
                table.deadlineKind.append(UInt8(Deadline.Kind.allCases.firstIndex(of: d.kind) ?? 0))
            }
            table.deadlineStart.append(UInt32(table.deadlineDay.count))
        }

        private mutating func appendTarget(_ g: borrowing Target) {
            table.targetValue.append(g.value ?? .nan)
            table.targetLow.append(g.low ?? .nan)
            table.targetHigh.append(g.high ?? .nan)
            table.targetComparator.append(UInt8(Comparator.allCases.firstIndex(of: g.comparator) ?? 2))
            table.targetUnit.append(table.units.intern(g.unit))
            targetRaw.append(g.raw)
            targetMetric.append(g.metric)
            table.targetKind.append(g.kind == .qualifier ? 1 : 0)
            table.targetActual.append(g.actual ?? .nan)
            table.targetActualMonth.append(g.actualMonth.map { Int32($0.ordinal) } ?? -1)
        }

        /// Copies `rows` of `other` without materialising strings, giving them `planRow`.
        public mutating func append(rowsOf other: TaskTable, _ rows: Range<Int>, planRow: Int) {
            let officeMap = other.offices.names.map { table.offices.intern($0) }
            let unitMap = other.units.names.map { table.units.intern($0) }
            let noteMap = other.notes.names.map { table.notes.intern($0) }
            let otherHeadings = other.headings, otherTexts = other.texts
            let otherRaw = other.targetRaw, otherMetric = other.targetMetric
            for r in rows {
                table.planRow.append(UInt32(planRow))
                table.paths.append(from: other.paths, row: r)
                headings.append(row: r, of: otherHeadings)
                texts.append(row: r, of: otherTexts)
                table.line.append(other.line[r])
                table.flags.append(other.flags[r])
                if let p = other.printedPaths[r] { table.printedPaths[table.count - 1] = p }
                for c in other.officeCodes(row: r) { table.officeCodes.append(officeMap[Int(c)]) }
                table.officeStart.append(UInt32(table.officeCodes.count))
                for i in other.targetRange(row: r) {
                    table.targetValue.append(other.targetValue[i])
                    table.targetLow.append(other.targetLow[i])
                    table.targetHigh.append(other.targetHigh[i])
                    table.targetComparator.append(other.targetComparator[i])
                    table.targetUnit.append(unitMap[Int(other.targetUnit[i])])
                    targetRaw.append(row: i, of: otherRaw)
                    targetMetric.append(row: i, of: otherMetric)
                    table.targetKind.append(other.targetKind[i])
                    table.targetActual.append(other.targetActual[i])
                    table.targetActualMonth.append(other.targetActualMonth[i])
                }
                table.targetStart.append(UInt32(table.targetValue.count))
                table.status.append(other.status[r])
                table.progress.append(other.progress[r])
                table.noteCode.append(noteMap[Int(other.noteCode[r])])
                table.due.append(other.due[r])
                table.updated.append(other.updated[r])
                table.start.append(other.start[r])
                for i in other.deadlineRange(row: r) {
                    table.deadlineDay.append(other.deadlineDay[i])
                    table.deadlineRaw.append(from: other.deadlineRaw, row: i)
                    table.deadlineKind.append(other.deadlineKind[i])
                }
                table.deadlineStart.append(UInt32(table.deadlineDay.count))
            }
        }

        /// The finished table, with its office index built.
        public mutating func finish() -> TaskTable {
            table.headingBox = StringColumnBox(rows: headings.rows, packed: .memory(headings.finish()))
            table.textBox = StringColumnBox(rows: texts.rows, packed: .memory(texts.finish()))
            table.targetRawBox = StringColumnBox(rows: targetRaw.rows, packed: .memory(targetRaw.finish()))
            table.targetMetricBox = StringColumnBox(rows: targetMetric.rows, packed: .memory(targetMetric.finish()))
            table.rebuildOfficeIndex()
            return table
        }
    }

    /// Recomputes `officeRows` from the office columns (after a build or a load): a counting sort
    /// into one flat list (a row naming an office twice counted once), then cut per office.
    public mutating func rebuildOfficeIndex() {
        let n = offices.count
        var first = [Int](repeating: 0, count: n + 1)
        var flat: [UInt32] = []
        var last = [Int](repeating: -1, count: n)
        officeStart.withUnsafeBufferPointer { start in
            officeCodes.withUnsafeBufferPointer { codes in
                last.withUnsafeMutableBufferPointer { seen in
                    // Pass 1: how many rows name each office (first[c + 1]), then where each starts.
                    first.withUnsafeMutableBufferPointer { f in
                        for r in 0..<count {
                            for i in Int(start[r])..<Int(start[r + 1]) {
                                let c = Int(codes[i])
                                if c < n && seen[c] != r {
                                    seen[c] = r
                                    f[c + 1] += 1
                                }
                            }
                        }
                        for c in 0..<n { f[c + 1] += f[c] }
                    }
                    // Pass 2: the rows, ascending within each office.
                    var next = Array(first.dropLast())
                    for c in 0..<n { seen[c] = -1 }
                    flat = [UInt32](repeating: 0, count: first[n])
                    flat.withUnsafeMutableBufferPointer { out in
                        next.withUnsafeMutableBufferPointer { at in
                            for r in 0..<count {
                                for i in Int(start[r])..<Int(start[r + 1]) {
                                    let c = Int(codes[i])
                                    if c < n && seen[c] != r {
                                        seen[c] = r
                                        out[at[c]] = UInt32(truncatingIfNeeded: r)
                                        at[c] += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        officeRows = (0..<n).map { Array(flat[first[$0]..<first[$0 + 1]]) }
    }
}
