import Foundation
import Ingest
import MarketShapeCLI
import MarketShapeCore
import Pipeline
import Testing
import Warehouse

@Suite("Commands end to end", .serialized)
struct CommandTests {
    /// A project folder with one tiny spend file and a pipeline over it.
    func project() throws -> (root: String, pipeline: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ms-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/pipelines", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        try "Payment Date,Supplier Name,Amount,Service Area\r\n02/01/2026,ACME LTD,100.00,Highways\r\n03/01/2026,BETA LTD,\"1,250.00\",Adults\r\n"
            .write(toFile: root + "/data/spend.csv", atomically: true, encoding: .utf8)
        try "pipeline: cli\nbody: Test Council\nspend: [data/spend.csv]\n".write(toFile: root + "/pipelines/cli.yml", atomically: true, encoding: .utf8)
        return (root, root + "/pipelines/cli.yml")
    }

    @Test("run succeeds, and a second run while the lock is held exits 75 without touching the warehouse")
    func runAndLock() throws {
        let (root, pipeline) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(MarketShapeCommand.execute(["run", pipeline]) == .success)
        let config = try PipelineConfig.load(path: pipeline)
        let lock = try WarehouseLock(warehouse: config.warehouse)
        #expect(MarketShapeCommand.execute(["run", pipeline]) == .locked)
        lock.release()
        let runs = try Warehouse(path: config.warehouse).query("SELECT status FROM runs ORDER BY run_id")
        #expect(runs == [["succeeded"]])
        #expect(MarketShapeCommand.execute(["status", pipeline]) == .success)
    }

    @Test("a spend file without its required columns exits 3")
    func unmappable() throws {
        let (root, pipeline) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "When,Who,How Much\r\n02/01/2026,ACME,1.00\r\n".write(toFile: root + "/data/spend.csv", atomically: true, encoding: .utf8)
        #expect(MarketShapeCommand.execute(["run", pipeline]) == .dataQuality)
        #expect(MarketShapeCommand.execute(["ingest", root + "/data/spend.csv"]) == .dataQuality)
    }

    @Test("ingest --json carries the documented keys")
    func ingestJSON() throws {
        let (root, _) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let accounting = try SpendFileLoader(warehouse: try Warehouse(path: ":memory:"), runID: nil).load(path: root + "/data/spend.csv")
        let object = try JSONSerialization.jsonObject(with: Data(try IngestReport.json([accounting]).utf8)) as? [String: Any]
        let file = try #require((object?["files"] as? [[String: Any]])?.first)
        for key in ["path", "read", "loaded", "set_aside", "loaded_pence", "set_aside_pence", "encoding", "delimiter", "date_format", "mapping"] {
            #expect(file[key] != nil, "missing \(key)")
        }
        #expect(file["loaded_pence"] as? Int == 135_000)
        #expect(file["delimiter"] as? String == ",")
        #expect((file["mapping"] as? [String: String])?["paid_on"] == "Payment Date")
    }
}
