import MarketShapeCore
import Registers
import Warehouse

/// What a company number says about the organisation behind it, from its form and from the org-id links
/// (drkane/charity-lookups): `CE…`/`CS…` numbers are charitable incorporated organisations, `IP…`, `RS…`, `SP…`,
/// `NP…`, `NO…`, `SR…` registered societies; the links name the charity or society a company number is.
enum OrgLinks {
    enum Kind { case charity, cio, society }

    /// The kind of organisation a Companies House number's prefix says it is, if any.
    static func form(_ companyNumber: String) -> Kind? {
        let prefix = companyNumber.prefix(2)
        if ["CE", "CS"].contains(prefix) { return .cio }
        if ["IP", "RS", "SP", "NP", "NO", "SR"].contains(prefix) { return .society }
        return nil
    }

    /// The charity, CIO or society the links say a company number is.
    static func lookup(_ companyNumber: String, _ cache: StatementCache) throws -> (kind: Kind, orgID: String, name: String?)? {
        let id = "GB-COH-\(companyNumber)"
        for (kind, register) in [(Kind.cio, RegisterKind.cioCompanyLinks), (.charity, .charityCompanyLinks), (.society, .mutualCompanyLinks)] {
            // The company id sits on either side of a link (`GB-COH-…` is org_id_b for charities, org_id_a for CIOs).
            struct Link: Decodable { var other: String?; var name: String? }
            if let r = try cache.fetch(Link.self, """
                SELECT CASE WHEN org_id_a = ? THEN org_id_b ELSE org_id_a END AS other, name FROM \(register.table) WHERE org_id_a = ? OR org_id_b = ? LIMIT 1
                """, [.text(id), .text(id), .text(id)]).first, let other = r.other {
                return (kind, other, r.name)
            }
        }
        // The other organisation links hold registered societies too.
        if let org = try organisation(companyNumber, cache), org.orgID.hasPrefix("GB-MPR-") { return (.society, org.orgID, org.name) }
        return nil
    }

    /// The organisation the other org-id links (`organisation-company-numbers.csv`) say a company number is: a school
    /// (`GB-EDU-<URN>`), a provider of NHS services (`GB-NHS-<ODS code>`), a registered society (`GB-MPR-…`)…
    static func organisation(_ companyNumber: String, _ cache: StatementCache) throws -> (orgID: String, name: String?)? {
        struct Link: Decodable { var org_id_a: String; var name: String? }
        return try cache.fetch(Link.self, "SELECT org_id_a, name FROM reg_organisation_company_links WHERE org_id_b = ? ORDER BY org_id_a LIMIT 1",
                               [.text("GB-COH-\(companyNumber)")]).first.map { ($0.org_id_a, $0.name) }
    }

    /// A charity or society the links name, found by its name.
    struct Named {
        var kind: Kind
        /// `GB-CHC-…` or `GB-MPR-…`.
        var orgID: String
        /// `GB-COH-…`.
        var companyID: String
        var name: String
    }

    /// The charities and registered societies of the links, by normalised name (the CIO links carry no names). A name
    /// two organisations share is left out: it is evidence of neither.
    static func byName(_ w: WarehouseStore) throws -> [String: Named] {
        struct Row: Decodable { var a: String; var b: String; var name: String?; var normalised_name: String? }
        var named: [String: Named] = [:], shared = Set<String>()
        for (kind, register) in [(Kind.charity, RegisterKind.charityCompanyLinks), (.society, .mutualCompanyLinks)] {
            for r in try w.fetch(Row.self, "SELECT org_id_a AS a, org_id_b AS b, name, normalised_name FROM \(register.table) WHERE normalised_name <> ''") {
                guard let key = r.normalised_name, let name = r.name else { continue }
                let company = r.a.hasPrefix("GB-COH-") ? r.a : r.b, org = r.a.hasPrefix("GB-COH-") ? r.b : r.a
                if let seen = named[key], seen.orgID != org { shared.insert(key) }
                named[key] = named[key] ?? Named(kind: kind, orgID: org, companyID: company, name: name)
            }
        }
        for key in shared { named[key] = nil }
        return named
    }
}
