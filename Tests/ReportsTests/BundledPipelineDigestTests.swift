import Foundation
import Logging
import MarketShapeCore
import Pipeline
import Reports
import StageKit
import Testing
import Warehouse

/// The bundled pipelines on their real files (demo, Devon, Calderdale and its 41-month history, Leeds), run with a pinned
/// clock: a SHA-256 of every report file, every mart and decision table and the payments export, pinned in
/// `Golden/bundled-pipelines.txt`. The digests were first written by the code before the tallies of issue 16 (which
/// changed where every stage reads from, not what it computes), so they say the figures did not move. After a
/// deliberate change to a figure, regenerate with `MARKETSHAPE_UPDATE_GOLDEN=1 swift test --filter BundledPipelineDigestTests`.
@Suite("The bundled pipelines' outputs, pinned", .serialized)
struct BundledPipelineDigestTests {
    static let pipelines = ["demo", "devon", "calderdale", "calderdale_history", "leeds"]
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/bundled-pipelines.txt").path
    static let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    /// The tables whose every row is pinned: the marts and what resolve and classify decided.
    static let decisionTables = ["dim_suppliers", "supplier_evidence", "map_payee_suppliers", "map_payment_scope", "rpt_totals",
                                 "resolution_conflicts", "identifier_flags"]

    @Test("every report, mart and export of each bundled pipeline is byte-identical to the pinned digests", arguments: pipelines)
    func pinned(pipeline: String) throws {
        let actual = try Self.digests(pipeline)
        let key = "\(pipeline)\t"
        var lines = ((try? String(contentsOfFile: Self.golden, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        if ProcessInfo.processInfo.environment["MARKETSHAPE_UPDATE_GOLDEN"] != nil {
            lines = (lines.filter { !$0.hasPrefix(key) } + actual.map { "\(key)\($0.key)\t\($0.value)" }).sorted()
            try (lines.joined(separator: "\n") + "\n").write(toFile: Self.golden, atomically: true, encoding: .utf8)
        }
        var expected: [String: String] = [:]
        for line in lines where line.hasPrefix(key) {
            let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
            if parts.count == 3 { expected[parts[1]] = parts[2] }
        }
        #expect(!expected.isEmpty, "no pinned digests for \(pipeline) in \(Self.golden)")
        let differing = Set(expected.keys).union(actual.keys).filter { expected[$0] != actual[$0] }.sorted()
        #expect(differing.isEmpty, "\(pipeline): \(differing.map { "\($0): pinned \(expected[$0] ?? "none"), now \(actual[$0] ?? "none")" })")
    }

    /// Runs the pipeline in a fixed folder (reports name paths, so the folder never moves) with the report clock pinned,
    /// and digests what it wrote. Two test runs on one machine take turns: the folder is held under a lock on a file beside it.
    static func digests(_ pipeline: String) throws -> [String: String] {
        let lock = open(FileManager.default.temporaryDirectory.appendingPathComponent("marketshape-bundled.lock").path, O_CREAT | O_RDWR, 0o644)
        guard lock >= 0, flock(lock, LOCK_EX) == 0 else { throw WarehouseError(message: "cannot lock the bundled pipelines' folder") }
        defer { flock(lock, LOCK_UN); close(lock) }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("marketshape-bundled/\(pipeline)").path
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root + "/pipelines", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in try FileManager.default.contentsOfDirectory(atPath: project + "/data") where folder != "warehouse" && folder != "logs" {
            try FileManager.default.createSymbolicLink(atPath: "\(root)/data/\(folder)", withDestinationPath: "\(project)/data/\(folder)")
        }
        // A pipeline reading the shared fixtures names them relative to the project: the same place from here (a link
        // left by a run that crashed is replaced).
        try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("marketshape-bundled/shared").path)
        try FileManager.default.createSymbolicLink(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("marketshape-bundled/shared").path,
                                                   withDestinationPath: project + "/../shared")
        defer { try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("marketshape-bundled/shared").path) }
        try FileManager.default.copyItem(atPath: "\(project)/pipelines/\(pipeline).yml", toPath: "\(root)/pipelines/\(pipeline).yml")
        let config = try PipelineConfig.load(path: "\(root)/pipelines/\(pipeline).yml")
        _ = try PipelineRunner(config: config, console: RecordingConsole(), logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() },
                               now: { Date(timeIntervalSince1970: 1_767_225_600) }).run(.all)
        var out: [String: String] = [:]
        // Every report file (a workbook by its parts: the zip's own timestamps are not the figures).
        let reports = config.reports
        let files = (FileManager.default.enumerator(atPath: reports)?.compactMap { $0 as? String } ?? []).sorted()
        for file in files {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "\(reports)/\(file)", isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let data = file.hasSuffix(".xlsx") ? try ReportGoldenTests.workbookParts("\(reports)/\(file)") : try Data(contentsOf: URL(fileURLWithPath: "\(reports)/\(file)"))
            out["report \(file)"] = TextDigest.sha256(String(decoding: data, as: UTF8.self)) + " \(data.count)"
        }
        let w = try Warehouse(path: config.warehouse)
        let marts = try w.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'mart\\_%' ESCAPE '\\' ORDER BY name").compactMap(\.first?.string)
        for table in marts + decisionTables {
            let columns = try w.query("SELECT COUNT(*) FROM pragma_table_info('\(table)')")[0][0].int ?? 0
            let rows = try w.query("SELECT * FROM \(table) ORDER BY \((1...max(columns, 1)).map(String.init).joined(separator: ", "))")
            out["table \(table)"] = TextDigest.sha256(rows.map { $0.map { "\($0)" }.joined(separator: "\u{1}") }.joined(separator: "\n")) + " \(rows.count)"
        }
        let export = root + "/payments.csv"
        _ = try PaymentsExport.write(w, to: export, months: nil)
        out["export payments.csv"] = try FileDigest.sha256(path: export)
        return out
    }
}
