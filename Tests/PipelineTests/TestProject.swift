import Foundation
import Generator
import Logging
import MarketShapeCore
import Pipeline
import StageKit

/// A throwaway project folder with a small generated borough and a pipeline file.
struct TestProject {
    let root: String
    var pipelinePath: String { root + "/pipelines/test.yml" }

    init(rows: Int = 600, months: Int = 3, extraYAML: String = "") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ms-project-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/pipelines", withIntermediateDirectories: true)
        _ = try BoroughGenerator(seed: 7, rows: rows, months: months, start: "2025-04").write(to: root + "/data/borough")
        try """
            pipeline: test
            body:
              name: Test Borough
              code: E09000007
            spend:
              - data/borough/spend/*.csv
            places: data/borough/places.csv
            local:
              outward_codes: [NW1, NW3, NW5, NW6, N1C, N7, N19, WC1H, WC1X]
            segments: [directorate, service]
            \(extraYAML)
            """.write(toFile: pipelinePath, atomically: true, encoding: .utf8)
    }

    func config() throws -> PipelineConfig { try PipelineConfig.load(path: pipelinePath) }

    /// A runner whose report clock is pinned.
    func runner(console: Console = RecordingConsole()) throws -> PipelineRunner {
        PipelineRunner(config: try config(), console: console, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                       now: { Date(timeIntervalSince1970: 1_767_225_600) })
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
