import Foundation
import ArgumentParser
import Generator
import StageKit

extension MarketShapeCommand {
    /// `marketshape generate`: the synthetic borough, from a seed.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic borough: monthly spend files, registers in their real layouts, a place mapping and the truth.")

        @Option(help: "Folder to write into.") var out = "data/demo"
        @Option(help: "Random seed: the same seed gives byte-identical files.") var seed: UInt64 = 2025
        @Option(help: "Payment rows in all.") var rows = 18_000
        @Option(help: "Number of months.") var months = 6
        @Option(help: "First month, yyyy-mm.") var start = "2025-04"

        @Flag(help: "Write into --out even when it already holds files (they are overwritten).") var force = false

        func run() throws {
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
            if !existing.isEmpty && !force {
                throw ValidationError("\(out) already holds \(existing.count) file(s) or folder(s): choose another --out, or add --force to overwrite")
            }
            let console = StandardConsole.shared
            defer { console.endProgress() }
            console.progress("generate: spend files")
            let meter = console.meter("", total: rows, unit: .rows)
            let summary = try BoroughGenerator(seed: seed, rows: rows, months: months, start: start).write(to: out) { meter.set($0) }
            meter.finish()
            console.endProgress()
            console.line(summary)
        }
    }
}
