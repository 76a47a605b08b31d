import Foundation
import Logging
import MarketShapeCore
import Pipeline
import StageKit
import Testing
import Warehouse

/// Every real spend file in `../shared/fixtures/real/`: its top 20 market suppliers hold no payroll, tax, pension,
/// union, precept, levy, treasury or public-body payee, and its spend split by scope reconciles to the file's total.
@Suite("Scope on every real council file", .serialized)
struct RealScopeTests {
    /// What the report-sanity tool queries among top suppliers (`../shared/tools/report-sanity`).
    static let nonMarket = try! NSRegularExpression(pattern: #"\b(HMRC|H\.?M\.? ?REVENUE|INLAND REVENUE|PENSION|SUPERANNUATION|UNISON|GMB|UNITE THE UNION|CREDIT UNION|COUNCIL|BOROUGH|L ?B |COMBINED AUTHORITY|POLICE|FIRE (AND|&) RESCUE|NHS|CLINICAL COMMISSIONING|INTEGRATED CARE BOARD|DEPARTMENT FOR|MINISTRY OF|PRECEPT|LEVY|COLLECTION FUND|MONEY MARKET)\b"#, options: [.caseInsensitive])

    static let files: [String] = {
        let real = RegisterImporterTests.path("../shared/fixtures/real")
        let top = ["devon_DCCSpendingOver500_202601.csv", "devon_DCCSpendingOver500_202602.csv", "devon_DCCSpendingOver500_202603.csv",
                   "calderdale_2022-08_clean.csv", "leeds_2020-06_raw.csv"].map { "\(real)/\($0)" }
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: "\(real)/other_bodies")) ?? []).sorted().map { "\(real)/other_bodies/\($0)" }
        // Each other body's months together, as its pipeline reads them.
        let bodies = Set(others.map { URL(fileURLWithPath: $0).lastPathComponent.split(separator: "_").first.map(String.init) ?? "" }).sorted()
            .map { "\(real)/other_bodies/\($0)_*.csv" }
        return top + others + bodies + ["\(real)/calderdale_history"]
    }()

    @Test("no non-market payee among the top 20 market suppliers; the scope split reconciles to the file's total to the penny", arguments: files)
    func file(path: String) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ms-scope-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/pipelines", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let reg = RegisterImporterTests.path("data/registers")
        let spend = path.hasSuffix(".csv") ? path : path + "/*.csv"
        let isGlob = spend.contains("*")
        try """
            pipeline: t
            body: Council
            spend: ["\(spend)"]
            registers:
              local_authorities: \(reg)/uk_local_authorities.csv
              local_authority_names: \(reg)/uk_local_authority_names.csv
              academy_trusts: \(reg)/academy-trusts-company-number.csv
              independent_schools: \(reg)/independent-schools-ew.csv
            segments: [service]
            periods: [month, financial_year]
            """.write(toFile: root + "/pipelines/t.yml", atomically: true, encoding: .utf8)
        let config = try PipelineConfig.load(path: root + "/pipelines/t.yml")
        try PipelineRunner(config: config, console: RecordingConsole(), logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }).run(.from(.ingest))
        let w = try Warehouse(path: config.warehouse)

        // Every file's lines, split by scope, add up to what the file loaded.
        let unreconciled = try w.query("""
            SELECT f.file_name, f.loaded_pence, coalesce(SUM(l.amount_pence), 0) FROM source_files f
            LEFT JOIN stg_lines l ON l.line_key BETWEEN f.file_id << 32 AND (f.file_id << 32) + 4294967295 LEFT JOIN map_payment_scope s ON s.payee_id = l.payee_id AND s.context_id = l.context_id
            WHERE f.is_current = 1 AND (s.scope IS NOT NULL OR l.line_no IS NULL) GROUP BY f.file_id HAVING f.loaded_pence <> coalesce(SUM(l.amount_pence), 0)
            """)
        #expect(unreconciled.isEmpty, "\(unreconciled)")
        #expect(try w.scalarInt("SELECT SUM(total_pence) FROM mart_scope WHERE period_kind = 'financial_year'") == (try w.scalarInt("SELECT SUM(loaded_pence) FROM source_files WHERE is_current = 1")))

        // The top 20 market suppliers of every period measured.
        let top = try w.query("""
            SELECT d.display_name, coalesce(d.is_public_body, 0) FROM
              (SELECT supplier_key, SUM(spend_pence) AS p FROM mart_segment_suppliers WHERE segment_kind = 'all' GROUP BY 1 ORDER BY 2 DESC LIMIT 20) t
            JOIN dim_suppliers d USING (supplier_key)
            """)
        #expect(top.count == 20)
        let suspicious = top.filter { r in
            let name = r[0].string ?? ""
            return r[1].int == 1 || Self.nonMarket.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        }.map { $0[0].string ?? "" }
        #expect(suspicious.isEmpty, "\(URL(fileURLWithPath: path).lastPathComponent): \(suspicious)")

        // The default report is for the month the file was published for (the latest, for a folder of months), never
        // for a stray month holding a few early or late payments; and it says so.
        let name = URL(fileURLWithPath: path).lastPathComponent
        // A folder or a body's glob: the newest file's month.
        let newest = isGlob ? (try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: spend).deletingLastPathComponent().path))
            .filter { $0.hasPrefix(name.replacingOccurrences(of: "*.csv", with: "")) || !name.contains("*") }.filter { $0.hasSuffix(".csv") }.sorted().last : nil
        let expected = Self.publishedMonth(newest ?? name)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: config.reports + "/latest/data/report.json"))) as! [String: Any]
        let period = json["period"] as! [String: Any]
        #expect(period["label"] as? String == expected, "\(name): the default report is for \(period["label"] ?? "?")")
        let coverage = json["period_coverage"] as! [String: Any]
        #expect(coverage["is_complete"] as? Bool == true, "\(name)")
        // No share on less than half its evidence is a figure: it is `not measurable yet`, in the JSON and the page.
        let html = try String(contentsOfFile: config.reports + "/latest/index.html", encoding: .utf8)
        for share in (json["headline"] as! [String: Any])["shares"] as! [[String: Any]] {
            let label = share["label"] as! String
            if (share["coverage"] as! Double) < 0.5 {
                #expect(share["share"] == nil && share["not_measurable"] is String, "\(name): \(label) at \(share["coverage"]!) coverage")
                #expect(html.contains("\(label): not measurable yet"), "\(name): \(label)")
            } else {
                #expect(share["share"] is Double, "\(name): \(label)")
            }
        }
    }

    /// The month in a published file's name: `…202603.csv` → `2026-03`, `leeds_2020-06_raw.csv` → `2020-06`.
    static func publishedMonth(_ name: String) -> String? {
        guard let match = name.firstMatch(of: /(20\d\d)-?(0[1-9]|1[0-2])/) else { return nil }
        return "\(match.1)-\(match.2)"
    }
}
