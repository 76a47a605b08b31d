import MarketShapeCore
import StageKit
import Warehouse

/// Stage 2: each distinct payee of the current files becomes one `dim_suppliers` row, and every
/// loaded payment one `fct_payments` row. Identity, in order of trust: the company number in the
/// spend file, the charity number, the council's own supplier id, then the normalised name.
/// Two different identifiers are never merged. Redacted payees stay without a supplier.
public struct ResolveStage: PipelineStage {
    public let name = StageName.resolve

    public init() {}

    struct Payee: Hashable {
        var name: String?, company: String?, charity: String?, ref: String?
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        try w.execute("DELETE FROM fct_payments; DELETE FROM supplier_evidence; DELETE FROM dim_suppliers;")
        let payees = try w.query("""
            SELECT s.supplier_name, s.company_number, s.charity_number, s.supplier_ref, MAX(s.supplier_postcode), MAX(s.vat_number),
                   COUNT(*), SUM(s.amount_pence)
            FROM stg_payments s JOIN source_files f USING (file_id)
            WHERE f.is_current = 1 AND s.is_redacted = 0
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            """)
        struct Supplier { var id: String; var method: String; var name: String; var nameSpend: Pence; var spend: Pence; var count: Int
                          var company: String?; var charity: String?; var ref: String?; var vat: String?; var postcode: String? }
        var clusters = PayeeClusters(payees.map {
            PayeeClusters.Payee(name: $0[0].string, normalisedName: SupplierName.normalise($0[0].string ?? ""),
                                company: $0[1].string, charity: $0[2].string, ref: $0[3].string)
        })
        var suppliers: [String: Supplier] = [:]
        var order: [String] = []
        var keyOf: [Payee: String] = [:]
        for (i, row) in payees.enumerated() {
            let p = Payee(name: row[0].string, company: row[1].string, charity: row[2].string, ref: row[3].string)
            let (id, method) = clusters.identifier(of: i)
            keyOf[p] = id
            let spend = row[7].int ?? 0, count = row[6].int ?? 0
            if var s = suppliers[id] {
                s.spend += spend; s.count += count
                // The display name is the spelling that carries the most spend.
                if spend > s.nameSpend, let name = p.name, !name.isEmpty { s.name = name; s.nameSpend = spend }
                s.company = s.company ?? p.company; s.charity = s.charity ?? p.charity; s.ref = s.ref ?? p.ref
                s.vat = s.vat ?? row[5].string; s.postcode = s.postcode ?? row[4].string
                suppliers[id] = s
            } else {
                suppliers[id] = Supplier(id: id, method: method, name: p.name ?? "", nameSpend: spend, spend: spend, count: count,
                                         company: p.company, charity: p.charity, ref: p.ref, vat: row[5].string, postcode: row[4].string)
                order.append(id)
            }
        }
        let insert = try w.prepare("""
            INSERT INTO dim_suppliers (supplier_id, display_name, normalised_name, supplier_ref, company_number, charity_number, vat_number,
              postcode, resolution_method, resolution_score, payments_count, spend_pence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        var keys: [String: Int] = [:]
        for id in order {
            let s = suppliers[id]!
            insert.bind([.text(s.id), .text(s.name), .text(SupplierName.normalise(s.name)), s.ref.sql, s.company.sql, s.charity.sql,
                         s.vat.sql, s.postcode.sql, .text(s.method), .real(1.0), .integer(s.count), .integer(s.spend)])
            try insert.run()
            keys[id] = w.lastInsertRowID
        }
        try w.execute("CREATE TEMP TABLE IF NOT EXISTS payee_map (supplier_name TEXT, company_number TEXT, charity_number TEXT, supplier_ref TEXT, supplier_key INTEGER); DELETE FROM payee_map;")
        let map = try w.prepare("INSERT INTO payee_map VALUES (?,?,?,?,?)")
        for (p, id) in keyOf {
            map.bind([p.name.sql, p.company.sql, p.charity.sql, p.ref.sql, .integer(keys[id]!)])
            try map.run()
        }
        try w.execute("CREATE INDEX IF NOT EXISTS temp.payee_map_name ON payee_map(supplier_name)")
        try w.execute("""
            INSERT INTO fct_payments (file_id, line_no, paid_on, period_month, amount_pence, supplier_key, is_redacted, is_purchase_card,
              directorate, service, expense_type, cost_centre, category, capital_revenue)
            SELECT s.file_id, s.line_no, s.paid_on, s.period_month, s.amount_pence, m.supplier_key, s.is_redacted, s.is_purchase_card,
              s.directorate, s.service, s.expense_type, s.cost_centre, s.category, s.capital_revenue
            FROM stg_payments s JOIN source_files f USING (file_id)
            LEFT JOIN payee_map m ON s.is_redacted = 0 AND m.supplier_name IS s.supplier_name AND m.company_number IS s.company_number
              AND m.charity_number IS s.charity_number AND m.supplier_ref IS s.supplier_ref
            WHERE f.is_current = 1
            ORDER BY s.file_id, s.line_no
            """)
        let facts = try w.scalarInt("SELECT COUNT(*) FROM fct_payments")
        let pence = try w.scalarInt("SELECT coalesce(SUM(amount_pence), 0) FROM fct_payments")
        let byMethod = try w.query("SELECT resolution_method, COUNT(*) FROM dim_suppliers GROUP BY 1 ORDER BY 2 DESC")
            .map { "\($0[1].int ?? 0) by \($0[0].string ?? "?")" }.joined(separator: ", ")
        return StageResult(rowsCount: facts, totalPence: pence,
                           summary: "\(order.count) suppliers (\(byMethod.isEmpty ? "none" : byMethod)); \(facts) payments in fct_payments")
    }

    public func dataTests(_ context: StageContext) -> [DataTest] {
        [
            .unique("dim_suppliers", ["supplier_id"]),
            .relationship("fct_payments", "supplier_key", to: "dim_suppliers", "supplier_key"),
            .expression("every payment not redacted has a supplier",
                        "SELECT 'payment ' || payment_id || ' (file ' || file_id || ' line ' || line_no || ') has no supplier' FROM fct_payments WHERE supplier_key IS NULL AND is_redacted = 0"),
            .expression("pence in stg_payments = pence in fct_payments",
                        """
                        SELECT 'staged ' || a.n || ' rows / ' || a.p || 'p but facts ' || b.n || ' rows / ' || b.p || 'p'
                        FROM (SELECT COUNT(*) n, coalesce(SUM(amount_pence), 0) p FROM stg_payments JOIN source_files USING (file_id) WHERE is_current = 1) a,
                             (SELECT COUNT(*) n, coalesce(SUM(amount_pence), 0) p FROM fct_payments) b
                        WHERE a.n <> b.n OR a.p <> b.p
                        """),
        ]
    }
}
