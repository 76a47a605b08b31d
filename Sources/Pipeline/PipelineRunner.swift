import Classify
import Foundation
import Ingest
import Logging
import MarketShapeCore
import Measures
import Places
import Registers
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
    /// Metadata on a log record that the caller also shows the user (a run's closing error): stderr handlers skip it.
    public static let shownByCaller = "shown_by_caller"

    /// Read every file again and rebuild every stage from the current inputs (`run --rebuild`); the run history stays.
    public var rebuild = false

    public init(config: PipelineConfig, console: Console, logger: Logger, now: @escaping () -> Date = Date.init, reportPeriod: ReportPeriod? = nil,
                rebuild: Bool = false) {
        self.config = config; self.console = console; self.logger = logger; self.now = now; self.reportPeriod = reportPeriod
        self.rebuild = rebuild
    }

    /// The stage implementations, in order.
    public func stages() -> [PipelineStage] {
        [IngestStage(rebuild: rebuild), ResolveStage(), ClassifyStage(), PlacesStage(), MeasureStage(), ReportStage(period: reportPeriod)]
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
        defer { console.endProgress() }
        let warehouse = try Warehouse(path: config.warehouse)
        // A damaged page would otherwise pass unnoticed until it is read, or never: every run starts on a sound file.
        let checkStart = ContinuousClock.now
        try warehouse.check()
        logger.info("warehouse check: PRAGMA quick_check ok in \(ContinuousClock.now - checkStart)")
        let ledger = RunLedger(warehouse: warehouse)
        let runID = try ledger.start(pipeline: config.name, command: command)
        let context = StageContext(config: config, warehouse: warehouse, logger: logger, console: console, runID: runID, now: now())
        let selected = selection.stages
        console.line("run \(runID) of pipeline \(config.name) → \(config.warehouse)")
        for warning in config.warnings {
            console.line("WARNING: \(warning)")
            logger.warning("\(warning)", metadata: [PipelineRunner.shownByCaller: "yes"])   // printed above; kept in the log file
        }
        var breaches: [String] = []
        let lineage = Lineage(warehouse: warehouse, config: config)
        do {
            // A stage the selection starts after must be current: the selected stages would read its tables.
            if let first = selected.min(), first > .ingest {
                let builds = try lineage.builds()
                for upstream in Lineage.reads[first] ?? [] {
                    if let why = try lineage.staleness(of: upstream, builds: builds) {
                        throw StaleInputsError(stage: first, reason: why, pipelineFile: config.file)
                    }
                }
            }
            // Registers are brought in before deciding whether resolve is current: a changed register is a changed input.
            if selected.contains(.resolve) {
                console.progress("registers")
                try RegisterSync.sync(context)
                console.endProgress()
            }
            for (i, stage) in stages().enumerated() where selected.contains(stage.name) {
                // In a whole run, a stage whose inputs are what it was built from is not built again (ingest, which
                // looks at the files, and report, whose clock moves, always run). A stage named by --only or --from is.
                let builds = try lineage.builds()
                let forced = rebuild || stage.name == .ingest || stage.name == .report || selection != .all
                if !forced, let build = builds[stage.name],
                   try lineage.digest(of: stage.name, builds: builds) == build.inputsDigest {
                    console.line("\(stage.name.rawValue): up to date (built by run \(build.runID) from the same inputs)")
                    logger.info("stage \(stage.name.rawValue) up to date", metadata: ["built_by_run": "\(build.runID)"])
                    continue
                }
                console.progress("[\(i + 1)/\(StageName.allCases.count)] \(stage.name.rawValue)")
                logger.info("stage \(stage.name.rawValue) started", metadata: ["run": "\(runID)"])
                try ledger.stageStarted(runID: runID, stage: stage.name)
                let result: StageResult
                do { result = try stage.run(context) } catch {
                    try? ledger.stageFinished(runID: runID, stage: stage.name, status: .failed, result: nil, message: "\(error)")
                    throw error
                }
                breaches += result.breaches
                let failures = try runDataTests(stage, context: context, ledger: ledger)
                if !failures.isEmpty {
                    try ledger.stageFinished(runID: runID, stage: stage.name, status: .dataTestsFailed, result: result, message: nil)
                    throw RunFailure.dataTestsFailed(stage: stage.name, failures: failures)
                }
                try ledger.stageFinished(runID: runID, stage: stage.name, status: .succeeded, result: result, message: nil)
                try lineage.record(stage.name, runID: runID, builds: try lineage.builds())
                // The next stage's peak memory should not sit on top of this one's (ingest's parse buffers, above all).
                warehouse.database.releaseMemory()
                console.endProgress()
                console.line("\(stage.name.rawValue): \(result.summary)")
                if stage.name == .measure {
                    for warning in try SegmentWarnings.warnings(warehouse, segments: config.segments) {
                        console.line("WARNING: \(warning)")
                        logger.warning("\(warning)", metadata: [PipelineRunner.shownByCaller: "yes"])   // printed above; kept in the log file
                    }
                }
                logger.info("stage \(stage.name.rawValue) finished", metadata: ["rows": "\(result.rowsCount)"])
            }
            // A part of the run leaves the stages after it out of date: said, so the next step is plain.
            if selection != .all, let last = selected.max() {
                let builds = try lineage.builds()
                let stale = try StageName.allCases.filter { $0 > last }.filter { try lineage.staleness(of: $0, builds: builds) != nil }
                if !stale.isEmpty {
                    console.line("\(stale.map(\.rawValue).joined(separator: ", ")) now out of date: `marketshape run \(config.file)` rebuilds what changed")
                }
            }
            if !breaches.isEmpty { throw RunFailure.thresholdsBreached(breaches) }
            // A body that publishes on a known cadence: the month that should be here by now, and whether it is.
            // Only a run that measured (a report of an old period, or ingest alone, says nothing about what is due).
            let timeliness = config.expect == nil || command != "run" || !selected.contains(.measure) ? nil : try Timeliness(warehouse, config: config, now: now())
            if let late = timeliness?.warning(for: config) {
                logger.warning("\(late)", metadata: [PipelineRunner.shownByCaller: "yes"])   // the command prints it on stderr
                try ledger.finish(runID: runID, status: .succeeded, exit: .late, message: late)
                console.line("run \(runID) succeeded, but the expected spend file is late (exit \(ExitStatus.late.rawValue))")
                throw PublicationLate(message: late)
            }
            try ledger.finish(runID: runID, status: .succeeded, exit: .success, message: nil)
            console.line("run \(runID) succeeded")
            return Outcome(runID: runID, stages: selected, breaches: [])
        } catch let late as PublicationLate {
            throw late
        } catch {
            let exit = (error as? ExitStatusProviding)?.exitStatus ?? .failure
            try? ledger.finish(runID: runID, status: exit == .dataQuality ? .dataQuality : .failed, exit: exit, message: "\(error)")
            // Into the log; the command that called the runner says it on stderr (once).
            logger.error("run \(runID) ended: \(error)", metadata: [PipelineRunner.shownByCaller: "yes"])
            throw error
        }
    }

    func runDataTests(_ stage: PipelineStage, context: StageContext, ledger: RunLedger) throws -> [(name: String, violations: [String])] {
        var failures: [(name: String, violations: [String])] = []
        for test in stage.dataTests(context) {
            let violations = try context.timed("\(stage.name.rawValue) test: \(test.name)") { try test.violations(in: context.warehouse) }
            try ledger.recordTest(runID: context.runID, stage: stage.name, test: test.name, violations: violations)
            if !violations.isEmpty { failures.append((test.name, violations)) }
        }
        return failures
    }
}
