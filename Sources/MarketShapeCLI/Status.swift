import ArgumentParser
import Foundation
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
                let runs = try RunLedger(warehouse: warehouse).recent(limit: last)
                if runs.isEmpty { print("  never run") }
                for r in runs {
                    let stages = try warehouse.query("SELECT stage || ':' || status FROM run_stages WHERE run_id = ? ORDER BY rowid", [r[0]])
                        .compactMap { $0[0].string }.joined(separator: " ")
                    print("  run \(r[0]) \(r[1]) \(r[2]) → \(r[3].string ?? "(running)") \(r[4]) exit \(r[5].string ?? "-") [\(stages)]")
                    if let m = r[6].string, r[4].string != "succeeded" { print("    " + (m.split(separator: "\n").first.map(String.init) ?? m)) }
                }
                let files = try warehouse.query("SELECT COUNT(*), coalesce(SUM(loaded_count), 0), coalesce(SUM(set_aside_count), 0), coalesce(SUM(loaded_pence), 0) FROM source_files WHERE is_current = 1").first!
                print("  holds \(files[0]) current file(s): \(files[1]) rows loaded (\(formatPounds(files[3].int ?? 0))), \(files[2]) set aside")
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
