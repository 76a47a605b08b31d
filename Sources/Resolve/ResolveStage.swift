import MarketShapeCore
import Registers
import StageKit
import Warehouse

/// Stage 2: imports the pipeline's registers when they changed, then makes each organisation paid one
/// `dim_suppliers` row and every loaded payment one `fct_payments` row. Payees are first linked by the
/// identifiers in the spend files (never merging two different ones), then resolved in order of trust:
/// analyst overrides, identifiers checked against the registers, exact normalised name, fuzzy name.
/// Redacted payees stay without a supplier.
public struct ResolveStage: PipelineStage {
    public let name = StageName.resolve

    public init() {}

    struct Payee: Hashable {
        var name: String?, company: String?, charity: String?, ref: String?
    }

    public func run(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        try RegisterSync.sync(context)
        return try w.transaction { try resolve(context) }
    }

    /// Rebuilds `dim_suppliers`, its evidence and `fct_payments` (inside the caller's transaction).
    func resolve(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        // Indexes on the facts are built after they are loaded, not maintained row by row.
        try w.execute("DROP INDEX IF EXISTS fct_payments_month; DELETE FROM fct_payments; DELETE FROM supplier_evidence; DELETE FROM dim_suppliers;")
        let payees = try w.query("""
            SELECT s.supplier_name, s.company_number, s.charity_number, s.supplier_ref, MAX(s.supplier_postcode), group_concat(DISTINCT s.vat_number),
                   COUNT(*), SUM(s.amount_pence)
            FROM stg_payments s JOIN source_files f USING (file_id)
            WHERE f.is_current = 1 AND s.is_redacted = 0
            GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
            """)
        var clusters = PayeeClusters(payees.map {
            PayeeClusters.Payee(name: $0[0].string, normalisedName: SupplierName.normalise($0[0].string ?? ""),
                                company: $0[1].string, charity: $0[2].string, ref: $0[3].string,
                                vats: ($0[5].string ?? "").split(separator: ",").map(String.init))
        })
        // What the spend files say about each cluster.
        var byRoot: [Int: PayeeResolver.Cluster] = [:]
        var rootOf: [Int] = []
        var stats: [Int: (spend: Pence, count: Int, vat: String?)] = [:]
        for (i, row) in payees.enumerated() {
            let ids = clusters.identifiers(of: i)
            rootOf.append(ids.root)
            var c = byRoot[ids.root] ?? PayeeResolver.Cluster()
            let spend = row[7].int ?? 0
            if let name = row[0].string { c.names.append((name, SupplierName.normalise(name), spend)) }
            c.refs = ids.refs; c.companies = ids.companies; c.charities = ids.charities
            c.postcode = c.postcode ?? row[4].string
            byRoot[ids.root] = c
            var st = stats[ids.root] ?? (0, 0, nil)
            st.spend += spend; st.count += row[6].int ?? 0; st.vat = st.vat ?? row[5].string?.split(separator: ",").first.map(String.init)
            stats[ids.root] = st
        }
        // Who each cluster is; clusters that resolve to one organisation become one supplier.
        let resolver = PayeeResolver(warehouse: w)
        struct Supplier { var r: PayeeResolver.Resolution; var name: String; var nameSpend: Pence; var spend: Pence; var count: Int
                          var ref: String?; var vat: String?; var postcode: String? }
        var suppliers: [String: Supplier] = [:]
        var order: [String] = []
        var idOfRoot: [Int: String] = [:]
        for root in byRoot.keys.sorted() {
            let c = byRoot[root]!, st = stats[root]!
            let r = try resolver.resolve(c)
            idOfRoot[root] = r.supplierID
            let top = c.names.max { ($0.spend, $1.name) < ($1.spend, $0.name) }
            if var s = suppliers[r.supplierID] {
                s.spend += st.spend; s.count += st.count
                if let top, top.spend > s.nameSpend { s.name = top.name; s.nameSpend = top.spend }
                if r.score < s.r.score { s.r = r }
                s.postcode = s.postcode ?? c.postcode
                suppliers[r.supplierID] = s
            } else {
                suppliers[r.supplierID] = Supplier(r: r, name: top?.name ?? r.registeredName ?? "", nameSpend: top?.spend ?? 0, spend: st.spend,
                                                   count: st.count, ref: c.refs.sorted().first, vat: st.vat, postcode: c.postcode)
                order.append(r.supplierID)
            }
        }
        var keyOf: [Payee: String] = [:]
        for (i, row) in payees.enumerated() {
            keyOf[Payee(name: row[0].string, company: row[1].string, charity: row[2].string, ref: row[3].string)] = idOfRoot[rootOf[i]]!
        }
        let insert = try w.prepare("""
            INSERT INTO dim_suppliers (supplier_id, display_name, normalised_name, supplier_ref, company_number, charity_number, vat_number,
              postcode, resolution_method, resolution_score, payments_count, spend_pence, society_number, registered_name, override_line)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        let evidence = try w.prepare("INSERT INTO supplier_evidence (supplier_key, classification, value, source, detail) VALUES (?, 'resolution', ?, 'resolve', ?)")
        var keys: [String: Int] = [:]
        for id in order {
            let s = suppliers[id]!
            insert.bind([.text(id), .text(s.name), .text(SupplierName.normalise(s.name)), s.ref.sql, s.r.companyNumber.sql, s.r.charityNumber.sql,
                         s.vat.sql, s.postcode.sql, .text(s.r.method), .real(s.r.score), .integer(s.count), .integer(s.spend),
                         s.r.societyNumber.sql, s.r.registeredName.sql, s.r.overrideLine.sql])
            try insert.run()
            let key = w.lastInsertRowID
            keys[id] = key
            for e in s.r.evidence { evidence.bind([.integer(key), .text(s.r.method), .text(e)]); try evidence.run() }
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
        try w.execute("CREATE INDEX fct_payments_month ON fct_payments(period_month, service)")
        let facts = try w.scalarInt("SELECT COUNT(*) FROM fct_payments")
        let pence = try w.scalarInt("SELECT coalesce(SUM(amount_pence), 0) FROM fct_payments")
        let byMethod = try w.query("SELECT resolution_method, COUNT(*) FROM dim_suppliers GROUP BY 1 ORDER BY 2 DESC")
            .map { $0[0].string == "unresolved" ? "\($0[1].int ?? 0) unresolved" : "\($0[1].int ?? 0) by \($0[0].string ?? "?")" }.joined(separator: ", ")
        let queue = try ReviewQueue.write(warehouse: w, folder: context.config.reports, confident: RegisterMatcher.confident)
        return StageResult(rowsCount: facts, totalPence: pence,
                           summary: "\(order.count) suppliers (\(byMethod.isEmpty ? "none" : byMethod)); \(facts) payments in fct_payments; \(queue.count) payee(s) to review in \(queue.path)")
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
