import Foundation
import Testing
@testable import PlanKit

/// Bad input: every case is a clear Diagnostic at the right span, never a crash or a hang.
@Suite struct QueryErrorTests {
    func filter(_ text: String) throws { _ = try QueryEngine.filterRows(text, in: QueryFixture.workspace, context: QueryFixture.context) }
    func command(_ text: String) throws { _ = try QueryFixture.run(text) }

    @Test func unknownFieldSuggestsNearest() {
        expectDiagnostic("ofice = 办公室", at: "ofice", message: "unknown field \"ofice\" — did you mean \"office\"?", filter)
        expectDiagnostic("find tasks where stauts = behind", at: "stauts", message: "did you mean \"status\"?", command)
        expectDiagnostic("count by ofice", at: "ofice", message: "did you mean \"office\"?", command)
        expectDiagnostic("find order by progres", at: "progres", message: "did you mean \"progress\"?", command)
    }

    @Test func unknownValueSuggestsNearest() {
        expectDiagnostic("status = behnd", at: "behnd", message: "unknown status \"behnd\" — did you mean \"behind\"?", filter)
        expectDiagnostic("office = \"医政科教\"", at: "\"医政科教\"", message: "did you mean \"医政科教科\"?", filter)
        expectDiagnostic("plan = yy2024", at: "yy2024", message: "no plan \"yy2024\" — did you mean \"yy2025\"?", filter)
        expectDiagnostic("id = yy2025:2.1.3", at: "yy2025:2.1.3", message: "did you mean \"yy2025:2.1.1\"?", filter)
        expectDiagnostic("target > 5分", at: "5分", message: "did you mean \"分钟\"?", filter)
        expectDiagnostic("overdue = maybe", at: "maybe", message: "true or false", filter)
    }

    @Test func unknownKeywordOrOperator() {
        expectDiagnostic("find tasks wher status = done", at: "wher", message: "unknown keyword \"wher\" — did you mean \"where\"?", command)
        expectDiagnostic("find tasks where status = done odrer by id", at: "odrer", message: "did you mean \"order\"?", command)
        expectDiagnostic("find tasks where text contain 托育", at: "contain", message: "did you mean \"contains\"?", command)
        expectDiagnostic("status = done adn progress > 1", at: "adn", message: "did you mean \"and\"?", filter)
        expectDiagnostic("find tasks status = done", at: "status", message: "a condition goes after `where`", command)
        expectDiagnostic("find tasks order progress", at: "progress", message: "expected `by` after `order`", command)
        expectDiagnostic("note is emty", at: "emty", message: "expected `empty`", filter)
        expectDiagnostic("find --format yaml", at: "yaml", message: "unknown format", command)
    }

    @Test func unterminatedStringIsIncomplete() {
        expectDiagnostic("text contains \"托育 and x", at: "\"托育 and x", message: "unterminated string", kind: .incomplete, filter)
    }

    @Test func unbalancedParentheses() {
        expectDiagnostic("(status = done or progress > 5", at: "(", message: "unclosed parenthesis", kind: .incomplete, filter)
        expectDiagnostic("status = done)", at: ")", message: "unmatched \")\"", filter)
        expectDiagnostic("find where (status = done))", at: ")", occurrence: 2, message: "unmatched \")\"", command)
        expectDiagnostic("office in (办公室, 疾控科", at: "(", message: "unclosed parenthesis", kind: .incomplete, filter)
        expectDiagnostic("office in ()", at: "()", message: "at least one value", filter)
    }

    @Test func tenThousandNestedParenthesesAreRefusedNotOverflowed() {
        let text = String(repeating: "(", count: 10_000) + "status = done" + String(repeating: ")", count: 10_000)
        // The 101st parenthesis is the one past the limit.
        let chars = Array(text)
        var d: Diagnostic?
        do { try filter(text) } catch let e as Diagnostic { d = e } catch {}
        #expect(d?.message.contains("nested too deeply") == true)
        #expect(d?.span == Parser.maxDepth..<(Parser.maxDepth + 1))
        #expect(d.flatMap { $0.span.map { chars[$0.lowerBound] } } == "(")
        let nots = String(repeating: "not ", count: 10_000) + "status = done"
        #expect(throws: Diagnostic.self) { try filter(nots) }
        let opens = String(repeating: "(", count: 10_000)
        #expect(throws: Diagnostic.self) { try filter(opens) }
    }

