import ArgumentParser
import Foundation
import MarketShapeCore
import Pipeline
import Publish
import StageKit
import Warehouse

extension MarketShapeCommand {
    /// `marketshape publish PIPELINE [--to URL]`: copy one body into the shared PostgreSQL warehouse.
    struct PublishCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Copy one body's facts, dimensions, marts and runs into a shared PostgreSQL warehouse, in one transaction.",
            discussion: """
                The address is --to or the pipeline file's publish: to:; the password comes from PGPASSWORD or ~/.pgpass (libpq reads \
                both), never from the pipeline file. The body's partition of each table is replaced atomically: readers see the previous \
                publication or this one, never half. Publishing the same build again changes nothing.
                """)

        @Argument(help: "The pipeline file.") var pipeline: String
        @Option(help: "The PostgreSQL address, e.g. postgresql://marketshape@db.example.gov.uk:5432/marketshape.") var to: String?
        @Option(help: ArgumentHelp("Publish under this body key instead of the pipeline's (benchmarks).", visibility: .hidden)) var bodyKey: String?
        @Flag(help: "Replace the body on the server even if another pipeline published it (a renamed pipeline; else publish refuses, exit 2).")
        var replace = false

        func run() throws {
            let config = try PipelineConfig.load(path: pipeline)
            guard let url = to ?? config.publishTo else {
                throw ValidationError("no PostgreSQL address: give --to postgresql://… or publish: {to: …} in \(pipeline)")
            }
            guard FileManager.default.fileExists(atPath: config.warehouse) else { throw ValidationError("\(config.name) has never run: no warehouse at \(config.warehouse)") }
            let lock = try WarehouseLock(warehouse: config.warehouse)
            defer { lock.release() }
            let w = try Warehouse(path: config.warehouse)
            let builds = try Lineage(warehouse: w, config: config).builds()
            if let why = try Lineage(warehouse: w, config: config).staleness(of: .report, builds: builds) {
                throw StaleInputsError(stage: .report, reason: why, pipelineFile: pipeline)
            }
            let console = StandardConsole.shared
            defer { console.endProgress() }
            let meter = console.meter("publish \(config.name)", total: nil, unit: .rows)
            let figures = { try Publisher.periodFigures(config, w) }
            let result = try Publisher(connection: PostgresConnection(url: url)).publish(config, warehouse: w, figures: figures, bodyKey: bodyKey, replacing: replace, meter: meter)
            meter.finish()
            let where_ = PostgresConnection.redacted(url)
            if result.changed {
                let rate = result.seconds > 0 ? Int(Double(result.totalRows) / result.seconds) : result.totalRows
                console.line("published \(config.name) as \(result.bodyKey) (run \(result.runID)) to \(where_): \(formatCount(result.totalRows)) rows in \(result.rows.count) tables in \(String(format: "%.1f", result.seconds)) s (\(formatCount(rate)) rows/s)")
            } else {
                console.line("\(config.name) (\(result.bodyKey)): \(where_) already holds run \(result.runID)'s build; nothing changed")
            }
        }
    }
}
