import Foundation
import Logging
import MarketShapeCore
import Warehouse

/// What a stage gets to work with.
public final class StageContext {
    public let config: PipelineConfig
    public let warehouse: WarehouseStore
    public let logger: Logger
    public let console: Console
    public let runID: Int
    /// The time the run says it happened at; pinned in tests so reports are byte-identical.
    public let now: Date
    /// Set once the pipeline's registers have been brought into the warehouse in this run (they are synced once).
    public var registersSynced = false

    public init(config: PipelineConfig, warehouse: WarehouseStore, logger: Logger, console: Console, runID: Int, now: Date) {
        self.config = config; self.warehouse = warehouse; self.logger = logger
        self.console = console; self.runID = runID; self.now = now
    }

    /// Runs `body` and logs how long it took (`measure: concentration in 0.12 s`): where a stage's time goes, in the log.
    /// On a terminal the step shows on the live line meanwhile (`[5/6] measure · concentration · 3 s`).
    public func timed<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        let step = label.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? label
        let meter = console.meter(step, total: nil, unit: .items)
        defer {
            meter.finish()
            logger.info("\(label) in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        }
        return try body()
    }
}
