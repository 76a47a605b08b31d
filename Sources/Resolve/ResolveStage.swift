import Ingest
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

    /// Rebuilds `dim_suppliers`, its evidence, `map_payee_suppliers`, `resolution_conflicts` and `identifier_flags`
    /// (inside the caller's transaction).
    func resolve(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        try w.execute("""
            DELETE FROM map_payee_suppliers; DELETE FROM supplier_evidence; DELETE FROM dim_suppliers;
            DELETE FROM resolution_conflicts; DELETE FROM identifier_flags;
            """)
        try context.timed("resolve: payments per payee") { try countPayments(w) }
        // Every identifier is checked before it may link anything; payees with the same name and valid identifiers
        // are one payee here, whatever else they were published with.
        var hygiene = IdentifierHygiene()
        struct Grouped { var payee: PayeeClusters.Payee; var ids: [Int]; var rows = 0; var pence = 0 }
        var grouped: [Grouped] = []
        var groupOf: [PayeeClusters.Payee: Int] = [:]
        struct PaidPayee: Decodable {
            var payee_id: Int; var supplier_name: String?; var company_number: String?; var charity_number: String?; var supplier_ref: String?
            var vat_number: String?; var supplier_postcode: String?; var n: Int; var pence: Int; var gross: Int
        }
        for r in try w.fetch(PaidPayee.self, """
            SELECT p.payee_id, p.supplier_name, p.company_number, p.charity_number, p.supplier_ref, p.vat_number, p.supplier_postcode,
                   u.n, u.pence, u.gross
            FROM payee_activity u JOIN stg_payees p USING (payee_id)
            WHERE p.is_redacted = 0 ORDER BY p.payee_id
            """) {
            let rows = r.n, pence = r.pence, gross = r.gross
            let name = r.supplier_name
            var key = PayeeClusters.Payee(name: name, normalisedName: SupplierName.normalise(name ?? ""),
                                          company: hygiene.check(r.company_number, .companyNumber, rows: rows, pence: pence),
                                          charity: hygiene.check(r.charity_number, .charityNumber, rows: rows, pence: pence),
                                          ref: hygiene.check(r.supplier_ref, .supplierRef, rows: rows, pence: pence))
            let vat = hygiene.check(r.vat_number, .vatNumber, rows: rows, pence: pence)
            let postcode = r.supplier_postcode
            if let g = groupOf[key] {
                grouped[g].ids.append(r.payee_id)
                if let vat, !grouped[g].payee.vats.contains(vat) { grouped[g].payee.vats.append(vat) }
                grouped[g].payee.postcode = grouped[g].payee.postcode ?? postcode
                grouped[g].payee.spend += gross; grouped[g].rows += rows; grouped[g].pence += pence
            } else {
                groupOf[key] = grouped.count
                key.vats = vat.map { [$0] } ?? []
                key.postcode = postcode
                key.spend = gross
                grouped.append(Grouped(payee: key, ids: [r.payee_id], rows: rows, pence: pence))
            }
        }
        let matcher = RegisterMatcher(warehouse: w)
        var clusters = context.timed("resolve: payees linked by identifiers and names") {
            PayeeClusters(grouped.map(\.payee), compatibility: NameCompatibility(names: grouped.map(\.payee.normalisedName))) { scheme, value in
                switch scheme {
                case .company: return try? matcher.registeredName(.companies, value)
                case .charity: return try? matcher.registeredName(.charities, value)
                default: return nil
                }
            }
        }
        let column: [PayeeClusters.Scheme: CanonicalField] = [.company: .companyNumber, .charity: .charityNumber, .vat: .vatNumber, .ref: .supplierRef]
        for p in clusters.placeholders {
            let names = Set(p.payees.map { grouped[$0].payee.normalisedName }).count
            for i in p.payees {
                hygiene.note(column[p.scheme]!, p.value, "placeholder", "shared by \(names) payees whose names have nothing distinctive in common",
                             rows: grouped[i].rows, pence: grouped[i].pence)
            }
        }

        // What the spend files say about each cluster.
        var byRoot: [Int: PayeeResolver.Cluster] = [:]
        var rootOf: [Int] = []
        var stats: [Int: (spend: Pence, count: Int, vat: String?)] = [:]
        for (i, g) in grouped.enumerated() {
            let ids = clusters.identifiers(of: i)
            rootOf.append(ids.root)
            var c = byRoot[ids.root] ?? PayeeResolver.Cluster()
            if let name = g.payee.name { c.names.append((name, g.payee.normalisedName, g.pence)) }
            c.refs = ids.refs; c.companies = ids.companies; c.charities = ids.charities
            c.postcode = c.postcode ?? g.payee.postcode
            byRoot[ids.root] = c
            var st = stats[ids.root] ?? (0, 0, nil)
            st.spend += g.pence; st.count += g.rows; st.vat = st.vat ?? ids.vats.sorted().first
            stats[ids.root] = st
        }
        // A cluster no identifier or register names is known by the council's supplier id when it has one (what stays
        // the same month after month), else by its canonical name (the first of its spellings in order, which a new
        // month's payments do not change unless they bring a new spelling), qualified by its VAT number or postcode
        // when another cluster kept apart from it has the same name.
        func canonical(_ c: PayeeResolver.Cluster) -> String { c.names.map(\.normalised).filter { !$0.isEmpty }.min() ?? "" }
        var sharing: [String: Int] = [:]
        for c in byRoot.values where c.refs.isEmpty { sharing[canonical(c), default: 0] += 1 }
        for (root, c) in byRoot {
            let ids = clusters.identifiers(of: root)
            if let ref = ids.refs.min() {
                byRoot[root]!.fallbackID = SupplierIdentity.nameID("", qualifier: "ref \(ref)")
            } else {
                let name = canonical(c)
                byRoot[root]!.fallbackID = SupplierIdentity.nameID(name, qualifier: sharing[name]! > 1 ? (ids.vats.min() ?? c.postcode ?? "") : nil)
            }
        }

        // Who each cluster is; clusters that resolve to one organisation become one supplier.
        let resolver = PayeeResolver(warehouse: w)
        struct Supplier { var r: PayeeResolver.Resolution; var name: String; var nameSpend: Pence; var spend: Pence; var count: Int
                          var ref: String?; var vat: String?; var postcode: String? }
        var suppliers: [String: Supplier] = [:]
        var idOfRoot: [Int: String] = [:]
        let meter = context.console.meter("payee clusters matched to registers", total: byRoot.count, unit: .items)
        defer { meter.finish() }
        for root in byRoot.keys.sorted() {
            meter.advance(by: 1)
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
            }
        }
        let insert = try w.prepare("""
            INSERT INTO dim_suppliers (supplier_key, supplier_id, display_name, normalised_name, supplier_ref, company_number, charity_number, vat_number,
              postcode, resolution_method, resolution_score, payments_count, spend_pence, society_number, registered_name, override_line)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        let evidence = try GroupedInsert(w, "INSERT INTO supplier_evidence (supplier_key, classification, value, source, detail)", width: 5)
        // Stable keys: a hash of the supplier id, so keys never renumber (another salt on the rare collision).
        var keys: [String: Int] = [:]
        var used = Set<Int>()
        for id in suppliers.keys.sorted() {
            var salt = 0
            while used.contains(SupplierIdentity.key(id, salt: salt)) { salt += 1 }
            let key = SupplierIdentity.key(id, salt: salt)
            used.insert(key)
            keys[id] = key
            let s = suppliers[id]!
            insert.bind([.integer(key), .text(id), .text(s.name), .text(SupplierName.normalise(s.name)), s.ref.sql, s.r.companyNumber.sql,
                         s.r.charityNumber.sql, s.vat.sql, s.postcode.sql, .text(s.r.method), .real(s.r.score), .integer(s.count),
                         .integer(s.spend), s.r.societyNumber.sql, s.r.registeredName.sql, s.r.overrideLine.sql])
            try insert.run()
            for e in s.r.evidence {
                try evidence.add(row: [.integer(key), .text(SupplierClass.resolution.rawValue), .text(s.r.method), "resolve", .text(e)])
            }
        }
        try evidence.finish()
        // Each staged payee id → its supplier: the fct_payments view joins the staged lines through this map.
        let map = try w.prepare("INSERT INTO map_payee_suppliers (payee_id, supplier_key) VALUES (?,?)")
        for (i, g) in grouped.enumerated() {
            let key = keys[idOfRoot[rootOf[i]]!]!
            for payeeID in g.ids {
                map.bind([.integer(payeeID), .integer(key)])
                try map.run()
            }
        }
        let conflict = try w.prepare("""
            INSERT INTO resolution_conflicts (scheme, value, kept_name, lost_name, kept_pence, lost_pence, reason) VALUES (?,?,?,?,?,?,?)
            """)
        for c in clusters.conflicts {
            conflict.bind([.text(c.scheme.rawValue), .text(c.value), .text(c.kept), .text(c.lost), .integer(c.keptSpend), .integer(c.lostSpend), .text(c.reason)])
            try conflict.run()
        }
        let flag = try w.prepare("""
            INSERT INTO identifier_flags (column_name, value, flag, reason, payees_count, rows_count, pence) VALUES (?,?,?,?,?,?,?)
            """)
        for f in hygiene.flags.values.sorted(by: { ($0.column.rawValue, $1.rows, $0.value) < ($1.column.rawValue, $0.rows, $1.value) }) {
            flag.bind([.text(f.column.rawValue), .text(f.value), .text(f.kind), .text(f.reason), .integer(f.payees), .integer(f.rows), .integer(f.pence)])
            try flag.run()
        }
        // From the current files' ledger, which ingest's data tests check against the lines.
        let facts = try w.scalarInt("SELECT coalesce(SUM(loaded_count), 0) FROM source_files WHERE is_current = 1")
        let pence = try w.scalarInt("SELECT coalesce(SUM(loaded_pence), 0) FROM source_files WHERE is_current = 1")
        struct Method: Decodable { var resolution_method: String; var suppliers: Int }
        let byMethod = try w.fetch(Method.self, "SELECT resolution_method, COUNT(*) AS suppliers FROM dim_suppliers GROUP BY 1 ORDER BY 2 DESC")
            .map { $0.resolution_method == "unresolved" ? "\($0.suppliers) matched to no register, grouped by their names and ids" : "\($0.suppliers) by \($0.resolution_method)" }.joined(separator: ", ")
        let queue = try ReviewQueue.write(warehouse: w, folder: context.config.reports, confident: RegisterMatcher.confident,
                                          minimumCoverage: context.config.report.minimumCoverage)
        let setAside = hygiene.flags.values.reduce(0) { $0 + $1.rows }
        return StageResult(rowsCount: facts, totalPence: pence,
                           summary: "\(suppliers.count) suppliers (\(byMethod.isEmpty ? "none" : byMethod)); \(facts) payments mapped to them; "
                               + "\(clusters.conflicts.count) identifier conflict(s) kept apart, identifiers on \(setAside) payment(s) not used to link (placeholders or invalid); "
                               + queue.summary)
    }

    /// `temp.payee_activity(payee_id, n, pence, gross)`: each staged payee's payments, net and absolute pence
    /// (`StagingReader.payeeTotals`). Only current files have tallies: a republished file's predecessor leaves with its
    /// lines and tallies.
    func countPayments(_ w: WarehouseStore) throws {
        try w.execute("""
            DROP TABLE IF EXISTS temp.payee_activity;
            CREATE TEMP TABLE payee_activity (payee_id INTEGER PRIMARY KEY, n INTEGER, pence INTEGER, gross INTEGER);
            """)
        let insert = try w.prepare("INSERT INTO payee_activity VALUES (?, ?, ?, ?)")
        for t in try StagingReader(w).payeeTotals() {
            insert.bind([.integer(t.payeeID), .integer(t.payments), .integer(t.netPence), .integer(t.grossPence)])
            try insert.run()
        }
        let unknown = try w.scalarInt("SELECT COUNT(*) FROM payee_activity a WHERE NOT EXISTS (SELECT 1 FROM stg_payees p WHERE p.payee_id = a.payee_id)")
        if unknown > 0 { throw WarehouseError(message: "stg_file_payees refers to \(unknown) payee(s) that stg_payees does not hold") }
    }

    public func dataTests(_ context: StageContext) -> [DataTest] {
        [
            .unique("dim_suppliers", ["supplier_id"]),
            .expression("every payee paid and not redacted has a supplier",
                        """
                        SELECT 'payee ' || p.payee_id || ' (' || coalesce(p.supplier_name, '?') || ') has no supplier' FROM stg_payees p
                        WHERE p.is_redacted = 0 AND NOT EXISTS (SELECT 1 FROM map_payee_suppliers m WHERE m.payee_id = p.payee_id)
                          AND p.payee_id IN (SELECT payee_id FROM stg_file_payees)
                        """),
        ]
    }
}
