// MARK: - Importing plans: reading a named file, plan text, the plan parser's warnings, directories
//
// A plan's messages start with its file name, since an import may name many files.

extension Messages {
    // Reading a file a user named (a plan, a sheet, a script)

    /// `what` says what it is instead: a directory, a named pipe (FIFO), a device…
    public static func notAFile(_ file: String, what: String) -> Message {
        Message("not-a-file", .error, "cannot read \(file): it is \(what), not a file")
    }
    public static func fileTooLarge(_ file: String, size: String, limit: String) -> Message {
        Message("file-too-large", .error, "cannot read \(file): \(size) is more than the \(limit) plansh reads")
    }
    /// A pipe or device that went on past the limit (its size was not known before reading).
    public static func streamTooLarge(_ file: String, limit: String) -> Message {
        Message("file-too-large", .error, "cannot read \(file): it is more than the \(limit) plansh reads")
    }
    public static func cannotRead(_ file: String, reason: String) -> Message {
        Message("cannot-read", .error, "cannot read \(file): \(reason)")
    }

    // The text of a plan

    public static func planNotUTF8(_ file: String, line: Int) -> Message {
        Message("plan-not-utf8", .error,
                "\(file):\(line): not valid UTF-8 (plans must be UTF-8 text; convert GBK files with iconv -f GBK -t UTF-8)")
    }
    public static func emptyFile(_ file: String) -> Message {
        Message("empty-file", .error, "\(file): the file is empty")
    }
    public static func binaryFile(_ file: String, nulAt offset: Int) -> Message {
        Message("binary-file", .error, "\(file): looks like a binary file (NUL byte at offset \(offset)); plans are UTF-8 text")
    }
    public static func planTooLarge(_ file: String, megabytes: Int) -> Message {
        Message("plan-too-large", .error, "\(file): \(megabytes) MB is too large for one plan (limit 200 MB)")
    }
    public static func noPlanStructure(_ file: String) -> Message {
        Message("no-plan-structure", .error, "\(file): no plan structure found (no numbered headings such as 一、 (一) 1. (1) 一是)")
    }
    /// The same, for a Word document or web page (`what`), whose text was found but holds no plan.
    public static func noPlanInDocument(_ file: String, what: String) -> Message {
        Message("no-plan-structure", .error,
                "\(file): no plan in this \(what): its text has no numbered headings such as 一、 (一) 1. (1) 一是")
    }
    public static func noTasks(_ file: String) -> Message {
        Message("no-tasks", .error, "\(file): headings were found but no tasks (items without numbered children)")
    }
    public static func noPlanIDFromName(_ name: String) -> Message {
        Message("no-plan-id", .error, "cannot make a plan id from \"\(name)\"; give one with `as ID`")
    }

    // What the plan parser did on its own (warnings kept with the plan, shown by `show plan`)

    public static func pageChromeSkipped(_ count: Int, lines: String) -> Message {
        Message("page-chrome-skipped", .warning, "\(n(count, "line")) of page chrome skipped (lines \(lines))")
    }
    public static func watermarkRemoved() -> Message {
        Message("watermark-removed", .warning, "a web watermark (site address / 转载请注明) was removed")
    }
    public static func wrappedLinesRejoined(width: Int) -> Message {
        Message("wrapped-lines-rejoined", .warning, "lines wrapped at \(width) characters were rejoined")
    }
    public static func sectionNumeralMissing(_ text: String, readAs number: Int) -> Message {
        Message("section-numeral-missing", .warning, "section numeral missing: \"\(text)\" read as section \(number)")
    }
    public static func numberingNotContinued(_ marker: String) -> Message {
        Message("numbering-not-continued", .warning, "\"\(marker)\" does not continue the section numbering; read as text")
    }
    public static func numeralRepeated(_ marker: String, numbered number: Int) -> Message {
        Message("numeral-repeated", .warning, "numeral \(marker) repeats the previous one; numbered \(number)")
    }
    public static func numberingJumps(from: Int, to: Int, missing: Int) -> Message {
        Message("numbering-jumps", .warning, "section numbering jumps from \(from) to \(to); \(n(missing, "section")) could not be placed")
    }
    public static func closingParagraphKept() -> Message {
        Message("closing-paragraph-kept", .warning, "closing paragraph belongs to no task; kept with the plan")
    }
    public static func officeTagNotClosed() -> Message {
        Message("office-tag-not-closed", .warning, "office tag is not closed; read to the end of the item")
    }
    public static func indicatorWithoutFigure(_ name: String) -> Message {
        Message("indicator-without-figure", .warning, "indicator \"\(name)\" has no figure in its target cell; kept as text")
    }
    public static func indicatorTableEmpty() -> Message {
        Message("indicator-table-empty", .warning, "indicator table with no indicator rows")
    }
    /// `count` rows became the plan's targets `#I<first>`–`#I<last>`.
    public static func indicatorRowsRead(_ count: Int, first: Int, last: Int) -> Message {
        Message("indicator-rows-read", .note, "indicator table: \(n(count, "row")) became plan targets #I\(first)–#I\(last)")
    }

    // A directory of plans (`import plan DIR`)

    public static func cannotListDirectory(_ path: String, reason: String) -> Message {
        Message("cannot-list-directory", .error, "cannot list \(path): \(reason)")
    }
    public static func noPlanFiles(_ path: String) -> Message {
        Message("no-plan-files", .error, "no plan files (*.txt, *.docx, *.html, *.htm) in \(path)")
    }
    public static func importCancelled(after done: Int, of total: Int) -> Message {
        Message("import-cancelled", .error, "import cancelled after \(done) of \(total) files; nothing was imported")
    }
    /// Followed by one note per file (`fileMakesNoPlanID`, `filesShareAPlanID`, …).
    public static func filesCannotBeImported(_ count: Int, of total: Int) -> Message {
        Message("files-cannot-be-imported", .error, "\(count) of \(total) files cannot be imported; nothing was imported")
    }
    public static func fileMakesNoPlanID(_ name: String) -> Message {
        Message("file-makes-no-plan-id", .note, "\(name): cannot make a plan id from this file name; rename it")
    }
    public static func filesShareAPlanID(_ name: String, id: String, other: String) -> Message {
        Message("files-share-plan-id", .note, "\(name): makes the same plan id \"\(id)\" as \(other)")
    }
    public static func fileNotRead(_ name: String) -> Message {
        Message("file-not-read", .note, "\(name): not read")
    }
    public static func moreProblems(_ count: Int) -> Message {
        Message("more-problems", .note, "… and \(count) more")
    }
}
