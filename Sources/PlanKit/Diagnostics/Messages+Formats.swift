// MARK: - File formats: kinds plansh refuses, text encodings, zip, XML, Word, Excel, web pages
//
// Each message starts with the file (and member) it is about, since an import names many files.

extension Messages {
    /// "open it in Word or WPS and 另存为 .docx …": how to turn a document plansh does not read into one it does.
    static func toDocx(_ file: String) -> String {
        "open it in Word or WPS and 另存为 .docx, or run `libreoffice --headless --convert-to docx \(file)`"
    }
    static func toXlsx(_ file: String) -> String {
        "open it in Excel or WPS and 另存为 .xlsx, or run `libreoffice --headless --convert-to xlsx \(file)`"
    }

    public static func planDocumentNotSheet(_ file: String, kind: String) -> Message {
        Message("plan-document-not-sheet", .error, "\(file): is a plan document (\(kind)), not a progress sheet; "
                + "read it with `import plan`; progress sheets are .xlsx or .csv")
    }
    public static func workbookNotPlan(_ file: String) -> Message {
        Message("workbook-not-plan", .error, "\(file): is an Excel workbook, not a plan document; read progress sheets with "
                + "`import progress`; plans are .docx, web pages or text")
    }
    public static func encryptedOffice(_ file: String) -> Message {
        Message("encrypted-office", .error, "\(file): is a password-protected (encrypted) Office file; open it with its password "
                + "in Word, Excel or WPS, remove the password (文件 → 信息 → 保护 → 用密码进行加密, clear it) and save it again as .docx/.xlsx")
    }
    public static func legacyWord(_ file: String) -> Message {
        Message("legacy-word", .error, "\(file): is a legacy Word/WPS document (.doc/.wps), which plansh does not read; " + toDocx(file))
    }
    public static func legacyExcel(_ file: String) -> Message {
        Message("legacy-excel", .error, "\(file): is a legacy Excel/WPS workbook (.xls/.et), which plansh does not read; " + toXlsx(file))
    }
    public static func legacyOffice(_ file: String) -> Message {
        Message("legacy-office", .error, "\(file): is an old-format (OLE) Office file that is neither Word nor Excel; "
                + "save the plan as .docx or the sheet as .xlsx (Word/WPS/Excel 另存为)")
    }
    public static func pdfNotRead(_ file: String) -> Message {
        Message("pdf-not-read", .error, "\(file): is a PDF, which plansh does not read; save the original document as .docx "
                + "(Word/WPS 另存为), or open the PDF in Word or WPS and 另存为 .docx")
    }
    public static func rtfNotRead(_ file: String) -> Message {
        Message("rtf-not-read", .error, "\(file): is an RTF document, which plansh does not read; " + toDocx(file))
    }
    public static func ofdNotRead(_ file: String) -> Message {
        Message("ofd-not-read", .error, "\(file): is an OFD 版式文件, which plansh does not read; open it in WPS or an OFD reader "
                + "(数科, 福昕) and 另存为/导出 .docx, or save the original document as .docx")
    }
    public static func openDocumentText(_ file: String) -> Message {
        Message("odt-not-read", .error, "\(file): is an OpenDocument text (.odt); " + toDocx(file))
    }
    public static func openDocumentSheet(_ file: String) -> Message {
        Message("ods-not-read", .error, "\(file): is an OpenDocument spreadsheet (.ods); " + toXlsx(file))
    }
    public static func zipWithoutDocument(_ file: String) -> Message {
        Message("zip-without-document", .error,
                "\(file): is a zip archive that holds no Word or Excel document; unpack it and import the files inside")
    }

    // Text encodings

    public static func badByteOrderMark(_ file: String, encoding: String) -> Message {
        Message("bad-byte-order-mark", .error, "\(file): starts with a \(encoding) byte-order mark but is not valid \(encoding)")
    }
    public static func unknownEncoding(_ file: String) -> Message {
        Message("unknown-encoding", .error, "\(file): the text is neither UTF-8, UTF-16 with a byte-order mark, nor GB18030/GBK; "
                + "save it as UTF-8 (记事本/WPS 另存为 → 编码 UTF-8)")
    }
    /// The plan list's note when a file was not UTF-8.
    public static func readAsEncoding(_ encoding: String) -> Message {
        Message("read-as-encoding", .warning, "read as \(encoding) (the file is not UTF-8)")
    }

    // Zip archives (.docx, .xlsx)

