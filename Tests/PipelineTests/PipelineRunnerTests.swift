import Foundation
import MarketShapeCore
import Pipeline
import StageKit
import Testing
import Warehouse

@Suite("The staged runner", .serialized)
struct PipelineRunnerTests {
    @Test("a full run executes every stage in order and fills the ledger")
    func fullRun() throws {
        let project = try TestProject()
        defer { project.remove() }
        let outcome = try project.runner().run()
        let w = try Warehouse(path: try project.config().warehouse)
        let stages = try w.query("SELECT stage, status FROM run_stages WHERE run_id = ? ORDER BY rowid", [.integer(outcome.runID)])
        #expect(stages.map { $0[0].string } == StageName.allCases.map(\.rawValue))
        #expect(stages.allSatisfy { $0[1] == "succeeded" })
        #expect(try w.query("SELECT status, exit_code FROM runs WHERE run_id = ?", [.integer(outcome.runID)]).first == ["succeeded", 0])
        #expect(try w.scalarInt("SELECT COUNT(*) FROM run_inputs WHERE run_id = ?", [.integer(outcome.runID)]) == 3)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM run_tests WHERE passed = 0") == 0)
        let reports = try project.config().reports
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: reports + "/latest") == "2025-06")
        #expect(FileManager.default.fileExists(atPath: reports + "/2025-06/index.html"))
        #expect(FileManager.default.fileExists(atPath: reports + "/rejects.csv"))
    }

    @Test("--only and --from select stages")
    func selection() throws {
        let project = try TestProject()
        defer { project.remove() }
        let runner = try project.runner()
        try runner.run()
        let only = try runner.run(.only(.measure))
        let from = try runner.run(.from(.measure))
        let w = try Warehouse(path: try project.config().warehouse)
        func stages(_ id: Int) throws -> [String?] { try w.query("SELECT stage FROM run_stages WHERE run_id = ? ORDER BY rowid", [.integer(id)]).map { $0[0].string } }
        #expect(try stages(only.runID) == ["measure"])
        #expect(try stages(from.runID) == ["measure", "report"])
    }

    @Test("a failing data test stops the run after its stage and is recorded")
    func dataTestFailure() throws {
        let project = try TestProject()
        defer { project.remove() }
        let runner = try project.runner()
        try runner.run()
        // Break the ledger's word about one file: the reconciliation must catch it.
        let w = try Warehouse(path: try project.config().warehouse)
        try w.run("UPDATE source_files SET loaded_count = loaded_count + 1 WHERE file_id = 1")
        let failure = #expect(throws: RunFailure.self) { try runner.run() }
        guard case .dataTestsFailed(let stage, let failures)? = failure else { Issue.record("expected dataTestsFailed"); return }
        #expect(stage == .ingest)
        #expect(failures.map(\.name).contains("rows read = loaded + set aside, per file"))
        #expect(failure?.exitStatus == .dataQuality)
        let last = try w.query("SELECT status, exit_code FROM runs ORDER BY run_id DESC LIMIT 1").first
        #expect(last == ["data_quality", 3])
        #expect(try w.scalarInt("SELECT COUNT(*) FROM run_stages WHERE run_id = (SELECT MAX(run_id) FROM runs)") == 1)
    }

    @Test("a breached set-aside threshold finishes the run and exits with the data-quality code")
    func thresholdBreach() throws {
        let project = try TestProject(extraYAML: "quality:\n  max_set_aside_share: 0")
        defer { project.remove() }
        // Add a file with one bad row.
        try "Date,Supplier Name,Amount\r\n02/07/2025,ACME LTD,not money\r\n".write(toFile: project.root + "/data/borough/spend/extra.csv", atomically: true, encoding: .utf8)
        let failure = #expect(throws: RunFailure.self) { try project.runner().run() }
        guard case .thresholdsBreached(let breaches)? = failure else { Issue.record("expected thresholdsBreached"); return }
        #expect(breaches.count == 1)
        #expect(FileManager.default.fileExists(atPath: try project.config().reports + "/latest/index.html"))
    }

    @Test("a second run while the lock is held exits at once and leaves the first unharmed")
    func lock() throws {
        let project = try TestProject()
        defer { project.remove() }
        let runner = try project.runner()
        try runner.run()
        let holder = try WarehouseLock(warehouse: try project.config().warehouse)
        let error = #expect(throws: LockHeldError.self) { try runner.run() }
        #expect(error?.exitStatus == .locked)
        #expect(error?.description.contains("pid \(getpid())") == true)
        holder.release()
        let w = try Warehouse(path: try project.config().warehouse)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM runs") == 1)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM fct_payments") == 600)
        try runner.run()
        #expect(try w.scalarInt("SELECT COUNT(*) FROM runs") == 2)
    }

    @Test("every supplier id in the spend files becomes exactly one supplier")
    func resolution() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.runner().run()
        let w = try Warehouse(path: try project.config().warehouse)
        let distinctIDs = try w.scalarInt("SELECT COUNT(DISTINCT supplier_ref) FROM stg_payments WHERE is_redacted = 0")
        #expect(try w.scalarInt("SELECT COUNT(*) FROM dim_suppliers") == distinctIDs)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM fct_payments WHERE is_redacted = 1 AND supplier_key IS NOT NULL") == 0)
    }

    @Test("the same warehouse and a pinned clock give a byte-identical report")
    func deterministicReport() throws {
        let project = try TestProject()
        defer { project.remove() }
        let runner = try project.runner()
        try runner.run()
        let path = try project.config().reports + "/2025-06/summary.md"
        let first = try String(contentsOfFile: path, encoding: .utf8)
        try runner.run(.only(.report))
        let second = try String(contentsOfFile: path, encoding: .utf8)
        // Only the run id differs between runs.
        func withoutRunID(_ s: String) -> String { s.replacingOccurrences(of: #"run \d+"#, with: "run N", options: .regularExpression) }
        #expect(first.contains("run 1"))
        #expect(withoutRunID(first) == withoutRunID(second))
        #expect(first.contains("generated 2026-01-01T00:00:00Z"))
    }
}

@Suite("Place overlaps on the synthetic borough", .serialized)
struct PlaceOverlapTests {
    @Test("the five Homecare localities and the estates appear with the services and suppliers the generator placed there")
    func localitiesAndEstates() throws {
        let project = try TestProject(rows: 1500, months: 3)
        defer { project.remove() }
        try project.runner().run()
        let w = try Warehouse(path: try project.config().warehouse)
        let localities = try w.query("SELECT place, service, suppliers_count FROM mart_place_services WHERE place_level = 'locality' ORDER BY place")
        #expect(localities.map { $0[0] } == ["Homecare Central", "Homecare East", "Homecare North", "Homecare South", "Homecare West"])
        #expect(localities.allSatisfy { $0[1] == "Homecare" })
        // Independently: distinct non-redacted supplier ids per homecare cost centre in the staged rows.
        for row in localities {
            let costCentre = try w.query("SELECT match_value FROM map_places WHERE place_level = 'locality' AND place_name = ?", [row[0]]).first![0]
            let expected = try w.scalarInt("SELECT COUNT(DISTINCT supplier_ref) FROM stg_payments WHERE cost_centre = ? AND is_redacted = 0", [costCentre])
            #expect(row[2].int == expected, "\(row[0])")
        }
        let estates = try w.query("SELECT DISTINCT place, service FROM mart_place_services WHERE place_level = 'estate' ORDER BY place")
        #expect(estates.count == 6)
        #expect(estates.allSatisfy { $0[1] == "Housing Repairs" })
        // Wards bring Homecare and Housing Repairs together; their overlap is counted both ways.
        let overlap = try #require(try w.query("SELECT places_a_count, places_b_count, shared_places_count, jaccard_share FROM mart_service_overlap WHERE place_level = 'ward' AND service_a = 'Homecare' AND service_b = 'Housing Repairs'").first)
        let a = overlap[0].int!, b = overlap[1].int!, shared = overlap[2].int!
        #expect(shared > 0)
        #expect(abs(overlap[3].double! - Double(shared) / Double(a + b - shared)) < 1e-12)
        // A candidate is never already in the service it is a candidate for, in that place.
        #expect(try w.scalarInt("""
            SELECT COUNT(*) FROM mart_place_candidates c JOIN mart_place_suppliers s USING (place_level, place, supplier_key)
            WHERE instr('; ' || s.services || ';', '; ' || c.absent_service || ';') > 0
            """) == 0)
    }
}
