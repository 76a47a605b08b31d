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
        static let configuration = CommandConfiguration(abstract: "Import reference registers.", subcommands: [Import.self, Fetch.self])

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
    
        struct Fetch: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Download registers from their publishers, unpack and import them (resumes an interrupted download).",
                discussion: """
                    KIND is one or more of: \(RegisterKind.allCases.map(\.rawValue).joined(separator: ", ")); without KIND, every register with \
                    an address (the publishers' addresses for \(RegisterSource.defaults.keys.map(\.rawValue).sorted().joined(separator: ", ")), \
                    and any under register_sources: in the pipeline file). With --pipeline each file is imported into the pipeline's warehouse \
                    and then saved where registers: names it (or data/registers/); with --dir it is downloaded and unpacked only. \
                    After any failure the previous file and version stay in use; exit status 5 means a download failed (run again to resume).
                    """)

            @Argument(help: "The registers to fetch (default: every one with an address).") var kinds: [String] = []
            @Option(help: "The pipeline whose warehouse to import into.") var pipeline: String?
            @Option(help: "A folder to download into, without importing (instead of --pipeline).") var dir: String?
            @Option(help: "Seconds without data before a download counts as failed.") var timeout: Double = 60

            func validate() throws {
                for kind in kinds where RegisterKind(rawValue: kind) == nil {
                    throw ValidationError("unknown register kind \(kind); use \(RegisterKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                for kind in kinds where Self.analystsOwn.contains(RegisterKind(rawValue: kind)!) {
                    throw ValidationError("\(kind) is the analyst's own file: there is nothing to download; name it under registers: in the pipeline file")
                }
                if (pipeline == nil) == (dir == nil) { throw ValidationError("give --pipeline or --dir") }
            }

            /// Registers the analyst writes, which no publisher has.
            static let analystsOwn: Set<RegisterKind> = [.overrides, .investmentFirms]

            func run() throws {
                let config = try pipeline.map { try PipelineConfig.load(path: $0) }
                let console = StandardConsole.shared
                defer { console.endProgress() }
                // The warehouse is opened under its lock for each import alone, not for the downloads.
                let warehouse: (() throws -> (store: WarehouseStore, release: () -> Void))? = config.map { config in
                    {
                        let lock = try WarehouseLock(warehouse: config.warehouse)
                        do { return (try Warehouse(path: config.warehouse), { lock.release() }) } catch { lock.release(); throw error }
                    }
                }
                let configured = config.map { Dictionary(RegisterSync.configuredPaths($0.registers).compactMap { k, p in p.map { (k, $0) } }, uniquingKeysWith: { a, _ in a }) } ?? [:]
                let overrides = config?.registerSources ?? [:]
                func source(_ kind: RegisterKind) -> RegisterSource? {
                    if let url = overrides[kind.rawValue] {
                        let lookBack: RegisterSource.LookBack = url.contains("{date}") ? .days(7) : url.contains("{month}") ? .months(2) : .none
                        return RegisterSource(kind: kind, url: url, lookBack: lookBack, fileName: RegisterSource.defaultFileName(kind))
                    }
                    return RegisterSource.defaults[kind]
                }
                let wanted = kinds.isEmpty
                    ? RegisterKind.allCases.filter { source($0) != nil && !Self.analystsOwn.contains($0) }
                    : kinds.compactMap(RegisterKind.init(rawValue:))
                let folder = dir ?? config.map { "\($0.root)/data/registers" } ?? "."
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                var failure: Error? = nil
                var failures: [Error] = []
                for kind in wanted {
                    guard let s = source(kind) else {
                        let error = RegisterFetchError(kind: kind, reason: .noSource,
                                                       message: config == nil
                                                           ? "no download address is known; name one under register_sources: \(kind.rawValue): in a pipeline file and fetch with --pipeline, or download it by hand (README: Getting the registers)"
                                                           : "no download address is known; name one under register_sources: \(kind.rawValue): in the pipeline file (README: Getting the registers)")
                        if wanted.count > 1 { console.line("✗ \(error)") }
                        failure = failure ?? error; failures.append(error); continue
                    }
                    let destination = configured[kind]
                    var fetcher = RegisterFetcher(folder: destination.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? folder,
                                                  warehouse: warehouse, console: console)
                    fetcher.timeout = timeout
                    do {
                        let got = try fetcher.fetch(s, destination: destination)
                        let resumed = got.resumedFrom > 0 ? " (resumed after \(ProgressMeter.describeBytes(got.resumedFrom)))" : ""
                        console.line("\(kind.rawValue): \(ProgressMeter.describeBytes(got.bytes)) from \(got.url)\(resumed) → \(got.path), SHA-256 \(got.sha256.prefix(16))")
                        if let imported = got.imported { console.line("  " + imported.summaryLine) }
                        if config != nil && destination == nil {
                            let relative = got.path.hasPrefix(config!.root + "/") ? String(got.path.dropFirst(config!.root.count + 1)) : got.path
                            console.line("  add `\(kind.rawValue): \(relative)` under registers: in \(pipeline!) so that every run reads it")
                        }
                    } catch {
                        // With one register the error is printed once, as the command's; with several, each as it happens.
                        if wanted.count > 1 { console.line("✗ \(error)") }
                        failure = failure ?? error
                        failures.append(error)
                    }
                }
                // A download failure (worth retrying from cron) is the status to end with, whatever else failed.
                if let failure { throw failures.first { ($0 as? RegisterFetchError)?.exitStatus == .download } ?? failure }
            }
        }
    }
}
