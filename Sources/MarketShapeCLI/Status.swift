import ArgumentParser
import Foundation
import Ingest
import MarketShapeCore
import Pipeline
import Reports
import Warehouse

extension MarketShapeCommand {
    /// `marketshape status [PIPELINE…]`: the last runs of each pipeline, as text or JSON.
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

        @Flag(help: "Print one JSON object {\"pipelines\": [...]} instead of text.")
        var json = false

        /// One pipeline's state, as both forms print it.
        struct PipelineState: Encodable {
            var name: String, file: String, warehouse: String
            var neverRun: Bool
            var integrityCheck: String?
            var runs: [RunState] = []
            var holds: Holds?
            var stages: [StageState] = []
            var timeliness: Timeliness?
        }
        struct RunState: Encodable {
            var runID: Int, command: String, startedAt: String, finishedAt: String?
            /// `running` only while a process holds the warehouse lock; a run with no end and no holder is `interrupted`.
            var status: String
            var exitCode: Int?, message: String?
            var stages: [String: String]
            var stageOrder: [String]
        }
        struct Holds: Encodable { var files: Int, loaded: Int, loadedPence: Int, setAside: Int }
        struct StageState: Encodable { var stage: String, builtByRun: Int?, current: Bool, outOfDate: String? }

        func run() throws {
            var files = pipelines
            if files.isEmpty {
                files = ((try? FileManager.default.contentsOfDirectory(atPath: "pipelines")) ?? [])
                    .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { "pipelines/\($0)" }
            }
            if files.isEmpty { throw ValidationError("no pipeline files given and none in ./pipelines") }
            var states: [PipelineState] = []
            for file in files {
                let state = try Self.state(of: try PipelineConfig.load(path: file), file: file, last: last, check: check)
                if json { states.append(state) } else { print(Self.text(state), terminator: "") }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                print(String(decoding: DisplayText.cleanJSON(Array(try encoder.encode(["pipelines": states]))), as: UTF8.self))
            }
        }

        /// What the warehouse says about one pipeline. With `check`, a damaged warehouse throws (exit 1).
        static func state(of config: PipelineConfig, file: String, last: Int, check: Bool) throws -> PipelineState {
            var state = PipelineState(name: config.name, file: file, warehouse: config.warehouse, neverRun: true)
            guard FileManager.default.fileExists(atPath: config.warehouse) else { return state }
            let warehouse = try Warehouse(path: config.warehouse)
            if check {
                try warehouse.check(full: true)
                state.integrityCheck = "ok"
            }
            let ledger = RunLedger(warehouse: warehouse)
            let runs = try ledger.recent(limit: last)
            state.neverRun = runs.isEmpty
            let running = runs.contains { $0.finished_at == nil } && lockIsHeld(config.warehouse)
            for r in runs {
                let stages = try ledger.stages(of: r.run_id)
                let unfinished = r.finished_at == nil
                let status = unfinished ? (running && r.run_id == runs.map(\.run_id).max() ? "running" : "interrupted") : r.status
                state.runs.append(RunState(runID: r.run_id, command: r.command, startedAt: r.started_at, finishedAt: r.finished_at, status: status,
                                           exitCode: r.exit_code, message: r.runStatus == .succeeded && (r.exit_code ?? 0) == 0 ? nil : r.message,
                                           stages: Dictionary(stages.map { ($0.stage, $0.status) }, uniquingKeysWith: { $1 }), stageOrder: stages.map(\.stage)))
            }
            let held = try StagingReader(warehouse).currentTotals()
            state.holds = Holds(files: held.files, loaded: held.loaded, loadedPence: held.loadedPence, setAside: held.setAside)
            state.timeliness = try Timeliness(warehouse, config: config, now: Date())
            let lineage = Lineage(warehouse: warehouse, config: config)
            let builds = try lineage.builds()
            for stage in StageName.allCases {
                guard let build = builds[stage] else { state.stages.append(StageState(stage: stage.rawValue, builtByRun: nil, current: false, outOfDate: "never built")); continue }
                let why = try lineage.staleness(of: stage, builds: builds)
                state.stages.append(StageState(stage: stage.rawValue, builtByRun: build.runID, current: why == nil, outOfDate: why))
            }
            return state
        }

        /// The state as lines for people.
        static func text(_ s: PipelineState) -> String {
            var out = "\(s.name) (\(s.file))\n"
            if let check = s.integrityCheck { out += "  warehouse check: integrity_check \(check)\n" }
            if s.neverRun { return out + "  never run\n" }
            for r in s.runs {
                let stages = r.stageOrder.map { "\($0):\(r.stages[$0] ?? "")" }.joined(separator: " ")
                let end = r.finishedAt ?? (r.status == "running" ? "(running)" : "(interrupted: no process holds the lock)")
                out += "  run \(r.runID) (\(r.command)) \(r.startedAt) → \(end) \(r.status) exit \(r.exitCode.map(String.init) ?? "-") [\(stages)]\n"
                if let m = r.message { out += "    " + DisplayText.clean(m.split(separator: "\n").first.map(String.init) ?? m) + "\n" }
            }
            if let h = s.holds { out += "  holds \(h.files) current file(s): \(h.loaded) rows loaded (\(formatPounds(h.loadedPence))), \(h.setAside) set aside\n" }
            if let t = s.timeliness {
                var line = "  newest complete month \(t.newestCompleteMonth ?? "none")"
                if let arrived = t.newestFileArrived { line += "; newest spend file arrived \(arrived)" + (t.daysSinceNewFile.map { " (\($0) day(s) ago)" } ?? "") }
                if let expected = t.expectedMonth { line += "; expected by now: \(expected)" + (t.isLate ? " — LATE" : ", held") }
                out += line + "\n"
            }
            for st in s.stages {
                guard let run = st.builtByRun else { out += "  \(st.stage): never built\n"; continue }
                out += "  \(st.stage): built by run \(run)" + (st.outOfDate.map { ", out of date: \($0)" } ?? ", current") + "\n"
            }
            return out
        }
    }
}
