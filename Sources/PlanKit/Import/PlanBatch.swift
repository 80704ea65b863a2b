import Dispatch
import Foundation

/// Imports every plan document of a directory (`*.txt`, `*.docx`, `*.html`, `*.htm`; the bytes
/// decide how each is read, and a refused kind fails the batch), all or nothing: the files are parsed in parallel
/// batches, progress is reported between batches, and any bad file (or a cancel) leaves
/// nothing imported.
public struct PlanBatch: Sendable {
    public struct Progress: Sendable {
        public var files: Int
        public var totalFiles: Int
        public var tasks: Int
        public var bytes: Int
        public var seconds: Double
        public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0 }
    }

    public struct Outcome: Sendable {
        public var plans: [ImportedPlan]
        public var progress: Progress
        public var warnings: Int { plans.reduce(0) { $0 + $1.info.warnings.count } }
        public var tasks: Int { plans.reduce(0) { $0 + $1.tasks.count } }
    }

    public let directory: URL
    /// Plan document file names (`PlanDocument.isPlanFileName`), in natural order.
    public let files: [String]

    public init(directory: URL) throws {
        self.directory = directory
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw Diagnostic(Messages.cannotListDirectory(directory.path, reason: (error as NSError).localizedFailureReason ?? "not readable"))
        }
        files = names.filter(PlanDocument.isPlanFileName).sorted { NaturalOrder.less($0, $1) }
        guard !files.isEmpty else { throw Diagnostic(Messages.noPlanFiles(directory.path)) }
    }

    /// Parses every file. `progress` is called between batches; `isCancelled` is polled there too.
    public func run(now: Int64, progress: (Progress) -> Void, isCancelled: () -> Bool) throws -> Outcome {
        // Ids first: a file whose name makes no id, or two files making the same id, fail at once.
        var ids: [String] = []
        var seen: [String: String] = [:]
        var problems: [String] = []
        for name in files {
            guard let id = PlanImporter.planID(fromFileName: name) else {
                problems.append(Messages.fileMakesNoPlanID(name).text)
                ids.append("")
                continue
            }
            if let other = seen[id] { problems.append(Messages.filesShareAPlanID(name, id: id, other: other).text) }
            seen[id] = name
            ids.append(id)
        }
        guard problems.isEmpty else { throw Self.failure(problems, of: files.count) }

        let start = DispatchTime.now().uptimeNanoseconds
        let slots = Slots(count: files.count)
        var state = Progress(files: 0, totalFiles: files.count, tasks: 0, bytes: 0, seconds: 0)
        let batch = max(2, ProcessInfo.processInfo.activeProcessorCount * 4)
        var next = 0
        while next < files.count {
            if isCancelled() {
                throw Diagnostic(Messages.importCancelled(after: next, of: files.count))
            }
            let range = next..<min(files.count, next + batch)
            let dir = directory
            let names = files
            let planIDs = ids
            DispatchQueue.concurrentPerform(iterations: range.count) { k in
                let i = range.lowerBound + k
                let url = dir.appendingPathComponent(names[i])
                do {
                    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
                    slots.set(i, .success((try PlanImporter.importFile(at: url, id: planIDs[i], now: now), size)))
                } catch {
                    slots.set(i, .failure(error))
                }
            }
            for i in range {
                if case let .success((plan, size))? = slots[i] {
                    state.tasks += plan.tasks.count
                    state.bytes += size
                }
            }
            next = range.upperBound
            state.files = next
            state.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            progress(state)
        }
        var plans: [ImportedPlan] = []
        plans.reserveCapacity(files.count)
        for (i, name) in files.enumerated() {
            switch slots[i] {
            case let .success((plan, _))?: plans.append(plan)
            case let .failure(error)?:
                let message = "\(error)"
                problems.append(message.hasPrefix(name) ? message : "\(name): \(message)")
            case nil: problems.append(Messages.fileNotRead(name).text)
            }
        }
        guard problems.isEmpty else { throw Self.failure(problems, of: files.count) }
        return Outcome(plans: plans, progress: state)
    }

    static func failure(_ problems: [String], of total: Int) -> Diagnostic {
        let shown = problems.prefix(20)
        var notes = shown.map { "  " + $0 }
        if problems.count > shown.count { notes.append("  " + Messages.moreProblems(problems.count - shown.count).text) }
        return Diagnostic(Messages.filesCannotBeImported(problems.count, of: total), notes: notes)
    }

    /// One result per file, each written by exactly one worker before it is read.
    final class Slots: @unchecked Sendable {
        private var items: [Result<(ImportedPlan, Int), Error>?]
        private let lock = NSLock()
        init(count: Int) { items = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<(ImportedPlan, Int), Error>) { lock.lock(); items[i] = r; lock.unlock() }
        subscript(i: Int) -> Result<(ImportedPlan, Int), Error>? { lock.lock(); defer { lock.unlock() }; return items[i] }
    }
}
