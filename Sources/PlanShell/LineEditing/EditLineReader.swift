import CLibEdit
import Foundation
import PlanKit

/// The interactive line editor on the system libedit (wide-character API).
///
/// See `../shared/LIBEDIT.md`: locale before `el_init`, SIGINT via `sigaction` without
/// SA_RESTART so `el_wgets` returns on Ctrl-C, state reached from callbacks through
/// `EL_CLIENTDATA`, the line copied out at once.
public final class EditLineReader: LineReader {
    private var editLine: OpaquePointer?
    private var history: OpaquePointer?
    private var promptBuffer: UnsafeMutablePointer<wchar_t>
    private var promptCapacity = 256
    private let historyPath: String
    private var historySaveFailed = false
    /// Candidates for the word before the cursor, given the line up to the cursor.
    private let complete: (String) -> Completer.Completion
    /// The line before the cursor at the last Tab that changed nothing: a second such Tab lists.
    private var lastFruitlessTab: String?
    private var listedFor: String?

    public init?(historyPath: String, complete: @escaping (String) -> Completer.Completion) {
        self.historyPath = historyPath
        self.complete = complete
        promptBuffer = .allocate(capacity: promptCapacity)
        promptBuffer.initialize(repeating: 0, count: promptCapacity)
        EditLineReader.ensureUTF8Locale()
        guard let el = el_init("plansh", plansh_stdin(), plansh_stdout(), plansh_stderr()) else { return nil }
        editLine = el
        _ = "emacs".withWideCString { plansh_el_set_editor(el, $0) }
        _ = plansh_el_set_signal(el, 1)
        if let h = history_winit() {
            history = h
            var ev = HistEventW()
            _ = plansh_history_setsize(h, &ev, 2000)
            _ = plansh_history_setunique(h, &ev, 1)
            if HistoryFile.isReadable(historyPath) {
                _ = plansh_history_load(h, &ev, historyPath)
            }
            _ = plansh_el_set_hist(el, h)
        }
        _ = plansh_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        _ = plansh_el_set_wprompt(el) { el in
            guard let el, let me = EditLineReader.from(el) else { return nil }
            return me.promptBuffer
        }
        _ = "plansh-complete".withWideCString { name in
            "complete a command, field or value".withWideCString { help in
                plansh_el_set_addfn(el, name, help) { el, _ in
                    guard let el, let me = EditLineReader.from(el) else { return UInt8(CC_ERROR) }
                    return me.completeAtCursor(el)
                }
            }
        }
        _ = "^I".withWideCString { key in "plansh-complete".withWideCString { plansh_el_set_bind(el, key, $0) } }
        EditLineReader.installInterruptHandler()
    }

    deinit {
        if let editLine { el_end(editLine) }
        if let history { history_wend(history) }
        promptBuffer.deallocate()
    }

    static func from(_ el: OpaquePointer) -> EditLineReader? {
        guard let p = plansh_el_get_clientdata(el) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(p).takeUnretainedValue()
    }

