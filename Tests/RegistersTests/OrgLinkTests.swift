import Foundation
import MarketShapeCore
import Testing
import Classify
import Warehouse

/// VCSE evidence from a company number: its form (CIO, registered society) and the org-id links of real charities,
/// CIOs and societies (drkane/charity-lookups, in `data/registers/`).
@Suite("Charities, CIOs and societies by company number", .serialized)
struct OrgLinkTests {
    @Test("a company that is a charity, a CIO or a registered society is a VCSE, with the link as evidence")
    func links() throws {
        let p = try Self.project([
            ["02/08/2022", "Denton Burn Community Association", "100.00", "S1", "08591698", "", "", "Youth", ""],
            ["02/08/2022", "A CIO Somewhere", "100.00", "S2", "CE008706", "", "", "Youth", ""],
            ["02/08/2022", "Pegswood Social Club", "100.00", "S3", "IP10002R", "", "", "Youth", ""],
            ["02/08/2022", "Unlinked Housing Co-operative", "100.00", "S4", "RS999998", "", "", "Youth", ""],
            ["02/08/2022", "Plain Builders Ltd", "100.00", "S5", "04869035", "", "", "Youth", ""],
        ])
        defer { p.remove() }
        let w = try p.run()
        func vcse(_ name: String) throws -> (Int?, String?) { try Self.vcse(w, name) }
        #expect(try vcse("Denton Burn Community Association").1 == "company 08591698 is the charity GB-CHC-1000611 (DENTON BURN COMMUNITY ASSOCIATION)")
        #expect(try vcse("A CIO Somewhere").1 == "company CE008706 is the CIO GB-CHC-1169028")
        #expect(try vcse("Pegswood Social Club").1?.hasPrefix("registered society: a registered society (GB-MPR-10002R)") == true)
        #expect(try vcse("Unlinked Housing Co-operative").1 == "registered society: a registered society (its company number RS999998 has a society prefix)")
        // The spend file has the council's VCSE column, blank for this company: the council's word that it is not one.
        #expect(try vcse("Plain Builders Ltd").0 == 0)
        #expect(try vcse("Plain Builders Ltd").1?.hasPrefix("the council's own VCSE column is not Y on any of its payments in spend.csv") == true)
        #expect(try w.scalarInt("SELECT COUNT(*) FROM dim_suppliers WHERE is_vcse = 1") == 4)
    }

    @Test("each kind of VCSE keeps its own ownership model: a CIC is a social enterprise, not a charity")
    func ownershipModels() throws {
        let p = try Self.project([
            ["02/08/2022", "Acorn Play CIC", "100.00", "S1", "", "", "", "Youth", ""],
            ["02/08/2022", "Locala Community Partnerships CIC", "100.00", "S9", "", "", "", "Youth", "Y"],
            ["02/08/2022", "Denton Burn Community Association", "100.00", "S2", "08591698", "", "", "Youth", ""],
            ["02/08/2022", "Pegswood Social Club", "100.00", "S3", "IP10002R", "", "", "Youth", ""],
        ])
        defer { p.remove() }
        let w = try p.run()
        func ownership(_ name: String) throws -> (String?, String?) {
            let r = try Self.classAndEvidence(w, name, column: "ownership", classification: "ownership")
            return (r?[0].string, r?[1].string)
        }
        #expect(try ownership("Acorn Play CIC").0 == "social-enterprise")
        // Called a VCSE by the council's own column, a CIC is still a social enterprise (Calderdale's Locala Community
        // Partnerships CIC).
        #expect(try ownership("Locala Community Partnerships CIC").0 == "social-enterprise")
        #expect(try ownership("Acorn Play CIC").1 == "the name says it is a community interest company: a social enterprise, not a charity")
        #expect(try ownership("Denton Burn Community Association").0 == "charity")
        // A society known only from its number is a co-operative / mutual; the FCA register would say if it is a bencom.
        #expect(try ownership("Pegswood Social Club").0 == "co-operative")
    }

