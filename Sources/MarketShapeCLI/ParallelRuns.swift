import Foundation
import MarketShapeCore

/// `run A.yml B.yml … --jobs N`: each body's run is a `marketshape run` process of its own (its own warehouse, lock and
/// log), at most `jobs` at once. Each body's output is printed whole when it ends, under a line naming the body, its exit
/// status and time, so outputs never interleave. The exit status is 0 when every run succeeded, else the first failing
/// body's (in the order given).
struct ParallelRuns {
    var pipelines: [String]
    var jobs: Int
    var flags: [String]

    /// Runs them all; returns the exit status to end with.
    func run() throws -> Int32 {
        // Every file is checked before anything starts: a typo in the tenth file should not cost nine runs.
        for file in pipelines { _ = try PipelineConfig.load(path: file) }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("marketshape-jobs-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let slots = DispatchSemaphore(value: jobs), printing = NSLock(), group = DispatchGroup()
        let statuses = Statuses(count: pipelines.count)
        print("running \(pipelines.count) bodies, \(jobs) at a time")
        for (i, file) in pipelines.enumerated() {
            slots.wait()
            group.enter()
            let outPath = "\(scratch)/\(i).out", errPath = "\(scratch)/\(i).err"
            FileManager.default.createFile(atPath: outPath, contents: nil)
            FileManager.default.createFile(atPath: errPath, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["run", file] + flags
            let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath)), err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
            process.standardOutput = out
            process.standardError = err
            let started = Date()
            process.terminationHandler = { p in
                try? out.close(); try? err.close()
                let text = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
                let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
                let seconds = Date().timeIntervalSince(started)
                printing.lock()
                print("── \(file): exit \(p.terminationStatus) (\(ExitStatus(rawValue: p.terminationStatus)?.meaning ?? "signal or unknown")), \(String(format: "%.1f", seconds)) s")
                print(text, terminator: text.hasSuffix("\n") || text.isEmpty ? "" : "\n")
                // Its warnings and errors stay on stderr, as a run's own do, after its block.
                let lines = errors.split(separator: "\n").map { "[\(file)] \($0)\n" }.joined()
                if !lines.isEmpty { FileHandle.standardError.write(Data(lines.utf8)) }
                printing.unlock()
                statuses.set(i, p.terminationStatus)
                slots.signal()
                group.leave()
            }
            do { try process.run() } catch {
                statuses.set(i, ExitStatus.failure.rawValue)
                print("── \(file): could not start: \(error)")
                slots.signal()
                group.leave()
            }
        }
        group.wait()
        let failed = zip(pipelines, statuses.all).filter { $0.1 != 0 }
        print(failed.isEmpty ? "all \(pipelines.count) bodies succeeded" : "\(failed.count) of \(pipelines.count) bodies did not succeed: " + failed.map { "\($0.0) (exit \($0.1))" }.joined(separator: ", "))
        return failed.first?.1 ?? 0
    }
}

/// The exit statuses of the runs, set from their termination handlers.
final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int32]
    init(count: Int) { values = Array(repeating: 0, count: count) }
    func set(_ i: Int, _ status: Int32) { lock.lock(); values[i] = status; lock.unlock() }
    var all: [Int32] { lock.lock(); defer { lock.unlock() }; return values }
}
