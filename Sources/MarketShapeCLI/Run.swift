import ArgumentParser
import MarketShapeCore
import Pipeline
import Reports
import StageKit

extension MarketShapeCommand {
    /// `marketshape run PIPELINE`: every stage in order, or part of the run.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline: ingest → resolve → classify → places → measure → report.")

        @OptionGroup var options: PipelineOptions

        @Argument(help: "More pipeline files: each body runs as a process of its own, up to --jobs at once.")
        var more: [String] = []

        @Option(help: "How many bodies to run at once when several pipeline files are given.")
        var jobs: Int = 1

        @Option(help: "Start at this stage and run the rest (\(StageName.allCases.map(\.rawValue).joined(separator: ", "))).")
        var from: StageName?

        @Option(help: "Run only this stage (it refuses, exit 3, if a stage it reads is out of date).")
        var only: StageName?

        @Flag(help: "Read every listed file again and rebuild every stage from the current inputs; the run history stays.")
        var rebuild = false

        func validate() throws {
            if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if from != nil && only != nil { throw ValidationError("give --from or --only, not both") }
            if rebuild && (from != nil || only != nil) { throw ValidationError("--rebuild rebuilds every stage: give it without --from or --only") }
        }

        func run() throws {
            if !more.isEmpty {
                var flags: [String] = []
                if let from { flags += ["--from", from.rawValue] }
                if let only { flags += ["--only", only.rawValue] }
                if rebuild { flags.append("--rebuild") }
                if options.verbose { flags.append("--verbose") }
                let status = try ParallelRuns(pipelines: [options.pipeline] + more, jobs: jobs, flags: flags).run()
                if status != 0 { throw ExitCode(status) }
                return
            }
            let config = try options.load()
            let selection: StageSelection = only.map { .only($0) } ?? from.map { .from($0) } ?? .all
            try PipelineRunner(config: config, console: StandardConsole.shared, logger: options.logger(for: config), rebuild: rebuild)
                .run(selection, command: rebuild ? "run --rebuild" : "run")
        }
    }

    /// `marketshape report PIPELINE --period 2026-02`: rewrite the report from the warehouse.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the gap-analysis report for a period from what the warehouse holds.")

        @OptionGroup var options: PipelineOptions

        @Option(help: "The period: a month (2025-09), quarter (2025-Q3), financial year (FY2025-26) or rolling twelve months (R12-2025-09); default the latest month.")
        var period: String?

        func validate() throws { try ReportPeriod.validateOption(period) }

        func run() throws {
            let config = try options.load()
            try PipelineRunner(config: config, console: StandardConsole.shared, logger: options.logger(for: config), reportPeriod: period.flatMap(ReportPeriod.init))
                .run(.only(.report), command: "report")
        }
    }

    /// `marketshape validate PIPELINE`: check a pipeline file without running it.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a pipeline file and print what it resolves to.")

        @Argument(help: "The pipeline file.")
        var pipeline: String

        func run() throws {
            // Everything a run would trip over, found before anything runs: the files named must be there too.
            let c = try PipelineConfig.load(path: pipeline, checkFiles: true)
            print("\(pipeline): valid")
            print("  pipeline   \(c.name) (\(c.body.name))")
            print("  spend      \(c.spend.map(\.path).joined(separator: ", "))")
            print("  warehouse  \(c.warehouse)")
            print("  reports    \(c.reports)")
            print("  local      \(c.local.ruleInUse(directoryLoaded: c.registers.postcodes != nil))")
            for warning in c.warnings { print("WARNING: \(warning)") }
        }
    }
}
