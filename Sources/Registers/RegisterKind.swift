import MarketShapeCore

/// The registers MarketShape imports, each into its own `reg_*` table.
public enum RegisterKind: String, CaseIterable, Sendable {
    /// Companies House BasicCompanyData (55 columns, ~5.5m rows).
    case companiesHouse = "companies_house"
    /// Charity Commission register extract (`publicextract.charity`), main charities only.
    case charityCommission = "charity_commission"
    /// FCA Mutuals Public Register (`SocietyList.csv`).
    case fcaMutuals = "fca_mutuals"
    /// ONS Postcode Directory or NSPL extract.
    case postcodes
    /// The analyst's supplier master and overrides.
    case overrides
    /// Every UK local authority past and present (mySociety `uk_local_authorities.csv`): codes, names, GSS codes, types.
    case localAuthorities = "local_authorities"
    /// Every name variant seen for each local authority (mySociety `lookup_name_to_registry.csv`).
    case localAuthorityNames = "local_authority_names"
    /// Academy trusts by company number (drkane/charity-lookups `academy-trusts-company-number.csv`).
    case academyTrusts = "academy_trusts"
    /// Independent schools in England and Wales (drkane/charity-lookups `independent-schools-ew.csv`): not public bodies.
    case independentSchools = "independent_schools"
    /// Charities that are also companies (drkane/charity-lookups `charity-company-numbers.csv`: `GB-CHC-…` ↔ `GB-COH-…`).
    case charityCompanyLinks = "charity_company_links"
    /// Charitable incorporated organisations' company numbers ↔ charity numbers (`cio-company-numbers.csv`).
    case cioCompanyLinks = "cio_company_links"
    /// Registered societies: FCA mutuals number ↔ Companies House number (`mutual-companies.csv`).
    case mutualCompanyLinks = "mutual_company_links"
    /// Schools, NHS bodies and other organisations ↔ company numbers (`organisation-company-numbers.csv`: `GB-EDU-…`,
    /// `GB-NHS-…`, `GB-MPR-…` ↔ `GB-COH-…`).
    case organisationCompanyLinks = "organisation_company_links"
    /// Companies House persons-with-significant-control snapshot (JSON lines): who controls each company.
    case psc
    /// The analyst's list of investment firms (private-equity owners), by name and, where known, company number.
    case investmentFirms = "investment_firms"

    public var table: String {
        switch self {
        case .companiesHouse: return "reg_companies"
        case .charityCommission: return "reg_charities"
        case .fcaMutuals: return "reg_societies"
        case .postcodes: return "reg_postcodes"
        case .overrides: return "reg_overrides"
        case .localAuthorities: return "reg_local_authorities"
        case .localAuthorityNames: return "reg_local_authority_names"
        case .academyTrusts: return "reg_academy_trusts"
        case .independentSchools: return "reg_independent_schools"
        case .charityCompanyLinks: return "reg_charity_company_links"
        case .cioCompanyLinks: return "reg_cio_company_links"
        case .mutualCompanyLinks: return "reg_mutual_company_links"
        case .organisationCompanyLinks: return "reg_organisation_company_links"
        case .psc: return "reg_psc_controls"
        case .investmentFirms: return "reg_investment_firms"
        }
    }

    public var title: String {
        switch self {
        case .companiesHouse: return "Companies House"
        case .charityCommission: return "Charity Commission"
        case .fcaMutuals: return "FCA mutuals register"
        case .postcodes: return "postcode directory"
        case .overrides: return "analyst overrides"
        case .localAuthorities: return "local-authority register"
        case .localAuthorityNames: return "local-authority names"
        case .academyTrusts: return "academy trusts"
        case .independentSchools: return "independent schools"
        case .charityCompanyLinks: return "charity↔company links"
        case .cioCompanyLinks: return "CIO↔company links"
        case .mutualCompanyLinks: return "registered-society↔company links"
        case .organisationCompanyLinks: return "organisation↔company links"
        case .psc: return "PSC register"
        case .investmentFirms: return "investment firms list"
        }
    }

    /// The version of the reading rules for this kind, recorded with each import: raised when the same file would now
    /// fill the table differently, so that a register imported by older code is imported again.
    /// companies_house 2: the date the last accounts were made up to (which size thresholds applied).
    public var readerVersion: Int {
        switch self {
        case .companiesHouse: return 2
        default: return 1
        }
    }

    /// How a register column becomes a table column.
    public enum Transform: Sendable {
        case text, companyNumber, charityNumber, postcode, postcodeInText, pounds, integer, flag
        /// `dd/mm/yyyy` or `yyyy-mm-dd`, stored as `yyyy-mm-dd`.
        case date
    }

    /// One table column: its name, the header spellings it is read from (normalised), how it is cleaned,
    /// and whether the register is unusable without it.
    public struct Column: Sendable {
        public let name: String
        public let synonyms: [String]
        public let transform: Transform
        public let required: Bool
    }

