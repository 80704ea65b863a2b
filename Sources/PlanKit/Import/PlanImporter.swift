import Foundation

/// Imports plan documents: the public entry to `PlanParser`.
public enum PlanImporter {
    /// Parses the plan in `data` as plan `id`: any format of SPEC §10 that `PlanDocument` reads
    /// (text in UTF-8 with or without BOM, UTF-16, GB18030; Word .docx; a web page), CRLF accepted.
    public static func parse(data: Data, fileName: String, id: String, now: Int64 = Int64(Date().timeIntervalSince1970)) throws -> ImportedPlan {
        guard isValidID(id) else {
            throw Diagnostic(Messages.invalidPlanID(id))
        }
        if data.count > 200_000_000 {
            throw Diagnostic(Messages.planTooLarge(fileName, megabytes: data.count / 1_000_000))
        }
        let document = try PlanDocument.read(data, fileName: fileName)
        let text = try document.text ?? PlanText.decode(document.utf8, fileName: fileName)
        var plan: ImportedPlan
        do {
            plan = try PlanParser.parse(text, id: id, fileName: fileName, now: now)
        } catch let d as Diagnostic where document.kind != .text && d.name == Messages.noPlanStructure("").name {
            let what = document.kind == .html ? "web page" : "Word document"
            throw Diagnostic(Messages.noPlanInDocument(fileName, what: what))
        }
        plan.info.warnings.insert(contentsOf: document.warnings.map { ImportWarning(line: 0, message: $0) }, at: 0)
        return plan
    }

    /// Reads and parses the file at `url`.
    public static func importFile(at url: URL, id: String? = nil, now: Int64 = Int64(Date().timeIntervalSince1970)) throws -> ImportedPlan {
        let name = url.lastPathComponent
        guard let planID = id ?? planID(fromFileName: name) else {
            throw Diagnostic(Messages.noPlanIDFromName(name))
        }
        let data = try InputFile.read(url.path, displayName: url.path)
        return try parse(data: data, fileName: name, id: planID, now: now)
    }

    /// `[a-z0-9_-]+`
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F || $0 == 0x2D }
    }

    /// A file name made a valid id: `Yuyao 2025.txt` → `yuyao-2025`; nil when nothing is left.
    public static func planID(fromFileName name: String) -> String? {
        var base = name
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
        var out = ""
        var lastDash = false
        for u in base.lowercased().unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "0" && u <= "9") || u == "_" || u == "-" {
                out.unicodeScalars.append(u)
                lastDash = u == "-"
            } else if !lastDash && !out.isEmpty {
                out += "-"
                lastDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? nil : String(out.prefix(64))
    }
}
