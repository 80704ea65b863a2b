/// Row-wise binary encoding of mutations and the model values they carry (journal records).
///
/// Snapshots store the task table column by column (`SnapshotFile`); the journal stores each
/// mutation as one self-contained record in this encoding. Tags are explicit bytes so a
/// record written by this version always decodes the same way.
enum ModelCodec {
    // MARK: Mutation

    private static let tagImport: UInt8 = 1
    private static let tagDrop: UInt8 = 2
    private static let tagUpdate: UInt8 = 3
    private static let tagRule: UInt8 = 4
    /// Marks the calendar of imported tasks, written after the plans (records without it predate it).
    private static let calendarTrailer: UInt8 = 0xCA

    static func encode(_ m: Mutation) -> [UInt8] {
        var w = BinaryWriter()
        switch m {
        case let .importPlans(plans, replace):
            w.u8(tagImport)
            w.bool(replace)
            w.count(plans.count)
            for p in plans { encode(p, into: &w) }
            // Added after the first format: plan indicators (SPEC §11), absent from older records.
            for p in plans { encode(p.info.indicators, into: &w) }
            w.u8(calendarTrailer)
            for p in plans { for t in p.tasks { encodeCalendar(t, into: &w) } }
        case let .dropPlan(id):
            w.u8(tagDrop)
            w.string(id)
        case let .updateProgress(updates, month, at):
            w.u8(tagUpdate)
            encode(month, into: &w)
            w.zigzag(at)
            w.count(updates.count)
            for u in updates { encode(u, into: &w) }
        case let .setRule(name, value):
            w.u8(tagRule)
            w.string(name)
            w.zigzag(Int64(value))
        }
        return w.bytes
    }

    static func decodeMutation(_ r: inout BinaryReader) throws -> Mutation {
        switch try r.u8() {
        case tagImport:
            let replace = try r.bool()
            let n = try r.count()
            var plans: [ImportedPlan] = []
            plans.reserveCapacity(n)
            for _ in 0..<n { plans.append(try decodeImportedPlan(&r)) }
            if !r.isAtEnd {
                for i in plans.indices { plans[i].info.indicators = try decodeIndicators(&r) }
            }
            if !r.isAtEnd {
                guard try r.u8() == calendarTrailer else { throw r.corrupt("bad import record trailer") }
                for i in plans.indices {
                    for j in plans[i].tasks.indices { try decodeCalendar(&r, into: &plans[i].tasks[j]) }
                }
            }
            return .importPlans(plans, replace: replace)
        case tagDrop:
            return .dropPlan(try r.string())
        case tagUpdate:
            let month = try decodeMonth(&r)
            let at = try r.zigzag()
            let n = try r.count()
            var updates: [ProgressUpdate] = []
            updates.reserveCapacity(n)
            for _ in 0..<n { updates.append(try decodeUpdate(&r)) }
            return .updateProgress(updates, month: month, at: at)
        case tagRule:
            let name = try r.string()
            return .setRule(name, try smallInt(&r))
        case let t:
            throw r.corrupt("unknown mutation kind \(t)")
        }
    }

    // MARK: Plans and tasks

    static func encode(_ p: ImportedPlan, into w: inout BinaryWriter) {
        encode(p.info, into: &w)
        w.count(p.tasks.count)
        for t in p.tasks { encode(t, into: &w) }
    }

    static func decodeImportedPlan(_ r: inout BinaryReader) throws -> ImportedPlan {
        let info = try decodePlanInfo(&r)
        let n = try r.count()
        var tasks: [PlanTask] = []
        tasks.reserveCapacity(n)
        for _ in 0..<n { tasks.append(try decodeTask(&r)) }
        return ImportedPlan(info: info, tasks: tasks)
    }

    /// A plan: its head (id … import time) then its details (warnings, sections, closing prose).
    static func encode(_ p: PlanInfo, into w: inout BinaryWriter) {
        encodeHead(p, into: &w)
        encodeDetails(p, into: &w)
    }

    static func encodeHead(_ p: PlanInfo, into w: inout BinaryWriter) {
        w.string(p.id)
        w.string(p.title)
        w.string(p.issuer)
        w.bool(p.year != nil)
        if let y = p.year { w.zigzag(Int64(y)) }
        w.string(p.sourceFile)
        w.zigzag(p.importedAt)
    }

