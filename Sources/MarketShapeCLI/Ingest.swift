import ArgumentParser
import Foundation
import Ingest
import MarketShapeCore
import Pipeline
import StageKit
import Warehouse

extension MarketShapeCommand {
    /// `marketshape ingest FILE…`: a first look at spend files outside any pipeline.
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ingest spend files outside any pipeline and print what happened to every row.",
            discussion: "Without --warehouse the files go into a scratch in-memory warehouse that is discarded.")

        @Argument(help: "Spend CSV files.")
        var files: [String]

        @Option(help: "A warehouse file to load into (created if missing).")
        var warehouse: String?

        @Flag(help: "Print one JSON object with a files array.")
        var json = false

        @Option(help: "Threads that parse a large file (32 MiB or more) side by side, a part each (default: one per core; 1 reads each file on one thread).")
        var parseThreads: Int?

        func run() throws {
            // A warehouse file may be a pipeline's: its lock keeps this load and a run from interleaving (exit 75 if held).
            let lock = try warehouse.map { try WarehouseLock(warehouse: $0) }
            defer { lock?.release() }
            let store = try Warehouse(path: warehouse ?? ":memory:")
            var loader = SpendFileLoader(warehouse: store, runID: nil)
            if let parseThreads { loader.parseThreads = max(1, parseThreads) }
            var results: [FileAccounting] = []
            let console = StandardConsole.shared
            defer { console.endProgress() }   // also when a file fails: its error then starts on a clean line
            for (n, file) in files.enumerated() {
                let meter = console.meter(file: file, label: "ingest file \(n + 1) of \(files.count) \(URL(fileURLWithPath: file).lastPathComponent)")
                let a = try loader.load(path: file, meter: meter)
                meter.finish()
                results.append(a)
                if !json { console.line(a.summaryLine); console.line("  " + describe(a.config)) }
            }
            if json { print(try IngestReport.json(results)) }
            if results.contains(where: { !$0.reconciles }) { throw ExitCode(ExitStatus.dataQuality.rawValue) }
        }

        func describe(_ c: SourceConfig) -> String {
            "\(c.encoding.rawValue), delimiter '\(c.delimiter)', header on row \(c.headerLine), dates \(c.dateFormat.rawValue), amounts \(c.vat) of VAT; "
                + CanonicalField.allCases.compactMap { f in c.column(f).map { "\(f.rawValue)←\"\(c.headers[$0])\"" } }.joined(separator: " ")
        }
    }
}
