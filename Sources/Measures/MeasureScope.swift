import MarketShapeCore
import Warehouse

/// What the marts are computed over: which periods each month falls in, and the segments of a payment.
///
/// `period_map(period_kind, period, period_month, seq)` maps each month with payments to its month,
/// quarter (`2025-Q3`), UK financial year (`FY2025-26`, April–March) and the complete rolling-twelve-month
/// windows (`R12-2025-09`, the twelve months to September 2025) ending in the latest twelve months; `seq` numbers periods of a
/// kind consecutively on the calendar, so the previous period is `seq - 1`.
/// `SegmentAggregation` sums each supplier's spend per month × segment in one pass over the payments and rolls
/// it up into these periods.
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
        var aggregation = SegmentAggregation(columns: columns, placeLevels: levels)
        try aggregation.run(w)

        let kinds = Set(config.periods.map(\.rawValue))
        let y = "CAST(substr(period_month, 1, 4) AS INTEGER)", m = "CAST(substr(period_month, 6, 2) AS INTEGER)"
        try w.execute("""
            DROP TABLE IF EXISTS temp.period_map;
            CREATE TEMP TABLE period_map (period_kind TEXT NOT NULL, period TEXT NOT NULL, period_month TEXT NOT NULL, seq INTEGER NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS months (period_month TEXT PRIMARY KEY, seq INTEGER NOT NULL);
            DELETE FROM months;
            """)
        let insertMonth = try w.prepare("INSERT INTO months VALUES (?, ?)")
        for month in aggregation.months.sorted() {
            insertMonth.bind([.text(SegmentAggregation.monthName(month)), .integer(month)])
            try insertMonth.run()
        }
        if kinds.contains("month") {
            try w.execute("INSERT INTO period_map SELECT 'month', period_month, period_month, seq FROM months")
        }
        if kinds.contains("quarter") {
            try w.execute("INSERT INTO period_map SELECT 'quarter', \(y) || '-Q' || ((\(m) + 2) / 3), period_month, \(y) * 4 + (\(m) + 2) / 3 - 1 FROM months")
        }
        if kinds.contains("financial_year") {
            let fy = "(\(y) - (\(m) < 4))"
            try w.execute("INSERT INTO period_map SELECT 'financial_year', printf('FY%d-%02d', \(fy), (\(fy) + 1) % 100), period_month, \(fy) FROM months")
        }
        if kinds.contains("rolling_12_months") {
            // Only complete windows (the first month is no earlier than the first month with payments), and only
            // those ending in the latest twelve months: a year of trend, without re-adding five years of history.
            try w.execute("""
                INSERT INTO period_map
                SELECT 'rolling_12_months', 'R12-' || e.period_month, m.period_month, e.seq
                FROM months e JOIN months m ON m.seq BETWEEN e.seq - 11 AND e.seq
                WHERE e.seq - 11 >= (SELECT MIN(seq) FROM months) AND e.seq > (SELECT MAX(seq) FROM months) - 12
                """)
        }
        try w.execute("CREATE INDEX temp.period_map_month ON period_map(period_month)")

        // Rolled up into every period the month belongs to (so rolling windows do not multiply the payments): every
        // mart of a period × segment is built from these sums instead of the payments.
        try aggregation.rollUp(w)
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