    static func encodeDetails(_ p: PlanInfo, into w: inout BinaryWriter) {
        w.count(p.warnings.count)
        for x in p.warnings {
            w.zigzag(Int64(x.line))
            w.string(x.message)
        }
        w.count(p.sections.count)
        for s in p.sections {
            w.string(s.path)
            w.zigzag(Int64(s.level))
            w.string(s.heading)
            w.string(s.text)
            w.strings(s.offices)
            w.bool(s.officesOpen)
            w.zigzag(Int64(s.line))
            w.bool(s.inferred)
        }
        w.strings(p.extras)
    }

    static func decodePlanInfo(_ r: inout BinaryReader) throws -> PlanInfo {
        var p = try decodePlanHead(&r, details: nil)
        let d = try decodePlanDetails(&r)
        p.warnings = d.warnings
        p.sections = d.sections
        p.extras = d.extras
        return p
    }

    /// A plan's head; its details come from `details` when given (else they are empty, to be set).
    static func decodePlanHead(_ r: inout BinaryReader, details: PlanDetailsSource?) throws -> PlanInfo {
        let id = try r.string()
        let title = try r.string()
        let issuer = try r.string()
        let year = try r.bool() ? Int(try smallInt(&r)) : nil
        let sourceFile = try r.string()
        let importedAt = try r.zigzag()
        if let details {
            return PlanInfo(id: id, title: title, issuer: issuer, year: year, sourceFile: sourceFile,
                            importedAt: importedAt, lazyDetails: details)
        }
        return PlanInfo(id: id, title: title, issuer: issuer, year: year, sourceFile: sourceFile, importedAt: importedAt)
    }

    /// The details of one plan from the bytes `encodeDetails` wrote, nil when they do not decode.
    static func decodePlanDetails(_ bytes: [UInt8]) -> PlanDetails? {
        var r = BinaryReader(bytes, context: "plan details")
        guard let d = try? decodePlanDetails(&r), r.isAtEnd else { return nil }
        return d
    }

    static func decodePlanDetails(_ r: inout BinaryReader) throws -> PlanDetails {
        var warnings: [ImportWarning] = []
        for _ in 0..<(try r.count()) {
            let line = try smallInt(&r)
            warnings.append(ImportWarning(line: line, message: try r.string()))
        }
        let nSections = try r.count()
        var sections: [PlanSection] = []
        sections.reserveCapacity(nSections)
        for _ in 0..<nSections {
            let path = try r.string()
            let level = try smallInt(&r)
            let heading = try r.string()
            let text = try r.string()
            let offices = try r.strings()
            let open = try r.bool()
            let line = try smallInt(&r)
            let inferred = try r.bool()
            sections.append(PlanSection(path: path, level: level, heading: heading, text: text, offices: offices,
                                        officesOpen: open, line: line, inferred: inferred))
        }
        let extras = try r.strings()
        return PlanDetails(warnings: warnings, sections: sections, extras: extras)
    }

    static func encode(_ t: PlanTask, into w: inout BinaryWriter) {
        w.string(t.plan)
        w.string(t.path)
        w.string(t.heading)
        w.string(t.text)
        w.strings(t.offices)
        w.bool(t.officesOpen)
        w.count(t.targets.count)
        for g in t.targets { encode(g, into: &w) }
        w.zigzag(Int64(t.line))
        w.bool(t.inferred)
        w.optionalString(t.printedPath)
        w.u8(t.status.rawValue)
        w.zigzag(Int64(t.progress))
        w.string(t.note)
        encode(t.due, into: &w)
        encode(t.updated, into: &w)
    }

    static func decodeTask(_ r: inout BinaryReader) throws -> PlanTask {
        let plan = try r.string()
        let path = try r.string()
        let heading = try r.string()
        let text = try r.string()
        let offices = try r.strings()
        let open = try r.bool()
        let nTargets = try r.count()
        var targets: [Target] = []
        targets.reserveCapacity(nTargets)
        var kindsRecorded = true
        for _ in 0..<nTargets {
            let (t, recorded) = try decodeTarget(&r)
            targets.append(t)
            kindsRecorded = kindsRecorded && recorded
        }
        let line = try smallInt(&r)
        let inferred = try r.bool()
        let printed = try r.optionalString()
        let status = try decodeStatus(&r)
        let progress = try smallInt(&r)
        let note = try r.string()
        let due = try decodeDay(&r)
        let updated = try decodeMonth(&r)
        if !kindsRecorded {
            // A record from before figure kinds: read them again from the text the figures came from.
            let found = FigureExtractor.targets(in: text)
            if found.count == targets.count {
                for i in targets.indices { targets[i].kind = found[i].kind }
            }
        }
        return PlanTask(plan: plan, path: path, heading: heading, text: text, offices: offices, officesOpen: open,
                        targets: targets, line: line, inferred: inferred, printedPath: printed, status: status,
                        progress: progress, note: note, due: due, updated: updated)
    }

