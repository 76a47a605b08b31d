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

    /// The place mapping of the contexts and suppliers, as temporary tables (`context_places`, `supplier_places`).
    static func preparePlaces(_ w: WarehouseStore) throws {
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
    }

    /// Every month summed from every line, then rolled up into every period (so rolling windows do not multiply
    /// the payments): every mart of a period × segment is built from these sums instead of the payments. The month
    /// sums are stored for the next run.
    static func full(_ w: WarehouseStore, config: PipelineConfig, levels: [String]) throws -> (MeasureScope, months: [Int]) {
        let columns = config.segments.filter { $0 != "place" }
        var aggregation = SegmentAggregation(columns: columns, placeLevels: levels, measured: Set(config.measuredScopes))
        try aggregation.run(w)
        try w.execute("DELETE FROM mart_month_sums; DELETE FROM mart_month_scopes; DELETE FROM mart_month_outside;")
        try aggregation.saveMonths(w)
        let months = aggregation.months.sorted()
        aggregation.rollUp(periodKinds: config.periods)
        return (MeasureScope(aggregation: aggregation), months)
    }

    /// What an incremental run recomputes: the periods whose marts are rebuilt, those whose dynamics are, those that
    /// no longer exist; the months there are now and the months of the files read.
    struct Incremental {
        var scope: MeasureScope
        var months: [Int]
        var rebuilt: Set<SegmentAggregation.PeriodID>, dynamics: Set<SegmentAggregation.PeriodID>, removed: Set<SegmentAggregation.PeriodID>
        var fileMonths: [Int: Set<Int>]
    }

    /// The months of `refresh` summed again from their lines and stored; then the periods they change, and those
    /// the dynamics compare them with, rolled up from the stored month sums. Returns the months there are now.
    static func incremental(_ w: WarehouseStore, config: PipelineConfig, levels: [String], refresh: MeasureRefresh) throws
        -> Incremental {
        let columns = config.segments.filter { $0 != "place" }, measured = Set(config.measuredScopes)
        let dirty = refresh.months ?? []
        var summed = SegmentAggregation(columns: columns, placeLevels: levels, measured: measured)
        try summed.run(w, onlyMonths: dirty, files: refresh.files)
        let list = dirty.sorted().map { "'\(PeriodCalendar.monthName($0))'" }.joined(separator: ", ")
        try w.execute("""
            DELETE FROM mart_month_sums WHERE period_month IN (\(list)); DELETE FROM mart_month_scopes WHERE period_month IN (\(list));
            DELETE FROM mart_month_outside WHERE period_month IN (\(list));
            """)
        try summed.saveMonths(w)
        let months = try w.fetch(MeasureRefresh.Month.self, "SELECT DISTINCT period_month FROM mart_month_scopes ORDER BY 1").compactMap { MeasureRefresh.month($0.period_month) }

        let calendar = SegmentAggregation.calendar(periodKinds: config.periods, months: months)
        let before = try MeasureRefresh.storedCalendar(w)
        var rebuilt = Set<SegmentAggregation.PeriodID>()
        for (id, p) in calendar where before[id] != p.months || !dirty.isDisjoint(with: p.months) { rebuilt.insert(id) }
        let removed = Set(before.keys).subtracting(calendar.keys)
        var bySeq: [String: [Int: SegmentAggregation.PeriodID]] = [:]
        for (id, p) in calendar { bySeq[id.kind, default: [:]][p.seq] = id }
        func compared(_ id: SegmentAggregation.PeriodID) -> [SegmentAggregation.PeriodID] {
            guard let seq = calendar[id]?.seq, let lag = lagOfYear[id.kind] else { return [] }
            return [seq - 1, seq - lag].compactMap { bySeq[id.kind]?[$0] }
        }
        let dynamics = rebuilt.union(calendar.keys.filter { !Set(compared($0)).isDisjoint(with: rebuilt) })
        let rolled = dynamics.union(dynamics.flatMap(compared))
        var aggregation = SegmentAggregation(columns: columns, placeLevels: levels, measured: measured)
        try aggregation.loadMonths(w, Set(rolled.flatMap { calendar[$0]!.months }).sorted())
        aggregation.rollUp(periodKinds: config.periods, allMonths: months, only: rolled)
        let index = Dictionary(uniqueKeysWithValues: aggregation.periods.enumerated().map { (SegmentAggregation.PeriodID(kind: $0.element.kind, name: $0.element.name), Int32($0.offset)) })
        aggregation.written = Set(rebuilt.compactMap { index[$0] })
        aggregation.dynamicsWritten = Set(dynamics.compactMap { index[$0] })
        return Incremental(scope: MeasureScope(aggregation: aggregation), months: months, rebuilt: rebuilt, dynamics: dynamics, removed: removed,
                           fileMonths: summed.fileMonths)
    }

    /// The place levels payments fall in: the mapping's levels (that some context reaches) and `supplier_ward`.
    static func placeLevels(_ w: WarehouseStore) throws -> [String] {
        struct Level: Decodable { var place_level: String? }
        return try w.fetch(Level.self, "SELECT DISTINCT place_level FROM context_places UNION SELECT DISTINCT place_level FROM supplier_places ORDER BY 1")
            .compactMap(\.place_level)
    }

    /// A payment's segment in `column`: its trimmed value, `(none)` when empty.
    static func segment(_ column: String) -> String {
        "coalesce(nullif(trim(\(column)), ''), '\(SegmentCode.none)')"
    }

    /// The join that gives a payment `f` its places `pp` at `level`.
    static func placeJoin(_ level: String) -> String {
        let quoted = "'" + level.replacingOccurrences(of: "'", with: "''") + "'"
        return level == "supplier_ward"
            ? "JOIN supplier_places pp ON pp.supplier_key = f.supplier_key AND pp.place_level = \(quoted)"
            : "JOIN context_places pp ON pp.context_id = f.context_id AND pp.place_level = \(quoted)"
    }
}
