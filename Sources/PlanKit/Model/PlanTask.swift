import Foundation

/// One task of a plan, materialised from the columnar `TaskTable`.
///
/// Named `PlanTask` so it never shadows Swift's `Task`.
public struct PlanTask: Sendable, Hashable {
    public var plan: String
    /// Dotted digits, e.g. `2.1.1`.
    public var path: String
    /// Text up to the first `。` (the whole clause when it has none).
    public var heading: String {
        get { headingText.string }
        set { headingText = TaskText(newValue) }
    }
    /// Text after the marker, office tag removed.
    public var text: String {
        get { textText.string }
        set { textText = TaskText(newValue) }
    }
    /// `heading` and `text` as held: the importer's are UTF-8 bytes, packed into the table as they are.
    var headingText: TaskText
    var textText: TaskText
    public var offices: [String]
    /// The office list ended in `等有关科室`: other offices may be involved.
    public var officesOpen: Bool
    public var targets: [Target]
    /// 1-based line of the item's marker in the source file.
    public var line: Int
    /// The number in `path` was repaired (missing or duplicated numeral).
    public var inferred: Bool
    /// The path as printed when it was renumbered; nil when it was not.
    public var printedPath: String?

    public var status: TaskStatus
    public var progress: Int
    public var note: String
    /// The date the task must be done by: set by hand (`dueByHand`), else the latest of
    /// `deadlines`, else the plan's end (§1).
    public var due: CalendarDay?
    /// The month the current progress refers to.
    public var updated: YearMonth?
    /// The date the calendar starts counting: set by hand (`startByHand`), else the plan's start.
    public var start: CalendarDay?
    /// Every deadline phrase of the task's own text, in text order (§9).
    public var deadlines: [Deadline] = []
    /// `due` was set by `update` or a sheet; `replace` keeps it.
    public var dueByHand = false
    /// `start` was set by `update`; `replace` keeps it.
    public var startByHand = false

    public var id: String { "\(plan):\(path)" }
    public var level: Int { path.split(separator: ".").count }
    /// The lead office (牵头科室): the first of `offices`, which the importer puts first; "" when none.
    public var lead: String { offices.first ?? "" }

    /// A task as the importer makes it: heading and text already UTF-8 bytes, the rest defaults.
    init(plan: String, path: String, headingText: TaskText, textText: TaskText, offices: [String],
         officesOpen: Bool, targets: [Target], line: Int, inferred: Bool, printedPath: String?) {
        self.plan = plan
        self.path = path
        self.headingText = headingText
        self.textText = textText
        self.offices = offices
        self.officesOpen = officesOpen
        self.targets = targets
        self.line = line
        self.inferred = inferred
        self.printedPath = printedPath
        self.status = .notStarted
        self.progress = 0
        self.note = ""
    }

    public init(plan: String, path: String, heading: String, text: String, offices: [String] = [],
                officesOpen: Bool = false, targets: [Target] = [], line: Int = 0,
                inferred: Bool = false, printedPath: String? = nil,
                status: TaskStatus = .notStarted, progress: Int = 0, note: String = "",
                due: CalendarDay? = nil, updated: YearMonth? = nil, start: CalendarDay? = nil,
                deadlines: [Deadline] = [], dueByHand: Bool = false, startByHand: Bool = false) {
        self.init(plan: plan, path: path, headingText: TaskText(heading), textText: TaskText(text), offices: offices,
                  officesOpen: officesOpen, targets: targets, line: line, inferred: inferred, printedPath: printedPath)
        self.start = start
        self.deadlines = deadlines
        self.dueByHand = dueByHand
        self.startByHand = startByHand
        self.status = status
        self.progress = progress
        self.note = note
        self.due = due
        self.updated = updated
    }
}

/// A heading node that is not a task: a section or an item with numbered children.
public struct PlanSection: Sendable, Hashable {
    public var path: String
    public var level: Int
    public var heading: String
    /// Text of the node itself (lead sentences before its first child), tag removed.
    public var text: String
    public var offices: [String]
    public var officesOpen: Bool
    public var line: Int
    public var inferred: Bool

    public init(path: String, level: Int, heading: String, text: String = "", offices: [String] = [],
                officesOpen: Bool = false, line: Int = 0, inferred: Bool = false) {
        self.path = path
        self.level = level
        self.heading = heading
        self.text = text
        self.offices = offices
        self.officesOpen = officesOpen
        self.line = line
        self.inferred = inferred
    }
}

/// A repair or doubt the importer reports, with the source line it concerns.
public struct ImportWarning: Sendable, Hashable {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
    /// A catalogue message (`Messages`) said about line `line` of the plan.
    public init(line: Int, _ message: Message) {
        self.init(line: line, message: message.text)
    }
}

