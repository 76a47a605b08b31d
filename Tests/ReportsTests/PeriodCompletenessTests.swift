import Foundation
import MarketShapeCore
@testable import Reports
import Testing

/// Which months are complete, and which period a report is for by default.
@Suite("Complete periods")
struct PeriodCompletenessTests {
    @Test("a file's stray early and late months are incomplete, even when they outnumber its own month (Leeds' June 2020 file)")
    func leeds() {
        let c = PeriodCompleteness(months: [("2020-02", 1, -21_900), ("2020-03", 2, 21_568), ("2020-04", 220, 8_995_467),
                                            ("2020-05", 3_770, 176_871_029), ("2020-06", 12_183, 10_258_706_581)], share: 0.5)
        #expect(c.months.filter(\.isComplete).map(\.month) == ["2020-06"])
        #expect(c.medianPayments == 7_976.5)   // May and June are the months with a tenth of the busiest one's payments
    }

    @Test("years of ordinary months are all complete; a month under half the median in payments or in spend is not")
    func history() {
        var months: [(String, Int, Pence)] = (1...12).map { (String(format: "2024-%02d", $0), 2_000 + $0 * 10, 1_000_000_00 + $0 * 1_000) }
        months.append(("2025-01", 900, 1_000_000_00))     // too few payments
        months.append(("2025-02", 2_000, 40_000_00))      // too little spend
        months.append(("2025-03", 1_100, 55_000_000))     // just over half of both
        let c = PeriodCompleteness(months: months, share: 0.5)
        #expect(c.months.filter { !$0.isComplete }.map(\.month) == ["2025-01", "2025-02"])
        // The threshold is the pipeline's to set.
        #expect(PeriodCompleteness(months: months, share: 0.6).isComplete(month: "2025-03") == false)
    }

    @Test("a quarter, a financial year or a rolling year is complete only when every calendar month in it is")
    func longerPeriods() throws {
        let months: [(String, Int, Pence)] = ["2025-04", "2025-05", "2025-06", "2025-07", "2025-09"].map { ($0, 100, 10_000) }
        let c = PeriodCompleteness(months: months, share: 0.5)
        #expect(c.isComplete(try #require(ReportPeriod("2025-Q2"))))
        #expect(!c.isComplete(try #require(ReportPeriod("2025-Q3"))))          // August holds nothing
        #expect(c.incompleteMonths(of: try #require(ReportPeriod("2025-Q3"))) == ["2025-08"])
        #expect(!c.isComplete(try #require(ReportPeriod("FY2025-26"))))
        #expect(try #require(ReportPeriod("R12-2026-03")).calendarMonths.first == "2025-04")
        #expect(try #require(ReportPeriod("FY2025-26")).calendarMonths.last == "2026-03")
        #expect(try #require(ReportPeriod("2025-Q4")).calendarMonths == ["2025-10", "2025-11", "2025-12"])
    }

    @Test("a month with no positive spend is never complete")
    func negativeMonth() {
        let c = PeriodCompleteness(months: [("2025-01", 100, 100_000), ("2025-02", 100, -5_000), ("2025-03", 100, 100_000)], share: 0.5)
        #expect(!c.isComplete(month: "2025-02"))
    }
}

@Suite("The default report is for a complete period", .serialized)
struct DefaultCompletePeriodTests {
    @Test("a stray payment dated the month after never chooses the report; the report says what it covers and what lies outside it")
    func strayLatePayment() throws {
        let scenario = try ReportScenario()
        defer { scenario.remove() }
        let path = "\(scenario.root)/data/spend/spend.csv"
        try (try String(contentsOfFile: path, encoding: .utf8) + "\r\n01/10/2025,Kind Hands Care Ltd,S1,100.00,Homecare,HC-N,NW1 8NP")
            .write(toFile: path, atomically: true, encoding: .utf8)
        try scenario.run()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(scenario.root)/reports/scenario/latest") == "2025-09")
        let markdown = try String(contentsOfFile: "\(scenario.reportFolder)/summary.md", encoding: .utf8)
        #expect(markdown.contains("a complete month"))
        #expect(markdown.contains("1 incomplete month that never choose the report (2025-10: 1 payment, £100)"))
        // The stray month is in the trend, marked, and not drawn.
        let html = try String(contentsOfFile: "\(scenario.reportFolder)/index.html", encoding: .utf8)
        #expect(!html.contains("2025-10 (incomplete)"))   // the trend runs to the report's month
    }

    @Test("an explicitly chosen incomplete period is reported, and says plainly that it is not complete")
    func chosenIncomplete() throws {
        let scenario = try ReportScenario()
        defer { scenario.remove() }
        let path = "\(scenario.root)/pipelines/scenario.yml"
        try (try String(contentsOfFile: path, encoding: .utf8)).replacingOccurrences(of: "periods: [month, quarter, financial_year]", with: "periods: [quarter]")
            .write(toFile: path, atomically: true, encoding: .utf8)
        try scenario.run()
        let markdown = try String(contentsOfFile: "\(scenario.root)/reports/scenario/2025-Q3/summary.md", encoding: .utf8)
        #expect(markdown.contains("which is NOT complete: no payments in 2025-07"))
        #expect(markdown.contains("the period is not complete, so read every figure as part of one"))
    }

    @Test("report settings are read and checked from the pipeline file")
    func settings() throws {
        let base = "pipeline: p\nbody: B\nspend: [x.csv]\n"
        let config = try PipelineConfig.parse(yaml: base + "report: {complete_month_share: 0.3, minimum_coverage: 0.8}\n", file: "/tmp/p.yml")
        #expect(config.report.completeMonthShare == 0.3 && config.report.minimumCoverage == 0.8)
        #expect(try PipelineConfig.parse(yaml: base, file: "/tmp/p.yml").report == PipelineConfig.ReportSettings())
        #expect(throws: PipelineFileError.self) { try PipelineConfig.parse(yaml: base + "report: {minimum_coverage: 2}\n", file: "/tmp/p.yml") }
        #expect(throws: PipelineFileError.self) { try PipelineConfig.parse(yaml: base + "report: {coverage: 0.5}\n", file: "/tmp/p.yml") }
    }
}
