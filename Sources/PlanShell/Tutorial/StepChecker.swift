import Foundation
import PlanKit

/// Decides whether what the learner typed passes a step.
struct StepChecker {
    let step: LessonStep
    /// The model answer's result on the sandbox as it was before the step (same-result steps).
    let expected: ComparableResult?

    /// The model answer's result, computed before the learner's first try; nil for steps
    /// checked by state. Fails when the model answer itself fails (a broken lesson).
    static func expectedResult(for step: LessonStep, in sandbox: TutorialSandbox) throws -> ComparableResult? {
        guard case let .sameResult(ordered)? = step.checks.first(where: { if case .sameResult = $0 { true } else { false } }) else {
            return nil
        }
        let errors = ErrorCollector()
        let saved = sandbox.session.errorOutput
        sandbox.session.errorOutput = { errors.text += $0 }
        defer { sandbox.session.errorOutput = saved }
        let run = sandbox.run(step.answer, show: false)
        guard !run.failed, let last = run.results.last else {
            throw Diagnostic(Messages.modelAnswerFails(step.answer,
                                                       error: errors.text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return ComparableResult(last, session: sandbox.session, ordered: ordered)
    }

    /// Nil when `run` passes every check; otherwise why not (one line for the learner).
    func failure(of run: TutorialSandbox.Run, in sandbox: TutorialSandbox) -> String? {
        if run.failed { return Messages.tryFailed().text }
        for check in step.checks {
            if let why = failure(of: check, run: run, in: sandbox) { return why }
        }
        return nil
    }

    private func failure(of check: StepCheck, run: TutorialSandbox.Run, in sandbox: TutorialSandbox) -> String? {
        switch check {
        case let .sameResult(ordered):
            guard let last = run.results.last, let expected else {
                return Messages.tryGaveNoResult().text
            }
            let mine = ComparableResult(last, session: sandbox.session, ordered: ordered)
            return mine == expected ? nil : mine.difference(from: expected)
        case let .state(taskID, field, value):
            let w = sandbox.session.workspace
            guard let row = w.row(id: taskID) else { return Messages.tryTaskMissing(taskID).text }
            let task = w.task(row: row)
            let actual: String
            switch field {
            case .status: actual = task.status.keyword
            case .progress: actual = String(task.progress)
            case .note: actual = task.note
            case .due: actual = task.due?.description ?? ""
            }
            if TextFolding.fold(actual) == TextFolding.fold(value) { return nil }
            return Messages.tryStateDiffers(taskID, field: field.rawValue, actual: actual, wanted: value).text
        case let .snapshot(name):
            let names = ((try? sandbox.store.snapshots()) ?? []).map(\.name)
            return names.contains(name) ? nil : Messages.tryNoSnapshot(name).text
        case let .file(name):
            let url = sandbox.work.appendingPathComponent(name)
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
            return (size ?? 0) > 0 ? nil : Messages.tryNoFile(name).text
        case let .about(ids):
            guard let last = run.results.last, let mine = StepChecker.taskIDs(of: last) else {
                return Messages.tryShowsNoTasks().text
            }
            if mine == Set(ids) { return nil }
            return Messages.tryShowsOtherTasks(mine.count, wanted: ids).text
        case let .outputContains(text):
            return TextFolding.fold(run.printed).contains(TextFolding.fold(text)) ? nil
                : Messages.tryOutputLacks(text).text
        }
    }

    /// The tasks a result is about: a task list, one task, a history or a diff; nil for others.
    static func taskIDs(of output: CommandOutput) -> Set<String>? {
        guard case let .rendered(r) = output else { return nil }
        if let result = r as? QueryResult, case let .tasks(list) = result.content { return Set(list.taskIDs) }
        if let list = r as? TaskList { return Set(list.taskIDs) }
        if let detail = r as? TaskDetail { return [detail.task.id] }
        if let table = r as? RecordTable { return table.subjects.map(Set.init) }
        return nil
    }
}