    /// The columns, in table order. A `name` column also fills `normalised_name`.
    public var columns: [Column] {
        func c(_ name: String, _ synonyms: [String], _ t: Transform = .text, required: Bool = false) -> Column {
            Column(name: name, synonyms: synonyms, transform: t, required: required)
        }
        switch self {
        case .companiesHouse:
            return [c("company_number", ["companynumber"], .companyNumber, required: true), c("name", ["companyname"], required: true),
                    c("postcode", ["regaddresspostcode"], .postcode), c("category", ["companycategory"]), c("status", ["companystatus"]),
                    c("incorporated_on", ["incorporationdate"]), c("accounts_category", ["accountsaccountcategory"]),
                    c("sic_text", ["siccodesictext1"]), c("accounts_made_up_to", ["accountslastmadeupdate"], .date)]
        case .charityCommission:
            return [c("charity_number", ["registeredcharitynumber", "charitynumber", "regcharitynumber"], .charityNumber, required: true),
                    c("name", ["charityname", "name"], required: true), c("postcode", ["charitycontactpostcode", "postcode"], .postcode),
                    c("status", ["charityregistrationstatus", "registrationstatus"]), c("latest_income_pence", ["latestincome", "income"], .pounds),
                    c("company_number", ["charitycompanyregistrationnumber", "companynumber"], .companyNumber),
                    c("is_cio", ["charityiscio", "iscio"], .flag)]
        case .fcaMutuals:
            return [c("society_number", ["societynumber"], required: true), c("registration_number", ["fullregistationnumber", "fullregistrationnumber"]),
                    c("name", ["societyname"], required: true), c("registered_as", ["registeredas"]),
                    c("postcode", ["societyaddress", "address"], .postcodeInText), c("status", ["societystatus"])]
        case .postcodes:
            return [c("postcode", ["pcds", "pcd", "postcode", "pcd2"], .postcode, required: true),
                    c("local_authority", ["oslaua", "laua", "lad23cd", "lad22cd", "lad21cd", "ladcd"], required: true),
                    c("ward", ["osward", "ward", "wd23cd", "wd22cd"]), c("region", ["rgn", "rgn23cd"]), c("lsoa", ["lsoa21", "lsoa11", "lsoa21cd"])]
        case .overrides:
            return [c("supplier_ref", ["supplierid", "suppliernumber", "supplierref", "suppliercode", "vendorid"]),
                    c("name", ["suppliername", "name", "vendorname"]),
                    c("company_number", ["companynumber", "companyregistrationnumber", "supplierregisteredcompanynumber"], .companyNumber),
                    c("charity_number", ["charitynumber", "supplierregisteredcharitynumber"], .charityNumber),
                    c("postcode", ["postcode", "supplierpostcode"], .postcode),
                    c("employees", ["employees", "staff", "headcount", "numberofemployees"], .integer),
                    c("turnover_pence", ["turnover", "annualturnover", "turnoverpounds"], .pounds),
                    c("balance_sheet_pence", ["balancesheet", "balancesheettotal", "totalassets"], .pounds),
                    c("legal_form", ["legalform", "organisationtype", "companytype"]),
                    c("ownership", ["ownership", "ownershipmodel"]), c("vcse", ["vcse", "isvcse", "vcseflag", "vcsesupplier"], .flag),
                    c("note", ["note", "notes", "comment"]), c("scope", ["scope", "spendscope"])]
        case .localAuthorities:
            return [c("code", ["localauthoritycode"], required: true), c("name", ["officialname"], required: true), c("nice_name", ["nicename"]),
                    c("gss_code", ["gsscode"]), c("end_date", ["enddate"]), c("authority_type", ["localauthoritytype"]),
                    c("authority_type_name", ["localauthoritytypename"]), c("alt_names", ["altnames"])]
        case .localAuthorityNames:
            return [c("name", ["laname", "name"], required: true), c("code", ["localauthoritycode"], required: true)]
        case .academyTrusts:
            return [c("company_number", ["companynumber"], .companyNumber, required: true), c("name", ["entity", "name", "trustname"], required: true),
                    c("trust_type", ["type"])]
        case .independentSchools:
            return [c("urn", ["urn"], required: true), c("name", ["establishmentname", "name"], required: true),
                    c("charity_number", ["charitynumber"], .charityNumber), c("company_number", ["companynumber"], .companyNumber),
                    c("is_active", ["active", "isactive"], .flag)]
        case .charityCompanyLinks, .cioCompanyLinks, .mutualCompanyLinks, .organisationCompanyLinks:
            return [c("org_id_a", ["orgida"], required: true), c("org_id_b", ["orgidb"], required: true), c("name", ["orgname", "name"])]
        case .investmentFirms:
            return [c("name", ["name", "firm", "firmname", "investmentfirm", "owner"], required: true),
                    c("company_number", ["companynumber", "companyregistrationnumber"], .companyNumber), c("note", ["note", "notes", "comment"])]
        case .psc:
            // JSON lines, read by `PSCImporter`, not through a header.
            return []
        }
    }
}
