import Foundation
import PlanKit

/// `update TASK#n[, …] set actual = V [, month = M]` (SPEC §11): the value a target reached.
enum UpdateActuals {
    /// Handles the statement when it sets a target's field; nil when it is a task update.
    static func run(_ statement: UpdateStatement, _ input: CommandInput, _ session: Session) throws -> CommandOutput? {
        let targetAssignments = statement.assignments.filter { a in a.field.map(Parser.settableTargetFields.contains) ?? false }
        let ids: [Literal]
        switch statement.rows {
        case let .ids(list): ids = list
        case .filter:
            if let a = targetAssignments.first {
                throw Diagnostic(Messages.actualIsOnTargets(), at: a.nameSpan)
            }
            return nil
        }
        let targetIDs = ids.filter { $0.text.contains("#") }
        if targetIDs.isEmpty {
            if let a = targetAssignments.first {
                throw Diagnostic(Messages.actualIsOnTargets(), at: a.nameSpan)
            }
            return nil
        }
        if let task = ids.first(where: { !$0.text.contains("#") }) {
            throw Diagnostic(Messages.taskAmongTargets(task.text), at: task.span)
        }
        let w = session.workspace
        var value: UpdateStatement.Assignment?
        var month = session.recordingMonth
        for a in statement.assignments {
            if targetAssignments.contains(where: { $0.nameSpan == a.nameSpan }) {
                guard value == nil else { throw Diagnostic(Messages.fieldSetTwice("actual"), at: a.nameSpan) }
                value = a
            } else if a.field == nil {
                switch ProgressValue.month(a.value.text) {
                case let .success(m): month = m
                case let .failure(p): throw Diagnostic(p.message, at: a.value.span)
                }
            } else {
                throw Diagnostic(Messages.fieldBelongsToTask(a.name), at: a.nameSpan)
            }
        }
        guard let value else { throw Diagnostic(Messages.nothingToChange("actual = V"), at: statement.setSpan) }
        var updates: [ProgressUpdate] = []
        var described: [String] = []
        for id in targetIDs {
            let ref: TargetRef
            do { ref = try w.targetRef(id.text) } catch let d as Diagnostic { throw d.placed(at: id.span) }
            let a: ActualUpdate
            do { a = try w.actualUpdate(ref, value.value.text) } catch let d as Diagnostic { throw d.placed(at: value.value.span) }
            let old = w.target(ref)?.actual
            let unit = w.target(ref)?.unit ?? ""
            // A value given again changes nothing and writes no history (as `update` of a task says).
            if old == a.value {
                described.append("\(ref) actual \(a.value.map { JSON.number($0) + unit } ?? "—") (unchanged)")
                continue
            }
            described.append("\(ref) actual \(old.map { JSON.number($0) + unit } ?? "—") → \(a.value.map { JSON.number($0) + unit } ?? "—")")
            if let k = updates.firstIndex(where: { $0.plan == ref.plan && $0.path == ref.path }) {
                updates[k].actuals.append(a)
            } else {
                updates.append(ProgressUpdate(plan: ref.plan, path: ref.path, actuals: [a], source: session.currentSource))
            }
        }
        guard !updates.isEmpty else { return .message("updated " + described.joined(separator: "; ")) }
        try session.commit(.updateProgress(updates, month: month, at: ProgressCommands.now()))
        return .message("updated " + described.joined(separator: "; ") + " (\(month))")
    }
}
