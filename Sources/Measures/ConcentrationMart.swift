import Warehouse

/// `mart_concentration` per market (period × segment): HHI = Σ(100·sᵢ)², CR4, effective number of suppliers
/// (10,000 ÷ HHI), the largest supplier's share, active suppliers and the US 2023 band; thin when fewer than
/// three suppliers take a share. Each supplier's credit notes are netted within the market; suppliers with net
/// spend ≤ 0 take no share; redacted payees are not one supplier (DOMAIN.md).
enum ConcentrationMart {
    static func build(_ w: WarehouseStore) throws {
        try w.execute("""
            INSERT INTO mart_concentration
            WITH markets AS (SELECT DISTINCT period_kind, period, segment_kind, segment FROM segment_supplier),
            shares AS (
              SELECT period_kind, period, segment_kind, segment, pence,
                SUM(pence) OVER (PARTITION BY period_kind, period, segment_kind, segment) AS total,
                ROW_NUMBER() OVER (PARTITION BY period_kind, period, segment_kind, segment ORDER BY pence DESC, supplier_key) AS rank
              FROM segment_supplier WHERE supplier_key IS NOT NULL AND pence > 0),
            agg AS (
              SELECT period_kind, period, segment_kind, segment, COUNT(*) AS n, MAX(total) AS total,
                10000.0 * SUM((1.0 * pence / total) * (1.0 * pence / total)) AS hhi,
                SUM(CASE WHEN rank <= 4 THEN 1.0 * pence / total ELSE 0 END) AS cr4,
                MAX(1.0 * pence / total) AS top
              FROM shares GROUP BY 1, 2, 3, 4)
            SELECT m.period_kind, m.period, m.segment_kind, m.segment, coalesce(a.n, 0), coalesce(a.total, 0), a.hhi, a.cr4,
              CASE WHEN a.hhi > 0 THEN 10000.0 / a.hhi END, a.top,
              CASE WHEN a.hhi IS NULL THEN 'no positive spend' WHEN a.hhi > 1800 THEN 'highly concentrated'
                   WHEN a.hhi >= 1000 THEN 'moderately concentrated' ELSE 'unconcentrated' END,
              coalesce(a.n, 0) < 3
            FROM markets m LEFT JOIN agg a USING (period_kind, period, segment_kind, segment)
            """)
    }
}