    /// Comparator byte: bits 0–5 the comparator, bit 6 set when bit 7 records the kind (records
    /// written before kinds have neither; their kinds are read again from the task text).
    static let kindRecorded: UInt8 = 0x40
    static let kindQualifier: UInt8 = 0x80

    /// A task's calendar: hand-set flags, start, deadlines (`due` is in the task record).
    static func encodeCalendar(_ t: PlanTask, into w: inout BinaryWriter) {
        w.u8((t.dueByHand ? 1 : 0) | (t.startByHand ? 2 : 0))
        encode(t.start, into: &w)
        w.count(t.deadlines.count)
        for d in t.deadlines {
            w.string(d.raw)
            encode(d.day, into: &w)
            w.u8(UInt8(Deadline.Kind.allCases.firstIndex(of: d.kind) ?? 0))
        }
    }

    static func decodeCalendar(_ r: inout BinaryReader, into t: inout PlanTask) throws {
        let flags = try r.u8()
        guard flags & ~3 == 0 else { throw r.corrupt("bad calendar flags") }
        t.dueByHand = flags & 1 != 0
        t.startByHand = flags & 2 != 0
        t.start = try decodeDay(&r)
        let n = try r.count()
        var deadlines: [Deadline] = []
        for _ in 0..<n {
            let raw = try r.string()
            guard let day = try decodeDay(&r) else { throw r.corrupt("deadline without a date") }
            let k = Int(try r.u8())
            guard k < Deadline.Kind.allCases.count else { throw r.corrupt("bad deadline kind") }
            deadlines.append(Deadline(raw: raw, day: day, kind: Deadline.Kind.allCases[k]))
        }
        t.deadlines = deadlines
    }

    static func encode(_ g: Target, into w: inout BinaryWriter) {
        w.string(g.raw)
        w.string(g.metric)
        let c = UInt8(Comparator.allCases.firstIndex(of: g.comparator) ?? 2)
        w.u8(c | kindRecorded | (g.kind == .qualifier ? kindQualifier : 0))
        w.f64(g.value ?? .nan)
        w.f64(g.low ?? .nan)
        w.f64(g.high ?? .nan)
        w.string(g.unit)
    }

    /// A target and whether its kind was recorded.
    static func decodeTarget(_ r: inout BinaryReader) throws -> (Target, Bool) {
        let raw = try r.string()
        let metric = try r.string()
        let byte = try r.u8()
        let c = Int(byte & 0x3F)
        guard c < Comparator.allCases.count, byte & kindQualifier == 0 || byte & kindRecorded != 0 else {
            throw r.corrupt("bad comparator")
        }
        let v = try r.f64(), lo = try r.f64(), hi = try r.f64()
        let unit = try r.string()
        return (Target(raw: raw, metric: metric, comparator: Comparator.allCases[c], value: v.isNaN ? nil : v,
                       low: lo.isNaN ? nil : lo, high: hi.isNaN ? nil : hi, unit: unit,
                       kind: byte & kindQualifier != 0 ? .qualifier : .target), byte & kindRecorded != 0)
    }

    /// A plan's indicators (`PLAN#In`) with their actuals.
    static func encode(_ list: [PlanIndicator], into w: inout BinaryWriter) {
        w.count(list.count)
        for x in list {
            encode(x.target, into: &w)
            w.f64(x.target.actual ?? .nan)
            encode(x.target.actualMonth, into: &w)
            w.strings(x.offices)
            w.zigzag(Int64(x.line))
        }
    }

    static func decodeIndicators(_ r: inout BinaryReader) throws -> [PlanIndicator] {
        var out: [PlanIndicator] = []
        for _ in 0..<(try r.count()) {
            var (t, _) = try decodeTarget(&r)
            let a = try r.f64()
            t.actual = a.isNaN ? nil : a
            t.actualMonth = try decodeMonth(&r)
            let offices = try r.strings()
            out.append(PlanIndicator(target: t, offices: offices, line: try smallInt(&r)))
        }
        return out
    }