    /// Sets a UTF-8 locale: without it libedit drops Chinese input.
    static func ensureUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_ALL, "C.UTF-8")
        }
    }

    /// Ctrl-C sets `Interrupt` and interrupts `el_wgets` (no SA_RESTART).
    static func installInterruptHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupt.raise() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private func setPrompt(_ prompt: String) {
        let scalars = Array(prompt.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
        if scalars.count + 1 > promptCapacity {
            promptBuffer.deallocate()
            promptCapacity = scalars.count + 1
            promptBuffer = .allocate(capacity: promptCapacity)
        }
        for (i, c) in scalars.enumerated() { promptBuffer[i] = c }
        promptBuffer[scalars.count] = 0
    }

    public func readLine(prompt: String) -> ReadResult {
        guard let el = editLine else { return .endOfInput }
        setPrompt(prompt)
        Interrupt.clear()
        var count: Int32 = 0
        errno = 0
        let line = el_wgets(el, &count)
        guard let line, count > 0 else {
            if count == -1 && (errno == EINTR || Interrupt.isPending) {
                Interrupt.clear()
                StandardStreams.write("^C\n", to: .out)
                el_reset(el)
                return .interrupted
            }
            return .endOfInput
        }
        var scalars = String.UnicodeScalarView()
        for i in 0..<Int(count) {
            if let u = Unicode.Scalar(UInt32(bitPattern: line[i])) { scalars.append(u) }
        }
        var s = String(scalars)
        if s.hasSuffix("\n") { s.removeLast() }
        return .line(s)
    }

    public func addHistory(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let h = history else { return }
        var ev = HistEventW()
        _ = trimmed.withWideCString { plansh_history_enter(h, &ev, $0) }
        saveHistory(h, &ev)
    }

    /// Writes the history through a handle opened without following links (SPEC §5); says once why not.
    private func saveHistory(_ h: OpaquePointer, _ ev: inout HistEventW) {
        switch HistoryFile.openForWriting(historyPath) {
        case let .success(fd):
            guard let file = fdopen(fd, "w") else { close(fd); return }
            _ = plansh_history_save_fp(h, &ev, file)
            fclose(file)
        case let .failure(why):
            if !historySaveFailed { fputs("plansh: \(why.message)\n", plansh_stderr()) }
            historySaveFailed = true
        }
    }

    /// Tab: complete the word before the cursor; a second Tab that can add nothing lists the
    /// candidates (once, like bash), and a single candidate inside a quote closes the quote.
    private func completeAtCursor(_ el: OpaquePointer) -> UInt8 {
        guard let info = el_wline(el) else { return UInt8(CC_ERROR) }
        guard let start = info.pointee.buffer, let cursor = info.pointee.cursor else { return UInt8(CC_ERROR) }
        var scalars = String.UnicodeScalarView()
        var p = start
        while p < cursor {
            if let u = Unicode.Scalar(UInt32(bitPattern: p.pointee)) { scalars.append(u) }
            p += 1
        }
        let before = String(scalars)
        let completion = complete(before)
        guard let insert = EditLineReader.insertion(for: completion) else {
            defer { lastFruitlessTab = before }
            guard lastFruitlessTab == before, listedFor != before, completion.candidates.count > 1 else {
                return UInt8(CC_REFRESH_BEEP)
            }
            listedFor = before
            StandardStreams.write("\n" + Completer.columns(completion.candidates, width: Terminal.width() ?? 80) + "\n", to: .out)
            return UInt8(CC_REDISPLAY)
        }
        lastFruitlessTab = nil
        listedFor = nil
        _ = insert.withWideCString { el_winsertstr(el, $0) }
        return UInt8(CC_REFRESH)
    }

    /// The text Tab inserts: the candidates' common part beyond what is typed, and after a
    /// single candidate the closing quote (inside a quote) and a space. Nil when nothing to add.
    static func insertion(for c: Completer.Completion) -> String? {
        guard !c.candidates.isEmpty else { return nil }
        let common = Completer.commonPrefix(c.candidates)
        var insert = common.count > c.word.count && common.hasPrefix(c.word) ? String(common.dropFirst(c.word.count)) : ""
        if c.candidates.count == 1 {
            if let q = c.closer { insert.append(q) }
            insert += " "
        }
        return insert.isEmpty ? nil : insert
    }
}

extension String {
    /// Calls `body` with a NUL-terminated `wchar_t` (UTF-32 here) copy of the string.
    func withWideCString<R>(_ body: (UnsafePointer<wchar_t>) -> R) -> R {
        var buffer = unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        buffer.append(0)
        return buffer.withUnsafeBufferPointer { buf in
            // A non-empty array always has a base address.
            guard let base = buf.baseAddress else { return body([wchar_t(0)]) }
            return body(base)
        }
    }
}
