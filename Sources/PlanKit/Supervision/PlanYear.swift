/// The year of a plan (SPEC §1): the one just before 工作要点/工作计划 in the title, else the
/// title's last year, else a `20xx` in the file name not inside a longer digit run.
public enum PlanYear {
    /// How the warning for a plan with no year begins (a `year` override removes it).
    public static let missingWarningPrefix = Messages.missingYearPrefix

    static let keywords = ["工作要点", "工作计划"]

    /// The year named by `title`, or nil.
    public static func fromTitle(_ title: String) -> Int? {
        let years = yearsIn(title, range: 1990...2100)
        guard !years.isEmpty else { return nil }
        let s = Array(title.unicodeScalars)
        let keyScalars = keywords.map { Array($0.unicodeScalars) }
        for i in s.indices where keyScalars.contains(where: { k in i + k.count <= s.count && Array(s[i..<(i + k.count)]) == k }) {
            if let y = years.last(where: { $0.offset < i }) { return y.year }
            break
        }
        return years.last?.year
    }

    /// A `20xx` in a file name that is not part of a longer run of digits, or nil.
    public static func fromFileName(_ name: String) -> Int? {
        yearsIn(name, range: 2000...2099).first?.year
    }

    /// The plan's year from its title, else its file name.
    public static func find(title: String, fileName: String) -> Int? {
        fromTitle(title) ?? fromFileName(fileName)
    }

    /// The warning for a plan whose year had to be taken from the import date.
    public static func missingWarning(importYear: Int) -> ImportWarning {
        ImportWarning(line: 1, message: Messages.missingYear(importYear: importYear).text)
    }

    /// Runs of exactly four digits (ASCII or full-width) within `range`, with their scalar offsets.
    static func yearsIn(_ text: String, range: ClosedRange<Int>) -> [(offset: Int, year: Int)] {
        let s = Array(text.unicodeScalars.map(\.value))
        var out: [(Int, Int)] = []
        var i = 0
        while i < s.count {
            guard DeadlineExtractor.digit(s[i]) != nil else { i += 1; continue }
            var j = i, v = 0
            while j < s.count, let d = DeadlineExtractor.digit(s[j]) { v = v * 10 + d; j += 1 }
            if j - i == 4, range.contains(v) { out.append((i, v)) }
            i = j
        }
        return out
    }
}
