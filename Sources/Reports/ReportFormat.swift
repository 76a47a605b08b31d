import MarketShapeCore
import Foundation

/// Formatting shared by the writers.
public enum ReportFormat {
    public static func percent(_ share: Double?) -> String {
        guard let share else { return "unknown" }
        return String(format: "%.1f%%", share * 100)
    }
    public static func points(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%+.1f pts", value)
    }
    /// Shares resting on less than half of the spend are flagged for readers.
    public static let lowCoverage = 0.5
    /// Below this coverage a share is not shown as a figure: it rests on less than half the spend, whose other
    /// half may be all of one class (an `SME or VCSE` share known only where a supplier is a VCSE reads 100%).
    public static let minimumCoverage = 0.5

    /// A class share as a headline shows it: the percentage, or `too little evidence` when its coverage is below
    /// `minimumCoverage` (the share of the little known is still in the data, as `share_of_known`).
    public static func headlineShare(_ s: ReportModel.ClassShare) -> String {
        s.share == nil && s.shareOfKnown != nil ? "too little evidence" : percent(s.share)
    }

    public static func hhi(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.0f", value)
    }
    public static func number(_ value: Double?, decimals: Int) -> String {
        guard let value else { return "" }
        return String(format: "%.\(decimals)f", value)
    }

    /// A trend cell: the share and its coverage (`41.9% · 99%`), or `–` with the coverage when too little is known.
    static func trendCell(_ share: Double?, _ coverage: Double) -> String {
        share.map { "\(percent($0)) · \(percent(coverage))" } ?? "– · \(percent(coverage))"
    }

    /// What the headline's total is: `market spend`, or the scopes measured.
    static func measuredLabel(_ scope: ReportModel.ScopeSplit) -> String {
        scope.measured == ["market"] ? "market spend" : "spend in " + scope.measured.joined(separator: ", ")
    }

    /// The sentence under the scope table: what is measured, and whether the scopes reconcile.
    static func scopeNote(_ scope: ReportModel.ScopeSplit) -> String {
        let measured = scope.rows.filter(\.isMeasured).map(\.pence).reduce(0, +)
        return "Shares, concentration, entrants and exits and opportunities below are over \(measuredLabel(scope)) (\(formatPounds(measured, decimals: false)) of \(formatPounds(scope.totalPence, decimals: false))). "
            + (scope.reconciles ? "The scopes add up to the period's whole staged spend to the penny." : "WARNING: the scopes do not add up to the period's staged spend: re-run measure.")
    }

    /// A data-quality line for an identifier value that linked nothing.
    static func identifierNote(_ f: ReportModel.IdentifierRow) -> String {
        let column = f.column.replacingOccurrences(of: "_", with: " ")
        return "\(column): \"\(f.value)\" on \(f.rows) row(s) (\(formatPounds(f.pence, decimals: false))), \(f.flag == "placeholder" ? "a placeholder" : "not a valid identifier") (\(f.reason)): not used to link payees."
    }

    /// Said where the trend would be when the warehouse holds no month measures.
    static let noTrend = "No monthly trend: the pipeline does not measure months (add month to periods: in the pipeline file)."
}
