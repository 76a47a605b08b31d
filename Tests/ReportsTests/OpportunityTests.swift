import Foundation
@testable import Reports
import Testing
import Warehouse

@Suite("Market-shaping opportunities")
struct OpportunityTests {
    func service(_ name: String, pence: Int, hhi: Double, top: Double, suppliers: Int = 5, publicBody: Bool = false, identified: Double = 1) -> ReportModel.ServiceRow {
        .init(service: name, segment: name, pence: pence, suppliers: suppliers, hhi: hhi, cr4: 1, band: "", isThin: suppliers < 3, identifiedCoverage: identified,
              topSuppliers: [], topSupplier: "Top of \(name)", topShare: top, topIsPublicBody: publicBody)
    }

    @Test("one opportunity per market, ranked by the pounds at stake; public-body-led services, spend without a service and markets mostly paid to unidentified payees are not judged")
    func ranking() throws {
        let w = try Warehouse(path: ":memory:")
        var none = service("(no service given in the file)", pence: 5_000_000, hhi: 9_000, top: 0.9, suppliers: 2)
        none.segment = "(none)"
        let list = try Opportunities.list(w, services: [
            service("Waste", pence: 1_000_000, hhi: 4_000, top: 0.6),
            service("Care", pence: 3_000_000, hhi: 2_500, top: 0.4),
            service("Health", pence: 9_000_000, hhi: 9_000, top: 0.95, publicBody: true),
            service("Parks", pence: 200_000, hhi: 900, top: 0.55),
            // Thin and highly concentrated: one opportunity, not two; its kind follows its shape, not its size.
            service("Legal", pence: 150_000, hhi: 10_000, top: 1, suppliers: 1),
            // Under 1% of the spend: not where a commissioner acts.
            service("Tiny", pence: 100_000, hhi: 10_000, top: 1, suppliers: 1),
            // Mostly redacted: too little is known to judge.
            service("Hidden", pence: 4_000_000, hhi: 8_000, top: 0.8, identified: 0.3),
            // Accounting codes and schools are no market.
            service("Balance Sheet", pence: 900_000, hhi: 9_000, top: 0.9),
            { var s = service("SEN placements", pence: 900_000, hhi: 9_000, top: 0.9); s.topSupplier = "Highbury School"; return s }(),
            none,
        ], totalPence: 13_250_000, minimumCoverage: 0.5)
        #expect(list.map(\.title) == ["Split Care into lots", "Split Waste into lots", "Split Legal into lots", "Reduce dependence on one supplier in Parks"])
        #expect(list.map(\.rank) == [1, 2, 3, 4])
        #expect(list.map(\.market) == ["Care", "Waste", "Legal", "Parks"])
        #expect(list[0].pence == 1_200_000)
        #expect(list[2].pence == 150_000)
        #expect(list[2].detail.contains("only 1 supplier took a share") && list[2].detail.contains("takes 100.0%"))
        #expect(list.allSatisfy { !$0.nextStep.isEmpty && $0.coverage == 1 })
    }

    @Test("a market led by a VCSE or SME is not told to let lots to SMEs and VCSEs")
    func ledByVCSE() throws {
        var s = service("Domestic abuse", pence: 1_000_000, hhi: 5_000, top: 0.7)
        s.topIsVCSEOrSME = true
        let list = try Opportunities.list(try Warehouse(path: ":memory:"), services: [s], totalPence: 10_000_000, minimumCoverage: 0.5)
        #expect(list.count == 1)
        #expect(list[0].nextStep.hasPrefix("Top of Domestic abuse is itself a VCSE or SME: keep what works"))
    }
}

extension OpportunityTests {
    @Test("concentration in two services led by one supplier (one contract coded to two services) is one opportunity, with their pounds added")
    func oneSupplierTwoServices() throws {
        var capital = service("Capital - Highways", pence: 12_000_000, hhi: 2_600, top: 0.5)
        var revenue = service("Highways & Infrastructure", pence: 6_000_000, hhi: 7_000, top: 0.8)
        capital.topSupplier = "M Group Highways Limited"
        revenue.topSupplier = "M Group Highways Limited"
        let list = try Opportunities.list(try Warehouse(path: ":memory:"), services: [capital, revenue, service("Waste", pence: 2_000_000, hhi: 4_000, top: 0.6)],
                                          totalPence: 20_000_000, minimumCoverage: 0.5)
        #expect(list.map(\.title) == ["Split Capital - Highways and Highways & Infrastructure into lots: one supplier leads them all", "Split Waste into lots"])
        #expect(list[0].pence == 6_000_000 + 4_800_000)
        #expect(list[0].market == "Capital - Highways; Highways & Infrastructure")
        #expect(list[0].leader == "M Group Highways Limited")
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
        #expect(markdown.contains("**Not like-for-like:** 2025-08 is not complete (too few payments)"))
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
        // No financial year is complete (the scenario holds August and September): the latest is reported, and says so.
        #expect(markdown.contains("which is NOT complete"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(scenario.root)/reports/scenario/latest") == "FY2025-26")
    }
}