    @Test func oneMegabyteQueryIsHandled() throws {
        // A long literal: searched, not a crash.
        let long = String(repeating: "托", count: 350_000)
        let t0 = Date()
        #expect(try QueryFixture.ids("text contains \"\(long)\"") == [])
        // A long chain of or-terms parses iteratively.
        let chain = Array(repeating: "progress = 5", count: 80_000).joined(separator: " or ")
        #expect(chain.utf8.count > 1_000_000)
        #expect(try QueryFixture.ids(chain) == ["b9:2"])
        // And a megabyte of garbage fails at its first bad word.
        let junk = "status = done " + String(repeating: "x", count: 1_000_000)
        expectDiagnostic(junk, at: String(repeating: "x", count: 1_000_000), message: "unexpected", filter)
        #expect(Date().timeIntervalSince(t0) < 60)
    }

    @Test func limitMustBeAWholeNumber() {
        expectDiagnostic("find tasks limit -1", at: "-1", message: "whole number", command)
        expectDiagnostic("find tasks limit ten", at: "ten", message: "whole number", command)
        expectDiagnostic("find tasks limit", at: "limit", message: "needs a number", command)
    }

    @Test func numbersMustBeNumbers() {
        expectDiagnostic("progress > \"abc\"", at: "\"abc\"", message: "progress is a number (0–100); \"abc\" is not a number", filter)
        expectDiagnostic("target >= abc%", at: "abc%", message: "not a number", filter)
        expectDiagnostic("level = 1.2.3", at: "1.2.3", message: "not a number", filter)
        expectDiagnostic("due < 2025-13-01", at: "2025-13-01", message: "due takes a date", filter)
        expectDiagnostic("updated = april", at: "april", message: "YYYY-MM", filter)
    }

    @Test func invalidRegularExpression() {
        expectDiagnostic("text matches \"(托育\"", at: "\"(托育\"", message: "invalid regular expression \"(托育\": unclosed \"(\"", filter)
        expectDiagnostic("heading matches \"*x\"", at: "\"*x\"", message: "nothing to repeat", filter)
    }

    @Test func operatorsAFieldDoesNotTake() {
        expectDiagnostic("status > done", at: ">", message: "status compares with = != or in", filter)
        expectDiagnostic("progress contains 5", at: "contains", message: "progress is a number", filter)
        expectDiagnostic("section < 2", at: "<", message: "section takes = != or in", filter)
        expectDiagnostic("progress is empty", at: "progress", message: "always has a value", filter)
    }

    @Test func missingPieces() {
        expectDiagnostic("status =", at: "=", message: "expected a value after `=`", filter)
        expectDiagnostic("status", at: "status", message: "expected an operator after status", filter)
        expectDiagnostic("find tasks where", at: "where", message: "needs a condition", command)
        expectDiagnostic("status = done and", at: "and", message: "expected a field name", filter)
        expectDiagnostic("\"医政科教科\" = office", at: "\"医政科教科\"", message: "expected a field name", filter)
    }

    @Test func spansShiftByOffset() {
        do {
            _ = try QueryEngine.filterRows("ofice = x", offset: 17, in: QueryFixture.workspace, context: QueryFixture.context)
            Issue.record("no error")
        } catch let d as Diagnostic {
            #expect(d.span == 17..<22)
        } catch {
            Issue.record("\(error)")
        }
    }

