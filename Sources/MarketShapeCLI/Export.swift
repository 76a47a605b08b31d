import ArgumentParser
import Foundation
import Ingest
import MarketShapeCore
import Reports
import Warehouse

extension MarketShapeCommand {
    /// `marketshape export payments PIPELINE`: every staged payment with its supplier and classes, as CSV.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export what the warehouse holds, for spreadsheets, BI tools and checks.",
                                                        subcommands: [Payments.self])
    }
}

extension MarketShapeCommand.Export {
    struct Payments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one CSV row per staged payment: file, line, date, pence, payee as published, supplier and classes with evidence.",
            discussion: "Rows and pence reconcile with the staged lines (printed at the end). Default output: <reports>/payments.csv (payments-PERIOD.csv with --period).")

        @Argument(help: "The pipeline file whose warehouse to read.")
        var pipeline: String

        @Option(help: "Only payments in a period: a month (2025-09), quarter (2025-Q3), financial year (FY2025-26) or R12-yyyy-mm.")
        var period: String?

        @Option(help: "The CSV file to write.")
        var out: String?

        func validate() throws { try ReportPeriod.validateOption(period) }

        func run() throws {
            let config = try PipelineConfig.load(path: pipeline)
            guard FileManager.default.fileExists(atPath: config.warehouse) else { throw ValidationError("\(config.name) has never run: no warehouse at \(config.warehouse)") }
            let w = try Warehouse(path: config.warehouse)
            var months: Set<String>? = nil
            if let period, let p = ReportPeriod(period) {
                months = Set(try p.months(w))
                if months!.isEmpty { throw ValidationError("no payments in \(period): run the pipeline with that period kind in periods:, or choose another") }
            }
            try FileManager.default.createDirectory(atPath: config.reports, withIntermediateDirectories: true)
            let path = out ?? "\(config.reports)/payments\(period.map { "-\($0)" } ?? "").csv"
            let written = try PaymentsExport.write(w, to: path, months: months)
            struct Staged: Decodable { var rows: Int; var pence: Int }
            let staged = try w.fetch(Staged.self, "SELECT COUNT(*) AS rows, coalesce(SUM(amount_pence), 0) AS pence FROM stg_lines\(months == nil ? "" : " WHERE \(StagingReader.month("paid_on")) IN (\(months!.sorted().map { "'\($0)'" }.joined(separator: ",")))")")[0]
            let reconciles = staged.rows == written.rows && staged.pence == written.pence
            print("\(path): \(written.rows) payments, \(formatPounds(written.pence)); staged lines: \(staged.rows), \(formatPounds(staged.pence)): \(reconciles ? "reconciles" : "DOES NOT RECONCILE")")
            if !reconciles { throw ExitCode(ExitStatus.dataQuality.rawValue) }
        }
    }
}
