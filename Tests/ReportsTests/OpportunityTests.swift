import Foundation
@testable import Reports
import Testing
import Warehouse

@Suite("Market-shaping opportunities")
struct OpportunityTests {
    func service(_ name: String, pence: Int, hhi: Double, top: Double, suppliers: Int = 5, publicBody: Bool = false) -> ReportModel.ServiceRow {
        .init(service: name, segment: name, pence: pence, suppliers: suppliers, hhi: hhi, cr4: 1, band: "", isThin: suppliers < 3, topSupplier: "Top of \(name)",
              topShare: top, topIsPublicBody: publicBody)
    }

    @Test("concentrated services are split into lots, ranked by the largest supplier's pounds; public-body-led services and spend without a service are not a market")
    func ranking() throws {
        let w = try Warehouse(path: ":memory:")
        let list = try Opportunities.list(w, services: [
            service("Waste", pence: 1_000_000, hhi: 4_000, top: 0.6),
            service("Care", pence: 3_000_000, hhi: 2_500, top: 0.4),
            service("Health", pence: 9_000_000, hhi: 9_000, top: 0.95, publicBody: true),
            service("Parks", pence: 200_000, hhi: 900, top: 0.55),
            service("Legal", pence: 50_000, hhi: 10_000, top: 1, suppliers: 1),
            // Spend the file gives no service for is no one market to split.
            .init(service: "(no service given in the file)", segment: "(none)", pence: 5_000_000, suppliers: 2, hhi: 9_000, cr4: 1, band: "",
                  isThin: true, topSupplier: "Anyone", topShare: 0.9, topIsPublicBody: false),
        ], totalPence: 13_250_000)
        #expect(list.map(\.title) == ["Split Care into lots", "Split Waste into lots", "Dependency on one supplier in Parks",
                                      "Dependency on one supplier in Legal", "Thin market: Legal"])
        #expect(list.map(\.rank) == [1, 2, 3, 4, 5])
        #expect(list[0].pence == 1_200_000)
    }
}

@Suite("Entrants and exits against a partly loaded month", .serialized)
struct PartialPreviousPeriodTests {
    @Test("a previous month with far fewer payments is flagged as not like-for-like")
    func caveat() throws {
        let scenario = try ReportScenario()
        defer { scenario.remove() }
        // Thin August out to a single payment: September's comparison with it is not like-for-like.
        let path = "\(scenario.root)/data/spend/spend.csv"
        let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n")
        try lines.filter { !$0.contains("/08/2025") || $0.contains("02/08/2025") }.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        try scenario.run()
        let markdown = try String(contentsOfFile: "\(scenario.reportFolder)/summary.md", encoding: .utf8)
        #expect(markdown.contains("**Not like-for-like:** 2025-08 holds 1 payments against 6 in 2025-09"))
    }
}

@Suite("The default report period", .serialized)
struct DefaultReportPeriodTests {
    @Test("a pipeline that measures only financial years reports the latest financial year, and latest points at it")
    func financialYearOnly() throws {
        let scenario = try ReportScenario()
        defer { scenario.remove() }
        let path = "\(scenario.root)/pipelines/scenario.yml"
        try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: "periods: [month, quarter, financial_year]", with: "periods: [financial_year]")
            .write(toFile: path, atomically: true, encoding: .utf8)
        try scenario.run()
        let markdown = try String(contentsOfFile: "\(scenario.root)/reports/scenario/FY2025-26/summary.md", encoding: .utf8)
        #expect(markdown.contains("FY2025-26"))
        #expect(markdown.contains("No monthly trend: the pipeline does not measure months"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(scenario.root)/reports/scenario/latest") == "FY2025-26")
    }
}
