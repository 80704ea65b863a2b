/// The responsible-office tag of an item: `(责任科室:A、B)`, `（责任单位：…）`, `【责任科室】…`,
/// `(牵头单位:A;配合单位:B、C)`; offices in written order, the lead first.
struct OfficeTag {
    var offices: [String]
    /// The list ended in `等有关科室` (or similar): other offices may take part.
    var isOpen: Bool
    /// Where the tag sits in the text it was found in.
    var range: Range<Int>
    /// The closing bracket was missing; the tag ran to the end of the text.
    var unbalanced: Bool

    static let keywords: [[UInt32]] = ["责任科室", "责任单位", "牵头单位", "责任处室", "牵头科室", "牵头部门",
                                       "责任部门", "牵头处室", "责任股室", "主办科室", "配合单位", "配合科室"].map { $0.unicodeScalars.map(\.value) }
    static let openSuffixes: [String] = ["等有关科室", "等相关科室", "等相关处室", "等有关处室", "等有关单位", "等相关单位",
                                         "等有关部门", "等相关部门", "等科室", "等单位", "等部门"]

    /// Offices already read from a tag's content in one document (a plan names the same few
    /// offices over and over): each content is split and its names made Strings once.
    final class Names {
        /// Contents read so far with their offices, and an open-addressed table of indices into
        /// them (-1: empty) keyed on each content's own hash: no Hasher, no rehash of the keys.
        var entries: [(content: Content, offices: ([String], Bool))] = []
        var slots: [Int32] = []

        func split(_ content: ArraySlice<UInt32>) -> ([String], Bool) {
            let key = Content(content)
            if slots.isEmpty { slots = Array(repeating: -1, count: 64) }
            let mask = slots.count - 1
            var i = key.slot(mask)
            while slots[i] >= 0 {
                let e = entries[Int(slots[i])]
                if e.content == key { return e.offices }
                i = (i + 1) & mask
            }
            let made = OfficeTag.splitOffices(content)
            entries.append((key, made))
            slots[i] = Int32(entries.count - 1)
            if entries.count * 2 > slots.count { grow() }
            return made
        }

        /// Twice the slots, every entry placed again (kept at most half full).
        func grow() {
            slots = Array(repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (n, e) in entries.enumerated() {
                var i = e.content.slot(mask)
                while slots[i] >= 0 { i = (i + 1) & mask }
                slots[i] = Int32(n)
            }
        }
    }

    /// A tag's content as a table key: its scalars, hashed once (FNV-1a) when it is made,
    /// so that a lookup, and a rehash as the table grows, use one word and not every scalar.
    struct Content: Equatable {
        let scalars: ArraySlice<UInt32>
        let hash: UInt64

        init(_ scalars: ArraySlice<UInt32>) {
            self.scalars = scalars
            hash = scalars.withContiguousStorageIfAvailable(Self.fnv1a) ?? Array(scalars).withUnsafeBufferPointer(Self.fnv1a)
        }

        static func fnv1a(_ b: UnsafeBufferPointer<UInt32>) -> UInt64 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for u in b { h = (h ^ UInt64(u)) &* 0x100_0000_01B3 }
            return h
        }

        static func == (a: Content, b: Content) -> Bool { a.hash == b.hash && a.scalars.elementsEqual(b.scalars) }

        /// The first slot to try in a table of `mask + 1` slots (high bits folded into the low ones).
        func slot(_ mask: Int) -> Int { Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask }
    }

    /// The last tag in `s`, if any; its range counts from the start of `s`.
    static func find(in s: [UInt32], names: Names? = nil) -> OfficeTag? { find(in: s[...], names: names) }

    static func find(in s: ArraySlice<UInt32>, names: Names? = nil) -> OfficeTag? {
        // Each opening bracket ( （ 【 from the last back, until one opens a tag.
        var end = s.endIndex
        while let i = s.withUnsafeBufferPointer({ b in
            ScalarScan.lastIndex(of: 0x28, 0xFF08, 0x3010, in: b, from: 0, before: end - s.startIndex).map { $0 + s.startIndex }
        }) {
            if let tag = parse(s, at: i, names: names) { return tag }
            end = i
        }
        return nil
    }

