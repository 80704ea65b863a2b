/// One guided lesson, as read from a file in `examples/lessons/`.
///
/// A lesson runs on a sandbox store: its `setup` commands build the sandbox (usually
/// `import demo`), then each step asks the learner for one command and checks it.
public struct Lesson: Sendable, Equatable {
    /// The file the lesson came from (its name keys the learner's progress).
    public var fileName: String
    /// `第1课 第一个查询 · Lesson 1: Your first query`
    public var title: String
    /// Commands run in a fresh sandbox before the first step.
    public var setup: [String]
    /// The 1-based line of each `setup:` command, for errors.
    public var setupLines: [Int] = []
    /// Shown when the lesson starts.
    public var intro: [String]
    public var steps: [LessonStep]
    /// Shown when the last step is done.
    public var outro: [String]

    public init(fileName: String, title: String, setup: [String] = [], intro: [String] = [],
                steps: [LessonStep] = [], outro: [String] = []) {
        self.fileName = fileName
        self.title = title
        self.setup = setup
        self.intro = intro
        self.steps = steps
        self.outro = outro
    }
}

/// One step: explain, show an example, ask for a command, check what the learner typed.
public struct LessonStep: Sendable, Equatable {
    /// 1-based line of the step's `step:` line in the lesson file.
    public var line: Int
    public var title: String
    public var explain: [String]
    public var examples: [String]
    public var ask: [String]
    /// The model answer: a command that passes every check.
    public var answer: String
    /// Commands that must not pass (validated by the test suite, never shown).
    public var wrong: [String]
    public var checks: [StepCheck]
    /// Given one by one after wrong tries.
    public var hints: [String]
    /// Shown when the step is passed.
    public var success: [String]

    public init(line: Int, title: String, explain: [String] = [], examples: [String] = [], ask: [String] = [],
                answer: String = "", wrong: [String] = [], checks: [StepCheck] = [], hints: [String] = [],
                success: [String] = []) {
        self.line = line
        self.title = title
        self.explain = explain
        self.examples = examples
        self.ask = ask
        self.answer = answer
        self.wrong = wrong
        self.checks = checks
        self.hints = hints
        self.success = success
    }

    /// True when passing the step may change the sandbox (it is checked by state, not by result).
    public var changesData: Bool {
        checks.contains { if case .sameResult = $0 { return false } else { return true } }
    }
}

/// How a step decides that the learner's command did what was asked.
public enum StepCheck: Sendable, Equatable {
    /// The learner's command gives the same result as the model answer on the sandbox as it was
    /// before the step: the same task set (in the same order when `ordered`), the same counts.
    case sameResult(ordered: Bool)
    /// After the learner's command, task `taskID`'s `field` has `value`.
    case state(taskID: String, field: TaskField, value: String)
    /// After the learner's command, a snapshot `name` exists.
    case snapshot(name: String)
    /// After the learner's command, a file `name` exists (non-empty) in the sandbox's working directory.
    case file(name: String)
    /// The learner's command printed `text` (standard output, compared after folding).
    case outputContains(text: String)
    /// The learner's result is about exactly these tasks, whatever the command: `history ID`,
    /// `show task ID` and `diff A B where id = ID` all answer "what changed for ID".
    case about(taskIDs: [String])

    /// The progress fields a `state` check may read.
    public enum TaskField: String, Sendable, CaseIterable {
        case status, progress, note, due
    }
}
