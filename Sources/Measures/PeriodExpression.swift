import MarketShapeCore

/// SQL for the period a payment falls in, from `period_month` (`2026-01`).
public enum PeriodExpression {
    public static func sql(_ kind: PipelineConfig.PeriodKind) -> String? {
        switch kind {
        case .month: return "period_month"
        case .quarter: return "substr(period_month, 1, 4) || '-Q' || ((CAST(substr(period_month, 6, 2) AS INTEGER) + 2) / 3)"
        case .financialYear:
            return "'FY' || (CAST(substr(period_month, 1, 4) AS INTEGER) - (CAST(substr(period_month, 6, 2) AS INTEGER) < 4)) || '-' || substr(CAST(CAST(substr(period_month, 1, 4) AS INTEGER) - (CAST(substr(period_month, 6, 2) AS INTEGER) < 4) + 1 AS TEXT), 3, 2)"
        case .rolling12: return nil
        }
    }

    /// SQL for a segment column, with `(all)` for the whole body and `(none)` for blanks.
    public static func segment(_ kind: String) -> String {
        kind == "all" ? "'(all)'" : "coalesce(nullif(trim(\(kind)), ''), '(none)')"
    }
}
