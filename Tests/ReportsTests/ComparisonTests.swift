import Foundation
import Logging
import MarketShapeCore
import Pipeline
import Reports
import StageKit
import Testing
import Warehouse

@Suite("Comparing bodies", .serialized)
struct ComparisonTests {
    static let pinned = Date(timeIntervalSince1970: 1_767_225_600)

    /// The report scenario's borough and a second body in the same project: September 2025 only, Homecare and Parks,
    /// every supplier local (NW1) and no SME evidence.
    static func twoBodies() throws -> (ReportScenario, [PipelineConfig]) {
        let a = try ReportScenario()
        try a.run()
        try FileManager.default.createDirectory(atPath: "\(a.root)/data/other", withIntermediateDirectories: true)
        try """
            Payment Date,Supplier Name,Supplier ID,Amount,Service Area,Supplier Postcode\r
            01/09/2025,North Homecare Ltd,T1,"4,000.00",Homecare,NW1 1AA\r
            02/09/2025,South Homecare Ltd,T2,"1,000.00",Homecare,NW1 2BB\r
            03/09/2025,Green Parks Ltd,T3,500.00,Parks,NW1 3CC\r
            """.write(toFile: "\(a.root)/data/other/spend.csv", atomically: true, encoding: .utf8)
        try """
            pipeline: other
            body: Other Borough
            spend: [data/other/spend.csv]
            local:
              outward_codes: [NW1]
            segments: [service]
            periods: [month]
            """.write(toFile: "\(a.root)/pipelines/other.yml", atomically: true, encoding: .utf8)
        let b = try PipelineConfig.load(path: "\(a.root)/pipelines/other.yml")
        try PipelineRunner(config: b, console: RecordingConsole(), logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }, now: { pinned }).run()
        return (a, [try a.config(), b])
    }

    @Test("each body's figures are its marts'; ranks count only bodies with a figure; markets of the same name are shared")
    func sideBySide() throws {
        let (scenario, configs) = try Self.twoBodies()
        defer { scenario.remove() }
        let m = try BodyComparison.build(configs, period: ReportPeriod("2025-09"), now: Self.pinned)
        #expect(m.bodies.map(\.pipeline) == ["scenario", "other"] && m.missing.isEmpty)
        for (body, config) in zip(m.bodies, configs) {
            let w = try Warehouse(path: config.warehouse)
            #expect(body.marketPence == (try w.scalarInt("SELECT total_pence FROM mart_spend WHERE period_kind = 'month' AND period = '2025-09' AND segment_kind = 'all'")))
            let hhi = try w.query("SELECT hhi FROM mart_concentration WHERE period_kind = 'month' AND period = '2025-09' AND segment_kind = 'all'").first?[0].double
            #expect(body.hhi == hhi)
        }
        let other = m.bodies[1], scenarioRow = m.bodies[0]
        // Every payee of the other body is local (NW1): 100% local beats the scenario's; its SME share is not measurable.
        #expect(other.shares.first { $0.measure == "local_share" }?.share == 1.0)
        #expect(other.ranks["local_share"] == 1 && scenarioRow.ranks["local_share"] == 2)
        // Only the scenario has an SME figure: first of one is no rank, so neither is ranked.
        #expect(other.ranks["sme_share"] == nil && scenarioRow.ranks["sme_share"] == nil)
        // 4,000 + 1,000 + 500 of 5,500: HHI 72.7² + 18.2² + 9.1² ≈ 5,702; of the two, the lower HHI ranks first.
        #expect(abs((other.hhi ?? 0) - 10000 * (pow(4000.0 / 5500, 2) + pow(1000.0 / 5500, 2) + pow(500.0 / 5500, 2))) < 1e-9)
        #expect(m.bodies.compactMap { $0.ranks["hhi"] }.sorted() == [1, 2])
        #expect(m.sharedMarkets.map(\.market) == ["Homecare"] && m.sharedMarkets[0].bodies.map(\.pipeline) == ["scenario", "other"])
        // Written as every report is: HTML, Markdown and the data files.
        let out = scenario.root + "/reports/compare/2025-09"
        try ComparisonWriter.write(m, to: out)
        let csv = try String(contentsOfFile: out + "/data/bodies.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(csv.count == 3 && csv[0].hasPrefix("pipeline,body,period,is_complete,market_pence"))
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8).contains("Test Borough &lt;&amp;&gt;"))
        #expect(FileManager.default.fileExists(atPath: out + "/data/comparison.xlsx") && FileManager.default.fileExists(atPath: out + "/data/comparison.json"))
    }

    @Test("a category's figures: suppliers' net spend summed over its services (a credit note nets), shares of the positive total, by group too")
    func categoryFigures() {
        let rows: [ComparisonModel.ServiceSupplierSpend] = [
            .init(service: "Homecare North", supplier: 1, ownerGroup: "G", pence: 300), .init(service: "Homecare North", supplier: 2, ownerGroup: nil, pence: 100),
            .init(service: "Home Care South", supplier: 1, ownerGroup: "G", pence: -100), .init(service: "Home Care South", supplier: 3, ownerGroup: "G", pence: 200),
            .init(service: "Parks", supplier: 4, ownerGroup: nil, pence: 900),
        ]
        let mapping = MarketCategories(rules: [("home*", "Care"), ("*repairs*", "Housing")])
        let f = ComparisonModel.categoryFigures(pipeline: "x", rows, mapping)
        #expect(Set(f.keys) == ["Care"])   // Parks matches no pattern
        let care = f["Care"]!
        #expect(care.services == ["Home Care South", "Homecare North"] && care.pence == 500 && care.suppliers == 3)
        #expect(abs(care.hhi! - 3600) < 1e-9 && abs(care.cr4! - 1) < 1e-12)       // 40² + 20² + 40²
        #expect(abs(care.groupHHI! - 6800) < 1e-9)                               // G holds 1 and 3: 80² + 20²
    }

    @Test("markets by common category: only categories two bodies share; a one-service category's HHI is that service's own")
    func categories() throws {
        let (scenario, configs) = try Self.twoBodies()
        defer { scenario.remove() }
        let mapping = MarketCategories(rules: [("homecare", "Care"), ("*repairs*", "Housing"), ("parks", "Parks")])
        let m = try BodyComparison.build(configs, period: ReportPeriod("2025-09"), now: Self.pinned, categories: mapping)
        #expect(m.categoryMarkets.map(\.category) == ["Care"] && m.categoryMarkets[0].bodies.map(\.pipeline) == ["scenario", "other"])
        for (figures, config) in zip(m.categoryMarkets[0].bodies, configs) {
            let hhi = try Warehouse(path: config.warehouse).query("""
                SELECT hhi FROM mart_concentration WHERE period_kind = 'month' AND period = '2025-09' AND segment_kind = 'service' AND segment = 'Homecare'
                """).first?[0].double
            #expect(figures.services == ["Homecare"] && abs((figures.hhi ?? 0) - (hhi ?? -1)) < 1e-9)
        }
    }

    @Test("a body without the period asked for is left out with the reason; without a period each body's latest is used, and the note says they differ")
    func periods() throws {
        let (scenario, configs) = try Self.twoBodies()
        defer { scenario.remove() }
        let august = try BodyComparison.build(configs, period: ReportPeriod("2025-08"), now: Self.pinned)
        #expect(august.bodies.map(\.pipeline) == ["scenario"])
        #expect(august.missing.map(\.pipeline) == ["other"] && august.missing[0].reason.contains("2025-08"))
        let latest = try BodyComparison.build(configs, period: nil, now: Self.pinned)
        #expect(latest.bodies.map(\.period) == ["2025-09", "2025-09"])
        #expect(!latest.notes.contains { $0.hasPrefix("The bodies' periods differ") })
    }
}
