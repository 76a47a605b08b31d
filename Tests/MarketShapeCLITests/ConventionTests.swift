import Foundation
@testable import MarketShapeCLI
import MarketShapeCore
import Pipeline
import Resolve
import Testing
import Warehouse

/// Issue 20: conventions a terminal user expects.
@Suite("Command conventions")
struct ConventionTests {
    @Test("explain counts every supplier that matches a name, not the first 20")
    func explainCountsAll() throws {
        let project = try SpendProject("explain", rows: (1...30).map { "02/02/2026,LEEDS \(["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT"][$0 % 6]) \($0) LTD,\($0).00,Highways" }
                                       + ["02/02/2026,BRADFORD ONE LTD,9.00,Highways"])
        defer { project.remove() }
        #expect(MarketShapeCommand.execute(["run", project.pipeline]) == .success)
        let w = try Warehouse(path: project.warehouse)
        #expect(try SupplierReader(w).matching("Leeds").count == 30)
        #expect(MarketShapeCommand.execute(["explain", "supplier", "Leeds", "--pipeline", project.pipeline]) == .success)

        // status --json: the same state the text form prints.
        let state = try MarketShapeCommand.Status.state(of: try PipelineConfig.load(path: project.pipeline), file: "x.yml", last: 5, check: true)
        #expect(state.runs.map(\.status) == ["succeeded"])
        #expect(state.runs.first?.exitCode == 0)
        #expect(state.holds?.loaded == 31)
        #expect(state.integrityCheck == "ok")
        #expect(state.stages.count == StageName.allCases.count && state.stages.allSatisfy(\.current))
        #expect(MarketShapeCommand.execute(["status", project.pipeline, "--json"]) == .success)
        #expect(MarketShapeCommand.Status.text(state).contains("holds 1 current file(s): 31 rows loaded"))
    }

    @Test("generate refuses a folder that holds files unless --force")
    func generateRefusesToOverwrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-generate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "mine".write(toFile: dir + "/keep.txt", atomically: true, encoding: .utf8)
        #expect(MarketShapeCommand.execute(["generate", "--out", dir, "--rows", "200", "--months", "1"]) == .badUsage)
        #expect(FileManager.default.fileExists(atPath: dir + "/keep.txt"))
        #expect(MarketShapeCommand.execute(["generate", "--out", dir + "/new", "--rows", "200", "--months", "1"]) == .success)
        #expect(MarketShapeCommand.execute(["generate", "--out", dir, "--rows", "200", "--months", "1", "--force"]) == .success)
    }
}
