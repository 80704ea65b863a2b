// MARK: - Shell: running commands, their output, launch options

extension Messages {
    /// An error with no message of its own (a library's error), said as it describes itself.
    public static func unexpected(_ error: any Error) -> Message {
        Message("unexpected-error", .error, "\(error)")
    }
    public static func interrupted() -> Message {
        Message("interrupted", .error, "interrupted (Ctrl-C); nothing was shown or changed")
    }
    public static func cannotWriteStandardOutput(reason: String) -> Message {
        Message("cannot-write-stdout", .error, "cannot write to standard output: " + reason)
    }
    public static func notATableForWorkbook() -> Message {
        Message("not-a-table-for-xlsx", .error,
                "this command's output is not a table and cannot be written as .xlsx (write it as .txt or .md)")
    }
    /// Typed at the prompt, dropped: the shell goes on.
    public static func invalidUTF8LineIgnored() -> Message {
        Message("invalid-utf8-ignored", .error, "the line is not valid UTF-8; ignored")
    }
    public static func checkFoundDamage(_ files: [String]) -> Message {
        Message("check-found-damage", .error, "check found \(Lexicon.counted(files.count, .damagedFiles).en): "
                + files.joined(separator: ", "))
    }

    // Launch options (`plansh --store DIR -c …`): said as `plansh: MESSAGE`, exit status 2

    public static func optionTakesNoValue(_ option: String) -> Message {
        Message("option-takes-no-value", .error, "\(option) takes no value")
    }
    public static func unknownOption(_ option: String) -> Message {
        Message("unknown-option", .error, "unknown option '\(option)'")
    }
    public static func optionNeedsValue(_ option: String, usage: String) -> Message {
        Message("option-needs-value", .error, "\(option) needs a value (\(usage))")
    }
    public static func commandsAndScript() -> Message {
        Message("commands-and-script", .error, "give either -c COMMANDS or a script file, not both")
    }
    public static func unknownScreenFormat(_ format: String, formats: [String]) -> Message {
        Message("unknown-screen-format", .error, "unknown format \(v(format)) (\(formats.joined(separator: ", ")))")
    }
    public static func setOptionShape(_ value: String) -> Message {
        Message("set-option-shape", .error, "--set takes NAME=VALUE, not \(v(value))")
    }
    public static func setOptionTooLong(_ name: String, limit: Int) -> Message {
        Message("set-option-too-long", .error, "--set \(name): a variable holds at most \(limit / (1024 * 1024)) MB")
    }
    /// `--set today=…` refused as `set today` refuses it.
    public static func setOptionRefused(_ name: String, because message: String) -> Message {
        Message("set-option-refused", .error, "--set \(name): \(message)")
    }
}

// MARK: - Commands that change data: update, import, save, set

extension Messages {
    public static func fieldSetTwice(_ field: String) -> Message {
        Message("field-set-twice", .error, "\(field) is set twice")
    }
    /// `update … set` with nothing the rows can take; `fields` says what they can.
    public static func nothingToChange(_ fields: String) -> Message {
        Message("nothing-to-change", .error, "nothing to change: set \(fields)")
    }
    public static func updateNeedsForce(_ count: Int) -> Message {
        Message("update-needs-force", .error,
                "this would change \(Lexicon.counted(count, .tasks).en); add `force` at the end (or run plansh with --yes) to apply")
    }
    /// `actual` given to task rows (a filter, or ids without `#n`).
    public static func actualIsOnTargets() -> Message {
        Message("actual-on-targets", .error,
                "actual is set on targets: update TASK#n set actual = V (`find targets` lists their ids)")
    }
    public static func taskAmongTargets(_ id: String) -> Message {
        Message("task-among-targets", .error, "\(v(id)) is a task; update tasks and targets in separate commands")
    }
    public static func fieldBelongsToTask(_ field: String) -> Message {
        Message("field-belongs-to-task", .error, "a target takes actual (and month); \(field) belongs to its task")
    }
    public static func badPlanYear(_ value: String) -> Message {
        Message("bad-plan-year", .error, "a plan's year is YYYY (1990–2100), not \(q(value))")
    }
    public static func noSuchFile(_ path: String) -> Message {
        Message("no-such-file", .error, "no such file or directory: \(path)")
    }
    public static func idForDirectory() -> Message {
        Message("id-for-directory", .error, "`as ID` names one plan; a directory's plans are named after their files")
    }
    /// The `warning:` line after `import plan` (the plan's list keeps it too).
    public static func importWarning(_ file: String, line: Int, _ text: String) -> Message {
        Message("import-warning", .warning, "\(file):\(line): \(text)")
    }
    /// A progress sheet's note that does not stop it (a skipped row, an encoding).
    public static func sheetWarning(_ text: String) -> Message {
        Message("sheet-warning", .warning, text)
    }
    public static func noSheetFile(_ base: String) -> Message {
        Message("no-sheet-file", .error, "no sheet \(base).xlsx or \(base).csv")
    }
    public static func twoSheetFiles(_ base: String) -> Message {
        Message("two-sheet-files", .error, "both \(base).xlsx and \(base).csv are there; name the one to apply")
    }
}

