import ArgumentParser
import Foundation
import Fuzzing

/// `marketshape-fuzz`: the fuzz suite over the amount, date, identifier, CSV and whole-file reading paths.
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketshape-fuzz",
        abstract: "Fuzz MarketShape's reading paths: no crash, no hang, no broken property or reconciliation.",
        discussion: "Starts from built-in seeds (the hardening issue's cases) and the CSV files of each --corpus folder, then mutates them. Deterministic for a --seed. Failing inputs are written to --failures; replay one with --replay.")

    @Option(help: "Stop after this many inputs.") var inputs = 100_000
    @Option(help: "Stop after this many seconds, if sooner.") var seconds: Double?
    @Option(help: "The mutation seed.") var seed: UInt64 = 1
    @Option(name: .customLong("target"), help: "Fuzz only these targets (\(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))).")
    var targets: [String] = []
    @Option(help: "A folder of CSV files to start from (default: Tests/IngestTests/Fixtures when present).") var corpus: [String] = []
    @Option(help: "Where failing inputs are written.") var failures = "fuzz-failures"
    @Option(help: "Run these files through the targets instead of fuzzing.") var replay: [String] = []

    func run() throws {
        let chosen = try targets.map { name in
            guard let t = FuzzTarget(rawValue: name) else { throw ValidationError("unknown target '\(name)'") }
            return t
        }
        let active = chosen.isEmpty ? FuzzTarget.allCases : chosen
        if !replay.isEmpty {
            var broken = 0
            for file in replay {
                guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): cannot read") }
                for t in active {
                    do { try t.check(Array(data)); print("\(file) [\(t.rawValue)]: ok") } catch { broken += 1; print("\(file) [\(t.rawValue)]: \(error)") }
                }
            }
            if broken > 0 { throw ExitCode.failure }
            return
        }
        let folders = corpus.isEmpty && FileManager.default.fileExists(atPath: "Tests/IngestTests/Fixtures") ? ["Tests/IngestTests/Fixtures"] : corpus
        let run = FuzzRun(targets: active, corpus: folders, seed: seed)
        let onTerminal = isatty(STDOUT_FILENO) == 1
        let summary = run.run(inputs: inputs, seconds: seconds ?? .infinity) { s in
            if onTerminal { print("\r\(s.total) inputs in \(Int(s.seconds)) s, \(s.failures.count) failure(s)", terminator: ""); fflush(nil) }
        }
        if onTerminal { print("") }
        let perTarget = FuzzTarget.allCases.compactMap { t in summary.inputs[t].map { "\(t.rawValue) \($0)" } }.joined(separator: ", ")
        print("\(summary.total) inputs in \(String(format: "%.1f", summary.seconds)) s (seed \(seed)): \(perTarget)")
        if let slow = summary.slowest { print("slowest input: \(String(format: "%.3f", slow.seconds)) s (\(slow.target.rawValue), \(slow.input.count) bytes)") }
        guard !summary.failures.isEmpty else { print("no crash, no hang, no broken property"); return }
        try FileManager.default.createDirectory(atPath: failures, withIntermediateDirectories: true)
        for (i, f) in summary.failures.prefix(50).enumerated() {
            let path = "\(failures)/\(f.target.rawValue)-\(i).bin"
            try Data(f.input).write(to: URL(fileURLWithPath: path))
            print("FAILURE [\(f.target.rawValue)] \(f.failure)\n  input: \(path) (replay: marketshape-fuzz --target \(f.target.rawValue) --replay \(path))")
        }
        throw ExitCode.failure
    }
}

FuzzCommand.main()
