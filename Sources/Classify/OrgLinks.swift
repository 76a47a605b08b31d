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
        return nil
    }
}
