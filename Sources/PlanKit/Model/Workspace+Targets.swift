/// Reading an actual value for a target id, as `update … set actual = V` and sheets write it.
extension Workspace {
    /// The target named by `ref` (a task's target or a plan's indicator), or nil.
    public func target(_ ref: TargetRef) -> Target? {
        guard let p = planIndex(ref.plan) else { return nil }
        if ref.isIndicator {
            let list = plans[p].indicators
            return ref.number >= 1 && ref.number <= list.count ? list[ref.number - 1].target : nil
        }
        guard let r = row(plan: ref.plan, path: ref.path), let i = tasks.targetIndex(row: r, number: ref.number) else { return nil }
        return tasks.target(at: i)
    }

    /// The target id `text` names, or an error in words: not an id, a task id where a target id
    /// belongs, or an id with no target.
    public func targetRef(_ text: String) throws -> TargetRef {
        let folded = TextFolding.fold(text).trimmingCharacters(in: .whitespaces)
        guard let ref = TargetRef(parsing: folded) else {
            if row(id: folded) != nil {
                throw Diagnostic(Messages.taskNotTarget(folded))
            }
            throw Diagnostic(Messages.notTargetID(folded))
        }
        guard target(ref) != nil else { throw Diagnostic(TargetRows.missing(ref, in: self)) }
        return ref
    }

    /// `text` (`44%`, `1.2万`, `none`) as the actual of target `ref`, in the target's unit: the one
    /// reader of an actual, for `update` and sheets alike; the words that clear a due date
    /// (`ProgressValue.clears`: none, 无, empty) clear it. Errors: not a number, another unit, a redacted target.
    public func actualUpdate(_ ref: TargetRef, _ text: String) throws -> ActualUpdate {
        guard let t = target(ref) else { throw Diagnostic(TargetRows.missing(ref, in: self)) }
        if ProgressValue.clears(text) { return ActualUpdate(number: ref.number, value: nil) }
        guard let v = ActualValue(parsing: text) else {
            throw Diagnostic(Messages.badActual(text))
        }
        do {
            return ActualUpdate(number: ref.number, value: try v.converted(to: t))
        } catch let d as Diagnostic {
            throw d.about(ref.description)
        }
    }
}
