import MarketShapeCore
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

    /// The default report's period: the latest month with payments, or when the pipeline does not measure
    /// months, the latest quarter, financial year or rolling twelve months (the first of those it measures).
    public static func latest(_ w: WarehouseStore) throws -> ReportPeriod? {
        for kind in ["month", "quarter", "financial_year", "rolling_12_months"] {
            if let label = try w.query("SELECT MAX(period) FROM mart_spend WHERE period_kind = ?", [.text(kind)]).first?.first?.string {
                return ReportPeriod(kind: kind, label: label)
            }
        }
        return nil
    }

    /// The months the period covers that hold payments, in order.
    public func months(_ w: WarehouseStore) throws -> [String] {
        let all = try w.query("SELECT period_month FROM mart_months ORDER BY 1").compactMap { $0[0].string }
        switch kind {
        case "month": return all.filter { $0 == label }
        case "quarter":
            let q = Int(label.suffix(1))!
            return all.filter { $0.hasPrefix(label.prefix(4)) && (Int($0.suffix(2))! + 2) / 3 == q }
        case "financial_year":
            let start = Int(label.dropFirst(2).prefix(4))!
            return all.filter { let y = Int($0.prefix(4))!, m = Int($0.suffix(2))!; return (m >= 4 && y == start) || (m < 4 && y == start + 1) }
        default:
            let end = String(label.dropFirst(4))
            let endIndex = Int(end.prefix(4))! * 12 + Int(end.suffix(2))!
            return all.filter { let i = Int($0.prefix(4))! * 12 + Int($0.suffix(2))!; return i <= endIndex && i > endIndex - 12 }
        }
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
