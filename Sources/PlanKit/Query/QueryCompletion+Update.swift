/// Tab after `update` (SPEC §3, §11): task and target ids, then `set`, the fields `update` sets,
/// `=`, and the values of the field being set. `update tasks where …` completes its condition as
/// `find` does, then offers `set`.
extension QueryCompletion {
    /// Candidates after the tokens of an `update` command (the first token is `update`).
    static func updatePool(after toks: [Token], word: String, workspace w: Workspace) -> [String] {
        guard let last = toks.last else { return [] }
        guard let set = toks.lastIndex(where: { $0.isKeyword("set") }) else {
            // Before `set`: the tasks (ids, or `tasks where …`).
            if toks.contains(where: { $0.isKeyword("where") }) { return [] }
            if toks.count == 1 { return ids(word, in: w) + ["tasks", "where"] }
            if last.kind == .comma { return ids(word, in: w) }
            if last.isKeyword("tasks") || last.isKeyword("task") { return ["where"] }
            return ["set"]
        }
        let settable = Parser.settableFields.map(\.name) + ["month"] + Parser.settableTargetFields.map(\.name)
        if set == toks.count - 1 || last.kind == .comma { return settable }
        switch last.kind {
        case .op where last.text == "=":
            let name = toks.count >= 2 ? toks[toks.count - 2].text : ""
            return FieldRegistry.field(named: name, in: .tasks).flatMap { f in Parser.settableFields.contains(f) ? f : nil }
                .map { values(for: $0, word: word, workspace: w) } ?? []
        case .word where FieldRegistry.field(named: last.text, in: .tasks) != nil || Parser.monthWords.contains(last.keyword)
            || FieldRegistry.field(named: last.text, in: .targets).map(Parser.settableTargetFields.contains) == true:
            return ["="]
        default:
            return ["force"]
        }
    }

    /// Ids for `update`: plan ids with `:` (and `#` when the plan has indicators), a plan's task
    /// ids, and — once a task id is typed whole or ends in `#` — its target ids `TASK#n`.
    static func ids(_ word: String, in w: Workspace) -> [String] {
        let folded = TextFolding.fold(word)
        if let hash = folded.lastIndex(of: "#") {
            return targetIDs(of: String(folded[..<hash]), in: w)
        }
        var out = Field.id.entry.complete(w, folded)
        if !folded.contains(":") {
            out += w.plans.filter { !$0.indicators.isEmpty }.map { $0.id + "#" }
        } else if w.row(id: folded) != nil {
            out += targetIDs(of: folded, in: w)
        }
        return out
    }

    /// `TASK#1`… of a task (targets only, in written order), or `PLAN#I1`… of a plan's indicators.
    static func targetIDs(of owner: String, in w: Workspace) -> [String] {
        if let r = w.row(id: owner) {
            let count = w.tasks.targetRange(row: r).filter { w.tasks.targetKind[$0] == 0 }.count
            return count == 0 ? [] : (1...count).map { "\(owner)#\($0)" }
        }
        if let p = w.planIndex(owner), !w.plans[p].indicators.isEmpty {
            return (1...w.plans[p].indicators.count).map { "\(owner)#I\($0)" }
        }
        return []
    }
}
