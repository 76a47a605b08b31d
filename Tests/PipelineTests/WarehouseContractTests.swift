import Foundation
import Logging
import MarketShapeCore
import Pipeline
import StageKit
import Testing
import Warehouse

/// The reproductions of issue 15: each failed on the main of 2026-12-01 (stale reports with exit 0, rows lost or
/// kept, mappings ignored) and must pass now.
@Suite("One warehouse you can trust month after month", .serialized)
struct WarehouseContractTests {
    func spendFiles(_ project: TestProject) throws -> [String] {
        let dir = project.root + "/data/borough/spend"
        return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".csv") }.sorted().map { dir + "/" + $0 }
    }

    func warehouse(_ project: TestProject) throws -> Warehouse { try Warehouse(path: try project.config().warehouse) }

    /// Every mart row, sorted: what "the same marts" means.
    func marts(_ w: WarehouseStore) throws -> [String: [String]] {
        var all: [String: [String]] = [:]
        for table in try w.query("""
            SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'mart_%' AND name NOT LIKE 'mart_input%' AND name <> 'mart_refreshed_months' ORDER BY 1
            """).compactMap({ $0[0].string }) {
            all[table] = try w.query("SELECT * FROM \(table)").map { $0.map { "\($0)" }.joined(separator: "|") }.sorted()
        }
        return all
    }

    /// The project's warehouse copied aside and rebuilt from nothing (`run --rebuild`, which keeps the register versions
    /// and the run history): what an incremental run must equal.
    func rebuiltCopy(_ project: TestProject) throws -> Warehouse {
        var config = try project.config()
        let copy = project.root + "/data/warehouse/rebuilt.sqlite"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: config.warehouse + suffix) {
            try FileManager.default.copyItem(atPath: config.warehouse + suffix, toPath: copy + suffix)
        }
        config.warehouse = copy
        config.reports = project.root + "/reports-rebuilt"
        try PipelineRunner(config: config, console: RecordingConsole(), logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
                           now: { Date(timeIntervalSince1970: 1_767_225_600) }, rebuild: true).run()
        return try Warehouse(path: copy)
    }

    /// Expects every mart of `a` to hold the rows of the same mart of `b`, naming the tables that differ.
    func expectSameMarts(_ a: WarehouseStore, _ b: WarehouseStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let x = try marts(a), y = try marts(b)
        #expect(x.keys.sorted() == y.keys.sorted(), sourceLocation: sourceLocation)
        for table in x.keys.sorted() where x[table] != y[table] {
            let only = Set(x[table] ?? []).symmetricDifference(y[table] ?? [])
            Issue.record("\(table) differs in \(only.count) row(s), e.g. \(only.sorted().prefix(3))", sourceLocation: sourceLocation)
        }
    }

    @Test("adding a row then running ingest, resolve and report alone refuses the stale report (exit 3); a run then rebuilds what changed")
    func staleOnlySequence() throws {
        let project = try TestProject()
        defer { project.remove() }
        let runner = try project.runner()
        try runner.run()
        let file = try spendFiles(project).last!
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(whereSeparator: \.isNewline)
        try (lines.joined(separator: "\n") + "\n" + lines.last! + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingestOnly = RecordingConsole()
        try project.runner(console: ingestOnly).run(.only(.ingest))
        #expect(ingestOnly.lines.contains { $0.hasPrefix("resolve, classify, places, measure, report now out of date") })
        try runner.run(.only(.resolve))
        #expect(throws: StaleInputsError.self) { try runner.run(.only(.report)) }
        #expect((StaleInputsError(stage: .report, reason: "", pipelineFile: "") as ExitStatusProviding).exitStatus.rawValue == 3)
        #expect(throws: StaleInputsError.self) { try runner.run(.only(.measure)) }

        let console = RecordingConsole()
        try project.runner(console: console).run()
        #expect(console.lines.contains { $0.hasPrefix("resolve: up to date") })
        #expect(console.lines.contains { $0.hasPrefix("classify: ") && !$0.contains("up to date") })
        // The marts now equal a rebuild from nothing of the same files.
        let w = try warehouse(project)
        let fresh = try TestProject.copy(of: project)
        defer { fresh.remove() }
        try fresh.runner().run(.all)
        try expectSameMarts(w, try warehouse(fresh))
    }

    @Test("a run with nothing changed rebuilds nothing but the report")
    func makeLike() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.runner().run()
        let console = RecordingConsole()
        try project.runner(console: console).run()
        for stage in ["resolve", "classify", "places", "measure"] {
            #expect(console.lines.contains("\(stage): up to date (built by run 1 from the same inputs)"))
        }
        // A changed setting is a changed input.
        try (try String(contentsOfFile: project.pipelinePath, encoding: .utf8) + "\nperiods: [month, quarter]\n")
            .write(toFile: project.pipelinePath, atomically: true, encoding: .utf8)
        let again = RecordingConsole()
        try project.runner(console: again).run()
        #expect(!again.lines.contains { $0.contains("up to date") })
    }

    @Test("a stage built by older rules is rebuilt, not called up to date")
    func olderRules() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.runner().run()
        let w = try warehouse(project)
        // What classify's build would have recorded under the previous version of its rules, from the same inputs.
        let lineage = Lineage(warehouse: w, config: try project.config())
        let inputs = try lineage.inputs(of: .classify, builds: try lineage.builds())
        #expect(inputs.contains("\"rules\":\"\(StageName.classify.rulesVersion)\""))
        let older = inputs.replacingOccurrences(of: "\"rules\":\"\(StageName.classify.rulesVersion)\"", with: "\"rules\":\"\(StageName.classify.rulesVersion - 1)\"")
        try w.run("UPDATE stage_builds SET inputs_digest = ? WHERE stage = 'classify'", [.text(Lineage.digest(older))])
        let console = RecordingConsole()
        try project.runner(console: console).run()
        #expect(console.lines.contains("resolve: up to date (built by run 1 from the same inputs)"))
        #expect(console.lines.contains { $0.hasPrefix("classify: ") && !$0.contains("up to date") })
    }

    @Test("a month published in two files keeps every row of both")
    func monthInTwoFiles() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.runner().run()
        let w = try warehouse(project)
        let whole = try w.query("SELECT SUM(read_count), SUM(loaded_pence) FROM source_files WHERE is_current = 1").first!
        // The council publishes the last month in two parts instead (split between records, header on each).
        let file = try spendFiles(project).last!
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let records = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(records.count > 100)
        let half = 1 + (records.count - 1) / 2
        try FileManager.default.removeItem(atPath: file)
        let stem = String(file.dropLast(4))
        try ([records[0]] + records[1..<half]).map { $0 + "\r\n" }.joined().write(toFile: stem + "a.csv", atomically: true, encoding: .utf8)
        try ([records[0]] + records[half...]).map { $0 + "\r\n" }.joined().write(toFile: stem + "b.csv", atomically: true, encoding: .utf8)
        let console = RecordingConsole()
        try project.runner(console: console).run()
        #expect(console.lines.contains { $0.contains("06a.csv: read") && !$0.contains("WARNING") })
        #expect(console.lines.contains { $0.contains("06b.csv: read") && !$0.contains("WARNING") && !$0.contains("same bytes") })
        #expect(try w.query("SELECT SUM(read_count), SUM(loaded_pence) FROM source_files WHERE is_current = 1").first! == whole)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM source_files WHERE is_current = 1") == 4)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM stg_lines") == whole[0].int!)
    }

    @Test("two versions of a month in one glob settle after one run, with a warning; `replaces:` keeps only the new one")
    func twoVersionsSettle() throws {
        let project = try TestProject()
        defer { project.remove() }
        let file = try spendFiles(project).last!
        let v2 = String(file.dropLast(4)) + "_v2.csv"
        // The republished version repeats every row and adds one.
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.appending(text.split(whereSeparator: \.isNewline).last! + "\n").write(toFile: v2, atomically: true, encoding: .utf8)
        // Loading it says so, and the run exits with the data-quality code: the month is counted twice.
        let first = RecordingConsole()
        #expect(throws: RunFailure.self) { try project.runner(console: first).run() }
        #expect(first.lines.contains { $0.contains("_v2.csv") && $0.contains("WARNING") && $0.contains("replaces:") })
        #expect(first.lines.contains { $0.hasPrefix("report: ") })
        let second = RecordingConsole()
        try project.runner(console: second).run()
        let ingested = second.lines.filter { $0.hasPrefix("  ") && $0.contains(".csv: read") }
        #expect(ingested.count == 4)
        #expect(ingested.allSatisfy { $0.contains("unchanged since it was loaded") })
        #expect(second.lines.contains("measure: up to date (built by run 1 from the same inputs)"))

        // Saying so: the new version replaces the old one, once.
        let yaml = try String(contentsOfFile: project.pipelinePath, encoding: .utf8)
            .replacingOccurrences(of: "  - data/borough/spend/*.csv", with: "  - path: data/borough/spend/*_v2.csv\n    replaces: data/borough/spend/\(URL(fileURLWithPath: file).lastPathComponent)\n  - data/borough/spend/*.csv")
        try yaml.write(toFile: project.pipelinePath, atomically: true, encoding: .utf8)
        let declared = RecordingConsole()
        try project.runner(console: declared).run()
        #expect(declared.lines.contains { $0.contains("retired \(URL(fileURLWithPath: file).lastPathComponent)") && $0.contains("replaced by") && $0.contains("_v2.csv") })
        try project.runner().run()
        let w = try warehouse(project)
        #expect(try w.query("SELECT file_name FROM source_files WHERE is_current = 1 ORDER BY 1").compactMap { $0[0].string }.contains(URL(fileURLWithPath: file).lastPathComponent) == false)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM source_files WHERE is_current = 1") == 3)
    }

    @Test("a file no longer listed is retired with a message; its history stays in the ledger")
    func removedFileRetired() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.runner().run()
        let w = try warehouse(project)
        let gone = try spendFiles(project).first!
        let rows = try w.scalarInt("SELECT loaded_count FROM source_files WHERE path = ? AND is_current = 1", [.text(gone)])
        let before = try w.scalarInt("SELECT COUNT(*) FROM stg_lines")
        try FileManager.default.removeItem(atPath: gone)
        let console = RecordingConsole()
        try project.runner(console: console).run()
        #expect(console.lines.contains { $0.hasPrefix("  retired 1 file(s): \(rows) rows, £") && $0.contains("no longer listed") })
        #expect(try w.scalarInt("SELECT COUNT(*) FROM stg_lines") == before - rows)
        #expect(try w.query("SELECT is_current, retired_reason FROM source_files WHERE path = ?", [.text(gone)]).first == [.integer(0), .text("no longer listed by the pipeline")])
        #expect(try w.scalarInt("SELECT MIN(period) FROM mart_spend WHERE period_kind = 'month'") != nil)
        #expect(try w.query("SELECT MIN(period) FROM mart_spend WHERE period_kind = 'month'").first?.first?.string == "2025-05")
        // Its payee × context pairs were collected again from every line: no pair is left that no current line pays.
        #expect(try w.scalarInt("""
            SELECT COUNT(*) FROM map_payment_scope s WHERE NOT EXISTS (SELECT 1 FROM stg_lines l WHERE l.payee_id = s.payee_id AND l.context_id = s.context_id)
            """) == 0)
    }

    @Test("an edited column mapping or VAT basis reads the file again")
    func editedMappingReingests() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.runner().run()
        let yaml = try String(contentsOfFile: project.pipelinePath, encoding: .utf8)
            .replacingOccurrences(of: "  - data/borough/spend/*.csv", with: "  - path: data/borough/spend/*.csv\n    vat: gross")
        try yaml.write(toFile: project.pipelinePath, atomically: true, encoding: .utf8)
        let console = RecordingConsole()
        try project.runner(console: console).run()
        #expect(console.lines.filter { $0.contains(".csv: read") && $0.contains("replaces file") }.count == 3)
        let w = try warehouse(project)
        #expect(try w.query("SELECT DISTINCT vat_basis FROM source_files WHERE is_current = 1").map { $0[0].string } == ["gross"])
    }

    @Test("a file edited in place to the same size is read again (its modification time changed), and an untouched one is not")
    func sameSizeEdit() throws {
        let project = try TestProject()
        defer { project.remove() }
        let files = try spendFiles(project)
        // Files last modified long ago, as a council's downloads are: their stamps are trusted.
        for file in files { try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -86_400)], ofItemAtPath: file) }
        try project.runner().run()
        let w = try warehouse(project)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM source_files WHERE file_stamp IS NOT NULL") == 3)
        // One amount's digit changes: the same size, new bytes.
        let text = try String(contentsOfFile: files[0], encoding: .utf8)
        let digit = try #require(text.lastIndex(where: { $0.isNumber && $0 != "9" }))
        var edited = text
        edited.replaceSubrange(digit...digit, with: String(Int(String(text[digit]))! + 1))
        try edited.write(toFile: files[0], atomically: false, encoding: .utf8)
        #expect(try FileManager.default.attributesOfItem(atPath: files[0])[.size] as? Int == text.utf8.count)
        let console = RecordingConsole()
        try project.runner(console: console).run()
        let lines = console.lines.filter { $0.contains(".csv: read") }
        #expect(lines.filter { $0.contains("replaces file") }.count == 1)
        #expect(lines.filter { $0.contains("unchanged since it was loaded") }.count == 2)
    }

    @Test("the same bytes under two listed paths load once; a moved file is not read again")
    func duplicateAndMoved() throws {
        let project = try TestProject()
        defer { project.remove() }
        let file = try spendFiles(project).first!
        let copy = String(file.dropLast(4)) + "_copy.csv"
        try FileManager.default.copyItem(atPath: file, toPath: copy)
        let console = RecordingConsole()
        try project.runner(console: console).run()
        #expect(console.lines.contains { $0.contains("_copy.csv") && $0.contains("the same bytes as") && $0.contains("not loaded twice") })
        let w = try warehouse(project)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM source_files WHERE is_current = 1") == 3)

        try FileManager.default.removeItem(atPath: file)
        let moved = RecordingConsole()
        try project.runner(console: moved).run()
        #expect(moved.lines.contains { $0.contains("_copy.csv") && $0.contains("unchanged, moved from") })
        #expect(moved.lines.contains("resolve: up to date (built by run 1 from the same inputs)"))
        #expect(try w.scalarInt("SELECT COUNT(*) FROM source_files") == 3)
    }

    @Test("run --rebuild reads every file again and keeps the run history")
    func rebuild() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.runner().run()
        var runner = try project.runner()
        runner.rebuild = true
        try runner.run()
        let w = try warehouse(project)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM runs") == 2)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM source_files WHERE is_current = 0 AND retired_reason = 'rebuilt from the current inputs'") == 3)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM source_files WHERE is_current = 1") == 3)
    }

    @Test("adding a month sums only that month again and rebuilds the periods it changes: the marts equal a full rebuild")
    func incrementalMonth() throws {
        let project = try TestProject(rows: 800, months: 4)
        defer { project.remove() }
        let last = try spendFiles(project).last!
        let aside = project.root + "/later.csv"
        try FileManager.default.moveItem(atPath: last, toPath: aside)
        try project.runner().run()
        try FileManager.default.moveItem(atPath: aside, toPath: last)
        let console = RecordingConsole()
        try project.runner(console: console).run()
        #expect(console.lines.contains { $0.hasPrefix("measure: ") && $0.contains("1 month(s) summed again") })
        let w = try warehouse(project)
        #expect(try w.query("SELECT period_month FROM mart_refreshed_months").map { $0[0].string } == ["2025-07"])
        let full = try rebuiltCopy(project)
        #expect(try full.scalarInt("SELECT COUNT(*) FROM mart_refreshed_months") == 4)
        try expectSameMarts(w, full)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM run_tests WHERE stage = 'measure' AND passed = 0") == 0)
        // Classify read only the new file's lines for its payee × context pairs, and holds the scopes a full pass gives.
        func scopes(_ w: WarehouseStore) throws -> [String] {
            try w.query("SELECT payee_id, context_id, scope, rule FROM map_payment_scope").map { $0.map { "\($0)" }.joined(separator: "|") }.sorted()
        }
        #expect(try scopes(w) == scopes(full))
        #expect(try w.scalarInt("SELECT COUNT(*) FROM map_scope_files") == 4)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM map_scope_files WHERE file_id NOT IN (SELECT file_id FROM source_files WHERE is_current = 1)") == 0)
    }

    @Test("a supplier whose class changes is measured again only in the months it is paid in, and the marts equal a full measure")
    func incrementalClassChange() throws {
        let project = try TestProject(rows: 800, months: 4)
        defer { project.remove() }
        try project.runner().run()
        var config = try project.config()
        let w = try warehouse(project)
        // A supplier paid in one month only becomes an SME (as a corrected register would make it).
        let key = try #require(try w.query("""
            SELECT supplier_key FROM mart_month_sums WHERE segment_kind = 'all' AND supplier_key > 0 GROUP BY 1 HAVING COUNT(*) = 1 ORDER BY SUM(spend_pence) DESC LIMIT 1
            """).first?.first?.int)
        try w.run("UPDATE dim_suppliers SET is_sme = 1 - coalesce(is_sme, 0) WHERE supplier_key = ?", [.integer(key)])
        // The same warehouse, told its stored measures are from other settings: it measures every month.
        let copy = project.root + "/data/warehouse/full.sqlite"
        try w.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try FileManager.default.copyItem(atPath: config.warehouse, toPath: copy)
        let full = try Warehouse(path: copy)
        try full.run("UPDATE mart_inputs SET value = 'other settings' WHERE name = 'settings'")

        let console = RecordingConsole()
        try project.runner(console: console).run(.only(.measure))
        #expect(console.lines.contains { $0.hasPrefix("measure: ") && $0.contains("1 month(s) summed again") && $0.contains("1 supplier(s) changed") })
        config.warehouse = copy
        config.reports = project.root + "/reports-full"
        let fullConsole = RecordingConsole()
        try PipelineRunner(config: config, console: fullConsole, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }).run(.only(.measure))
        #expect(fullConsole.lines.contains { $0.hasPrefix("measure: ") && !$0.contains("summed again") })
        try expectSameMarts(w, full)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM run_tests WHERE stage = 'measure' AND passed = 0") == 0)
    }

    @Test("a target on a share with under 50% coverage is unknown, neither met nor missed, and says why")
    func targetOnTooLittleEvidence() throws {
        // Without registers few suppliers have a known SME-or-VCSE status: the share rests on a sliver of the spend.
        let project = try TestProject(extraYAML: "targets:\n  - {measure: sme_vcse_share, at_least: 1%}\n")
        defer { project.remove() }
        try project.runner().run()
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: try project.config().reports + "/latest/data/report.json")))
        let target = try #require(((json as? [String: Any])?["targets"] as? [[String: Any]])?.first)
        let coverage = try #require(target["coverage"] as? Double)
        #expect(coverage > 0 && coverage < 0.5)
        #expect(target["met"] == nil)
        #expect((target["note"] as? String)?.hasPrefix("too little evidence") == true)
    }

    @Test("the report's totals equal the marts and the staged lines (its data tests pass, and fail on a tampered mart)")
    func reportDataTests() throws {
        let project = try TestProject()
        defer { project.remove() }
        try project.runner().run()
        let w = try warehouse(project)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM run_tests WHERE stage = 'report' AND passed = 1") == 3)
        try w.run("UPDATE mart_spend SET total_pence = total_pence + 1 WHERE segment_kind = 'all' AND period = (SELECT period FROM rpt_totals)")
        #expect(throws: RunFailure.self) { try project.runner().run(.only(.report)) }
    }
}

extension TestProject {
    /// A second project holding the same data (spend files, registers, places) and pipeline file, with its own warehouse.
    static func copy(of project: TestProject) throws -> TestProject {
        let other = try TestProject(rows: 10, months: 1)
        try FileManager.default.removeItem(atPath: other.root + "/data/borough")
        try FileManager.default.copyItem(atPath: project.root + "/data/borough", toPath: other.root + "/data/borough")
        try FileManager.default.removeItem(atPath: other.pipelinePath)
        try FileManager.default.copyItem(atPath: project.pipelinePath, toPath: other.pipelinePath)
        return other
    }
}

/// Every table of the warehouse has one owner: a stage (`Lineage.tables`) or the runner's ledger. A table nobody
/// owns, or two stages claiming one, fails here before it can be written by the wrong stage.
@Suite("Each table has one owner")
struct TableOwnershipTests {
    static let ledger: Set<String> = ["runs", "run_stages", "run_inputs", "run_tests", "stage_builds", "schema_migrations"]

    @Test("every table of a migrated warehouse is the ledger's or exactly one stage's")
    func owners() throws {
        let w = try Warehouse(path: ":memory:")
        struct Table: Decodable { var name: String }
        let tables = try w.fetch(Table.self, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1").map(\.name)
        #expect(tables.count > 30)
        for table in tables where !Self.ledger.contains(table) {
            let owners = Lineage.tables.filter { _, names in
                names.contains { pattern in pattern == table || (pattern.hasSuffix("*") && table.hasPrefix(String(pattern.dropLast()))) }
            }.map(\.key.rawValue).sorted()
            #expect(owners.count == 1, "\(table) is owned by \(owners.isEmpty ? "no stage" : owners.joined(separator: " and "))")
        }
    }
}
