import Foundation

/// Reads one plan document into sections and tasks (SPEC §2).
///
/// Stages: decode → drop page chrome → rejoin hard-wrapped lines → one text stream with a
/// source line per character → find marker candidates → accept those that fit the numbering
/// (a stack of open headings) → repair missing and duplicated numerals → cut texts, office
/// tags and figures.
///
/// Speed (SPEC §8 asks 20 MB/s on one core): the document is decoded once into one scalar buffer
/// and every later stage works on slices of it, making a `String` only for what a task keeps;
/// `String`/Foundation operations remain only as the fallback for text that is not plain
/// (`isPlainScalar`), where scalar-by-scalar work could differ from character semantics.
struct PlanParser {
    final class Node {
        let kind: HeadingMarker.Kind?
        var number: Int
        var printedNumber: Int
        var start: Int
        var textStart: Int
        var textEnd: Int = 0
        var children: [Node] = []
        var inferred = false
        init(kind: HeadingMarker.Kind?, number: Int, start: Int, textStart: Int, inferred: Bool = false) {
            self.kind = kind
            self.number = number
            self.printedNumber = number
            self.start = start
            self.textStart = textStart
            self.inferred = inferred
        }
        func lastChild(of kind: HeadingMarker.Kind) -> Node? { children.last { $0.kind == kind } }
    }

    var stream: [UInt32] = []
    var lineOf: [Int32] = []
    var warnings: [ImportWarning] = []
    var extras: [String] = []
    var frontLines: [String] = []
    var chromeLines: [Int] = []
    var indicators: [PlanIndicator] = []
    /// Each task's text as scalars, in the order of the tasks (read again for deadlines).
    var taskTexts: [[UInt32]] = []
    /// Office names read from this document's tags.
    let officeNames = OfficeTag.Names()

    func line(at pos: Int) -> Int {
        guard !lineOf.isEmpty else { return 0 }
        return Int(lineOf[min(max(0, pos), lineOf.count - 1)])
    }

    mutating func warn(_ pos: Int, _ message: Message) {
        warnings.append(ImportWarning(line: line(at: pos), message))
    }

    // MARK: Entry

    static func parse(_ text: PlanText, id: String, fileName: String, now: Int64) throws -> ImportedPlan {
        var p = PlanParser()
        return try p.run(text, id: id, fileName: fileName, now: now)
    }

    mutating func run(_ text: PlanText, id: String, fileName: String, now: Int64) throws -> ImportedPlan {
        buildStream(text)
        let candidates = HeadingMarker.scan(stream)
        let root = resolve(candidates)
        guard !root.children.isEmpty else {
            throw Diagnostic(Messages.noPlanStructure(fileName))
        }
        fillSectionGaps(root)
        setTextEnds(root, end: stream.count)
        splitClosingProse(root)
        let (title, issuer, titleYear) = frontMatter(fileName: fileName)
        var year = titleYear ?? PlanYear.fromFileName(fileName)
        if year == nil {
            let importYear = YearMonth(containing: Date(timeIntervalSince1970: TimeInterval(now))).year
            warnings.append(PlanYear.missingWarning(importYear: importYear))
            year = importYear
        }
        var info = PlanInfo(id: id, title: title, issuer: issuer, year: year, sourceFile: fileName, importedAt: now)
        info.indicators = indicators
        var tasks: [PlanTask] = []
        var sections: [PlanSection] = []
        let topHasChildren = root.children.contains { !$0.children.isEmpty }
        collect(root, depth: 0, pathString: "", inherited: nil, inferredAbove: false, topHasChildren: topHasChildren,
                planID: id, tasks: &tasks, sections: &sections)
        if !chromeLines.isEmpty {
            warnings.insert(ImportWarning(line: chromeLines[0], Messages.pageChromeSkipped(chromeLines.count, lines: Self.ranges(chromeLines))),
                            at: 0)
        }
        if tasks.isEmpty {
            throw Diagnostic(Messages.noTasks(fileName))
        }
        info.sections = sections
        info.extras = extras
        info.warnings = warnings.sorted { $0.line < $1.line }
        // `tasks` given up, so that the schedule's changes need no copy of the array.
        var plan = ImportedPlan(info: info, tasks: consume tasks)
        Schedule.apply(to: &plan, texts: taskTexts)
        return plan
    }

