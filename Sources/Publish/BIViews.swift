import StageKit

/// The views a BI tool (Power BI, Metabase, Superset, Tableau) reads as they are: one row per body and period, per
/// market, or per supplier and month, with every column commented (`\d+ v_body_shares` in psql shows them).
enum BIViews {
    static let views: [(name: String, comment: String, sql: String, columns: [(String, String)])] = [
        ("v_body_shares", "Each body's market spend per period with local, SME, VCSE and SME-or-VCSE shares, each beside its coverage, and whether the period is complete in the files loaded. A *_share is given only where its coverage reaches the body's minimum (its report's rule; NULL: not measurable); *_share_of_known is the same ratio however little is known.", """
            SELECT b.body_key, b.body_name, b.gss_code, s.period_kind, s.period, f.is_complete, s.total_pence AS market_spend_pence, s.suppliers_count,
              CASE WHEN s.local_known_pence::float8 / NULLIF(s.total_pence, 0) >= b.minimum_coverage THEN s.local_pence::float8 / NULLIF(s.local_known_pence, 0) END AS local_share,
              s.local_known_pence::float8 / NULLIF(s.total_pence, 0) AS local_coverage,
              s.local_pence::float8 / NULLIF(s.local_known_pence, 0) AS local_share_of_known,
              CASE WHEN s.sme_known_pence::float8 / NULLIF(s.total_pence, 0) >= b.minimum_coverage THEN s.sme_pence::float8 / NULLIF(s.sme_known_pence, 0) END AS sme_share,
              s.sme_known_pence::float8 / NULLIF(s.total_pence, 0) AS sme_coverage,
              s.sme_pence::float8 / NULLIF(s.sme_known_pence, 0) AS sme_share_of_known,
              CASE WHEN s.vcse_known_pence::float8 / NULLIF(s.total_pence, 0) >= b.minimum_coverage THEN s.vcse_pence::float8 / NULLIF(s.vcse_known_pence, 0) END AS vcse_share,
              s.vcse_known_pence::float8 / NULLIF(s.total_pence, 0) AS vcse_coverage,
              s.vcse_pence::float8 / NULLIF(s.vcse_known_pence, 0) AS vcse_share_of_known,
              CASE WHEN s.sme_or_vcse_known_pence::float8 / NULLIF(s.total_pence, 0) >= b.minimum_coverage THEN s.sme_or_vcse_pence::float8 / NULLIF(s.sme_or_vcse_known_pence, 0) END AS sme_or_vcse_share,
              s.sme_or_vcse_known_pence::float8 / NULLIF(s.total_pence, 0) AS sme_or_vcse_coverage,
              s.sme_or_vcse_pence::float8 / NULLIF(s.sme_or_vcse_known_pence, 0) AS sme_or_vcse_share_of_known
            FROM ms_mart_spend s JOIN ms_bodies b USING (body_key)
            LEFT JOIN ms_body_figures f ON f.body_key = s.body_key AND f.period_kind = s.period_kind AND f.period = s.period
            WHERE s.segment_kind = 'all'
            """, [("body_key", "The body: its GSS code, or pipeline:<name> without one"), ("body_name", "The body's name as its pipeline file gives it"),
                  ("gss_code", "ONS GSS code of the body's area"), ("period_kind", "month, quarter, financial_year or rolling_12_months"),
                  ("period", "2025-09, 2025-Q3, FY2025-26 or R12-2025-09"),
                  ("is_complete", "Every month of the period is complete in the files loaded (false: a part of the period, not comparable with a whole one)"),
                  ("market_spend_pence", "Spend in the measured scopes (market unless the pipeline says otherwise), in pence"),
                  ("suppliers_count", "Suppliers paid"),
                  ("local_share", "Local spend ÷ spend whose local status is known; NULL where that coverage is under the body's minimum"),
                  ("local_coverage", "Spend whose local status is known ÷ market spend"), ("local_share_of_known", "Local spend ÷ spend whose local status is known, whatever the coverage"),
                  ("sme_share", "SME spend ÷ spend whose SME status is known (public bodies excluded); NULL under the minimum coverage"),
                  ("sme_coverage", "Spend whose SME status is known ÷ market spend"), ("sme_share_of_known", "SME share whatever the coverage"),
                  ("vcse_share", "VCSE spend ÷ spend whose VCSE status is known; NULL under the minimum coverage"),
                  ("vcse_coverage", "Spend whose VCSE status is known ÷ market spend"), ("vcse_share_of_known", "VCSE share whatever the coverage"),
                  ("sme_or_vcse_share", "SME or VCSE spend ÷ spend whose status is known; NULL under the minimum coverage"),
                  ("sme_or_vcse_coverage", "Spend whose SME-or-VCSE status is known ÷ market spend"), ("sme_or_vcse_share_of_known", "SME-or-VCSE share whatever the coverage")]),
        ("v_market_concentration", "Concentration of each body's markets (period × segment): HHI, CR4 and the largest supplier's share by legal entity, and by owner group (the PSC register's chains) where the body loads it.", """
            SELECT b.body_key, b.body_name, c.period_kind, c.period, c.segment_kind, c.segment, c.positive_pence, c.suppliers_count, c.hhi, c.cr4_share,
              c.effective_suppliers_count, c.top_supplier_share, c.band, c.is_thin = 1 AS is_thin, c.groups_count, c.group_hhi, c.group_cr4_share,
              c.top_group, c.top_group_share, c.merged_group, c.merged_group_share
            FROM ms_mart_concentration c JOIN ms_bodies b USING (body_key)
            """, [("body_key", "The body"), ("body_name", "The body's name"), ("period_kind", "month, quarter, financial_year or rolling_12_months"), ("period", "The period"),
                  ("segment_kind", "all, service, directorate, category, place:<level>…"), ("segment", "The market within the segment kind"),
                  ("positive_pence", "Net spend of the suppliers with positive net spend: the base of the shares, in pence"),
                  ("suppliers_count", "Suppliers with positive net spend"), ("hhi", "Herfindahl–Hirschman index, 0–10,000, by legal entity"),
                  ("cr4_share", "The four largest suppliers' share, 0–1"), ("effective_suppliers_count", "10,000 ÷ HHI"),
                  ("top_supplier_share", "The largest supplier's share, 0–1"), ("band", "US 2023 merger-guidelines band of the HHI"),
                  ("is_thin", "Fewer than three suppliers"), ("groups_count", "Owner groups with positive spend (NULL without the PSC register)"),
                  ("group_hhi", "HHI by owner group: counting common ownership"), ("group_cr4_share", "CR4 by owner group"),
                  ("top_group", "The largest owner group"), ("top_group_share", "Its share"),
                  ("merged_group", "The largest owner group holding two or more of the market's suppliers"), ("merged_group_share", "Its share")]),
        ("v_supplier_spend", "Each body's spend per supplier, month and scope, with the supplier's classes and owner group.", """
            SELECT p.body_key, b.body_name, p.period_month, p.scope, d.supplier_key, d.supplier_id, d.display_name, d.company_number, d.charity_number,
              d.is_local = 1 AS is_local, d.is_sme = 1 AS is_sme, d.is_vcse = 1 AS is_vcse, d.is_public_body = 1 AS is_public_body, d.ownership,
              d.owner_group, d.owner_group_name, SUM(p.amount_pence) AS spend_pence, COUNT(*) AS payments_count
            FROM ms_fct_payments p JOIN ms_bodies b USING (body_key)
            LEFT JOIN ms_dim_suppliers d ON d.body_key = p.body_key AND d.supplier_key = p.supplier_key
            GROUP BY p.body_key, b.body_name, p.period_month, p.scope, d.supplier_key, d.supplier_id, d.display_name, d.company_number, d.charity_number,
              d.is_local, d.is_sme, d.is_vcse, d.is_public_body, d.ownership, d.owner_group, d.owner_group_name
            """, [("body_key", "The body"), ("body_name", "The body's name"), ("period_month", "yyyy-mm"),
                  ("scope", "market, public_sector, payroll_tax_pensions, treasury, individuals, redacted…"), ("supplier_key", "Stable key of the supplier within its body (NULL: redacted or unresolved payees)"),
                  ("supplier_id", "GB-COH-…, GB-CHC-…, GB-MPR-… or MS-<name hash>"), ("display_name", "The supplier's name as most often paid"),
                  ("company_number", "Companies House number"), ("charity_number", "Charity number"),
                  ("is_local", "Local (NULL: unknown)"), ("is_sme", "SME (NULL: unknown)"), ("is_vcse", "VCSE (NULL: unknown)"), ("is_public_body", "Public body (NULL: unknown)"),
                  ("ownership", "Ownership model"), ("owner_group", "Ultimate owner (PSC register), or the supplier itself"), ("owner_group_name", "Its name"),
                  ("spend_pence", "Net spend, in pence"), ("payments_count", "Payment lines")]),
    ]

    /// A digest of the definitions and comments: a new MarketShape whose views differ replaces them.
    static var version: String {
        String(TextDigest.sha256(views.map { [$0.name, $0.comment, $0.sql] + $0.columns.map { $0.0 + $0.1 } }.flatMap { $0 }.joined(separator: "\u{1}")).prefix(12))
    }

    static func create(_ pg: PostgresConnection) throws {
        for v in views {
            try pg.execute("DROP VIEW IF EXISTS \(v.name)")
            try pg.execute("CREATE VIEW \(v.name) AS \(v.sql)")
            try pg.execute("COMMENT ON VIEW \(v.name) IS \(ServerSchema.literal(v.comment))")
            for (column, comment) in v.columns { try pg.execute("COMMENT ON COLUMN \(v.name).\(column) IS \(ServerSchema.literal(comment))") }
        }
    }
}
