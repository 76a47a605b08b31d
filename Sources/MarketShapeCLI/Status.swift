import ArgumentParser
import Foundation
import Ingest
import MarketShapeCore
import Pipeline
import Warehouse

extension MarketShapeCommand {
    /// `marketshape status [PIPELINE…]`: the last runs of each pipeline.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the last runs of pipelines (default: every pipelines/*.yml).")

        @Argument(help: "Pipeline files.")
        var pipelines: [String] = []

        @Option(help: "How many runs to show per pipeline.")
        var last = 5

        func run() throws {
            var files = pipelines
            if files.isEmpty {
                files = ((try? FileManager.default.contentsOfDirectory(atPath: "pipelines")) ?? [])
                    .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { "pipelines/\($0)" }
            }
            if files.isEmpty { throw ValidationError("no pipeline files given and none in ./pipelines") }
            for file in files {
                let config = try PipelineConfig.load(path: file)
                print("\(config.name) (\(file))")
                guard FileManager.default.fileExists(atPath: config.warehouse) else { print("  never run"); continue }
                let warehouse = try Warehouse(path: config.warehouse)
                let ledger = RunLedger(warehouse: warehouse)
                let runs = try ledger.recent(limit: last)
                if runs.isEmpty { print("  never run") }
                for r in runs {
                    let stages = try ledger.stages(of: r.run_id).map { "\($0.stage):\($0.status)" }.joined(separator: " ")
                    print("  run \(r.run_id) (\(r.command)) \(r.started_at) → \(r.finished_at ?? "(running)") \(r.status) exit \(r.exit_code.map(String.init) ?? "-") [\(stages)]")
                    if let m = r.message, r.runStatus != .succeeded { print("    " + (m.split(separator: "\n").first.map(String.init) ?? m)) }
                }
                let held = try StagingReader(warehouse).currentTotals()
                print("  holds \(held.files) current file(s): \(held.loaded) rows loaded (\(formatPounds(held.loadedPence))), \(held.setAside) set aside")
                // What each stage's tables were built from, and whether they still match.
                let lineage = Lineage(warehouse: warehouse, config: config)
                let builds = try lineage.builds()
                for stage in StageName.allCases {
                    guard let build = builds[stage] else { print("  \(stage.rawValue): never built"); continue }
                    let why = try lineage.staleness(of: stage, builds: builds)
                    print("  \(stage.rawValue): built by run \(build.runID)" + (why.map { ", out of date: \($0)" } ?? ", current"))
                }
            }
        }
    }
}
