import Foundation
import MarketShapeCLI
import MarketShapeCore
import Testing

@Suite("CLI exit codes")
struct ExitCodeTests {
    @Test("bad usage exits 2", arguments: [["run"], ["run", "x.yml", "--from", "ingest", "--only", "report"], ["frobnicate"],
                                           ["report", "x.yml", "--period", "2026-13"], ["run", "x.yml", "--from", "nowhere"]])
    func badUsage(arguments: [String]) {
        #expect(MarketShapeCommand.execute(arguments) == .badUsage)
    }

    @Test("a malformed or missing pipeline file exits 2")
    func malformedPipeline() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ms-bad-\(UUID().uuidString).yml").path
        try "pipeline: x\nbody: B\nspend: [a.csv]\nsegmentz: []\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(MarketShapeCommand.execute(["run", path]) == .badUsage)
        #expect(MarketShapeCommand.execute(["validate", path]) == .badUsage)
        #expect(MarketShapeCommand.execute(["run", path + ".missing"]) == .badUsage)
    }

    @Test("the documented codes are distinct")
    func distinct() {
        #expect(Set(ExitStatus.allCases.map(\.rawValue)) == [0, 1, 2, 3, 75])
    }
}
