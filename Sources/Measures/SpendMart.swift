import Warehouse

/// `mart_spend` (spend, payments, suppliers, redacted and purchase-card spend, and for local, SME, VCSE and
/// "SME or VCSE" the spend with the class known and the spend with it; "SME or VCSE" is known when either is
/// yes or both are no) and `mart_ownership` (spend per ownership model, with
/// redacted payees as their own row), per period × segment.
enum SpendMart {
    static func build(_ w: WarehouseStore, _ scope: MeasureScope) throws {
        for s in scope.segments {
            let from = "FROM fct_payments f JOIN period_map pm ON pm.period_month = f.period_month \(s.join) LEFT JOIN dim_suppliers d ON d.supplier_key = f.supplier_key"
            try w.execute("""
                INSERT INTO mart_spend (period_kind, period, segment_kind, segment, total_pence, payments_count, suppliers_count, redacted_pence,
                  purchase_card_pence, local_known_pence, local_pence, sme_known_pence, sme_pence, vcse_known_pence, vcse_pence,
                  sme_or_vcse_known_pence, sme_or_vcse_pence)
                SELECT pm.period_kind, pm.period, '\(s.kind)', \(s.expression), SUM(f.amount_pence), COUNT(*), COUNT(DISTINCT f.supplier_key),
                  SUM(CASE WHEN f.is_redacted = 1 THEN f.amount_pence ELSE 0 END),
                  SUM(CASE WHEN f.is_purchase_card = 1 THEN f.amount_pence ELSE 0 END),
                  SUM(CASE WHEN d.is_local IS NOT NULL THEN f.amount_pence ELSE 0 END), SUM(CASE WHEN d.is_local = 1 THEN f.amount_pence ELSE 0 END),
                  SUM(CASE WHEN d.is_sme IS NOT NULL THEN f.amount_pence ELSE 0 END), SUM(CASE WHEN d.is_sme = 1 THEN f.amount_pence ELSE 0 END),
                  SUM(CASE WHEN d.is_vcse IS NOT NULL THEN f.amount_pence ELSE 0 END), SUM(CASE WHEN d.is_vcse = 1 THEN f.amount_pence ELSE 0 END),
                  SUM(CASE WHEN d.is_sme = 1 OR d.is_vcse = 1 OR (d.is_sme = 0 AND d.is_vcse = 0) THEN f.amount_pence ELSE 0 END),
                  SUM(CASE WHEN d.is_sme = 1 OR d.is_vcse = 1 THEN f.amount_pence ELSE 0 END)
                \(from)
                GROUP BY 1, 2, 4
                """)
            try w.execute("""
                INSERT INTO mart_ownership
                SELECT pm.period_kind, pm.period, '\(s.kind)', \(s.expression),
                  CASE WHEN f.is_redacted = 1 THEN 'redacted' ELSE coalesce(d.ownership, 'unknown') END,
                  SUM(f.amount_pence), COUNT(DISTINCT f.supplier_key)
                \(from)
                GROUP BY 1, 2, 4, 5
                """)
        }
    }
}
