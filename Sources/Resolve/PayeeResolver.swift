import MarketShapeCore
import Warehouse

/// Decides who one cluster of payees is, in order of trust: the analyst's overrides, the identifiers in
/// the spend file (checked against the registers), an exact normalised name, then a fuzzy name.
struct PayeeResolver {
    let warehouse: WarehouseStore
    let matcher: RegisterMatcher

    init(warehouse: WarehouseStore) {
        self.warehouse = warehouse
        matcher = RegisterMatcher(warehouse: warehouse)
    }

    /// What the spend files say about one cluster of payees.
    struct Cluster {
        var names: [(name: String, normalised: String, spend: Pence)] = []
        var refs: Set<String> = []
        var companies: Set<String> = []
        var charities: Set<String> = []
        var postcode: String?
        /// The supplier id when no identifier and no register says who the cluster is (`SupplierIdentity.nameID`).
        var fallbackID = ""
    }

    /// Who the cluster is.
    struct Resolution {
        var supplierID: String
        var method: String
        var score: Double
        var companyNumber: String?
        var charityNumber: String?
        var societyNumber: String?
        var registeredName: String?
        var overrideLine: Int?
        var evidence: [String] = []
    }

    func resolve(_ c: Cluster) throws -> Resolution {
        var evidence: [String] = []
        var company = c.companies.sorted().first
        var charity = c.charities.sorted().first
        var via = "spend file"
        // 1. The analyst's overrides always win, and say so.
        let override = try findOverride(c)
        if let o = override {
            evidence.append("analyst override line \(o.line) matched by \(o.matchedBy)")
            if let oc = o.company { if let company, company != oc { evidence.append("override company number \(oc) replaces \(company) from the spend file") }; company = oc; via = "analyst override" }
            if let och = o.charity { charity = och; if o.company == nil { via = "analyst override" } }
        }
        // 2. Identifiers, checked against the registers.
        if let company {
            let name = try matcher.registeredName(.companies, company)
            evidence.append(name != nil ? "company number \(company) (\(via)) is in Companies House as \(name!)" : "company number \(company) (\(via)) is not in the Companies House register loaded")
            let charityLink = try charity ?? matcher.charityNumber(ofCompany: company)
            return Resolution(supplierID: "GB-COH-\(company)", method: "company number (\(via))", score: 1, companyNumber: company,
                              charityNumber: charityLink, registeredName: name, overrideLine: override?.line, evidence: evidence)
        }
        if let charity {
            struct Charity: Decodable { var name: String?; var company_number: String? }
            let row = try matcher.cache.fetch(Charity.self, "SELECT name, company_number FROM reg_charities WHERE charity_number = ?", [.text(charity)]).first
            evidence.append(row != nil ? "charity number \(charity) (\(via)) is in the Charity Commission register as \(row!.name ?? "")" : "charity number \(charity) (\(via)) is not in the charity register loaded")
            let linkedCompany = row?.company_number
            return Resolution(supplierID: linkedCompany.map { "GB-COH-\($0)" } ?? OrgIdentifiers.charityOrgID(charity), method: "charity number (\(via))", score: 1,
                              companyNumber: linkedCompany, charityNumber: charity, registeredName: row?.name, overrideLine: override?.line, evidence: evidence)
        }
        // 3. Exact normalised name (the spelling with most spend first), then 4. fuzzy.
        let names = c.names.sorted { $0.spend > $1.spend }.map(\.normalised)
        for name in names where !name.isEmpty {
            for register in RegisterMatcher.Register.allCases {
                if let m = try matcher.exact(register, name: name, postcode: c.postcode) { return try finish(m, override, evidence) }
            }
        }
        for name in names.prefix(1) where !name.isEmpty {
            for register in RegisterMatcher.Register.allCases {
                if let m = try matcher.fuzzy(register, name: name) { return try finish(m, override, evidence) }
            }
        }
        // Unresolved: an id from the canonical name.
        evidence.append("not found in any register loaded")
        return Resolution(supplierID: c.fallbackID, method: override != nil ? "analyst override (no register identifier)" : "unresolved",
                          score: override != nil ? 1 : 0, overrideLine: override?.line, evidence: evidence)
    }

    func finish(_ m: RegisterMatcher.Match, _ override: Override?, _ evidence: [String]) throws -> Resolution {
        let id = m.companyNumber.map { "GB-COH-\($0)" } ?? m.charityNumber.map(OrgIdentifiers.charityOrgID) ?? "GB-MPR-\(m.societyNumber ?? "")"
        // A charitable company is in both registers: link the charity through its company number.
        let charity = try m.charityNumber ?? m.companyNumber.flatMap(matcher.charityNumber(ofCompany:))
        return Resolution(supplierID: id, method: m.method, score: m.score, companyNumber: m.companyNumber, charityNumber: charity,
                          societyNumber: m.societyNumber, registeredName: m.registeredName, overrideLine: override?.line,
                          evidence: evidence + ["\(m.method): \(m.registeredName ?? "")"])
    }

    struct Override { var line: Int; var company: String?; var charity: String?; var matchedBy: String }
    /// An overrides row as the lookups read it.
    struct OverrideRow: Decodable { var line_no: Int; var company_number: String?; var charity_number: String? }

    /// The override row for a cluster: by the council's supplier id, then company or charity number, then a unique exact name.
    func findOverride(_ c: Cluster) throws -> Override? {
        func first(_ sql: String, _ values: [String], _ how: String) throws -> Override? {
            for v in values.sorted() {
                if let r = try matcher.cache.fetch(OverrideRow.self, sql, [.text(v)]).first {
                    return Override(line: r.line_no, company: r.company_number, charity: r.charity_number, matchedBy: "\(how) \(v)")
                }
            }
            return nil
        }
        let select = "SELECT line_no, company_number, charity_number FROM reg_overrides WHERE"
        if let o = try first("\(select) supplier_ref = ? ORDER BY line_no DESC LIMIT 1", Array(c.refs), "supplier id") { return o }
        if let o = try first("\(select) company_number = ? ORDER BY line_no DESC LIMIT 1", Array(c.companies), "company number") { return o }
        if let o = try first("\(select) charity_number = ? ORDER BY line_no DESC LIMIT 1", Array(c.charities), "charity number") { return o }
        for name in c.names.map(\.normalised) where !name.isEmpty {
            let rows = try matcher.cache.fetch(OverrideRow.self, "\(select) normalised_name = ? AND supplier_ref IS NULL", [.text(name)])
            if rows.count == 1 {
                return Override(line: rows[0].line_no, company: rows[0].company_number, charity: rows[0].charity_number, matchedBy: "name \(name)")
            }
        }
        return nil
    }
}