    static func ranges(_ lines: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < lines.count {
            var j = i
            while j + 1 < lines.count && lines[j + 1] == lines[j] + 1 { j += 1 }
            parts.append(i == j ? "\(lines[i])" : "\(lines[i])–\(lines[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    // MARK: Stream

    mutating func buildStream(_ text: PlanText) {
        var lines: [(scalars: ArraySlice<UInt32>, line: Int)] = []
        lines.reserveCapacity(text.lineRanges.count)
        for k in text.lineRanges.indices {
            let n = text.lineNumbers[k]
            var s = text.scalars[text.lineRanges[k]]
            // Web pages put ` |` cells around the plan's lines.
            while let l = s.last, l == 0x7C || isSpaceScalar(l) { s = s.dropLast() }
            s = trimmed(s)
            if s.isEmpty { continue }
            var scalars = s
            if text.lineHasBracket[k], removeWatermarks(&scalars) {
                warnings.append(ImportWarning(line: n, Messages.watermarkRemoved()))
            }
            lines.append((scalars, n))
        }
        if text.hasPipe { indicators = IndicatorTable.extract(&lines, warnings: &warnings, extras: &extras) }
        lines = rejoinHardWraps(lines)
        // Lines joined by `\n` (which takes the next line's number), written in place.
        let capacity = lines.reduce(0) { $0 + $1.scalars.count + 1 }
        stream = [UInt32](unsafeUninitializedCapacity: capacity) { out, written in
            written = 0
            guard let o = out.baseAddress else { return }
            var w = 0
            for (k, l) in lines.enumerated() {
                if k > 0 { o[w] = 0x0A; w += 1 }
                l.scalars.withUnsafeBufferPointer { src in
                    if let b = src.baseAddress { (o + w).initialize(from: b, count: src.count) }
                }
                w += l.scalars.count
            }
            written = w
        }
        lineOf = [Int32](unsafeUninitializedCapacity: capacity) { out, written in
            written = 0
            guard let o = out.baseAddress else { return }
            var w = 0
            for (k, l) in lines.enumerated() {
                let count = l.scalars.count + (k > 0 ? 1 : 0)
                (o + w).initialize(repeating: Int32(l.line), count: count)
                w += count
            }
            written = w
        }
    }

    /// Removes parenthesised site watermarks such as `( www.example.com 转载请注明 )`.
    func removeWatermarks(_ s: inout ArraySlice<UInt32>) -> Bool {
        var changed = false
        // From one opening bracket to the next (most scalars are not one).
        var from = s.startIndex
        while true {
            let base = s.startIndex, start = from
            let bracket = s.withUnsafeBufferPointer { b -> Int? in
                let k = ScalarScan.firstIndex(of: 0x28, 0xFF08, in: b, from: start - base)
                return k < b.count ? k : nil
            }
            guard let at = bracket else { break }
            let i = base + at
            from = i + 1
            var j = i + 1
            while j < s.endIndex, j - i < 80, s[j] != 0x29, s[j] != 0xFF09 { j += 1 }
            // Only text with w, h or 转 (or beyond plain scalars) can hold a watermark.
            guard j < s.endIndex, s[j] == 0x29 || s[j] == 0xFF09,
                  s[(i + 1)..<j].contains(where: { $0 == 0x77 || $0 == 0x57 || $0 == 0x68 || $0 == 0x48 || $0 == 0x8F6C || !isPlainScalar($0) })
            else { continue }
            let inside = s[(i + 1)..<j].string.lowercased()
            if inside.contains("www.") || inside.contains("http") || inside.contains("转载请注明") {
                s.removeSubrange(i...j)
                changed = true
                from = i
            }
        }
        return changed
    }

    /// A file wrapped at a fixed width has many lines of that exact length; join each such
    /// line with the next so markers are sought in whole paragraphs.
    mutating func rejoinHardWraps(_ lines: [(scalars: ArraySlice<UInt32>, line: Int)]) -> [(scalars: ArraySlice<UInt32>, line: Int)] {
        var counts: [Int: Int] = [:]
        var long = 0
        for l in lines where l.scalars.count >= 20 {
            counts[l.scalars.count, default: 0] += 1
            long += 1
        }
        guard let (width, hits) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }),
              hits >= 5, Double(hits + (counts[width - 1] ?? 0)) >= 0.3 * Double(long) else { return lines }
        // Not wrapped if the "width" lines mostly end a sentence.
        let enders: Set<UInt32> = [0x3002, 0xFF1B, 0x3B, 0xFF09, 0x29]
        let atWidth = lines.filter { $0.scalars.count == width }
        let ending = atWidth.filter { enders.contains($0.scalars.last ?? 0) }.count
        guard ending * 2 < atWidth.count else { return lines }
        var out: [(scalars: ArraySlice<UInt32>, line: Int)] = []
        var joining = false
        for l in lines {
            if joining, var last = out.popLast() {
                last.scalars += l.scalars
                out.append(last)
            } else {
                out.append(l)
            }
            joining = l.scalars.count >= width - 1 && !enders.contains(l.scalars.last ?? 0)
        }
        warnings.append(ImportWarning(line: lines.first?.line ?? 1, Messages.wrappedLinesRejoined(width: width)))
        return out
    }

    // MARK: Numbering

    /// Accepts the candidates that continue the numbering; everything else stays text.
    mutating func resolve(_ candidates: [HeadingMarker]) -> Node {
        let root = Node(kind: nil, number: 0, start: 0, textStart: 0)
        var stack: [Node] = [root]
        // The last number accepted of each kind (by raw value), anywhere in the plan.
        var lastGlobal: [Int?] = Array(repeating: nil, count: HeadingMarker.Kind.allCases.count)
        // The body starts at the first `一、` (or, without sections, the first line-start `1`).
        let hasSections = candidates.contains { $0.kind == .section && $0.number == 1 }
        var started = false
        for c in candidates {
            if !started {
                guard c.number == 1, hasSections ? c.kind == .section : c.atLineStart || c.start == 0 else { continue }
                started = true
                recordFront(upTo: c.start)
            }
            var pi = stack.count - 1
            while let k = stack[pi].kind, k >= c.kind { pi -= 1 }
            var number = c.number
            var accept = false
            var duplicate = false
            var gap = false
            let lastSame = stack[pi].lastChild(of: c.kind)
            let continues = c.number == (lastSame?.number ?? -10) + 1
                || (lastSame == nil && c.number == (lastGlobal[c.kind.rawValue] ?? -10) + 1)
            // A section whose numeral is missing: a short unnumbered heading right before an item that
            // restarts its numbering (any layout), or before a continuing item on its own line.
            if c.kind != .section, hasSections, stack.count > 1, let previous = stack.last, previous !== stack[pi],
               !stack[pi].children.isEmpty, c.number == 1 || (continues && c.atLineStart),
               (c.number != 1 || !continues || lastSame == nil),
               let bare = bareHeading(before: c.start, lowerBound: previous.textStart),
               c.number == 1 || (bare.lowerBound > 0 && stream[bare.lowerBound - 1] == 0x0A) {
                let lastSection = root.lastChild(of: .section)?.number ?? 0
                let inferred = Node(kind: .section, number: lastSection + 1, start: bare.lowerBound,
                                    textStart: bare.lowerBound, inferred: true)
                root.children.append(inferred)
                lastGlobal[HeadingMarker.Kind.section.rawValue] = inferred.number
                stack = [root, inferred]
                warn(bare.lowerBound, Messages.sectionNumeralMissing(stream[bare].string, readAs: inferred.number))
                pi = 1
                accept = true
            } else if let last = lastSame {
                if c.number == last.number + 1 {
                    accept = true
                } else if c.number == last.printedNumber && c.number == last.number && (c.kind == .clause || c.atLineStart) {
                    accept = true
                    duplicate = true
                    number = last.number + 1
                } else if c.kind == .section, stack[pi].kind == nil, c.number > last.number + 1, c.number <= last.number + 6,
                          c.atLineStart || (c.start > 0 && stream[c.start - 1] == 0x20) {
                    accept = true
                    gap = true
                }
            } else if c.number == 1 || continues {
                accept = true
            }
            guard accept else {
                if c.kind == .section && c.atLineStart {
                    warn(c.start, Messages.numberingNotContinued(stream[c.start..<c.end].string))
                }
                continue
            }
            let parentNode = stack[pi]
            stack.removeLast(stack.count - pi - 1)
            let node = Node(kind: c.kind, number: number, start: c.start, textStart: c.end, inferred: duplicate)
            node.printedNumber = c.number
            parentNode.children.append(node)
            stack.append(node)
            lastGlobal[c.kind.rawValue] = number
            if duplicate {
                warn(c.start, Messages.numeralRepeated(stream[c.start..<c.end].string, numbered: number))
            }
            if gap, let prev = parentNode.children.dropLast().last(where: { $0.kind == .section }) {
                pendingGaps.append((prev, node))
            }
        }
        return root
    }

    var pendingGaps: [(Node, Node)] = []

    /// A short unnumbered heading ending right before `pos`: a whole line, or (in one-line
    /// documents) the words after the previous sentence or tag.
    func bareHeading(before pos: Int, lowerBound: Int) -> Range<Int>? {
        var end = pos
        while end > lowerBound, isSpaceScalar(stream[end - 1]) || stream[end - 1] == 0x0A { end -= 1 }
        var q = end
        if q > lowerBound, stream[q - 1] == 0x3002 { q -= 1 }  // a title may end with 。
        while q > lowerBound {
            let u = stream[q - 1]
            if u == 0x0A || u == 0x3002 || u == 0x29 || u == 0xFF09 || u == 0xFF1B || u == 0x3B { break }
            q -= 1
        }
        guard q > lowerBound else { return nil }
        var lo = q
        while lo < end, isSpaceScalar(stream[lo]) { lo += 1 }
        let length = end - lo
        guard length >= 4, length <= 60 else { return nil }
        let body = stream[lo..<end]
        if body.dropLast().contains(0x3002) || body.contains(0x3A) || body.contains(0xFF1A) { return nil }
        // A whole line, or words after a sentence end or tag followed by a space (one-line documents).
        let before = stream[q - 1]
        let spaced = lo > q || (q < end && isSpaceScalar(stream[q]))
        guard before == 0x0A || spaced || (lo > 0 && isSpaceScalar(stream[lo - 1])) else { return nil }
        return lo..<end
    }

    /// Sections accepted after a jump in numbering (二 → 六): find the unnumbered lines that fill it.
    mutating func fillSectionGaps(_ root: Node) {
        for (prev, next) in pendingGaps {
            let missing = next.number - prev.number - 1
            var found: [(range: Range<Int>, childIndex: Int)] = []
            for (ci, child) in prev.children.enumerated() where ci > 0 {
                let before = prev.children[ci - 1]
                let lower = deepestLast(before).textStart
                if let r = bareHeading(before: child.start, lowerBound: lower), stream[r.lowerBound - 1] == 0x0A {
                    found.append((r, ci))
                }
            }
            guard found.count == missing else {
                warn(next.start, Messages.numberingJumps(from: prev.number, to: next.number, missing: missing))
                continue
            }
            var moved: [Node] = []
            var remaining = prev.children
            for (k, f) in found.enumerated().reversed() {
                let node = Node(kind: .section, number: prev.number + 1 + k, start: f.range.lowerBound,
                                textStart: f.range.lowerBound, inferred: true)
                node.children = Array(remaining[f.childIndex...])
                remaining.removeSubrange(f.childIndex...)
                moved.insert(node, at: 0)
                warn(f.range.lowerBound, Messages.sectionNumeralMissing(stream[f.range].string, readAs: node.number))
            }
            prev.children = remaining
            if let at = root.children.firstIndex(where: { $0 === prev }) {
                root.children.insert(contentsOf: moved, at: at + 1)
            }
        }
    }

    func deepestLast(_ n: Node) -> Node {
        var x = n
        while let l = x.children.last { x = l }
        return x
    }

    /// Each node's own text runs to the next marker in document order.
    func setTextEnds(_ root: Node, end: Int) {
        var order: [Node] = []
        func walk(_ n: Node) {
            if n.kind != nil { order.append(n) }
            for c in n.children { walk(c) }
        }
        walk(root)
        order.sort { $0.start < $1.start }
        for (i, n) in order.enumerated() {
            n.textEnd = i + 1 < order.count ? order[i + 1].start : end
            if n.textEnd < n.textStart { n.textEnd = n.textStart }
        }
    }

    /// The last task's text stops at its paragraph end; what follows is closing prose or page chrome.
    mutating func splitClosingProse(_ root: Node) {
        let last = deepestLast(root)
        guard last.kind != nil else { return }
        var cut: Int?
        // A tag closes the item: anything after it is not the item's.
        let own = Array(stream[last.textStart..<last.textEnd])
        if let nl = own.firstIndex(of: 0x0A) {
            cut = last.textStart + nl
        } else if let tag = OfficeTag.find(in: own, names: officeNames), tag.range.upperBound < own.count,
                  own[tag.range.upperBound...].contains(where: { !isSpaceScalar($0) }) {
            cut = last.textStart + tag.range.upperBound
        } else {
            // One-line documents: a paragraph joined with a space after the final sentence.
            var k = own.count - 1
            while k > 0 {
                if isSpaceScalar(own[k]) && own[k - 1] == 0x3002 { cut = last.textStart + k; break }
                k -= 1
            }
        }
        guard let c = cut else { return }
        let tail = stream[c..<last.textEnd]
        last.textEnd = c
        for paragraph in tail.split(whereSeparator: { $0 == 0x0A }) {
            let t = trimmed(paragraph)
            guard !t.isEmpty else { continue }
            let s = t.string
            if PageChrome.isChrome(t, line: s) || PageChrome.isSignatureOrDate(s) {
                chromeLines.append(line(at: t.startIndex))
                continue
            }
            extras.append(s)
            warnings.append(ImportWarning(line: line(at: t.startIndex), Messages.closingParagraphKept()))
        }
    }

    // MARK: Front matter

    mutating func recordFront(upTo pos: Int) {
        guard pos > 0 else { return }
        let front = stream[0..<pos]
        var offset = 0
        for paragraph in front.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let start = offset
            offset += paragraph.count + 1
            let t = trimmed(paragraph)
            guard !t.isEmpty else { continue }
            let s = t.string
            if PageChrome.isChrome(t, line: s) {
                chromeLines.append(line(at: start))
            } else {
                frontLines.append(s)
            }
        }
    }

