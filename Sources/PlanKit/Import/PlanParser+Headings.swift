extension PlanParser {
    /// A task's heading and text made from its scalars as UTF-8 bytes, never as Strings (the task
    /// table packs the bytes): the heading, when found on the scalars, is a prefix of the text's bytes.
    static func headingAndText(_ scalars: [UInt32]) -> (heading: TaskText, text: TaskText) {
        let utf8 = scalars.withUnsafeBufferPointer(scalarUTF8)
        let text = TaskText(utf8: utf8, count: utf8.count)
        guard let n = headingUTF8Count(scalars) else { return (TaskText(heading(of: text.string)), text) }
        return (TaskText(utf8: utf8, count: n), text)
    }

    /// The same for text also held as scalars: found on the scalars when the text is plain.
    static func heading(of text: String, scalars: [UInt32]) -> String {
        guard let n = headingUTF8Count(scalars) else { return heading(of: text) }
        // A prefix of `text`, copied as a substring: making a new String of its scalars would
        // check their UTF-8 again.
        return n == text.utf8.count ? text : String(text[..<text.utf8.index(text.utf8.startIndex, offsetBy: n)])
    }

    /// The UTF-8 length of the heading (the text up to the first `。`, or all of it), when it can be
    /// found on the scalars: when they are plain up to the `。` and the scalar after it (which
    /// could otherwise join it in one character), the scalar and the character search agree.
    /// Nil when the text must be searched by characters (`heading(of:)`).
    static func headingUTF8Count(_ scalars: [UInt32]) -> Int? {
        let stop = scalars.firstIndex(of: 0x3002)
        guard isPlain(scalars[..<min(scalars.count, (stop ?? scalars.count) + 2)]) else { return nil }
        // Plain scalars are in the BMP: one to three bytes each.
        var bytes = 0
        for v in scalars[..<(stop ?? scalars.count)] { bytes += v < 0x80 ? 1 : (v < 0x800 ? 2 : 3) }
        return bytes
    }
}
