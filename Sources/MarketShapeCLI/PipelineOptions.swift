import ArgumentParser
import Foundation
import Logging
import MarketShapeCore
import Reports
import StageKit

/// The options every pipeline command shares.
struct PipelineOptions: ParsableArguments {
    @Argument(help: "The pipeline file, e.g. pipelines/demo.yml.")
    var pipeline: String

    @Flag(name: .shortAndLong, help: "Log progress to stderr too (the log file always gets it).")
    var verbose = false

    func load() throws -> PipelineConfig {
        try PipelineConfig.load(path: pipeline)
    }

    /// A logger writing to stderr (warnings, or everything with --verbose) and to the pipeline's log file.
    func logger(for config: PipelineConfig) -> Logger {
        let logFile = URL(fileURLWithPath: config.warehouse).deletingPathExtension().path + ".log"
        let verbose = self.verbose
        return Logger(label: "marketshape.\(config.name)") { label in
            var stderrHandler = ShownOnceLogHandler(StreamLogHandler.standardError(label: label))
            stderrHandler.logLevel = verbose ? .info : .warning
            var fileHandler = FileLogHandler(label: label, path: logFile)
            fileHandler.logLevel = .info
            return MultiplexLogHandler([stderrHandler, fileHandler])
        }
    }
}

extension StageName: ExpressibleByArgument {}

extension ReportPeriod {
    /// Checks a `--period` option: a month (2025-09), quarter (2025-Q3), financial year (FY2025-26) or R12-yyyy-mm.
    static func validateOption(_ text: String?) throws {
        if let text, ReportPeriod(text) == nil {
            throw ValidationError("--period must be a month (2025-09), a quarter (2025-Q3), a financial year (FY2025-26) or R12-yyyy-mm")
        }
    }
}