    func frontMatter(fileName: String) -> (String, String, Int?) {
        var title = ""
        for l in frontLines where l.holds("工作要点") || l.holds("工作计划") || l.holds("工作安排") {
            var t = l
            if let a = t.firstIndex(of: "《"), let b = t.firstIndex(of: "》"), a < b {
                t = String(t[t.index(after: a)..<b])
            }
            if let u = t.firstIndex(of: "_") { t = String(t[..<u]) }
            // Without a `|` byte there is no `|` to remove.
            if t.utf8.contains(0x7C) { t = t.replacingOccurrences(of: "|", with: "") }
            t = t.trimmingSpaces()
            if t.hasMoreCharacters(than: 60) || t.holds("。") { continue }
            if title.isEmpty || t.count < title.count { title = t }
        }
        if title.isEmpty {
            title = frontLines.first(where: { $0.count <= 40 && !$0.holds("。") && !PageChrome.isSignatureOrDate($0) })
                ?? fileName
        }
        let year = PlanYear.fromTitle(title)
        var issuer = ""
        for l in frontLines where !l.hasSuffix("日") && PageChrome.isSignatureOrDate(l) {
            issuer = l.trimmingSpaces()
            break
        }
        if issuer.isEmpty, let y = year, let r = title.range(of: String(y)) {
            let lead = String(title[..<r.lowerBound])
            if lead.count >= 2 { issuer = lead }
        }
        return (title, issuer, year)
    }