    /// Every mistake the query parser reports is a named message of the catalogue (`Messages`)
    /// with its severity; none is written inline. One bad query per message.
    @Test func parserMessagesComeFromTheCatalogue() {
        let cases: [(String, String)] = [
            ("", "expected-condition"), ("find tasks where", "where-needs-condition"),
            ("find limit 2 limit 3", "keyword-twice"), ("count by office, office", "group-field-twice"),
            ("count by office, status, plan, section, progress", "too-many-group-fields"),
            ("find where status = done)", "unmatched-parenthesis"), ("find tasks status = done", "condition-after-where"),
            ("find tasks wher status = done", "unknown-keyword"), ("find tasks ,", "unexpected-token"),
            ("find order progress", "expected-by"), ("find limit", "limit-needs-number"), ("find limit -1", "limit-not-whole"),
            ("find show", "field-list-needed"), ("find --format", "format-flag-needs-format"),
            ("find --formats json", "unknown-option"), ("find --format yaml", "unknown-format"),
            ("find where not", "not-needs-condition"), ("find where (", "unclosed-parenthesis"),
            ("find where status contain done", "unknown-operator"), ("find where note is emty", "expected-empty"),
            ("find where status", "expected-operator"), ("find where status =", "expected-operand"),
            ("find where office in 医政科", "expected-list"), ("find where office in ()", "empty-in-list"),
            ("find where office in (a b)", "expected-list-separator"), ("find where and", "keyword-for-field"),
            ("find where ofice = a", "unknown-field"), ("find where status = done and", "expected-field"),
            ("find where \"x\" = 1", "string-for-field"), ("find where " + String(repeating: "(", count: 300), "nested-too-deeply"),
        ]
        for (text, name) in cases {
            do {
                _ = try Parser.parseCommand(text.isEmpty ? "find where" : text)
                if !text.isEmpty { Issue.record("no error for \(text)") }
            } catch let d as Diagnostic {
                let expected = text.isEmpty ? "where-needs-condition" : name
                #expect(d.name == expected && d.severity == .error, "\(text.prefix(40)): \(d.name ?? "inline") \(d.message)")
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
        #expect(throws: Diagnostic.self) { try Parser.parseFilter("") }
        do { _ = try Parser.parseFilter("") } catch let d as Diagnostic { #expect(d.name == "expected-condition") } catch {}
    }

    /// Every user-facing message is a catalogue entry (Messages*.swift): no source file outside the
    /// catalogue hands a literal sentence to a diagnostic, an error, a warning or a problem list.
    @Test func noSourceWritesInlineMessages() throws {
        let sources = Fixtures.packageRoot.appendingPathComponent("Sources")
        // A string literal that is more than one interpolated value (`"\(error)"`) or spaces.
        let q = #""(?!\\\(\w+\)"|\s*")"#
        // Each alternative is one way a message was once written in place:
        let forms = [
            #"(Diagnostic|UsageError|LessonError|ImportWarning|Message)\((\s|[a-z]+:\s*)*"# + q,  // Diagnostic("…"), Message(name: "…")
            #"\b[A-Z]\w*(Error|Corruption|Problem|Warning|Failure)\((\s|[a-z]+:\s*)*"# + q,      // StoreCorruption("…"), SheetValueError("…")
            #"\bmessage:\s*"# + q,                                                            // Problem(row: 1, message: "…")
            #"\b(fail|warn)\([^,()]+,\s*"# + q,                                               // fail(span, "…"), warn(pos, "…")
            #"throw [A-Z]\w*\(\s*"# + q,                                                       // throw SomeError("…: \(…)")
            #"\b(problems|warnings|notes|fileWarnings)\.(append|insert)\(\s*"# + q,             // problems.append("…")
            #"\b(description|message): String \{\s*(return\s+)?"[A-Za-z][^"]*\s"#,           // var description: String { "A sentence" }
            #""(error|warning): [^\\"]"#,                                                  // "error: …" spelled by hand
        ]
        // Simple word boundaries: by Unicode's, `d.notes` is one word and `\bnotes` would not match in it.
        let inline = try Regex(forms.joined(separator: "|")).wordBoundaryKind(.simple)
        // In a file declaring an error type, a switch case returning a sentence is its description.
        let sentenceCase = try Regex(#"^\s*case [^:]+:\s*(return\s+)?"[^"]*[a-z]+ [a-z]+[^"]*"\s*$"#)
        // The forms plansh's sources used before the catalogue, each caught; a location frame is not.
        let before = [#"throw Diagnostic("\(fileName): the file is empty")"#, #"StoreCorruption("\(displayName) is damaged (\(what))")"#,
                      #"return .failure(SheetValueError("bad due date \"\(s)\""))"#, #"problems.append("no task id")"#,
                      #"warn(c.start, "numeral repeats the previous one")"#, #"result.warnings.append(.init(row: n, message: "row skipped"))"#,
                      #"var description: String { "cannot take the lock" }"#, #"throw StoreCorruption("\(e.message); this store cannot be opened")"#,
                      #"d.notes.append("in script \(frame.name)")"#]
        for line in before { #expect(line.contains(inline), "\(line)") }
        #expect(#"        case .newer: return "written by a newer plansh""#.wholeMatch(of: sentenceCase) != nil)
        for line in [#"problems.append("\(error)")"#, #"notes.append("  " + Messages.moreProblems(n).text)"#,
                     #"public var description: String { "\(row): \(message)" }"#] {
            #expect(!line.contains(inline), "\(line)")
        }
        var found: [String] = []
        var scanned: Set<String> = []
        guard let files = FileManager.default.enumerator(atPath: sources.path) else { return }
        for case let file as String in files where file.hasSuffix(".swift") {
            // The catalogue itself (Diagnostics/Messages*.swift) is where the words belong.
            if file.hasPrefix("PlanKit/Diagnostics/Messages") { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let declaresError = text.contains(": Error") || text.contains(", Error")
            scanned.insert((file as NSString).deletingLastPathComponent)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//")
                && (line.contains(inline) || declaresError && line.wholeMatch(of: sentenceCase) != nil) {
                found.append("\(file):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        for dir in ["PlanShell", "plansh", "PlanKit/Model", "PlanKit/Import", "PlanKit/Query", "PlanKit/Query/Fields", "PlanKit/Text",
                    "PlanKit/Store", "PlanKit/Formats", "PlanKit/Supervision", "PlanKit/Report", "PlanKit/Render", "PlanKit/Diagnostics"] {
            #expect(scanned.contains(dir), "scanned Sources/\(dir)")
        }
        #expect(found.isEmpty, "messages written inline instead of in Messages:\n\(found.joined(separator: "\n"))")
    }

    /// The fields' own checks (supervision and target fields) say catalogue messages at the value.
    @Test func fieldMessagesAreNamed() {
        func name(_ command: String) -> String? {
            do { _ = try QueryEngine.run(command, in: QueryFixture.workspace, context: QueryFixture.context); return nil }
            catch let d as Diagnostic { return d.name } catch { return "not a diagnostic" }
        }
        let cases = [
            ("find where start = soon", "bad-start"), ("find where due_in = 1.5", "due-in-not-whole"),
            ("find where light > red", "choice-operator"), ("find where pace = fast", "unknown-pace"),
            ("find where light = blue", "unknown-light"), ("find where target > 5分", "unknown-unit"),
            ("find where target > many", "target-not-a-number"), ("find where text matches \"(a\"", "invalid-regex"),
            ("find targets where met > 1", "boolean-operator"), ("find targets where met = maybe", "not-a-boolean"),
            ("find targets where light = blue", "unknown-light"), ("find targets where month = may", "bad-month"),
            ("find targets where attainment > 80元", "ratio-with-unit"), ("find targets where value > lots", "not-a-number"),
            ("find targets where id = yy2025:1.1", "task-not-target"), ("find targets where id = x", "not-target-id"),
            ("find targets where id = yy2025:1.1#7", "no-target"),
        ]
        for (command, expected) in cases { #expect(name(command) == expected, "\(command)") }
        expectDiagnostic("find targets where light = blue", at: "blue",
                         message: "unknown light \"blue\" (lights: red yellow green, 红灯 黄灯 绿灯)", command)
        expectDiagnostic("find where text matches \"(a\"", at: "\"(a\"",
                         message: "invalid regular expression \"(a\": unclosed \"(\"", command)
    }

    /// The store's messages (snapshots, its files, progress sheets) carry their catalogue names.
    @Test func storeMessagesAreNamed() throws {
        func name(_ body: () throws -> Void) -> String? {
            do { try body(); return nil }
            catch let d as Diagnostic { return d.name } catch let e as StoreCorruption { return e.name }
            catch { return "not a diagnostic" }
        }
        let dir = StoreTestSupport.temporaryDirectory("messages")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(at: dir)
        defer { store.close() }
        try store.commit(.importPlans([StoreTestSupport.plan("yy2025", tasks: 3)], replace: false))
        try store.save(name: "a", overwrite: false, now: 1)
        #expect(name { try store.save(name: "a", overwrite: false, now: 2) } == "snapshot-exists")
        #expect(name { _ = try store.snapshotWorkspace(named: "b") } == "no-snapshot")
        #expect(name { _ = try store.snapshotWorkspace(named: ".b") } == "bad-snapshot-name")
        #expect(SnapshotName.problem(with: "a/b")?.text == "a snapshot name may hold letters, digits, \".\", \"_\", \"-\" and Chinese characters, not \"/\"")
        let junk = dir.appendingPathComponent("junk.plansnap")
        try Data(repeating: 7, count: 100).write(to: junk)
        #expect(name { _ = try SnapshotFile.Reader(path: junk.path, displayName: "junk") } == "not-a-snapshot")
        try Data(repeating: 7, count: 3).write(to: junk)
        #expect(name { _ = try SnapshotFile.Reader(path: junk.path, displayName: "junk") } == "file-truncated")
        #expect(name { _ = try Store.open(at: junk) } == "store-not-directory")
        let sheet = Array("id,status\nyy2025:9,done\nyy2025:1.1.1,doing\n".utf8)
        let result = ProgressSheet.parse(sheet, displayName: "s.csv", in: store.workspace)
        #expect(result.problems.map(\.message) == ["no task \"yy2025:9\"", "unknown status \"doing\" — did you mean \"done\"? (not_started, on_track, behind, done; "
                                                    + "未启动, 推进中, 滞后, 已完成; " + TaskStatus.synonyms.map(\.word).filter { !$0.allSatisfy(\.isASCII) }
                                                        .joined(separator: ", ") + ")"])
        #expect(ProgressSheet.diagnostic(result.problems, displayName: "s.csv").name == "sheet-bad-rows")
    }

    /// The importer's and the model's messages carry their catalogue names.
    @Test func importMessagesAreNamed() {
        func name(_ data: String, id: String = "p") -> String? {
            do { _ = try PlanImporter.parse(data: Data(data.utf8), fileName: "p.txt", id: id); return nil }
            catch let d as Diagnostic { return d.name } catch { return "not a diagnostic" }
        }
        #expect(name("一、总则", id: "P!") == "invalid-plan-id")
        #expect(name("") == "empty-file")
        #expect(name("一、\u{0}") == "binary-file")
        #expect(name("没有编号的文字。") == "no-plan-structure")
        #expect(InputFile.failure("x.txt", ENOENT).name == "cannot-read")
        #expect(InputFile.failure("x.txt", ENOENT).message == "cannot read x.txt: no such file")
        #expect(PlanBatch.failure(["a.txt: not read"], of: 2).name == "files-cannot-be-imported")
    }

    /// Messages from the file readers and the supervision rules carry their catalogue names.
    @Test func formatAndSupervisionMessagesAreNamed() {
        #expect(FileKind.pdf.refusal(fileName: "a.pdf", purpose: .plan)?.name == "pdf-not-read")
        #expect(FileKind.xlsx.refusal(fileName: "a.xlsx", purpose: .plan)?.message.hasPrefix("a.xlsx: is an Excel workbook") == true)
        func name(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let d as Diagnostic { return d.name } catch { return "not a diagnostic" }
        }
        #expect(name { _ = try Rules().setting("red", to: 101) } == "rule-too-large")
        #expect(name { _ = try Rules().setting("yelow", to: 1) } == "no-rule")
        #expect(name { _ = try AsOf.parseDay("2025-02-30") } == "no-such-day")
        #expect(name { _ = try AsOf.parseMonth("2025-13") } == "bad-reporting-month")
        #expect(name { _ = try TextDecoding.decode(Data([0xFF, 0xFE, 0x41]), fileName: "x.txt") } == "bad-byte-order-mark")
        #expect(ReportError.noPlans.message.name == "no-plans-to-report")
        #expect(ReportError.unknownPlan("t2", suggestion: "t1").description == "no plan \"t2\" — did you mean \"t1\"?")
    }
}