/// Everything known about an imported plan except its tasks.
///
/// Its warnings, sections and closing prose (most of a plan's bytes, read only by `show plan`
/// and `plans`) may stay packed in the snapshot they were read from until first asked for
/// (`PlanDetailsSource`); they read and compare as plain arrays either way.
public struct PlanInfo: Sendable, Hashable {
    /// `[a-z0-9_-]+`
    public var id: String
    public var title: String
    public var issuer: String
    public var year: Int?
    public var sourceFile: String
    /// Seconds since 1970.
    public var importedAt: Int64
    public var warnings: [ImportWarning] {
        get { lazyDetails?.details.warnings ?? details.warnings }
        _modify {
            resolveDetails()
            yield &details.warnings
        }
    }
    /// Heading nodes in document order (level-1 sections, sub-sections, parent items).
    public var sections: [PlanSection] {
        get { lazyDetails?.details.sections ?? details.sections }
        _modify {
            resolveDetails()
            yield &details.sections
        }
    }
    /// Prose that belongs to no task: preamble of childless level-1 sections, closing paragraphs.
    public var extras: [String] {
        get { lazyDetails?.details.extras ?? details.extras }
        _modify {
            resolveDetails()
            yield &details.extras
        }
    }
    /// Plan-level targets from indicator tables, in written order (`PLAN#I1`, `PLAN#I2`, …).
    public var indicators: [PlanIndicator] = []

    private var details = PlanDetails()
    /// Where the details are while they are still packed; nil once they are in `details`.
    private(set) var lazyDetails: PlanDetailsSource?

    public init(id: String, title: String, issuer: String = "", year: Int? = nil, sourceFile: String = "",
                importedAt: Int64 = 0, warnings: [ImportWarning] = [], sections: [PlanSection] = [],
                extras: [String] = []) {
        self.id = id
        self.title = title
        self.issuer = issuer
        self.year = year
        self.sourceFile = sourceFile
        self.importedAt = importedAt
        self.details = PlanDetails(warnings: warnings, sections: sections, extras: extras)
    }

    /// A plan whose details stay packed until first read (snapshot loading).
    init(id: String, title: String, issuer: String, year: Int?, sourceFile: String, importedAt: Int64,
         lazyDetails: PlanDetailsSource) {
        self.init(id: id, title: title, issuer: issuer, year: year, sourceFile: sourceFile, importedAt: importedAt)
        self.lazyDetails = lazyDetails
    }

    private mutating func resolveDetails() {
        guard let lazy = lazyDetails else { return }
        details = lazy.details
        lazyDetails = nil
    }

    public static func == (a: PlanInfo, b: PlanInfo) -> Bool {
        a.id == b.id && a.title == b.title && a.issuer == b.issuer && a.year == b.year && a.sourceFile == b.sourceFile
            && a.importedAt == b.importedAt && a.indicators == b.indicators && a.warnings == b.warnings
            && a.sections == b.sections && a.extras == b.extras
    }

    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(title)
        h.combine(importedAt)
        h.combine(sections.count)
    }
}

/// A plan's warnings, sections and closing prose.
struct PlanDetails: Sendable, Hashable {
    var warnings: [ImportWarning] = []
    var sections: [PlanSection] = []
    var extras: [String] = []
}

/// A plan's details still packed: row `row` of a packed column of every plan's details,
/// decoded on first use (an unreadable row gives no details rather than a crash).
final class PlanDetailsSource: @unchecked Sendable {
    let column: StringColumnBox
    let row: Int
    private let lock = NSLock()
    private var decoded: PlanDetails?

    init(column: StringColumnBox, row: Int) {
        self.column = column
        self.row = row
    }

    var details: PlanDetails {
        lock.lock()
        defer { lock.unlock() }
        if let decoded { return decoded }
        let c = column.value
        var d = PlanDetails()
        if row < c.count, let x = ModelCodec.decodePlanDetails(Array(c.bytes[c.byteRange(row)])) { d = x }
        decoded = d
        return d
    }
}

extension PlanInfo {
    /// The year of the plan's period: its own, else (plans imported before years were required)
    /// the year it was imported.
    public var periodYear: Int {
        year ?? YearMonth(containing: Date(timeIntervalSince1970: TimeInterval(importedAt))).year
    }
    /// Jan 1 of the plan's year.
    public var periodStart: CalendarDay { CalendarDay(dayNumber: CalendarDay.dayNumber(year: periodYear, month: 1, day: 1)) }
    /// Dec 31 of the plan's year.
    public var periodEnd: CalendarDay { CalendarDay(dayNumber: CalendarDay.dayNumber(year: periodYear, month: 12, day: 31)) }
}

/// What the importer produces: a plan and its tasks in document order.
public struct ImportedPlan: Sendable, Hashable {
    public var info: PlanInfo
    public var tasks: [PlanTask]
    public init(info: PlanInfo, tasks: [PlanTask]) {
        self.info = info
        self.tasks = tasks
    }
}

/// One change of one field of one task, as `history ID` shows it.
public struct HistoryEntry: Sendable, Hashable {
    /// Seconds since 1970.
    public var when: Int64
    public var month: YearMonth?
    public var field: String
    public var old: String
    public var new: String
    /// `command`, `script FILE:LINE` or `sheet FILE:ROW`.
    public var source: String

    public init(when: Int64, month: YearMonth?, field: String, old: String, new: String, source: String) {
        self.when = when
        self.month = month
        self.field = field
        self.old = old
        self.new = new
        self.source = source
    }
}
