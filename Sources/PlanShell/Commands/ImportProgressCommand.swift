import Foundation
import PlanKit

/// `import progress FILE.xlsx|.csv [sheet NAME] [month YYYY-MM]`: apply a monthly progress sheet,
/// all or nothing.
enum ImportProgressCommand {
    static let spec = CommandSpec(
        ["import", "progress"], summary: "apply a monthly progress sheet (.xlsx or CSV), all rows or none",
        parameters: [.file("FILE"), .option("sheet", .text("NAME"), aliases: ["工作表"]),
                     .option("month", .month("YYYY-MM"), aliases: ["月份"])], changesData: true,
        details: """
        The header row (found below any title rows, within the first 20) names the columns, in
        English or Chinese: id (任务编号/编号) or plan (计划) + path (路径), then any of status
        (状态/完成情况), progress (进度/完成进度, a number or a percent), note (备注/进展情况/月度进展)
        and due (完成时限/期限: 2025-06-30, 2025/6/30, 2025年6月, or none for the default). Each value
        means what it means in `update … set`. Other columns (序号, 重点任务, 牵头科室 …) are ignored, so the ledger
        written by `find … > FILE.xlsx` reads back. A target id (指标编号/target_id, TASK#n) with
        完成值/actual records a target's value reached (the ledger of `find targets > FILE.xlsx`). Statuses in English or Chinese, with synonyms
        (进行中 正常推进 → on_track, 未开始 → not_started, 进度滞后 落后 → behind, 完成 → done).
        An empty cell changes nothing, and a value equal to the current one records no change.
        .xlsx: the first sheet, or `sheet NAME`. CSV: UTF-8 (with or without BOM), UTF-16 with BOM,
        or GBK/GB18030 as Chinese Excel and WPS save it. If any row is bad (unknown task, bad status,
        progress outside 0–100, a task listed twice) every bad row is listed as FILE:ROW and nothing
        is applied. A FILE without an extension means the FILE.xlsx or FILE.csv there is. The month
        defaults to `set month`, else the current one when the plans cover it, else the latest
        month with progress.
          import progress examples/progress/2025-04.csv month 2025-04
        """,
        topic: "progress"
    ) { args, session in
        guard let file = args.word("FILE") else { return .none }
        let options = (sheet: args.value("NAME"), month: args.month("YYYY-MM") ?? session.recordingMonth)
        let (url, name) = try sheetFile(file, session)
        let reading: ProgressSheet.Reading
        do {
            reading = try ProgressSheet.read(from: url, displayName: name, sheet: options.sheet, in: session.workspace)
        } catch var d as Diagnostic {
            d.span = file.span
            throw d
        }
        for w in reading.warnings { session.errorOutput("warning: \(Messages.sheetWarning(w))\n") }
        let updates = reading.updates
        let historyBefore = session.workspace.history.count
        if !updates.isEmpty {
            try ProgressCommands.withProgress(session) {
                try session.commit(.updateProgress(updates, month: options.month, at: ProgressCommands.now()))
            }
        }
        let changes = session.workspace.history.count - historyBefore
        return .message("applied \(name) for \(options.month): \(Lexicon.counted(updates.count, .tasks).en), "
                        + "\(Lexicon.counted(changes, .changes).en) recorded")
    }

    /// The sheet file: as named, or a name without an extension that is not a file (`progress/2025-05`)
    /// completed to the one `.xlsx` or `.csv` there is, so a monthly script takes either.
    static func sheetFile(_ file: Word, _ session: Session) throws -> (URL, String) {
        let url = session.resolve(path: file.value)
        let fm = FileManager.default
        guard url.pathExtension.isEmpty, !fm.fileExists(atPath: url.path) else { return (url, file.value) }
        let found = ["xlsx", "csv"].filter { fm.fileExists(atPath: url.path + "." + $0) }
        switch found.count {
        case 0:
            throw Diagnostic(Messages.noSheetFile(file.value), at: file.span)
        case 1:
            return (URL(fileURLWithPath: url.path + "." + found[0]), file.value + "." + found[0])
        default:
            throw Diagnostic(Messages.twoSheetFiles(file.value), at: file.span)
        }
    }

}
