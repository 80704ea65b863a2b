import Foundation
import PlanKit

/// `import progress FILE.csv [month YYYY-MM]`: apply a monthly progress sheet, all or nothing.
enum ImportProgressCommand {
    static let spec = CommandSpec(
        ["import", "progress"], summary: "apply a monthly progress sheet (CSV), all rows or none",
        usage: "import progress FILE.csv [month YYYY-MM]",
        details: """
        Columns (header row, English or Chinese): id (编号) or plan (计划) + path (路径), then any of
        status (状态), progress (进度), note (备注), due (截止日期). UTF-8 with or without BOM; quoted
        cells may hold commas. An empty cell changes nothing. If any row is bad (unknown task, bad
        status, progress outside 0–100, a task listed twice) every bad row is listed as FILE:ROW
        and nothing is applied. The month defaults to the current one.
          import progress sheets/2025-04.csv month 2025-04
        """,
        topic: "progress"
    ) { input, session in
        let args = Array(input.arguments)
        guard let file = args.first else {
            throw Diagnostic("`import progress` needs a CSV file", at: input.words[input.commandWordCount - 1].span)
        }
        var month = session.recordingMonth
        var i = 1
        while i < args.count {
            let w = args[i]
            guard ["month", "月份"].contains(TextFolding.keyword(w.value)) else {
                throw Diagnostic("unexpected \"\(w.value)\" (expected `month YYYY-MM`)", at: w.span)
            }
            guard i + 1 < args.count else { throw Diagnostic("`month` needs YYYY-MM", at: w.span) }
            guard let m = YearMonth(parsing: TextFolding.fold(args[i + 1].value)) else {
                throw Diagnostic("a month is YYYY-MM, not \"\(args[i + 1].value)\"", at: args[i + 1].span)
            }
            month = m
            i += 2
        }
        try ProgressCommands.requireWritable(session, input, "`import progress`")
        let url = session.resolve(path: file.value)
        let updates: [ProgressUpdate]
        do {
            updates = try ProgressSheet.updates(from: url, displayName: file.value, in: session.workspace)
        } catch var d as Diagnostic {
            d.span = file.span
            throw d
        }
        let historyBefore = session.workspace.history.count
        try ProgressCommands.withProgress(session) {
            try session.commit(.updateProgress(updates, month: month, at: ProgressCommands.now()))
        }
        let changes = session.workspace.history.count - historyBefore
        return .message("applied \(file.value) for \(month): \(updates.count) task\(updates.count == 1 ? "" : "s"), "
                        + "\(changes) change\(changes == 1 ? "" : "s") recorded")
    }
}
