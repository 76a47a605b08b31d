import Foundation
import MarketShapeCore
import StageKit
import Warehouse

/// Stage 5: the figures the reports are made of, into `mart_*`, computed from `fct_payments`, `dim_suppliers`
/// and the place mapping: spend and coverage-aware class shares, ownership, concentration and dynamics per
/// period × segment, and the place-based overlaps.
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
        try w.execute("""
            DELETE FROM mart_spend; DELETE FROM mart_concentration; DELETE FROM mart_ownership; DELETE FROM mart_dynamics;
            DELETE FROM mart_place_services; DELETE FROM mart_place_suppliers; DELETE FROM mart_service_overlap; DELETE FROM mart_place_candidates;
            DELETE FROM mart_months; DELETE FROM mart_segment_suppliers; DELETE FROM mart_scope; DELETE FROM mart_scope_payees;
            """)
        func timed(_ name: String, _ body: () throws -> Void) rethrows {
            let start = Date()
            try body()
            context.logger.info("measure: \(name) in \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
        }
        var scope: MeasureScope!
        try timed("periods, places and one pass over the payments") { scope = try MeasureScope.prepare(w, config: context.config) }
        var spend: [SegmentAggregation.MarketKey: SpendMart.Totals] = [:]
        var concentration: [SegmentAggregation.MarketKey: ConcentrationMart.Figures] = [:]
        try timed("months and suppliers for the report") { try ReportMarts.build(w, scope.aggregation) }
        try timed("spend by scope") { try ScopeMart.build(w, scope.aggregation) }
        try timed("spend and ownership") { spend = try SpendMart.build(w, scope.aggregation) }
        try timed("concentration") { concentration = try ConcentrationMart.build(w, scope.aggregation) }
        try timed("dynamics") { try DynamicsMart.build(w, scope.aggregation, spend: spend, concentration: concentration) }
        try timed("place overlaps") { try PlaceOverlapMarts.build(w, measured: context.config.measuredScopes) }
        let markets = try w.scalarInt("SELECT COUNT(*) FROM mart_concentration")
        let thin = try w.scalarInt("SELECT COUNT(*) FROM mart_concentration WHERE is_thin = 1 AND segment_kind <> 'all'")
        let places = try w.scalarInt("SELECT COUNT(DISTINCT place_level || ':' || place) FROM mart_place_services")
        let candidates = try w.scalarInt("SELECT COUNT(*) FROM mart_place_candidates")
        return StageResult(rowsCount: markets, summary: "\(markets) markets over \(scope.segmentKinds.count) segment kinds (\(thin) thin: fewer than three suppliers); \(places) places, \(candidates) local VCSE/SME candidates for services absent in their place")
    }

    public func dataTests(_ context: StageContext) -> [DataTest] {
        // The recomputations from the staged lines check the month marts: they run when months are measured.
        (context.config.periods.contains(.month) ? recomputations(context.config.measuredScopes) : []) + [
            .expression("every period's scopes add up to its months' staged spend",
                        """
                        SELECT s.period_kind || ' ' || s.period || ': scopes ' || s.pence || ' ≠ months ' || m.pence FROM
                          (SELECT period_kind, period, SUM(total_pence) AS pence FROM mart_scope GROUP BY 1, 2) s
                        JOIN (SELECT 'month' AS period_kind, period_month AS period, spend_pence AS pence FROM mart_months) m USING (period_kind, period)
                        WHERE s.pence <> m.pence
                        """),
            .expression("segments that partition spend add up to the whole, in every period",
                        """
                        SELECT a.period_kind || ' ' || a.period || ' by ' || b.segment_kind || ': ' || b.pence || ' ≠ ' || a.total_pence
                        FROM mart_spend a JOIN (SELECT period_kind, period, segment_kind, SUM(total_pence) AS pence FROM mart_spend
                                                WHERE segment_kind NOT LIKE 'place:%' GROUP BY 1, 2, 3) b USING (period_kind, period)
                        WHERE a.segment_kind = 'all' AND a.total_pence <> b.pence
                        """),
            .expression("ownership rows add up to each market's spend",
                        """
                        SELECT s.period_kind || ' ' || s.period || ' ' || s.segment_kind || '=' || s.segment FROM mart_spend s
                        JOIN (SELECT period_kind, period, segment_kind, segment, SUM(spend_pence) AS pence FROM mart_ownership GROUP BY 1, 2, 3, 4) o
                          USING (period_kind, period, segment_kind, segment)
                        WHERE o.pence <> s.total_pence
                        """),
            .relationship("mart_place_suppliers", "supplier_key", to: "dim_suppliers", "supplier_key"),
            .relationship("mart_place_candidates", "supplier_key", to: "dim_suppliers", "supplier_key"),
            .expression("HHI lies in 0–10,000 and CR4 in 0–1",
                        "SELECT period || ' ' || segment || ': hhi ' || hhi FROM mart_concentration WHERE hhi < 0 OR hhi > 10000.0001 OR cr4_share < 0 OR cr4_share > 1.0000001"),
        ]
    }

    /// Month marts recomputed in SQL straight from the staged lines, independently of the one-pass aggregation in Swift.
    func recomputations(_ measured: [Scope]) -> [DataTest] {
        let scopes = measured.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let inScope = "JOIN map_payment_scope s ON s.payee_id = l.payee_id AND s.context_id = l.context_id AND s.scope IN (\(scopes))"
        return [
            .expression("each month's spend in the measured scopes equals the staged lines",
                        """
                        SELECT 'month ' || m.period || ': ' || m.total_pence || ' ≠ ' || f.pence FROM mart_spend m
                        JOIN (SELECT substr(l.paid_on, 1, 7) AS period_month, SUM(l.amount_pence) AS pence FROM stg_lines l \(inScope) GROUP BY 1) f
                          ON f.period_month = m.period
                        WHERE m.period_kind = 'month' AND m.segment_kind = 'all' AND m.total_pence <> f.pence
                        """),
            .expression("each month's spend in all scopes equals the staged lines",
                        """
                        SELECT 'month ' || m.period_month || ': ' || m.spend_pence || ' ≠ ' || f.pence FROM mart_months m
                        JOIN (SELECT substr(paid_on, 1, 7) AS period_month, SUM(amount_pence) AS pence FROM stg_lines GROUP BY 1) f USING (period_month)
                        WHERE m.spend_pence <> f.pence
                        """),
            .expression("supplier shares sum to one: each month's positive net spend and supplier count match a recomputation",
                        """
                        SELECT 'month ' || c.period || ': ' || c.positive_pence || 'p / ' || c.suppliers_count || ' vs ' || n.pence || 'p / ' || n.n
                        FROM mart_concentration c
                        JOIN (SELECT period_month, SUM(p) AS pence, COUNT(*) AS n FROM
                                (SELECT substr(l.paid_on, 1, 7) AS period_month, m.supplier_key, SUM(l.amount_pence) AS p
                                 FROM stg_lines l JOIN map_payee_suppliers m USING (payee_id) \(inScope) GROUP BY 1, 2)
                              WHERE p > 0 GROUP BY 1) n ON n.period_month = c.period
                        WHERE c.period_kind = 'month' AND c.segment_kind = 'all' AND (c.positive_pence <> n.pence OR c.suppliers_count <> n.n)
                        """),
        ]
    }
}
