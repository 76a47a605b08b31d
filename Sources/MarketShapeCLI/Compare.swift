import ArgumentParser
import Foundation
import MarketShapeCore
import Pipeline
import Publish
import Reports
import Warehouse

extension MarketShapeCommand {
    /// `marketshape compare PIPELINE… [--period P]`: several bodies side by side, from their warehouses.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare bodies side by side: shares with coverage, concentration, scope, targets and shared markets.",
            discussion: """
                Each body's figures are built exactly as its own report builds them, from its warehouse (each read under its lock, \
                so a run in progress is never half-read). Without --period, each body's latest complete period. Writes index.html, \
                summary.md and data/ (bodies.csv, scope.csv, shared_markets.csv, comparison.xlsx, comparison.json).
                """)

        @Argument(help: "The pipeline files of the bodies to compare (two or more; with --postgres, which bodies and in what order: default all).") var pipelines: [String] = []
        @Option(help: "Compare the bodies published to this PostgreSQL server instead of reading their warehouses.") var postgres: String?
        @Option(help: "One period for every body: 2025-09, 2025-Q3, FY2025-26 or R12-2025-09.") var period: String?
        @Option(help: "The mapping of service names to common market categories (pattern,category CSV; default data/registers/market-categories.csv where it exists; `none` for none).") var categories: String?
        @Option(help: "The folder to write into (default: reports/compare/<period or latest> under the first pipeline's root).") var out: String?

        func validate() throws {
            if postgres == nil && pipelines.count < 2 { throw ValidationError("give two or more pipeline files to compare, or --postgres URL") }
            try ReportPeriod.validateOption(period)
        }

        func run() throws {
            let configs = try pipelines.map { try PipelineConfig.load(path: $0) }
            let chosen = period.flatMap(ReportPeriod.init)
            let root = configs.first?.root ?? FileManager.default.currentDirectoryPath
            let mappingPath = categories ?? "\(root)/data/registers/market-categories.csv"
            let mapping = categories == "none" || (categories == nil && !FileManager.default.fileExists(atPath: mappingPath)) ? nil : try MarketCategories.load(path: mappingPath)
            let model = try postgres.map { url in
                try ServerComparison.build(PostgresConnection(url: url), bodies: configs.map(Publisher.bodyKey), period: chosen, now: Date(), categories: mapping)
            } ?? BodyComparison.build(configs, period: chosen, now: Date(), categories: mapping)
            let folder = out ?? "\(root)/reports/compare/\(period ?? "latest")"
            try ComparisonWriter.write(model, to: folder)
            print("compared \(model.bodies.count) bodies\(model.missing.isEmpty ? "" : " (\(model.missing.count) left out: \(model.missing.map(\.pipeline).joined(separator: ", ")))"); \(model.sharedMarkets.count) markets shared by name, \(model.categoryMarkets.count) by category → \(folder)")
            for note in model.notes { print("  \(note)") }
        }
    }
}
