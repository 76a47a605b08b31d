import MarketShapeCore
import StageKit
import Warehouse

/// Stage 5: spend, coverage-aware class shares and concentration per period × segment, into `mart_*`,
/// computed from `fct_payments` and `dim_suppliers` alone.
///
/// Concentration follows DOMAIN.md: each supplier's credit notes are netted within the market and
/// period; suppliers with net spend ≤ 0 take no share; redacted payees are not one supplier.
public struct MeasureStage: PipelineStage {
    public let name = StageName.measure

    public init() {}

    public func run(_ context: StageContext) throws -> StageResult {
        try context.warehouse.transaction { try measure(context) }
    }

    /// The stage's work, inside one transaction: a failure leaves the previous tables in place.
    func measure(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        try w.execute("DELETE FROM mart_spend; DELETE FROM mart_concentration;")
        let segments = ["all"] + context.config.segments.filter { $0 != "place" }
        var markets = 0
        for kind in context.config.periods {
            guard let period = PeriodExpression.sql(kind) else { continue }
            for segment in segments {
                let seg = PeriodExpression.segment(segment)
                try w.execute("""
                    INSERT INTO mart_spend
                    SELECT '\(kind.rawValue)', \(period), '\(segment)', \(seg), SUM(f.amount_pence), COUNT(*), COUNT(DISTINCT f.supplier_key),
                      SUM(CASE WHEN f.is_redacted = 1 THEN f.amount_pence ELSE 0 END),
                      SUM(CASE WHEN f.is_purchase_card = 1 THEN f.amount_pence ELSE 0 END),
                      SUM(CASE WHEN d.is_local IS NOT NULL THEN f.amount_pence ELSE 0 END), SUM(CASE WHEN d.is_local = 1 THEN f.amount_pence ELSE 0 END),
                      SUM(CASE WHEN d.is_sme IS NOT NULL THEN f.amount_pence ELSE 0 END), SUM(CASE WHEN d.is_sme = 1 THEN f.amount_pence ELSE 0 END),
                      SUM(CASE WHEN d.is_vcse IS NOT NULL THEN f.amount_pence ELSE 0 END), SUM(CASE WHEN d.is_vcse = 1 THEN f.amount_pence ELSE 0 END)
                    FROM fct_payments f LEFT JOIN dim_suppliers d USING (supplier_key)
                    GROUP BY 2, 4
                    """)
                try w.execute("""
                    INSERT INTO mart_concentration
                    WITH net AS (
                      SELECT \(period) AS period, \(seg) AS segment, supplier_key, SUM(amount_pence) AS pence
                      FROM fct_payments WHERE supplier_key IS NOT NULL GROUP BY 1, 2, 3),
                    markets AS (SELECT DISTINCT \(period) AS period, \(seg) AS segment FROM fct_payments),
                    shares AS (
                      SELECT period, segment, pence, SUM(pence) OVER (PARTITION BY period, segment) AS total,
                        ROW_NUMBER() OVER (PARTITION BY period, segment ORDER BY pence DESC, supplier_key) AS rank
                      FROM net WHERE pence > 0),
                    agg AS (
                      SELECT period, segment, COUNT(*) AS n, MAX(total) AS total,
                        10000.0 * SUM((1.0 * pence / total) * (1.0 * pence / total)) AS hhi,
                        SUM(CASE WHEN rank <= 4 THEN 1.0 * pence / total ELSE 0 END) AS cr4,
                        MAX(1.0 * pence / total) AS top
                      FROM shares GROUP BY 1, 2)
                    SELECT '\(kind.rawValue)', m.period, '\(segment)', m.segment, coalesce(a.n, 0), coalesce(a.total, 0), a.hhi, a.cr4,
                      CASE WHEN a.hhi > 0 THEN 10000.0 / a.hhi END, a.top,
                      CASE WHEN a.hhi IS NULL THEN 'no positive spend' WHEN a.hhi > 1800 THEN 'highly concentrated'
                           WHEN a.hhi >= 1000 THEN 'moderately concentrated' ELSE 'unconcentrated' END,
                      coalesce(a.n, 0) < 3
                    FROM markets m LEFT JOIN agg a USING (period, segment)
                    """)
            }
        }
        markets = try w.scalarInt("SELECT COUNT(*) FROM mart_concentration")
        let thin = try w.scalarInt("SELECT COUNT(*) FROM mart_concentration WHERE is_thin = 1 AND segment_kind <> 'all'")
        return StageResult(rowsCount: markets, summary: "\(markets) markets measured (\(thin) thin: fewer than three suppliers)")
    }

    public func dataTests(_ context: StageContext) -> [DataTest] {
        [
            .expression("each market's spend sums to fct_payments",
                        """
                        SELECT period_kind || ' ' || segment_kind || ': ' || SUM(total_pence) || ' ≠ ' || (SELECT SUM(amount_pence) FROM fct_payments)
                        FROM mart_spend GROUP BY period_kind, segment_kind HAVING SUM(total_pence) <> (SELECT SUM(amount_pence) FROM fct_payments)
                        """),
            .expression("HHI lies in 0–10,000 and CR4 in 0–1",
                        "SELECT period || ' ' || segment || ': hhi ' || hhi FROM mart_concentration WHERE hhi < 0 OR hhi > 10000.0001 OR cr4_share < 0 OR cr4_share > 1.0000001"),
        ]
    }
}
