import Foundation
import PlanKit

/// A command's result reduced to what "the same result" means for a lesson step.
///
/// Results are compared through their JSON rendering, the stable form meant for programs:
/// a list of tasks becomes its task ids (sorted unless order matters, so `find … order by …`
/// and a differently worded but equivalent query both pass); other arrays become their
/// elements in canonical JSON (sorted unless ordered); anything else its canonical JSON or text.
struct ComparableResult: Equatable {
    enum Value: Equatable {
        case tasks([String])
        case rows([String])
        case other(String)
    }
    var value: Value

    init(_ output: CommandOutput, session: Session, ordered: Bool) {
        let json = session.render(output, as: .json)
        let trimmed = json.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = trimmed.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            value = .other(trimmed)
            return
        }
        if let array = object as? [Any] {
            let ids = array.compactMap { ($0 as? [String: Any])?["id"] as? String }
            if ids.count == array.count {
                value = .tasks(ordered ? ids : ids.sorted())
            } else {
                let rows = array.map(ComparableResult.canonical)
                value = .rows(ordered ? rows : rows.sorted())
            }
        } else {
            value = .other(ComparableResult.canonical(object))
        }
    }

    static func canonical(_ object: Any) -> String {
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]),
           let s = String(data: data, encoding: .utf8) {
            return s
        }
        return "\(object)"
    }

    /// A few words on how `self` (the learner's) differs from `expected`, for the retry message.
    func difference(from expected: ComparableResult) -> String {
        switch (value, expected.value) {
        case let (.tasks(mine), .tasks(theirs)):
            if Set(mine) == Set(theirs) { return Messages.tryOrderDiffers().text }
            return Messages.tryTaskCount(mine.count, answer: theirs.count).text
        case let (.rows(mine), .rows(theirs)):
            return Messages.tryRowCount(mine.count, answer: theirs.count).text
        case (.tasks, _), (.rows, _), (.other, _):
            return Messages.tryOtherResult().text
        }
    }
}
