import MarketShapeCore
import Measures
import Warehouse

/// Which months hold a material part of a normal month: a month is complete when its payments and its spend (every
/// scope) are each at least `share` of the median month's. The median is over the months that are plausibly whole
/// (at least a tenth of the busiest month's payments), so that a file's many stray months do not drag the normal
/// month down to their size (Leeds' June file: 220 payments dated April and 3,770 dated May beside 12,183 in
/// June; May is not a normal month). Stray early or late
/// payments (one payment of £1,300 dated in the month before a file's month) live in their own months but never
/// choose the report. A longer period is complete when every calendar month in it is.
public struct PeriodCompleteness: Sendable {
    /// A month with payments, and whether it is complete.
    public struct Month: Sendable, Equatable, Encodable {
        public var month: String
        public var payments: Int
        public var pence: Pence
        public var isComplete: Bool
    }

    /// Every month with payments, in order.
    public let months: [Month]
    /// The share of the median month a complete month reaches.
    public let share: Double
    public let medianPayments: Double
    public let medianPence: Double
    /// Whether each month with payments is complete, by month.
    private let complete: [String: Bool]

    /// Judges months given as (month, payments, spend in pence).
    public init(months rows: [(month: String, payments: Int, pence: Pence)], share: Double) {
        func median(_ values: [Double]) -> Double {
            let v = values.sorted()
            guard !v.isEmpty else { return 0 }
            return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
        }
        let busiest = rows.map(\.payments).max() ?? 0
        let normal = rows.filter { $0.payments * 10 >= busiest && $0.pence > 0 }
        let payments = median(normal.map { Double($0.payments) }), pence = median(normal.map { Double($0.pence) })
        self.share = share
        medianPayments = payments
        medianPence = pence
        months = rows.map {
            Month(month: $0.month, payments: $0.payments, pence: $0.pence,
                  isComplete: Double($0.payments) >= share * payments && Double($0.pence) >= share * pence && $0.pence > 0)
        }
        complete = Dictionary(months.map { ($0.month, $0.isComplete) }, uniquingKeysWith: { a, _ in a })
    }

    /// The warehouse's months (`mart_months`, every scope), judged with the pipeline's `report.complete_month_share`.
    public init(_ w: WarehouseStore, share: Double) throws {
        self.init(months: try MartReader(w).monthTotals().map { ($0.period_month, $0.payments_count, $0.spend_pence) }, share: share)
    }

    /// The newest complete month, if any.
    public var newestComplete: String? { months.last(where: \.isComplete)?.month }

    /// Whether `month` (`2025-09`) is complete; false when it holds no payments.
    public func isComplete(month: String) -> Bool {
        complete[month] == true
    }

    /// Whether every calendar month of `period` holds payments and is complete.
    public func isComplete(_ period: ReportPeriod) -> Bool {
        period.calendarMonths.allSatisfy(isComplete(month:))
    }

    /// The calendar months of `period` that are missing or incomplete.
    public func incompleteMonths(of period: ReportPeriod) -> [String] {
        period.calendarMonths.filter { !isComplete(month: $0) }
    }

    /// The rule in words, for the report.
    public var rule: String {
        "a month is complete when its payments and its spend are each at least \(Int((share * 100).rounded()))% of the median month's "
            + "(\(Int(medianPayments.rounded())) payments, \(formatPounds(Int(medianPence.rounded()), decimals: false)), over the months with at least a tenth of the busiest month's payments); a quarter, year or twelve months is complete when every month in it is"
    }
}
