import Classify
import Foundation
import Ingest
import Logging
import MarketShapeCore
import Measures
import Places
import Reports
import Resolve
import StageKit
import Warehouse

/// Runs a pipeline's stages in order under the warehouse lock, checking data tests after each stage
/// and recording everything in the `runs` ledger.
public struct PipelineRunner {
    public var config: PipelineConfig
    public var console: Console
    public var logger: Logger
    /// The clock reports are stamped with (pinned in tests).
    public var now: () -> Date
    /// The period to report instead of the latest month.
    public var reportPeriod: ReportPeriod?

    public init(config: PipelineConfig, console: Console, logger: Logger, now: @escaping () -> Date = Date.init, reportPeriod: ReportPeriod? = nil) {
        self.config = config; self.console = console; self.logger = logger; self.now = now; self.reportPeriod = reportPeriod
    }

    /// The stage implementations, in order.
    public func stages() -> [PipelineStage] {
        [IngestStage(), ResolveStage(), ClassifyStage(), PlacesStage(), MeasureStage(), ReportStage(period: reportPeriod)]
    }

    /// What a finished run did.
    public struct Outcome: Sendable {
        public var runID: Int
        public var stages: [StageName]
        public var breaches: [String]
    }

    /// Runs the selected stages. Throws `LockHeldError` (another run), `RunFailure` (data), or the stage's error.
    @discardableResult
    public func run(_ selection: StageSelection = .all, command: String = "run") throws -> Outcome {
        let lock = try WarehouseLock(warehouse: config.warehouse)
        defer { lock.release() }
        let warehouse = try Warehouse(path: config.warehouse)
        let ledger = RunLedger(warehouse: warehouse)
        let runID = try ledger.start(pipeline: config.name, command: command)
        let context = StageContext(config: config, warehouse: warehouse, logger: logger, console: console, runID: runID, now: now())
        let selected = selection.stages
        console.line("run \(runID) of pipeline \(config.name) → \(config.warehouse)")
        var breaches: [String] = []
        do {
            for (i, stage) in stages().enumerated() where selected.contains(stage.name) {
                console.progress("[\(i + 1)/\(StageName.allCases.count)] \(stage.name.rawValue) …")
                logger.info("stage \(stage.name.rawValue) started", metadata: ["run": "\(runID)"])
                try ledger.stageStarted(runID: runID, stage: stage.name)
                let result: StageResult
                do { result = try stage.run(context) } catch {
                    try? ledger.stageFinished(runID: runID, stage: stage.name, status: "failed", result: nil, message: "\(error)")
                    throw error
                }
                breaches += result.breaches
                let failures = try runDataTests(stage, context: context, ledger: ledger)
                if !failures.isEmpty {
                    try ledger.stageFinished(runID: runID, stage: stage.name, status: "data_tests_failed", result: result, message: nil)
                    throw RunFailure.dataTestsFailed(stage: stage.name, failures: failures)
                }
                try ledger.stageFinished(runID: runID, stage: stage.name, status: "succeeded", result: result, message: nil)
                console.line("\(stage.name.rawValue): \(result.summary)")
                logger.info("stage \(stage.name.rawValue) finished", metadata: ["rows": "\(result.rowsCount)"])
            }
            if !breaches.isEmpty { throw RunFailure.thresholdsBreached(breaches) }
            try ledger.finish(runID: runID, status: "succeeded", exit: .success, message: nil)
            console.line("run \(runID) succeeded")
            return Outcome(runID: runID, stages: selected, breaches: [])
        } catch {
            let exit = (error as? ExitStatusProviding)?.exitStatus ?? .failure
            try? ledger.finish(runID: runID, status: exit == .dataQuality ? "data_quality" : "failed", exit: exit, message: "\(error)")
            logger.error("run \(runID) ended: \(error)")
            throw error
        }
    }

    func runDataTests(_ stage: PipelineStage, context: StageContext, ledger: RunLedger) throws -> [(name: String, violations: [String])] {
        var failures: [(name: String, violations: [String])] = []
        for test in stage.dataTests(context) {
            let violations = try context.warehouse.query(test.violationsSQL).map { $0.first?.string ?? "?" }
            try ledger.recordTest(runID: context.runID, stage: stage.name, test: test.name, violations: violations)
            if !violations.isEmpty { failures.append((test.name, violations)) }
        }
        return failures
    }
}
