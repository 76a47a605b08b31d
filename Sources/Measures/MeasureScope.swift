import MarketShapeCore
import Warehouse

/// What the marts are computed over: which periods each month falls in, and the segments of a payment.
///
/// The periods each month counts in are `PeriodCalendar`'s. `SegmentAggregation` sums each supplier's spend per
/// month × segment in one pass over the payments and rolls it up into those periods.
/// A payment's places come from its spending context through the pipeline's place mapping
/// (`context_places(context_id, place_level, place_name)`), and `supplier_ward` from its supplier's postcode in the
/// postcode directory (`supplier_places(supplier_key, place_level, place_name)`).
public struct MeasureScope {
    /// The segment kinds measured: `all`, each configured column, `place:<level>` for each place level.
    public var segmentKinds: [String] { aggregation.kinds }
    /// Every supplier's spend per market (period × segment), which the spend and concentration marts are built from.
    let aggregation: SegmentAggregation

    /// The period kinds whose `seq - k` is "the same period last year".
    public static let lagOfYear = ["month": 12, "quarter": 4, "financial_year": 1]

    public static func prepare(_ w: WarehouseStore, config: PipelineConfig) throws -> MeasureScope {
        let matches = ["service", "cost_centre", "directorate", "expense_type", "category"].map {
            "SELECT c.context_id, m.place_level, m.place_name FROM stg_contexts c JOIN map_places m ON m.match_column = '\($0)' AND m.match_value = c.\($0)"
        }
        try w.execute("""
            DROP TABLE IF EXISTS temp.context_places;
            CREATE TEMP TABLE context_places AS
            \(matches.joined(separator: "\nUNION\n"));
            CREATE INDEX temp.context_places_context ON context_places(context_id, place_level);
            DROP TABLE IF EXISTS temp.supplier_places;
            CREATE TEMP TABLE supplier_places AS
            SELECT d.supplier_key, 'supplier_ward' AS place_level, p.ward AS place_name FROM dim_suppliers d
              JOIN reg_postcodes p ON p.postcode = d.postcode WHERE p.ward IS NOT NULL;
            CREATE INDEX temp.supplier_places_supplier ON supplier_places(supplier_key, place_level);
            """)

        let columns = config.segments.filter { $0 != "place" }
        let levels = try placeLevels(w)
        // One pass over the payments for every segment kind: each supplier's spend per month × segment.
        var aggregation = SegmentAggregation(columns: columns, placeLevels: levels, measured: Set(config.measuredScopes))
        try aggregation.run(w)

        // Rolled up into every period each month counts in (so rolling windows do not multiply the payments): every
        // mart of a period × segment is built from these sums instead of the payments.
        aggregation.rollUp(periodKinds: config.periods)
        return MeasureScope(aggregation: aggregation)
    }

    /// The place levels payments fall in: the mapping's levels (that some context reaches) and `supplier_ward`.
    static func placeLevels(_ w: WarehouseStore) throws -> [String] {
        try w.query("SELECT DISTINCT place_level FROM context_places UNION SELECT DISTINCT place_level FROM supplier_places ORDER BY 1")
            .compactMap { $0[0].string }
    }

    /// A payment's segment in `column`: its trimmed value, `(none)` when empty.
    static func segment(_ column: String) -> String {
        "coalesce(nullif(trim(\(column)), ''), '(none)')"
    }

    /// The join that gives a payment `f` its places `pp` at `level`.
    static func placeJoin(_ level: String) -> String {
        let quoted = "'" + level.replacingOccurrences(of: "'", with: "''") + "'"
        return level == "supplier_ward"
            ? "JOIN supplier_places pp ON pp.supplier_key = f.supplier_key AND pp.place_level = \(quoted)"
            : "JOIN context_places pp ON pp.context_id = f.context_id AND pp.place_level = \(quoted)"
    }
}