    // MARK: Progress updates

    /// Bit 6 of an update's flags: actual values of targets follow (bit 5 is left for other fields).
    static let actualsFlag: UInt8 = 0x80

    static func encode(_ u: ProgressUpdate, into w: inout BinaryWriter) {
        w.string(u.plan)
        w.string(u.path)
        // One flag byte: bit 0 status, 1 progress, 2 note, 3 due given, 4 due cleared,
        // 5 start given, 6 start cleared, 7 actuals.
        var flags: UInt8 = 0
        if !u.actuals.isEmpty { flags |= actualsFlag }
        if u.status != nil { flags |= 1 }
        if u.progress != nil { flags |= 2 }
        if u.note != nil { flags |= 4 }
        if let d = u.due { flags |= d == nil ? 16 : 8 }
        if let d = u.start { flags |= d == nil ? 64 : 32 }
        w.u8(flags)
        if let s = u.status { w.u8(s.rawValue) }
        if let p = u.progress { w.zigzag(Int64(p)) }
        if let n = u.note { w.string(n) }
        if let d = u.due, let day = d { w.zigzag(Int64(day.ordinal)) }
        if let d = u.start, let day = d { w.zigzag(Int64(day.ordinal)) }
        if !u.actuals.isEmpty {
            w.count(u.actuals.count)
            for a in u.actuals {
                w.count(a.number)
                w.f64(a.value ?? .nan)
            }
        }
        w.string(u.source)
    }

    static func decodeUpdate(_ r: inout BinaryReader) throws -> ProgressUpdate {
        let plan = try r.string()
        let path = try r.string()
        let flags = try r.u8()
        guard flags & 24 != 24, flags & 96 != 96 else { throw r.corrupt("bad update flags") }
        var u = ProgressUpdate(plan: plan, path: path, source: "")
        if flags & 1 != 0 { u.status = try decodeStatus(&r) }
        if flags & 2 != 0 { u.progress = try smallInt(&r) }
        if flags & 4 != 0 { u.note = try r.string() }
        if flags & 8 != 0 {
            let o = try r.zigzag()
            guard let day = CalendarDay(ordinal: Int32(clamping: o)) else { throw r.corrupt("bad due date") }
            u.due = .some(day)
        }
        if flags & 16 != 0 { u.due = .some(nil) }
        if flags & 32 != 0 {
            let o = try r.zigzag()
            guard let day = CalendarDay(ordinal: Int32(clamping: o)) else { throw r.corrupt("bad start date") }
            u.start = .some(day)
        }
        if flags & 64 != 0 { u.start = .some(nil) }
        if flags & actualsFlag != 0 {
            for _ in 0..<(try r.count()) {
                let n = try r.count()
                let v = try r.f64()
                u.actuals.append(ActualUpdate(number: n, value: v.isNaN ? nil : v))
            }
        }
        u.source = try r.string()
        return u
    }

    // MARK: Small values

    static func encode(_ m: YearMonth?, into w: inout BinaryWriter) {
        w.varint(m.map { UInt64(max(0, $0.ordinal) + 1) } ?? 0)
    }

    static func decodeMonth(_ r: inout BinaryReader) throws -> YearMonth? {
        let v = try r.varint()
        guard v != 0 else { return nil }
        guard v <= 12 * 10_000 else { throw r.corrupt("bad month") }
        return YearMonth(ordinal: Int(v) - 1)
    }

    static func encode(_ d: CalendarDay?, into w: inout BinaryWriter) {
        w.zigzag(Int64(d?.ordinal ?? 0))
    }

    static func decodeDay(_ r: inout BinaryReader) throws -> CalendarDay? {
        let o = try r.zigzag()
        guard o != 0 else { return nil }
        guard let d = CalendarDay(ordinal: Int32(clamping: o)) else { throw r.corrupt("bad date") }
        return d
    }

    static func decodeStatus(_ r: inout BinaryReader) throws -> TaskStatus {
        guard let s = TaskStatus(rawValue: try r.u8()) else { throw r.corrupt("bad status") }
        return s
    }

    /// An `Int` field (line, level, progress) that must fit in 32 bits.
    static func smallInt(_ r: inout BinaryReader) throws -> Int {
        let v = try r.zigzag()
        guard v >= Int64(Int32.min), v <= Int64(Int32.max) else { throw r.corrupt("number out of range") }
        return Int(v)
    }
}
