import Foundation
import PlanKit

/// `update TASK#n[, …] set actual = V [, month = M]` (SPEC §11): the value a target reached.
enum UpdateActuals {
    /// Handles the update when the ids before `set` are target ids; nil when they are task ids.
    static func run(_ ids: ArraySlice<Word>, _ assignments: [UpdateCommand.Assignment], setSpan: Range<Int>,
                    _ input: CommandInput, _ session: Session) throws -> CommandOutput? {
        let pieces = idPieces(ids)
        let targetIDs = pieces.filter { $0.0.contains("#") }
        if targetIDs.isEmpty {
            if let a = assignments.first(where: { $0.field == .actual }) {
                throw Diagnostic("actual is set on targets: update TASK#n set actual = V (`find targets` lists their ids)", at: a.fieldSpan)
            }
            return nil
        }
        let w = session.workspace
        if let (id, span) = pieces.first(where: { !$0.0.contains("#") }) {
            throw Diagnostic("\"\(id)\" is a task; update tasks and targets in separate commands", at: span)
        }
        var value: UpdateCommand.Assignment?
        var month = UpdateCommand.defaultMonth(session)
        for a in assignments {
            switch a.field {
            case .actual:
                guard value == nil else { throw Diagnostic("actual is set twice", at: a.fieldSpan) }
                value = a
            case .month:
                guard let m = YearMonth(parsing: TextFolding.fold(a.value)) else {
                    throw Diagnostic("a month is YYYY-MM, not \"\(a.value)\"", at: a.valueSpan)
                }
                month = m
            default:
                throw Diagnostic("a target takes actual (and month); \(a.field.rawValue) belongs to its task", at: a.fieldSpan)
            }
        }
        guard let value else { throw Diagnostic("nothing to change: set actual = V", at: setSpan) }
        var updates: [ProgressUpdate] = []
        var described: [String] = []
        for (id, span) in targetIDs {
            let ref: TargetRef
            do { ref = try w.targetRef(id) } catch let d as Diagnostic { throw Diagnostic(d.message, at: span) }
            let a: ActualUpdate
            do { a = try w.actualUpdate(ref, value.value) } catch let d as Diagnostic { throw Diagnostic(d.message, at: value.valueSpan) }
            let old = w.target(ref)?.actual
            let unit = w.target(ref)?.unit ?? ""
            described.append("\(ref) actual \(old.map { JSON.number($0) + unit } ?? "—") → \(a.value.map { JSON.number($0) + unit } ?? "—")")
            if let k = updates.firstIndex(where: { $0.plan == ref.plan && $0.path == ref.path }) {
                updates[k].actuals.append(a)
            } else {
                updates.append(ProgressUpdate(plan: ref.plan, path: ref.path, actuals: [a], source: session.currentSource))
            }
        }
        try ProgressCommands.requireWritable(session, input, "`update`")
        try session.commit(.updateProgress(updates, month: month, at: ProgressCommands.now()))
        return .message("updated " + described.joined(separator: "; ") + " (\(month))")
    }

    /// The ids before `set`, split on commas, with their spans.
    static func idPieces(_ words: ArraySlice<Word>) -> [(String, Range<Int>)] {
        var out: [(String, Range<Int>)] = []
        for word in words {
            var offset = word.span.lowerBound + (word.quoted ? 1 : 0)
            for piece in word.value.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "，" }) {
                let span = offset..<(offset + piece.count)
                offset += piece.count + 1
                let id = piece.trimmingCharacters(in: .whitespaces)
                if !id.isEmpty { out.append((id, span)) }
            }
        }
        return out
    }
}