    @Test("a payee published without a number whose name is a linked charity's or society's registered name is that VCSE")
    func registeredNames() throws {
        let p = try Self.project([
            ["02/08/2022", "Denton Burn Community Association", "100.00", "S1", "", "", "", "Youth", ""],
            ["02/08/2022", "PEGSWOOD AND DISTRICT SOCIAL CLUB AND INSTITUTE LTD", "100.00", "S2", "", "", "", "Youth", ""],
            // The same name with a company number the links do not hold: the number decides, not the name.
            ["02/08/2022", "Marylebone Bangladesh Society Ltd", "100.00", "S3", "04869035", "", "", "Youth", ""],
            ["02/08/2022", "Denton Burn Builders", "100.00", "S4", "", "", "", "Youth", ""],
        ])
        defer { p.remove() }
        let w = try p.run()
        func vcse(_ name: String) throws -> (Int?, String?) { try Self.vcse(w, name) }
        #expect(try vcse("Denton Burn Community Association").0 == 1)
        #expect(try vcse("Denton Burn Community Association").1
                == "the payee's name is the registered name of the charity GB-CHC-1000611 (DENTON BURN COMMUNITY ASSOCIATION, company GB-COH-08591698); the spend file gives no identifier")
        #expect(try vcse("PEGSWOOD AND DISTRICT SOCIAL CLUB AND INSTITUTE LTD").0 == 1)
        #expect(try vcse("PEGSWOOD AND DISTRICT SOCIAL CLUB AND INSTITUTE LTD").1?.contains("GB-MPR-10002R") == true)
        #expect(try Self.classAndEvidence(w, "PEGSWOOD AND DISTRICT SOCIAL CLUB AND INSTITUTE LTD", column: "ownership", classification: "ownership")?[0].string == "co-operative")
        #expect(try vcse("Marylebone Bangladesh Society Ltd").0 == 0)
        #expect(try vcse("Denton Burn Builders").0 == 0)
    }

    @Test("the other organisation links: an NHS-commissioned provider and an independent school are not public bodies; a society is a VCSE")
    func organisationLinks() throws {
        let p = try Self.project([
            ["02/08/2022", "St Catherines Hospice NHS Services", "100.00", "S1", "01525404", "", "", "Health", ""],
            ["02/08/2022", "Blackheath Preparatory Trust Ltd", "100.00", "S2", "00672569", "", "", "Education", ""],
            ["02/08/2022", "Wavertree House Ltd", "100.00", "S3", "13813684", "", "", "Housing", ""],
        ])
        defer { p.remove() }
        let w = try p.run()
        let hospice = try Self.classAndEvidence(w, "St Catherines Hospice NHS Services", column: "is_public_body", classification: "public_body")
        #expect(hospice?[0] == .integer(0))
        #expect(hospice?[1].string == "company 01525404 is GB-NHS-H82635 (ST. CATHERINE'S HOSPICE LIMITED): a provider of NHS services with an ODS code, an independent organisation, not a public body")
        let school = try Self.classAndEvidence(w, "Blackheath Preparatory Trust Ltd", column: "is_public_body", classification: "public_body")
        #expect(school?[0] == .integer(0))
        #expect(school?[1].string?.hasSuffix("an independent school (URN 100199), not a public body") == true)
        #expect(try Self.vcse(w, "Wavertree House Ltd").0 == 1)
        #expect(try Self.classAndEvidence(w, "Wavertree House Ltd", column: "ownership", classification: "ownership")?[0].string == "co-operative")
    }

    /// A project over `spend` rows that loads the bundled charity, CIO and society link registers.
    static func project(_ spend: [[String]]) throws -> RegisterProject {
        let reg = PublicBodyRegisterTests.path("data/registers")
        return try RegisterProject(spend: spend, extraRegisters: """

              charity_company_links: \(reg)/charity-company-numbers.csv
              cio_company_links: \(reg)/cio-company-numbers.csv
              mutual_company_links: \(reg)/mutual-companies.csv
              organisation_company_links: \(reg)/organisation-company-numbers.csv
              independent_schools: \(reg)/independent-schools-ew.csv
            """)
    }

    /// The supplier's VCSE call and the detail of its evidence.
    static func vcse(_ w: any WarehouseStore, _ name: String) throws -> (Int?, String?) {
        let r = try classAndEvidence(w, name, column: "is_vcse", classification: "vcse")
        return (r?[0].int, r?[1].string)
    }

    /// The supplier's `column` in `dim_suppliers` and the detail of its evidence for `classification`.
    static func classAndEvidence(_ w: any WarehouseStore, _ name: String, column: String, classification: String) throws -> [SQLValue]? {
        try w.query("""
            SELECT d.\(column), (SELECT e.detail FROM supplier_evidence e WHERE e.supplier_key = d.supplier_key AND e.classification = ?)
            FROM dim_suppliers d WHERE d.display_name = ?
            """, [.text(classification), .text(name)]).first
    }

    @Test("the FCA register's form decides co-operative or community benefit society, not the Act named in brackets")
    func societyForms() {
        #expect(OwnershipModel(analystText: "CIC") == .socialEnterprise)
        #expect(OwnershipModel(analystText: "Community Benefit Society") == .communityBenefit)
        #expect(OwnershipModel(analystText: "co-op") == .cooperative)
        #expect(OwnershipModel.ofSociety(registeredAs: "Co-operative Society (Co-operative and Community Benefit Societies Act 2014)") == .cooperative)
        #expect(OwnershipModel.ofSociety(registeredAs: "Community Benefit Society (Co-operative and Community Benefit Societies Act 2014)") == .communityBenefit)
        #expect(OwnershipModel.ofSociety(registeredAs: "Registered Society") == .cooperative)
        #expect(OwnershipModel.ofSociety(registeredAs: nil) == .cooperative)
    }

    @Test("a registered society of a kind its link does not say: housing and care societies are community benefit, a named co-operative is one", arguments: [
        ("Clarion Housing Association Ltd", OwnershipModel.communityBenefit), ("LiveWest Homes Ltd", .communityBenefit),
        ("Look Ahead Care and Support Ltd", .communityBenefit), ("Midcounties Co-operative Housing Ltd", .cooperative),
        ("Suma Wholefoods Cooperative", .cooperative), ("Pegswood and District Social Club and Institute Limited", .cooperative)])
    func societyByName(name: String, model: OwnershipModel) {
        #expect(OwnershipModel.ofSociety(named: SupplierName.normalise(name)).model == model)
    }
}
