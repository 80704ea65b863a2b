// MARK: - Lesson files (examples/lessons/*.lesson): said to the lesson's author as FILE:LINE: MESSAGE

extension Messages {
    public static func cannotReadLessonFile() -> Message {
        Message("cannot-read-lesson", .error, "cannot read the lesson file")
    }
    public static func lessonNotUTF8() -> Message {
        Message("lesson-not-utf8", .error, "the lesson file is not valid UTF-8")
    }
    public static func lessonEmpty() -> Message {
        Message("lesson-empty", .error, "the lesson file is empty (it needs a `# title` line and steps)")
    }
    public static func lessonWithoutSteps() -> Message {
        Message("lesson-without-steps", .error, "the lesson has no steps (`step:` lines)")
    }
    public static func lessonTitleEmpty() -> Message {
        Message("lesson-title-empty", .error, "the title line `#` is empty")
    }
    public static func lessonTitleFirst() -> Message {
        Message("lesson-title-first", .error, "a lesson starts with its title: `# 第N课 … · Lesson N: …`")
    }
    public static func lessonContinuationFirst() -> Message {
        Message("lesson-continuation-first", .error, "an indented line continues the line above it, but there is none")
    }
    public static func lessonKeyTakesOneLine(_ key: String) -> Message {
        Message("lesson-key-one-line", .error, "`\(key):` takes one line; it cannot continue on the next")
    }
    public static func lessonExpectedKey(keys: [String]) -> Message {
        Message("lesson-expected-key", .error, "expected `key: value` (keys: \(keys.joined(separator: ", ")))")
    }
    public static func lessonUnknownKey(_ key: String, keys: [String]) -> Message {
        Message("lesson-unknown-key", .error,
                "unknown key `\(key):`" + Suggest.phrase(key, in: keys) + " (keys: \(keys.joined(separator: ", ")))")
    }
    public static func lessonKeyNoValue(_ key: String) -> Message {
        Message("lesson-key-no-value", .error, "`\(key):` has no value")
    }
    public static func lessonKeyBeforeSteps(_ key: String) -> Message {
        Message("lesson-key-before-steps", .error, "`\(key):` belongs before the first `step:`")
    }
    public static func lessonKeyInsideStep(_ key: String) -> Message {
        Message("lesson-key-inside-step", .error, "`\(key):` belongs inside a step; start one with `step:`")
    }
    /// `what` is "setup command" or "answer".
    public static func lessonCommandUnclosed(_ what: String) -> Message {
        Message("lesson-command-unclosed", .error, "the \(what) has an unclosed quote or parenthesis")
    }
    public static func lessonSecondAnswer() -> Message {
        Message("lesson-second-answer", .error, "a step has one `answer:`; this is the second")
    }
    /// A step without one of the lines every step needs; `why` explains a less obvious one.
    public static func lessonStepMissing(_ step: String, key: String, why: String? = nil) -> Message {
        Message("lesson-step-missing", .error, "step \(v(step)) has no `\(key):` line" + (why.map { " (\($0))" } ?? ""))
    }
    public static func lessonStepMixesChecks(_ step: String) -> Message {
        Message("lesson-step-mixes-checks", .error, "step \(v(step)) mixes `check: same-result` with checks of the sandbox state")
    }

    // check: lines

    public static func checkNoValue() -> Message {
        Message("check-no-value", .error, "`check:` has no value")
    }
    public static func sameResultOption(_ words: String) -> Message {
        Message("same-result-option", .error, "`same-result` takes nothing or `ordered`, not \(v(words))")
    }
    /// A `check:` form with the wrong words; `form` is how it is written.
    public static func checkForm(_ form: String) -> Message {
        Message("check-form", .error, "expected `check: \(form)`")
    }
    public static func stateCheckForm() -> Message {
        Message("state-check-form", .error, "expected `check: state ID FIELD = VALUE`, e.g. `state demo:1.2 status = behind`")
    }
    public static func stateCheckField(_ word: String, fields: [String]) -> Message {
        Message("state-check-field", .error,
                "a state check reads \(fields.joined(separator: ", ")), not \(v(word))" + Suggest.phrase(word, in: fields))
    }
    public static func stateCheckDue(_ value: String) -> Message {
        Message("state-check-due", .error, "a due date is YYYY-MM-DD, not \(v(value))")
    }
    public static func unknownCheck(_ word: String, kinds: [String], forms: String) -> Message {
        Message("unknown-check", .error, "unknown check \(v(word))" + Suggest.phrase(word, in: kinds) + " (forms: \(forms))")
    }
}

// MARK: - The tutorial's answer to a wrong try (one line, English · Chinese)

extension Messages {
    public static func tryFailed() -> Message {
        Message("try-failed", .note, "the command failed · 命令出错")
    }
    public static func tryGaveNoResult() -> Message {
        Message("try-no-result", .note, "your command gave no result · 没有结果")
    }
    public static func tryTaskMissing(_ id: String) -> Message {
        Message("try-task-missing", .note, "task \(id) is not in the sandbox · 沙盒中没有任务 \(id)")
    }
    public static func tryStateDiffers(_ id: String, field: String, actual: String, wanted: String) -> Message {
        Message("try-state-differs", .note,
                "\(id) \(field) is \(actual.isEmpty ? "empty" : v(actual)), the step wants \(v(wanted))"
                + " · \(id) 的 \(field) 现在是\(actual.isEmpty ? "空" : "“\(actual)”")，应为“\(wanted)”")
    }
    public static func tryNoSnapshot(_ name: String) -> Message {
        Message("try-no-snapshot", .note, "there is no snapshot \(v(name)) yet · 还没有快照 \(name)")
    }
    public static func tryNoFile(_ name: String) -> Message {
        Message("try-no-file", .note, "the file \(name) was not written · 没有生成文件 \(name)")
    }
    public static func tryShowsNoTasks() -> Message {
        Message("try-no-tasks", .note, "your command shows no tasks · 结果中没有任务")
    }
    public static func tryShowsOtherTasks(_ count: Int, wanted ids: [String]) -> Message {
        Message("try-other-tasks", .note, "your command shows \(n(count, "task")), not \(ids.joined(separator: ", "))"
                + " · 结果中是 \(count) 项任务，应为 \(ids.joined(separator: "、"))")
    }
    public static func tryOutputLacks(_ text: String) -> Message {
        Message("try-output-lacks", .note, "the output does not show \(v(text)) · 输出中没有“\(text)”")
    }
    public static func tryOrderDiffers() -> Message {
        Message("try-order-differs", .note, "the same tasks, but not in the order asked for · 任务相同，但顺序不对")
    }
    public static func tryTaskCount(_ mine: Int, answer: Int) -> Message {
        Message("try-task-count", .note, "your command found \(n(mine, "task")); the answer finds \(answer) · 你找到 \(mine) 项，答案是 \(answer) 项")
    }
    public static func tryRowCount(_ mine: Int, answer: Int) -> Message {
        Message("try-row-count", .note, "your command gave \(n(mine, "row")); the answer gives \(answer) · 你的结果 \(mine) 行，答案是 \(answer) 行")
    }
    public static func tryOtherResult() -> Message {
        Message("try-other-result", .note, "your command's result is not the one asked for · 结果与题目要求不同")
    }
}
