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

    public static func hhi(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String(format: "%.0f", value)
    }
    public static func number(_ value: Double?, decimals: Int) -> String {
        guard let value else { return "" }
        return String(format: "%.\(decimals)f", value)
    }

    /// Said where the trend would be when the warehouse holds no month measures.
    static let noTrend = "No monthly trend: the pipeline does not measure months (add month to periods: in the pipeline file)."
}