// MARK: - The demo and the tutorial

extension Messages {
    public static func noDemoPlans(_ directory: String) -> Message {
        Message("no-demo-plans", .error, "no demo plans (*.txt) in \(directory)")
    }
    public static func demoAlreadyImported(_ plans: [String]) -> Message {
        Message("demo-already-imported", .error, "the demo plans are already in this store (\(plans.joined(separator: ", "))); "
                + "`drop plan ID` them first, or use another store (`plansh --store DIR`)")
    }
    public static func demoSnapshotsClash(_ snapshots: [String]) -> Message {
        Message("demo-snapshots-clash", .error, "the store already has snapshot(s) \(snapshots.joined(separator: ", ")), "
                + "which the demo saves; use another store (`plansh --store DIR`)")
    }
    public static func lessonCannotStart(_ n: Int, at place: String, role: String, command: String, error: String) -> Message {
        Message("lesson-cannot-start", .error,
                "lesson \(n) cannot start: \(place): the \(role) `\(command)` fails in the sandbox: \(error)")
    }
    public static func modelAnswerFails(_ answer: String, error: String) -> Message {
        Message("model-answer-fails", .error, "the model answer `\(answer)` fails in the sandbox: \(error)")
    }
    public static func replayFails(_ command: String, error: String) -> Message {
        Message("replay-fails", .error, "`\(command)` fails in the tutorial sandbox: \(error)")
    }
    public static func cannotSaveTutorialProgress(_ directory: String, reason: String) -> Message {
        Message("cannot-save-tutorial-progress", .error, "cannot save tutorial progress in \(directory): \(reason)")
    }
    public static func cannotCreateSandbox(_ directory: String, reason: String) -> Message {
        Message("cannot-create-sandbox", .error, "cannot create the tutorial sandbox in \(directory): \(reason)")
    }
    public static func cannotCopyIntoSandbox(_ path: String, reason: String) -> Message {
        Message("cannot-copy-into-sandbox", .error, "cannot copy \(path) into the tutorial sandbox: \(reason)")
    }
    public static func cannotReadLessons(_ directory: String) -> Message {
        Message("cannot-read-lessons", .error, "cannot read the lessons directory \(directory)")
    }
}

// MARK: - Notes: a command that found nothing to show or change says so, and what to do

extension Messages {
    public static func noTaskMatchesNothingChanged() -> Message {
        Message("no-task-matches", .note, "no task matches; nothing changed")
    }
    public static func noPlansYet() -> Message {
        Message("no-plans-yet", .note, "no plans yet: `import plan FILE.txt` or `import demo`")
    }
    public static func noSnapshotsYet() -> Message {
        Message("no-snapshots-yet", .note, "no snapshots yet; `save [NAME]` makes one")
    }
    public static func noOffices() -> Message {
        Message("no-offices", .note, "no offices: no plan names any (`import plan FILE.txt` or `import demo`)")
    }
    public static func noDifferences(_ from: String, _ to: String) -> Message {
        Message("no-differences", .note, "no differences between \(from) and \(to)")
    }
}

// MARK: - A read-only store (the refusal itself is `readOnly`)

extension Messages {
    /// The reason given when the store cannot say why it is read-only.
    public static let readOnlyUnknownReason = "it cannot be written"

    public static func readOnlyBanner(reason: String?) -> Message {
        Message("read-only-banner", .warning,
                "This store is READ-ONLY (\(reason ?? readOnlyUnknownReason)): queries work, changes are refused.")
    }
    public static func tutorialProgressNotKept() -> Message {
        Message("tutorial-progress-not-kept", .note, "(the store is read-only: progress will not be remembered)")
    }
}