    static func parse(_ s: ArraySlice<UInt32>, at start: Int, names: Names? = nil) -> OfficeTag? {
        let bracket = s[start]
        let n = s.endIndex
        var j = start + 1
        while j < n, isSpaceScalar(s[j]) { j += 1 }
        guard let kw = keywords.first(where: { k in j + k.count <= n && s[j] == k[0] && s[j..<(j + k.count)].elementsEqual(k) }) else { return nil }
        j += kw.count
        let close: UInt32
        if bracket == 0x3010 {
            guard j < n, s[j] == 0x3011 else { return nil }  // 】
            j += 1
            close = 0  // runs to the end
        } else {
            while j < n, isSpaceScalar(s[j]) { j += 1 }
            guard j < n, s[j] == 0x3A || s[j] == 0xFF1A else { return nil }  // : ：
            j += 1
            close = bracket == 0x28 ? 0x29 : 0xFF09
        }
        // Content up to the matching close (either width), or the end.
        var k = j
        var depth = 0
        var end = n
        var unbalanced = close != 0
        while k < n {
            let c = s[k]
            if close != 0 {
                if c == 0x28 || c == 0xFF08 { depth += 1 }
                if c == 0x29 || c == 0xFF09 {
                    if depth == 0 { end = k; unbalanced = false; break }
                    depth -= 1
                }
            } else if c == 0x0A || c == 0x3002 {  // 【…】 list ends at a line or sentence end
                end = k
                break
            }
            k += 1
        }
        let (offices, open) = names?.split(s[j..<end]) ?? splitOffices(s[j..<end])
        guard !offices.isEmpty || open else { return nil }
        let tagEnd = close != 0 && !unbalanced ? end + 1 : (close == 0 && end < n && s[end] == 0x3002 ? end + 1 : end)
        let base = s.startIndex
        return OfficeTag(offices: offices, isOpen: open, range: (start - base)..<(tagEnd - base), unbalanced: unbalanced)
    }

    /// `A、B;配合单位:C、D等有关科室` → [A, B, C, D], open.
    static let openSuffixScalars: [[UInt32]] = openSuffixes.map { $0.unicodeScalars.map(\.value) }

    static let leadLabel: [UInt32] = [0x7275, 0x5934]  // 牵头

    static func splitOffices(_ content: ArraySlice<UInt32>) -> ([String], Bool) {
        var list = OfficeList()
        // Groups split at ; ； (an empty content is one empty group, as `split` gives it).
        var groupStart = content.startIndex
        while true {
            let groupEnd = content[groupStart...].firstIndex { $0 == 0x3B || $0 == 0xFF1B } ?? content.endIndex
            var g = content[groupStart..<groupEnd]
            // Drop a label such as 配合单位: at the start of a group.
            var isLead = false
            if let colon = g.firstIndex(where: { $0 == 0x3A || $0 == 0xFF1A }), colon - g.startIndex <= 8 {
                isLead = g[..<colon].starts(with: leadLabel) && !list.offices.isEmpty
                g = g[(colon + 1)...]
            }
            // Items split at 、 , ， and spaces.
            var itemStart = g.startIndex
            while true {
                let itemEnd = g[itemStart...].firstIndex {
                    $0 == 0x3001 || $0 == 0x2C || $0 == 0xFF0C || $0 == 0x20 || $0 == 0x3000
                } ?? g.endIndex
                list.add(g[itemStart..<itemEnd], isLead: isLead)
                if itemEnd == g.endIndex { break }
                itemStart = itemEnd + 1
            }
            if groupEnd == content.endIndex { break }
            groupStart = groupEnd + 1
        }
        return (list.offices, list.open)
    }

    /// The offices of one tag as they are read, each once.
    struct OfficeList {
        var offices: [String] = []
        /// Each office's scalars and whether they are plain, in the order of `offices`.
        var names: [(scalars: ArraySlice<UInt32>, plain: Bool)] = []
        var open = false
        // Offices of a group labelled 牵头… go first, wherever the group is written (§1: lead first).
        var leadCount = 0

        init() {
            // A tag names a few offices: room for them at once instead of growing 1, 2, 4.
            offices.reserveCapacity(4)
            names.reserveCapacity(4)
        }

        mutating func add(_ item: ArraySlice<UInt32>, isLead: Bool) {
            var scalars = trimmed(item)
            let mayBeOpen = scalars.contains(0x7B49)  // every open suffix starts with 等
            for suffix in openSuffixScalars where mayBeOpen && scalars.count >= suffix.count && scalars.suffix(suffix.count).elementsEqual(suffix) {
                scalars = trimmed(scalars.dropLast(suffix.count))
                open = true
                break
            }
            guard !scalars.isEmpty else { return }
            let name = scalars.string
            // Plain names are equal exactly when their scalars are; others compare as Strings.
            let isPlainName = isPlain(scalars)
            let seen = names.indices.contains { k in
                isPlainName && names[k].plain ? names[k].scalars.elementsEqual(scalars) : offices[k] == name
            }
            guard !seen else { return }
            let at = isLead ? leadCount : offices.count
            if at == offices.count {
                offices.append(name)
                names.append((scalars, isPlainName))
            } else {
                offices.insert(name, at: at)
                names.insert((scalars, isPlainName), at: at)
            }
            if isLead { leadCount += 1 }
        }
    }
}
