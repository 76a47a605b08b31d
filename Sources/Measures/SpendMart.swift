import Warehouse

/// `mart_spend` (spend, payments, suppliers, redacted and purchase-card spend, and for local, SME, VCSE and
/// "SME or VCSE" the spend with the class known and the spend with it; "SME or VCSE" is known when either is
/// yes or both are no) and `mart_ownership` (spend per ownership model, with redacted payees as their own row),
/// per period × segment, from `segment_supplier`.
enum SpendMart {
    static func build(_ w: WarehouseStore) throws {
        func known(_ condition: String) -> String { "SUM(CASE WHEN \(condition) THEN ss.pence ELSE 0 END)" }
        try w.execute("""
            INSERT INTO mart_spend (period_kind, period, segment_kind, segment, total_pence, payments_count, suppliers_count, redacted_pence,
              purchase_card_pence, local_known_pence, local_pence, sme_known_pence, sme_pence, vcse_known_pence, vcse_pence,
              sme_or_vcse_known_pence, sme_or_vcse_pence)
            SELECT ss.period_kind, ss.period, ss.segment_kind, ss.segment, SUM(ss.pence), SUM(ss.payments), COUNT(ss.supplier_key),
              \(known("ss.is_redacted = 1")), SUM(ss.card_pence),
              \(known("d.is_local IS NOT NULL")), \(known("d.is_local = 1")),
              \(known("d.is_sme IS NOT NULL")), \(known("d.is_sme = 1")),
              \(known("d.is_vcse IS NOT NULL")), \(known("d.is_vcse = 1")),
              \(known("d.is_sme = 1 OR d.is_vcse = 1 OR (d.is_sme = 0 AND d.is_vcse = 0)")), \(known("d.is_sme = 1 OR d.is_vcse = 1"))
            FROM segment_supplier ss LEFT JOIN dim_suppliers d ON d.supplier_key = ss.supplier_key
            GROUP BY 1, 2, 3, 4
            """)
        try w.execute("""
            INSERT INTO mart_ownership
            SELECT ss.period_kind, ss.period, ss.segment_kind, ss.segment,
              CASE WHEN ss.is_redacted = 1 THEN 'redacted' ELSE coalesce(d.ownership, 'unknown') END,
              SUM(ss.pence), COUNT(ss.supplier_key)
            FROM segment_supplier ss LEFT JOIN dim_suppliers d ON d.supplier_key = ss.supplier_key
            GROUP BY 1, 2, 3, 4, 5
            """)
    }
}
