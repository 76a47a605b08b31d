import MarketShapeCore
import Testing

@Suite("Period calendar")
struct PeriodCalendarTests {
    func month(_ y: Int, _ m: Int) -> Int { y * 12 + m - 1 }

    @Test("months, calendar quarters and April-to-March financial years, with consecutive seqs")
    func fixedPeriods() {
        let march = month(2025, 3), april = month(2025, 4)
        #expect(PeriodCalendar.periods(of: .month, containing: march, months: []).map(\.name) == ["2025-03"])
        #expect(PeriodCalendar.periods(of: .quarter, containing: march, months: []).map(\.name) == ["2025-Q1"])
        #expect(PeriodCalendar.periods(of: .quarter, containing: april, months: []).map(\.name) == ["2025-Q2"])
        #expect(PeriodCalendar.periods(of: .financialYear, containing: march, months: []).map(\.name) == ["FY2024-25"])
        #expect(PeriodCalendar.periods(of: .financialYear, containing: april, months: []).map(\.name) == ["FY2025-26"])
        #expect(PeriodCalendar.periods(of: .financialYear, containing: month(2099, 5), months: []).map(\.name) == ["FY2099-00"])
        let q1 = PeriodCalendar.periods(of: .quarter, containing: march, months: [])[0].seq
        #expect(PeriodCalendar.periods(of: .quarter, containing: april, months: [])[0].seq == q1 + 1)
    }

    @Test("rolling twelve months: only complete windows, ending in the latest twelve months with payments")
    func rollingWindows() {
        let months = Array(month(2024, 1)...month(2025, 3))    // fifteen months
        let windows = { (m: Int) in PeriodCalendar.periods(of: .rolling12, containing: m, months: months).map(\.name) }
        #expect(windows(month(2024, 1)) == ["R12-2024-12"])
        #expect(windows(month(2024, 6)) == ["R12-2024-12", "R12-2025-01", "R12-2025-02", "R12-2025-03"])
        #expect(windows(month(2025, 3)) == ["R12-2025-03"])
        #expect(PeriodCalendar.periods(of: .rolling12, containing: month(2024, 6), months: Array(months.prefix(11))).isEmpty)
    }
}