    // MARK: Tasks

    mutating func collect(_ node: Node, depth: Int, pathString parentPath: String, inherited: OfficeTag?, inferredAbove: Bool,
                          topHasChildren: Bool, planID: String, tasks: inout [PlanTask], sections: inout [PlanSection]) {
        // Clause groups whose shared tag was written after the last clause.
        var sharedTail: OfficeTag?
        if node.children.count > 1, node.children.allSatisfy({ $0.kind == .clause }) {
            let tags = node.children.map { OfficeTag.find(in: stream[$0.textStart..<$0.textEnd], names: officeNames) }
            if let last = tags.last, let tag = last, tags.dropLast().allSatisfy({ $0 == nil }) {
                let own = stream[node.children[node.children.count - 1].textStart..<node.children[node.children.count - 1].textEnd]
                if trimmed(own[(own.startIndex + tag.range.upperBound)...]).isEmpty { sharedTail = tag }
            }
        }
        let lastChild = node.children.last
        for child in node.children {
            let raw = stream[child.textStart..<child.textEnd]
            let found = OfficeTag.find(in: raw, names: officeNames)
            var tag = found
            // The item's text: the tag cut out, paragraphs joined, spaces at the ends trimmed.
            var scalars: [UInt32] = []
            scalars.reserveCapacity(raw.count)
            if let t = found {
                let cut = (raw.startIndex + t.range.lowerBound)..<(raw.startIndex + t.range.upperBound)
                Self.append(raw[..<cut.lowerBound], withoutNewlinesTo: &scalars)
                Self.append(raw[cut.upperBound...], withoutNewlinesTo: &scalars)
                if t.unbalanced { warn(child.textStart + t.range.lowerBound, Messages.officeTagNotClosed()) }
            } else {
                Self.append(raw, withoutNewlinesTo: &scalars)
            }
            let kept = trimmed(scalars[...])
            if kept.count != scalars.count { scalars = Array(kept) }
            let isShared = tag != nil && sharedTail != nil && child === lastChild
            if isShared { tag = nil }
            let effective = tag ?? sharedTail ?? inherited
            let inferred = inferredAbove || child.inferred
            let pathString = parentPath.isEmpty ? String(child.number) : parentPath + "." + String(child.number)
            let line = line(at: child.start)
            let isTopLevel = depth == 0
            if child.children.isEmpty && !(isTopLevel && topHasChildren) {
                var printed: String?
                if child.printedNumber != child.number {
                    printed = parentPath.isEmpty ? String(child.printedNumber) : parentPath + "." + String(child.printedNumber)
                }
                var task = PlanTask(plan: planID, path: pathString, heading: "", text: "",
                                    offices: effective?.offices ?? [], officesOpen: effective?.isOpen ?? false,
                                    targets: FigureExtractor.targets(inScalars: scalars), line: line, inferred: inferred,
                                    printedPath: printed)
                (task.headingText, task.textText) = Self.headingAndText(scalars)
                tasks.append(task)
                taskTexts.append(consume scalars)
            } else {
                let text = scalars.string
                var body = Array(raw)
                if let t = found { body.removeSubrange(t.range) }
                sections.append(PlanSection(path: pathString, level: depth + 1, heading: Self.sectionHeading(body, text: text, scalars: scalars), text: text,
                                            offices: tag?.offices ?? [], officesOpen: tag?.isOpen ?? false,
                                            line: line, inferred: inferred))
                if child.children.isEmpty {
                    extras.append(stream[child.start..<child.textEnd].string.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                collect(child, depth: depth + 1, pathString: pathString, inherited: tag ?? inherited, inferredAbove: inferred,
                        topHasChildren: topHasChildren, planID: planID, tasks: &tasks, sections: &sections)
            }
        }
    }

    /// `part` with its line breaks left out, copied a run at a time (most items are one paragraph).
    static func append(_ part: ArraySlice<UInt32>, withoutNewlinesTo out: inout [UInt32]) {
        var start = part.startIndex
        while let nl = part[start...].firstIndex(of: 0x0A) {
            out.append(contentsOf: part[start..<nl])
            start = nl + 1
        }
        out.append(contentsOf: part[start...])
    }

    /// A section's title: its first line when that line ends without `。` (`一、工作思路` on a line
    /// of its own, the paragraph below), else the text up to the first `。`.
    static func sectionHeading(_ body: [UInt32], text: String, scalars: [UInt32]) -> String {
        let lead = trimmed(body[...])
        if let nl = lead.firstIndex(of: 0x0A) {
            let first = trimmed(lead[..<nl])
            if !first.isEmpty && !first.contains(0x3002) { return first.string }
        }
        return heading(of: text, scalars: scalars)
    }

    /// Text up to the first `。`, or the whole text when it has none.
    static func heading(of text: String) -> String {
        if let i = text.firstIndex(of: "。") { return String(text[..<i]) }
        return text
    }
}
