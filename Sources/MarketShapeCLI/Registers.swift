import ArgumentParser
import Foundation
import MarketShapeCore
import Pipeline
import StageKit
import Registers
import Warehouse

extension MarketShapeCommand {
    /// `marketshape registers import KIND FILE`: load a register into a warehouse.
    struct Registers: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import reference registers.", subcommands: [Import.self])

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Import a register file (streamed; replaces the previous version of that register).",
                discussion: "KIND is one of: \(RegisterKind.allCases.map(\.rawValue).joined(separator: ", ")).")

            @Argument(help: "The register kind.") var kind: String
            @Argument(help: "The register file.") var file: String
            @Option(help: "The pipeline whose warehouse to load into.") var pipeline: String?
            @Option(help: "A warehouse file to load into (instead of --pipeline).") var warehouse: String?

            func validate() throws {
                if RegisterKind(rawValue: kind) == nil { throw ValidationError("unknown register kind \(kind); use \(RegisterKind.allCases.map(\.rawValue).joined(separator: ", "))") }
                if (pipeline == nil) == (warehouse == nil) { throw ValidationError("give --pipeline or --warehouse") }
            }

            func run() throws {
                let path = try warehouse ?? PipelineConfig.load(path: pipeline!).warehouse
                let lock = try WarehouseLock(warehouse: path)
                defer { lock.release() }
                let console = StandardConsole.shared
                defer { console.endProgress() }
                let meter = console.meter(file: file, label: "import \(URL(fileURLWithPath: file).lastPathComponent)")
                let result = try RegisterImporter(warehouse: Warehouse(path: path)).importFile(RegisterKind(rawValue: kind)!, path: file, meter: meter)
                meter.finish()
                console.line(result.summaryLine)
            }
        }
    }
}