    public static func zipMemberEncrypted(_ member: String) -> Message {
        Message("zip-member-encrypted", .error, "\(member): the member is encrypted; remove the password and save the file again")
    }
    public static func zipMethodUnsupported(_ member: String, method: Int) -> Message {
        Message("zip-method-unsupported", .error, "\(member): compression method \(method) is not supported "
                + "(only stored and deflate); open the file and save it again")
    }
    public static func zipMemberTooLarge(_ member: String, mebibytes: Int, limit: Int) -> Message {
        Message("zip-member-too-large", .error, "\(member): refused: a member of \(mebibytes) MiB is over the \(limit) MiB limit")
    }
    public static func zipRatioTooHigh(_ member: String, ratio: Int) -> Message {
        Message("zip-ratio", .error, "\(member): refused: compressed more than \(ratio) to 1, which only a zip bomb does")
    }
    public static func zipInflatesPastSize(_ member: String, declared: Int) -> Message {
        Message("zip-inflates-past-size", .error, "\(member): refused: the member inflates past its declared \(declared) bytes "
                + "(a damaged file or a zip bomb)")
    }
    public static func zipDamaged(_ file: String, why: String) -> Message {
        Message("zip-damaged", .error,
                "\(file): not a readable zip archive (\(why)); the file is damaged: open it in its program and save it again")
    }
    public static func zip64Refused(_ file: String, members: Int, memberMebibytes: Int) -> Message {
        Message("zip64-refused", .error, "\(file): refused: a ZIP64 archive, larger than plansh reads (\(members) members, "
                + "\(memberMebibytes) MiB a member)")
    }
    public static func zipTooManyMembers(_ file: String, count: Int, limit: Int) -> Message {
        Message("zip-too-many-members", .error, "\(file): refused: \(count) members is over the limit of \(limit)")
    }
    public static func cannotBuildWorkbook() -> Message {
        Message("cannot-build-workbook", .error, "cannot build the workbook's zip in memory")
    }

    // XML inside office files

    public static func malformedXML(_ source: String, line: Int, why: String) -> Message {
        Message("malformed-xml", .error,
                "\(source):\(line): not well-formed XML (\(why)); the file is damaged: open it in its program and save it again")
    }
    public static func xmlDoctypeRefused(_ source: String) -> Message {
        Message("xml-doctype-refused", .error, "\(source): refused: the XML declares a DOCTYPE with entities or an external DTD, "
                + "which plansh never expands; office files have none")
    }
    public static func xmlEntityRefused(_ source: String, entity: String) -> Message {
        Message("xml-entity-refused", .error, "\(source): refused: the XML declares entity \(entity), which plansh never expands")
    }

    // Word, web pages, Excel

    public static func wordWithoutDocument(_ file: String) -> Message {
        Message("word-without-document", .error,
                "\(file): a Word package without word/document.xml; open it in Word or WPS and save it again")
    }
    public static func wordHoldsNoText(_ file: String) -> Message {
        Message("word-holds-no-text", .error, "\(file): the Word document holds no text (only pictures or empty paragraphs); "
                + "a scanned plan must be typed or recognised (OCR) into text first")
    }
    public static func webPageHoldsNoText(_ file: String) -> Message {
        Message("web-page-holds-no-text", .error, "\(file): the web page shows no text")
    }
    public static func zipNotWorkbook(_ file: String) -> Message {
        Message("zip-not-workbook", .error, "\(file) is a zip archive but not an Excel workbook (it has no xl/workbook.xml); "
                + "save the sheet as .xlsx or CSV")
    }
    public static func workbookWithoutSheets(_ file: String) -> Message {
        Message("workbook-without-sheets", .error, "\(file) has no worksheets")
    }
    public static func sheetMissingFromWorkbook(_ file: String, sheet: String, path: String) -> Message {
        Message("sheet-missing", .error, "\(file): sheet \"\(sheet)\" is missing from the workbook (\(path))")
    }
    public static func noSheetNamed(_ file: String, sheet: String, sheets: [String]) -> Message {
        Message("no-sheet", .error, "\(file) has no sheet \"\(sheet)\"" + Suggest.phrase(sheet, in: sheets)
                + " (sheets: " + sheets.map { "\"\($0)\"" }.joined(separator: ", ") + ")")
    }
}

extension Messages {
    /// An .xlsx sheet whose cells (with the empty ones a value far to the right pads its row
    /// with) pass the reader's bound.
    static func sheetTooManyCells(_ file: String, sheet: String, limit: Int) -> Message {
        Message("sheet-too-many-cells", .error,
                "\(file): sheet \"\(sheet)\" holds more than \(limit) cells (values far to the right of a row count with "
                + "every empty cell before them); delete the columns and rows past the table and save it again")
    }
}
