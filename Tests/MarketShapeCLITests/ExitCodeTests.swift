import Foundation
import MarketShapeCLI
import MarketShapeCore
import Pipeline
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

    @Test("ingest --warehouse and registers import take the warehouse lock: a held lock exits 75 and loads nothing")
    func writersTakeTheLock() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ms-lock-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spend = dir + "/spend.csv", warehouse = dir + "/w.sqlite"
        try "Date,Supplier Name,Amount,Expense Area\r\n02/02/2026,ACME LTD,5.00,Highways\r\n".write(toFile: spend, atomically: true, encoding: .utf8)
        let lock = try WarehouseLock(warehouse: warehouse)
        #expect(MarketShapeCommand.execute(["ingest", spend, "--warehouse", warehouse]) == .locked)
        #expect(MarketShapeCommand.execute(["registers", "import", "overrides", spend, "--warehouse", warehouse]) == .locked)
        #expect(!FileManager.default.fileExists(atPath: warehouse))
        lock.release()
        #expect(MarketShapeCommand.execute(["ingest", spend, "--warehouse", warehouse]) == .success)
    }

    @Test("the documented codes are distinct")
    func distinct() {
        #expect(Set(ExitStatus.allCases.map(\.rawValue)) == [0, 1, 2, 3, 75])
    }
}
