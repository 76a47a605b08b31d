import MarketShapeCore
import Measures
import Warehouse

/// The period a report is for: a month (`2025-09`), a quarter (`2025-Q3`), a UK financial year (`FY2025-26`)
/// or a rolling twelve months (`R12-2025-09`), as the marts name them.
public struct ReportPeriod: Sendable, Equatable, Encodable {
    /// `month`, `quarter`, `financial_year` or `rolling_12_months`.
    public let kind: String
    /// The period as the marts name it.
    public let label: String

    /// Reads a period label; nil when it is none of the four forms.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: " ")
        func digits(_ s: Substring) -> Bool { !s.isEmpty && s.allSatisfy(\.isNumber) }
        let parts = t.split(separator: "-")
        if t.hasPrefix("R12-"), let month = ReportPeriod(String(t.dropFirst(4))), month.kind == "month" {
            kind = "rolling_12_months"
        } else if t.hasPrefix("FY"), parts.count == 2, parts[0].count == 6, digits(parts[0].dropFirst(2)), parts[1].count == 2, digits(parts[1]),
                  (Int(parts[0].dropFirst(2))! + 1) % 100 == Int(parts[1])! {
            kind = "financial_year"
        } else if parts.count == 2, parts[0].count == 4, digits(parts[0]), ["Q1", "Q2", "Q3", "Q4"].contains(String(parts[1])) {
            kind = "quarter"
        } else if parts.count == 2, parts[0].count == 4, digits(parts[0]), parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) {
            kind = "month"
        } else {
            return nil
        }
        label = t
    }

    init(kind: String, label: String) { self.kind = kind; self.label = label }

    /// The default report's period: the latest complete one (`PeriodCompleteness`) of the first kind the pipeline
    /// measures in the order month, quarter, financial year, rolling twelve months; when no period of any kind is
    /// complete, the latest month (or period) with payments, and the report says it is incomplete.
    public static func latest(_ w: WarehouseStore, completeness: PeriodCompleteness) throws -> ReportPeriod? {
        let marts = MartReader(w)
        let kinds = ["month", "quarter", "financial_year", "rolling_12_months"]
        for kind in kinds {
            for label in try marts.periods(kind: kind).reversed() {
                let period = ReportPeriod(kind: kind, label: label)
                if completeness.isComplete(period) { return period }
            }
        }
        for kind in kinds {
            if let label = try marts.latestPeriod(kind: kind) { return ReportPeriod(kind: kind, label: label) }
        }
        return nil
    }

    /// Every calendar month the period spans, whether or not it holds payments (`2025-Q3`: July to September).
    public var calendarMonths: [String] {
        func month(_ y: Int, _ m: Int) -> Int { y * 12 + m - 1 }
        let first: Int, count: Int
        switch kind {
        case "month":
            guard let y = Int(label.prefix(4)), let m = Int(label.suffix(2)) else { return [] }
            (first, count) = (month(y, m), 1)
        case "quarter":
            guard let y = Int(label.prefix(4)), let q = Int(label.suffix(1)) else { return [] }
            (first, count) = (month(y, q * 3 - 2), 3)
        case "financial_year":
            guard let y = Int(label.dropFirst(2).prefix(4)) else { return [] }
            (first, count) = (month(y, 4), 12)
        case "rolling_12_months":
            guard let end = ReportPeriod(String(label.dropFirst(4))), let y = Int(end.label.prefix(4)), let m = Int(end.label.suffix(2)) else { return [] }
            (first, count) = (month(y, m) - 11, 12)
        default:
            return []
        }
        return (first..<first + count).map(PeriodCalendar.monthName)
    }

    /// The months the period covers that hold payments, in order (`PeriodCalendar`'s rules, as the marts used).
    public func months(_ w: WarehouseStore) throws -> [String] {
        guard let kind = PeriodCalendar.Kind(rawValue: kind) else { return [] }
        let all = try MartReader(w).months().compactMap { text -> Int? in
            guard let y = Int(text.prefix(4)), let m = Int(text.suffix(2)) else { return nil }
            return y * 12 + m - 1
        }
        return all.filter { month in PeriodCalendar.periods(of: kind, containing: month, months: all).contains { $0.name == label } }
            .map(PeriodCalendar.monthName)
    }
}

/// A report asked for a period the warehouse has no measures for.
public struct UnknownPeriodError: Error, CustomStringConvertible, ExitStatusProviding {
    public var period: String
    public var available: [String]
    public var exitStatus: ExitStatus { .badUsage }
    public var description: String {
        "no measures for period \(period): the warehouse holds \(available.isEmpty ? "none (run the pipeline first)" : available.joined(separator: ", ")) (check periods: in the pipeline file)"
    }
}
