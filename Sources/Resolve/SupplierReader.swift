import MarketShapeCore
import Warehouse

/// What resolve (and classify, which fills the class columns) publish about suppliers for the CLI: who a supplier
/// is, its evidence, where its money went and under which names, read by name into typed rows.
public struct SupplierReader {
    public let warehouse: WarehouseStore

    public init(_ warehouse: WarehouseStore) { self.warehouse = warehouse }

    /// A supplier as `dim_suppliers` holds it, with its classes (nil: unknown).
    public struct Supplier: Decodable, Sendable {
        public var supplier_key: Int; public var supplier_id: String; public var display_name: String; public var registered_name: String?
        public var resolution_method: String; public var resolution_score: Double?
        public var company_number: String?; public var charity_number: String?; public var society_number: String?; public var supplier_ref: String?
        public var postcode: String?; public var legal_form: String?
        public var is_local: Bool?; public var is_sme: Bool?; public var is_sme_proxy: Bool?; public var is_vcse: Bool?; public var is_public_body: Bool?
        public var ownership: String
        public var spend_pence: Int; public var payments_count: Int
        /// The top of its chain of majority controllers (PSC register), or the company itself; nil before classify.
        public var owner_group: String?; public var owner_group_name: String?; public var owner_chain_length: Int?
    }
    /// One piece of a supplier's evidence.
    public struct Evidence: Decodable, Sendable { public var classification: String; public var value: String; public var source: String; public var detail: String }
    /// A supplier's spend in one group (a service, or a scope and its rule).
    public struct Spend: Decodable, Sendable { public var label: String?; public var rule: String?; public var pence: Int; public var payments: Int }
    /// An identifier conflict a supplier's names are part of.
    public struct Conflict: Decodable, Sendable { public var scheme: String; public var value: String; public var kept_name: String; public var lost_name: String }
    /// The months a supplier was paid in (a payment in any scope), the first and the last.
    public struct PaidMonths: Decodable, Sendable { public var months: Int; public var first: String?; public var last: String? }
    /// A spelling of a supplier's name in the spend files, with how often it appears.
    public struct Spelling: Decodable, Sendable { public var supplier_name: String?; public var payments: Int }

    /// The suppliers a query names: by supplier id, company or charity number or council id; else by a part of the
    /// normalised name (every one). Largest first.
    public func matching(_ query: String) throws -> [Supplier] {
        let byID = try warehouse.fetch(Supplier.self, """
            SELECT * FROM dim_suppliers WHERE supplier_id = ? OR company_number = ? OR charity_number = ? OR supplier_ref = ? ORDER BY spend_pence DESC
            """, [.text(query), .text(OrgIdentifiers.companyNumber(query) ?? query), .text(query), .text(query)])
        if !byID.isEmpty { return byID }
        return try warehouse.fetch(Supplier.self, "SELECT * FROM dim_suppliers WHERE normalised_name LIKE ? ORDER BY spend_pence DESC",
                                   [.text("%\(SupplierName.normalise(query))%")])
    }

    /// Every supplier.
    public func all() throws -> [Supplier] { try warehouse.fetch(Supplier.self, "SELECT * FROM dim_suppliers ORDER BY supplier_key") }

    /// A piece of evidence with the supplier it is about.
    public struct KeyedEvidence: Decodable, Sendable {
        public var supplier_key: Int; public var classification: String; public var value: String; public var source: String; public var detail: String
    }

    /// Every supplier's evidence for these classes, by supplier and in the order it was found.
    public func evidence(for classes: [SupplierClass]) throws -> [KeyedEvidence] {
        try warehouse.fetch(KeyedEvidence.self, """
            SELECT supplier_key, classification, value, source, detail FROM supplier_evidence
            WHERE classification IN (\(classes.map { "'\($0.rawValue)'" }.joined(separator: ", "))) ORDER BY supplier_key, rowid
            """)
    }

    /// One supplier by key.
    public func supplier(_ key: Int) throws -> Supplier? {
        try warehouse.fetch(Supplier.self, "SELECT * FROM dim_suppliers WHERE supplier_key = ?", [.integer(key)]).first
    }

    /// A supplier's evidence, in the order it was found.
    public func evidence(_ key: Int) throws -> [Evidence] {
        try warehouse.fetch(Evidence.self, "SELECT classification, value, source, detail FROM supplier_evidence WHERE supplier_key = ? ORDER BY rowid", [.integer(key)])
    }

    /// The months the current files pay a supplier in.
    public func paidMonths(_ key: Int) throws -> PaidMonths {
        try warehouse.fetch(PaidMonths.self, """
            SELECT COUNT(DISTINCT period_month) AS months, MIN(period_month) AS first, MAX(period_month) AS last FROM fct_tallies WHERE supplier_key = ?
            """, [.integer(key)]).first ?? PaidMonths(months: 0, first: nil, last: nil)
    }

    /// A supplier's spend by service, largest first.
    public func spendByService(_ key: Int, limit: Int) throws -> [Spend] {
        try warehouse.fetch(Spend.self, """
            SELECT coalesce(service, '(none)') AS label, NULL AS rule, SUM(net_pence) AS pence, SUM(payments_count) AS payments FROM fct_tallies WHERE supplier_key = ?
            GROUP BY 1 ORDER BY 3 DESC LIMIT ?
            """, [.integer(key), .integer(limit)])
    }

    /// A supplier's spend by scope and the rule that decided it, largest first.
    public func spendByScope(_ key: Int, limit: Int) throws -> [Spend] {
        try warehouse.fetch(Spend.self, """
            SELECT scope AS label, scope_rule AS rule, SUM(net_pence) AS pence, SUM(payments_count) AS payments FROM fct_tallies WHERE supplier_key = ?
            GROUP BY 1, 2 ORDER BY 3 DESC LIMIT ?
            """, [.integer(key), .integer(limit)])
    }

    /// The identifier conflicts a supplier's names are part of.
    public func conflicts(_ key: Int) throws -> [Conflict] {
        try warehouse.fetch(Conflict.self, """
            SELECT scheme, value, kept_name, lost_name FROM resolution_conflicts
            WHERE kept_name IN (SELECT p.supplier_name FROM stg_payees p JOIN map_payee_suppliers m USING (payee_id) WHERE m.supplier_key = ?)
               OR lost_name IN (SELECT p.supplier_name FROM stg_payees p JOIN map_payee_suppliers m USING (payee_id) WHERE m.supplier_key = ?)
            """, [.integer(key), .integer(key)])
    }

    /// The spellings of a supplier's name in the spend files, by spend.
    public func spellings(_ key: Int, limit: Int) throws -> [Spelling] {
        try warehouse.fetch(Spelling.self, """
            SELECT p.supplier_name, SUM(f.payments_count) AS payments, SUM(f.net_pence) AS pence FROM fct_tallies f JOIN stg_payees p USING (payee_id)
            WHERE f.supplier_key = ? GROUP BY 1 ORDER BY 3 DESC LIMIT ?
            """, [.integer(key), .integer(limit)])
    }
}
