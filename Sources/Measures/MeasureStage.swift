import Foundation
import MarketShapeCore
import StageKit
import Warehouse

/// Stage 5: the figures the reports are made of, into `mart_*`, computed from ingest's tallies (`stg_tallies`, seen with
/// supplier and scope as `fct_tallies`), `dim_suppliers` and the place mapping: spend and coverage-aware class shares, ownership, concentration and dynamics per
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
        let w = context.warehouse, config = context.config
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T { try context.timed("measure: \(name)", body) }
        try MeasureScope.preparePlaces(w)
        let levels = try MeasureScope.placeLevels(w)
        let settings = try MeasureRefresh.settingsDigest(w, config: config, levels: levels)
        var refresh = try timed("what changed") { try MeasureRefresh.plan(w, settings: settings) }
        let periodMarts = ["mart_spend", "mart_concentration", "mart_ownership", "mart_segment_suppliers", "mart_scope", "mart_scope_payees"]
        var scope: MeasureScope
        var months: [Int]
        var refreshed: Set<Int>
        var incremental: MeasureScope.Incremental?
        if refresh.months != nil {
            do {
                incremental = try timed("the changed months and their periods") { try MeasureScope.incremental(w, config: config, levels: levels, refresh: refresh) }
            } catch is SegmentAggregation.StaleMonthSums {
                refresh = MeasureRefresh(months: nil, reason: "every month (the stored month sums name segments or suppliers there are no longer)")
            }
        }
        if let incremental {
            (scope, months) = (incremental.scope, incremental.months)
            refreshed = refresh.months ?? []
            for table in periodMarts + ["mart_dynamics"] {
                let ids = table == "mart_dynamics" ? incremental.dynamics.union(incremental.removed) : incremental.rebuilt.union(incremental.removed)
                let statement = try w.prepare("DELETE FROM \(table) WHERE period_kind = ? AND period = ?")
                for id in ids { statement.bind([.text(id.kind), .text(id.name)]); try statement.run() }
            }
            let kept = Set(months.map(PeriodCalendar.monthName)), loaded = Set(scope.aggregation.monthTotals.keys.map { PeriodCalendar.monthName(Int($0)) })
            for month in try w.fetch(MeasureRefresh.Month.self, "SELECT period_month FROM mart_months").map(\.period_month) where !kept.contains(month) || loaded.contains(month) {
                try w.run("DELETE FROM mart_months WHERE period_month = ?", [.text(month)])
            }
        } else {
            try w.execute((periodMarts + ["mart_dynamics", "mart_months"]).map { "DELETE FROM \($0);" }.joined(separator: " "))
            (scope, months) = try timed("every month from one pass over the payments") { try MeasureScope.full(w, config: config, levels: levels) }
            refreshed = Set(months)
        }
        try w.execute("""
            DELETE FROM mart_place_services; DELETE FROM mart_place_suppliers; DELETE FROM mart_service_overlap; DELETE FROM mart_place_candidates;
            """)
        context.logger.info("measure: \(refresh.reason)")
        var spend: [SegmentAggregation.MarketKey: SpendMart.Totals] = [:]
        var concentration: [SegmentAggregation.MarketKey: ConcentrationMart.Figures] = [:]
        try timed("months and suppliers for the report") { try ReportMarts.build(w, scope.aggregation) }
        try timed("spend by scope") { try ScopeMart.build(w, scope.aggregation) }
        try timed("spend and ownership") { spend = try SpendMart.build(w, scope.aggregation) }
        try timed("concentration") { concentration = try ConcentrationMart.build(w, scope.aggregation) }
        try timed("dynamics") { try DynamicsMart.build(w, scope.aggregation, spend: spend, concentration: concentration) }
        try timed("place overlaps") { try PlaceOverlapMarts.build(w, measured: config.measuredScopes) }
        try timed("what was read") {
            try MeasureRefresh.record(w, settings: settings, calendar: SegmentAggregation.calendar(periodKinds: config.periods, months: months),
                                      fileMonths: incremental?.fileMonths ?? scope.aggregation.fileMonths, full: incremental == nil)
            try w.run("DELETE FROM mart_refreshed_months")
            for m in refreshed.sorted() { try w.run("INSERT INTO mart_refreshed_months VALUES (?)", [.text(PeriodCalendar.monthName(m))]) }
        }
        let markets = try w.scalarInt("SELECT COUNT(*) FROM mart_concentration")
        let thin = try w.scalarInt("SELECT COUNT(*) FROM mart_concentration WHERE is_thin = 1 AND segment_kind <> 'all'")
        let places = try w.scalarInt("SELECT COUNT(DISTINCT place_level || ':' || place) FROM mart_place_services")
        let candidates = try w.scalarInt("SELECT COUNT(*) FROM mart_place_candidates")
        let what = refresh.months == nil ? "" : "; \(refresh.reason)"
        return StageResult(rowsCount: markets, summary: "\(markets) markets over \(scope.segmentKinds.count) segment kinds (\(thin) thin: fewer than three suppliers); \(places) places, \(candidates) local VCSE/SME candidates for services absent in their place\(what)")
    }

    public func dataTests(_ context: StageContext) -> [DataTest] {
        // The recomputations from the staged tallies check the month marts: they run when months are measured.
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

    /// Month marts recomputed in SQL from ingest's tallies (checked against the staged lines when each file loaded),
    /// independently of the one-pass aggregation in Swift: for the months this run summed again (`mart_refreshed_months`:
    /// every month after a full run), reading only the tallies of the files with lines in them.
    func recomputations(_ measured: [Scope]) -> [DataTest] {
        let scopes = measured.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let inScope = "JOIN map_payment_scope s ON s.payee_id = l.payee_id AND s.context_id = l.context_id AND s.scope IN (\(scopes))"
        let refreshed = """
            l.file_id IN (SELECT file_id FROM mart_input_files WHERE period_month IN (SELECT period_month FROM mart_refreshed_months))
              AND l.period_month IN (SELECT period_month FROM mart_refreshed_months)
            """
        return [
            // One pass over the tallies in the measured scopes, summed per month and supplier (NULL: payees with none),
            // checks both each month's spend and its supplier shares. The tallies are first summed per file, month and
            // payee, in their key's order (no sort, so memory does not grow with the tallies), then per supplier.
            .expression("each month's spend in the measured scopes, its positive net spend and its supplier count (supplier shares sum to one) match a recomputation from the staged tallies",
                        """
                        WITH byPayee AS (SELECT l.period_month, l.payee_id, SUM(l.net_pence) AS p FROM stg_tallies l \(inScope) WHERE \(refreshed)
                               GROUP BY l.file_id, l.period_month, l.payee_id),
                          s AS (SELECT b.period_month, m.supplier_key, SUM(b.p) AS p
                               FROM byPayee b LEFT JOIN map_payee_suppliers m USING (payee_id) GROUP BY 1, 2),
                          n AS (SELECT period_month, SUM(p) AS pence, SUM(CASE WHEN supplier_key IS NOT NULL AND p > 0 THEN p ELSE 0 END) AS positive,
                               SUM(supplier_key IS NOT NULL AND p > 0) AS suppliers FROM s GROUP BY 1)
                        SELECT 'month ' || n.period_month || ': ' || coalesce(m.total_pence, 0) || ' ≠ ' || n.pence
                        FROM n LEFT JOIN mart_spend m ON n.period_month = m.period AND m.period_kind = 'month' AND m.segment_kind = 'all'
                        WHERE coalesce(m.total_pence, 0) <> n.pence
                        UNION ALL
                        SELECT 'month ' || c.period || ': ' || c.positive_pence || 'p / ' || c.suppliers_count || ' vs ' || n.positive || 'p / ' || n.suppliers
                        FROM mart_concentration c JOIN n ON n.period_month = c.period AND n.suppliers > 0
                        WHERE c.period_kind = 'month' AND c.segment_kind = 'all' AND (c.positive_pence <> n.positive OR c.suppliers_count <> n.suppliers)
                        """),
            .expression("each month's spend in all scopes equals the staged tallies",
                        """
                        SELECT 'month ' || r.period_month || ': ' || coalesce(m.spend_pence, 0) || ' ≠ ' || coalesce(f.pence, 0) FROM mart_refreshed_months r
                        LEFT JOIN mart_months m USING (period_month)
                        LEFT JOIN (SELECT period_month, SUM(pence) AS pence FROM (SELECT l.period_month, SUM(l.net_pence) AS pence FROM stg_tallies l
                                   WHERE \(refreshed) GROUP BY l.file_id, l.period_month) GROUP BY 1) f USING (period_month)
                        WHERE coalesce(m.spend_pence, 0) <> coalesce(f.pence, 0)
                        """),
            .expression("every month the current files have lines in is measured, and no other",
                        """
                        SELECT 'month ' || period_month || ' has staged lines but no measures' FROM
                          (SELECT DISTINCT period_month FROM mart_input_files WHERE file_id IN (SELECT file_id FROM source_files WHERE is_current = 1))
                        WHERE period_month NOT IN (SELECT period_month FROM mart_months)
                        UNION ALL
                        SELECT 'month ' || period_month || ' is measured but no current file has lines in it' FROM mart_months
                        WHERE period_month NOT IN (SELECT period_month FROM mart_input_files WHERE file_id IN (SELECT file_id FROM source_files WHERE is_current = 1))
                        """),
        ]
    }
}
