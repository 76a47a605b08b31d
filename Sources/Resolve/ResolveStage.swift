import MarketShapeCore
import Registers
import StageKit
import Warehouse

/// Stage 2: imports the pipeline's registers when they changed, then makes each organisation paid one
/// `dim_suppliers` row and maps every staged payee to it (`map_payee_suppliers`, which the `fct_payments`
/// view reads). Payees are first linked by the
/// identifiers in the spend files (never merging two different ones), then resolved in order of trust:
/// analyst overrides, identifiers checked against the registers, exact normalised name, fuzzy name.
/// Redacted payees stay without a supplier.
public struct ResolveStage: PipelineStage {
    public let name = StageName.resolve

    public init() {}

    public func run(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        try RegisterSync.sync(context)
        return try w.transaction { try resolve(context) }
    }

    /// Rebuilds `dim_suppliers`, its evidence and `map_payee_suppliers` (inside the caller's transaction).
    func resolve(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        try w.execute("DELETE FROM map_payee_suppliers; DELETE FROM supplier_evidence; DELETE FROM dim_suppliers;")
        try countPayments(w)
        // Staged payees with the same name and identifiers are one payee here, whatever their postcode or VAT number.
        let payees = try w.query("""
            SELECT p.supplier_name, p.company_number, p.charity_number, p.supplier_ref, MAX(p.supplier_postcode), group_concat(DISTINCT p.vat_number),
                   SUM(u.n), SUM(u.pence), group_concat(p.payee_id)
            FROM payee_activity u JOIN stg_payees p USING (payee_id)
            WHERE p.is_redacted = 0
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
        // Each staged payee id → its supplier: the fct_payments view joins the staged lines through this map.
        let map = try w.prepare("INSERT INTO map_payee_suppliers (payee_id, supplier_key) VALUES (?,?)")
        for (i, row) in payees.enumerated() {
            let key = keys[idOfRoot[rootOf[i]]!]!
            for payeeID in (row[8].string ?? "").split(separator: ",") {
                map.bind([.integer(Int(payeeID)!), .integer(key)])
                try map.run()
            }
        }
        let facts = try w.scalarInt("SELECT COUNT(*) FROM stg_lines")
        let pence = try w.scalarInt("SELECT coalesce(SUM(amount_pence), 0) FROM stg_lines")
        let byMethod = try w.query("SELECT resolution_method, COUNT(*) FROM dim_suppliers GROUP BY 1 ORDER BY 2 DESC")
            .map { $0[0].string == "unresolved" ? "\($0[1].int ?? 0) unresolved" : "\($0[1].int ?? 0) by \($0[0].string ?? "?")" }.joined(separator: ", ")
        let queue = try ReviewQueue.write(warehouse: w, folder: context.config.reports, confident: RegisterMatcher.confident)
        return StageResult(rowsCount: facts, totalPence: pence,
                           summary: "\(order.count) suppliers (\(byMethod.isEmpty ? "none" : byMethod)); \(facts) payments mapped to them; \(queue.count) payee(s) to review in \(queue.path)")
    }

    /// `temp.payee_activity(payee_id, n, pence)`: each staged payee's payments and pence, counted in one streaming
    /// pass (an SQL GROUP BY would sort every line). `stg_lines` holds only current files' lines: a republished
    /// file's predecessor leaves with its lines.
    func countPayments(_ w: WarehouseStore) throws {
        let payees = try w.scalarInt("SELECT coalesce(MAX(payee_id), 0) FROM stg_payees") + 1
        var counts = Array(repeating: 0, count: payees), pence = Array(repeating: 0, count: payees)
        try w.prepare("SELECT payee_id, amount_pence FROM stg_lines").forEachRow { row in
            let payee = row.int(0)
            guard payee >= 0 && payee < payees else { throw WarehouseError(message: "stg_lines refers to payee \(payee), which stg_payees does not hold") }
            counts[payee] += 1
            pence[payee] += row.int(1)
        }
        try w.execute("DROP TABLE IF EXISTS temp.payee_activity; CREATE TEMP TABLE payee_activity (payee_id INTEGER PRIMARY KEY, n INTEGER, pence INTEGER)")
        let insert = try w.prepare("INSERT INTO payee_activity VALUES (?,?,?)")
        for (payee, n) in counts.enumerated() where n > 0 {
            insert.bind([.integer(payee), .integer(n), .integer(pence[payee])])
            try insert.run()
        }
    }

    public func dataTests(_ context: StageContext) -> [DataTest] {
        [
            .unique("dim_suppliers", ["supplier_id"]),
            .expression("every payee paid and not redacted has a supplier",
                        """
                        SELECT 'payee ' || p.payee_id || ' (' || coalesce(p.supplier_name, '?') || ') has no supplier' FROM stg_payees p
                        WHERE p.is_redacted = 0 AND NOT EXISTS (SELECT 1 FROM map_payee_suppliers m WHERE m.payee_id = p.payee_id)
                          AND EXISTS (SELECT 1 FROM stg_lines l WHERE l.payee_id = p.payee_id)
                        """),
        ]
    }
}
