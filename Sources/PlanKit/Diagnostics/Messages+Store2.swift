// MARK: - Reliability (issue 14): the store's snapshots and working state, and bounds on what files may ask for

extension Messages {
    /// `save NAME!` over the snapshot a just-loaded state still reads from, when the working
    /// state could not be written whole first.
    static func saveCouldNotWriteWorkingState(_ name: String, reason: String) -> Message {
        Message("save-could-not-write-working-state", .error,
                "could not save snapshot \"\(name)\": the working state, which still reads from a snapshot, "
                + "could not be written first (\(reason)); nothing was changed")
    }

    /// An .xlsx sheet whose cells (with the empty ones a value far to the right pads its row
    /// with) pass the reader's bound.
    static func sheetTooManyCells(_ file: String, sheet: String, limit: Int) -> Message {
        Message("sheet-too-many-cells", .error,
                "\(file): sheet \"\(sheet)\" holds more than \(limit) cells (values far to the right of a row count with "
                + "every empty cell before them); delete the columns and rows past the table and save it again")
    }
}
