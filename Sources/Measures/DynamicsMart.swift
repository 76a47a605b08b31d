import Warehouse

/// `mart_dynamics` per period × segment, for months, quarters and financial years: active suppliers; entrants
/// and exits against the calendar-previous period (NULL when that period has no payments); the share of spend
/// with entrants; and how the local, SME and VCSE shares and HHI moved since the previous period and since the
/// same period a year before (NULL when there is nothing to compare with).
enum DynamicsMart {
    static func build(_ w: WarehouseStore) throws {
        try w.execute("""
            DROP TABLE IF EXISTS temp.period_seq;
            CREATE TEMP TABLE period_seq AS SELECT DISTINCT period_kind, period, seq FROM period_map WHERE period_kind IN ('month', 'quarter', 'financial_year');
            DROP TABLE IF EXISTS temp.supplier_activity;
            CREATE TEMP TABLE supplier_activity AS
            SELECT period_kind, period, seq, segment_kind, segment, supplier_key, pence FROM segment_supplier
            WHERE supplier_key IS NOT NULL AND period_kind IN ('month', 'quarter', 'financial_year');
            """)
        try w.execute("CREATE INDEX temp.activity_key ON supplier_activity(period_kind, segment_kind, segment, seq, supplier_key)")
        let lag = "CASE c.period_kind WHEN 'month' THEN 12 WHEN 'quarter' THEN 4 ELSE 1 END"
        func share(_ alias: String, _ cls: String) -> String {
            "CASE WHEN \(alias).\(cls)_known_pence > 0 THEN 1.0 * \(alias).\(cls)_pence / \(alias).\(cls)_known_pence END"
        }
        try w.execute("""
            INSERT INTO mart_dynamics
            WITH current AS (
              SELECT a.period_kind, a.period, a.seq, a.segment_kind, a.segment, COUNT(*) AS active
              FROM supplier_activity a GROUP BY 1, 2, 3, 4, 5),
            entrants AS (
              SELECT a.period_kind, a.seq, a.segment_kind, a.segment, COUNT(*) AS n, SUM(a.pence) AS pence
              FROM supplier_activity a LEFT JOIN supplier_activity b ON b.period_kind = a.period_kind AND b.segment_kind = a.segment_kind
                AND b.segment = a.segment AND b.seq = a.seq - 1 AND b.supplier_key = a.supplier_key
              WHERE b.supplier_key IS NULL GROUP BY 1, 2, 3, 4),
            exits AS (
              SELECT b.period_kind, b.seq + 1 AS seq, b.segment_kind, b.segment, COUNT(*) AS n
              FROM supplier_activity b LEFT JOIN supplier_activity a ON a.period_kind = b.period_kind AND a.segment_kind = b.segment_kind
                AND a.segment = b.segment AND a.seq = b.seq + 1 AND a.supplier_key = b.supplier_key
              WHERE a.supplier_key IS NULL GROUP BY 1, 2, 3, 4)
            SELECT c.period_kind, c.period, c.segment_kind, c.segment, prev.period, c.active,
              CASE WHEN prev.period IS NOT NULL THEN coalesce(e.n, 0) END,
              CASE WHEN prev.period IS NOT NULL THEN coalesce(x.n, 0) END,
              CASE WHEN prev.period IS NOT NULL AND sp.total_pence <> 0 THEN 1.0 * coalesce(e.pence, 0) / sp.total_pence END,
              \(share("sp", "local")) - \(share("pp", "local")), \(share("sp", "sme")) - \(share("pp", "sme")),
              \(share("sp", "vcse")) - \(share("pp", "vcse")), cc.hhi - pc.hhi,
              ya.period,
              \(share("sp", "local")) - \(share("ys", "local")), \(share("sp", "sme")) - \(share("ys", "sme")),
              \(share("sp", "vcse")) - \(share("ys", "vcse")), cc.hhi - yc.hhi
            FROM current c
            LEFT JOIN period_seq prev ON prev.period_kind = c.period_kind AND prev.seq = c.seq - 1
            LEFT JOIN period_seq ya ON ya.period_kind = c.period_kind AND ya.seq = c.seq - \(lag)
            LEFT JOIN entrants e ON e.period_kind = c.period_kind AND e.seq = c.seq AND e.segment_kind = c.segment_kind AND e.segment = c.segment
            LEFT JOIN exits x ON x.period_kind = c.period_kind AND x.seq = c.seq AND x.segment_kind = c.segment_kind AND x.segment = c.segment
            JOIN mart_spend sp ON sp.period_kind = c.period_kind AND sp.period = c.period AND sp.segment_kind = c.segment_kind AND sp.segment = c.segment
            LEFT JOIN mart_spend pp ON pp.period_kind = c.period_kind AND pp.period = prev.period AND pp.segment_kind = c.segment_kind AND pp.segment = c.segment
            LEFT JOIN mart_spend ys ON ys.period_kind = c.period_kind AND ys.period = ya.period AND ys.segment_kind = c.segment_kind AND ys.segment = c.segment
            JOIN mart_concentration cc ON cc.period_kind = c.period_kind AND cc.period = c.period AND cc.segment_kind = c.segment_kind AND cc.segment = c.segment
            LEFT JOIN mart_concentration pc ON pc.period_kind = c.period_kind AND pc.period = prev.period AND pc.segment_kind = c.segment_kind AND pc.segment = c.segment
            LEFT JOIN mart_concentration yc ON yc.period_kind = c.period_kind AND yc.period = ya.period AND yc.segment_kind = c.segment_kind AND yc.segment = c.segment
            """)
    }
}
