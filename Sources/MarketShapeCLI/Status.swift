import ArgumentParser
import Foundation
import Ingest
import MarketShapeCore
import Pipeline
import Warehouse

extension MarketShapeCommand {
    /// `marketshape status [PIPELINE…]`: the last runs of each pipeline.
    struct Status: ParsableCommand {
        /// Whether another process holds the warehouse's lock now (taken and released at once when free).
        static func lockIsHeld(_ warehouse: String) -> Bool {
            do { try WarehouseLock(warehouse: warehouse).release(); return false } catch is LockHeldError { return true } catch { return false }
        }

        static let configuration = CommandConfiguration(abstract: "Show the last runs of pipelines (default: every pipelines/*.yml).")

        @Argument(help: "Pipeline files.")
        var pipelines: [String] = []

        @Option(help: "How many runs to show per pipeline.")
        var last = 5

        @Flag(help: "Also check every page and index of each warehouse (PRAGMA integrity_check); exit 1 on damage.")
        var check = false

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
                if check {
                    try warehouse.check(full: true)
                    print("  warehouse check: integrity_check ok")
                }
                let ledger = RunLedger(warehouse: warehouse)
                let runs = try ledger.recent(limit: last)
                if runs.isEmpty { print("  never run") }
                // A run without an end is running only while some process holds the warehouse lock; else it was killed.
                let running = runs.contains { $0.finished_at == nil } && Self.lockIsHeld(config.warehouse)
                for r in runs {
                    let stages = try ledger.stages(of: r.run_id).map { "\($0.stage):\($0.status)" }.joined(separator: " ")
                    let end = r.finished_at ?? (running && r.run_id == runs.map(\.run_id).max() ? "(running)" : "(interrupted: no process holds the lock)")
                    print("  run \(r.run_id) (\(r.command)) \(r.started_at) → \(end) \(r.finished_at == nil && !running ? "interrupted" : r.status) exit \(r.exit_code.map(String.init) ?? "-") [\(stages)]")
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
