import Foundation

/// Writes the synthetic borough's registers in the layouts the real ones use.
enum RegisterWriters {
    /// Companies House BasicCompanyData: the real 55-column header, leading spaces and all.
    static let companiesHouseHeader = "CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1, RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,IncorporationDate,Accounts.AccountRefDay,Accounts.AccountRefMonth,Accounts.NextDueDate,Accounts.LastMadeUpDate,Accounts.AccountCategory,Returns.NextDueDate,Returns.LastMadeUpDate,Mortgages.NumMortCharges,Mortgages.NumMortOutstanding,Mortgages.NumMortPartSatisfied,Mortgages.NumMortSatisfied,SICCode.SicText_1,SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,LimitedPartnerships.NumGenPartners,LimitedPartnerships.NumLimPartners,URI,PreviousName_1.CONDATE, PreviousName_1.CompanyName, PreviousName_2.CONDATE, PreviousName_2.CompanyName,PreviousName_3.CONDATE, PreviousName_3.CompanyName,PreviousName_4.CONDATE, PreviousName_4.CompanyName,PreviousName_5.CONDATE, PreviousName_5.CompanyName,PreviousName_6.CONDATE, PreviousName_6.CompanyName,PreviousName_7.CONDATE, PreviousName_7.CompanyName,PreviousName_8.CONDATE, PreviousName_8.CompanyName,PreviousName_9.CONDATE, PreviousName_9.CompanyName,PreviousName_10.CONDATE, PreviousName_10.CompanyName,ConfStmtNextDueDate, ConfStmtLastMadeUpDate"

    static let charityHeader = ["date_of_extract", "organisation_number", "registered_charity_number", "linked_charity_number", "charity_name",
                                "charity_type", "charity_registration_status", "date_of_registration", "date_of_removal",
                                "charity_reporting_status", "latest_acc_fin_period_start_date", "latest_acc_fin_period_end_date",
                                "latest_income", "latest_expenditure", "charity_contact_address1", "charity_contact_address2",
                                "charity_contact_address3", "charity_contact_address4", "charity_contact_address5", "charity_contact_postcode",
                                "charity_contact_phone", "charity_contact_email", "charity_contact_web", "charity_company_registration_number",
                                "charity_insolvent", "charity_in_administration", "charity_previously_excepted", "charity_is_cdf_or_cif",
                                "charity_is_cio", "cio_is_dissolved", "date_cio_dissolution_notice", "charity_activities", "charity_gift_aid",
                                "charity_has_land"]

    static let fcaHeader = ["Society Number", "Society Suffix", "Full Registation Number", "Society Name", "Registered As", "Society Address",
                            "Registration Date", "Deregistration Date", "Society Status"]

    static let masterHeader = ["Supplier ID", "Supplier Name", "Company Number", "Charity Number", "Postcode", "Employees", "Turnover",
                               "Balance Sheet", "Legal Form", "Ownership", "VCSE", "Note"]

    static func csv(_ rows: [[String]], quoteAll: Bool = false) -> String {
        rows.map { row in row.map { quoteAll ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : SpendLayout.quote($0) }.joined(separator: ",") }
            .joined(separator: "\r\n") + "\r\n"
    }

    static func write(suppliers: [SyntheticSupplier], folder: String) throws {
        // Companies House: every supplier with a company number.
        var ch: [[String]] = []
        for s in suppliers { if let number = s.companyNumber, s.companyCategory != nil {
            var row = [String](repeating: "", count: 55)
            row[0] = s.name.uppercased(); row[1] = number; row[4] = "1 Example Street"; row[6] = "LONDON"; row[8] = "UNITED KINGDOM"
            row[9] = s.postcode; row[10] = s.companyCategory!; row[11] = "Active"; row[12] = "United Kingdom"; row[14] = "01/04/2012"
            row[15] = "31"; row[16] = "3"; row[19] = s.accountsCategory ?? "NO ACCOUNTS FILED"
            row[26] = s.kind == .privateEquityCare || s.name.contains("Care") ? "88100 - Social work activities without accommodation for the elderly and disabled" : "82990 - Other business support service activities n.e.c."
            row[32] = "http://business.data.gov.uk/id/company/\(number)"
            ch.append(row)
        } }
        for parent in parents {
            var row = [String](repeating: "", count: 55)
            row[0] = parent.name; row[1] = parent.number; row[4] = "1 Example Street"; row[6] = "LONDON"; row[8] = "UNITED KINGDOM"; row[9] = "EC1A 1AA"
            row[10] = parent.category; row[11] = "Active"; row[12] = "United Kingdom"; row[14] = "01/04/2010"; row[15] = "31"; row[16] = "12"
            row[18] = "31/12/2025"; row[19] = parent.accounts; row[26] = "64209 - Activities of other holding companies n.e.c."
            row[32] = "http://business.data.gov.uk/id/company/\(parent.number)"
            ch.append(row)
        }
        try (companiesHouseHeader + "\r\n" + csv(ch, quoteAll: true)).write(toFile: "\(folder)/registers/BasicCompanyData.csv", atomically: true, encoding: .utf8)

        // Charity Commission public extract: tab-separated, as published.
        var charities = [charityHeader.joined(separator: "\t")]
        for s in suppliers { if let number = s.charityNumber {
            var row = [String](repeating: "", count: charityHeader.count)
            row[0] = "2025-10-01"; row[1] = String(Int(number)! + 5_000_000); row[2] = number; row[3] = "0"; row[4] = s.name
            row[5] = s.legalForm == "Charitable Incorporated Organisation" ? "CIO" : s.legalForm == "Company Limited by Guarantee" ? "Charitable company" : "Other"
            row[6] = "Registered"; row[7] = "2010-05-17"; row[12] = String(s.turnoverPounds ?? 0); row[13] = String((s.turnoverPounds ?? 0) * 9 / 10)
            row[19] = s.postcode
            row[23] = s.legalForm == "Company Limited by Guarantee" ? String((s.companyNumber ?? "").drop { $0 == "0" }) : ""
            row[28] = s.legalForm == "Charitable Incorporated Organisation" ? "True" : "False"
            charities.append(row.joined(separator: "\t"))
        } }
        try (charities.joined(separator: "\r\n") + "\r\n").write(toFile: "\(folder)/registers/publicextract.charity.txt", atomically: true, encoding: .utf8)

        // FCA mutuals register.
        var societies: [[String]] = [fcaHeader]
        for s in suppliers { if let number = s.societyNumber {
            societies.append([number, "R", "\(number)R", s.name,
                              s.kind == .cooperative ? "Co-operative Society (Co-operative and Community Benefit Societies Act 2014)"
                                                     : "Community Benefit Society (Co-operative and Community Benefit Societies Act 2014)",
                              "2 Example Road, London, \(s.postcode)", "12/06/2008", "", "Registered"])
        } }
        try csv(societies).write(toFile: "\(folder)/registers/SocietyList.csv", atomically: true, encoding: .utf8)

        // Postcode directory (ONSPD columns) for every supplier postcode.
        var postcodes: [[String]] = [["pcds", "oslaua", "osward", "rgn", "lsoa21"]]
        for postcode in Set(suppliers.map(\.postcode)).sorted() {
            let outward = String(postcode.split(separator: " ")[0])
            if let local = BoroughModel.localOutward.first(where: { $0.code == outward }) {
                postcodes.append([postcode, BoroughModel.bodyCode, local.ward, "E12000007", "E01000\(100 + postcodes.count)"])
            } else if let other = BoroughModel.otherOutward.first(where: { $0.code == outward }) {
                postcodes.append([postcode, other.authority, "E05999\(100 + postcodes.count)", other.region, "E01999\(100 + postcodes.count)"])
            }
        }
        try csv(postcodes).write(toFile: "\(folder)/registers/postcodes_onspd.csv", atomically: true, encoding: .utf8)

        // The analyst's supplier master and overrides (about nine in ten suppliers are on it).
        var master: [[String]] = [masterHeader]
        for s in suppliers where s.inSupplierMaster {
            master.append([s.id, s.name, s.companyNumber ?? "", s.charityNumber ?? "", s.postcode, s.employees.map(String.init) ?? "",
                           s.turnoverPounds.map(String.init) ?? "", s.balanceSheetPounds.map(String.init) ?? "", s.legalForm, s.ownership,
                           s.isVCSE ? "Y" : "N", s.kind == .privateEquityCare ? "owned by a private equity fund (analyst research)" : ""])
        }
        try csv(master).write(toFile: "\(folder)/registers/supplier_overrides.csv", atomically: true, encoding: .utf8)
    }

    /// The owner groups the synthetic PSC snapshot gives the borough's companies: parents that are not suppliers.
    struct Parent {
        var number: String, name: String, category: String, accounts: String
        /// Its own majority controller: another parent, an overseas company (name, country, registration), or nobody.
        var parent: String?
        var overseas: (name: String, country: String, registration: String)?
    }

    static let parents: [Parent] = [
        Parent(number: "15900001", name: "MERIDIAN CARE HOLDINGS LIMITED", category: "Private Limited Company", accounts: "GROUP", parent: nil,
               overseas: ("Meridian Care Topco S.a r.l.", "Luxembourg", "B245871")),
        Parent(number: "15900002", name: "EVERGREEN CARE GROUP LIMITED", category: "Private Limited Company", accounts: "GROUP", parent: "OC412345", overseas: nil),
        Parent(number: "OC412345", name: "NORTHGATE CAPITAL PARTNERS LLP", category: "Limited Liability Partnership", accounts: "FULL", parent: nil, overseas: nil),
        Parent(number: "15900010", name: "ALBION GROUP HOLDINGS PLC", category: "Public Limited Company", accounts: "GROUP", parent: nil, overseas: nil),
    ]

    /// Gives the private-equity care companies their two groups (alternately) and every third large company the listed
    /// PLC as parent: a company in a PLC's group is `plc-listed`.
    static func assignParents(_ suppliers: inout [SyntheticSupplier]) {
        var pe = 0, large = 0
        for i in suppliers.indices where suppliers[i].companyNumber != nil {
            switch suppliers[i].kind {
            case .privateEquityCare: suppliers[i].parent = pe % 2; pe += 1
            case .large:
                if large % 3 == 0 { suppliers[i].parent = 3; suppliers[i].ownership = "plc-listed" }
                large += 1
            default: break
            }
        }
    }

    /// The investment firms an analyst would list: the private-equity owners of the two care groups (one by company
    /// number, one, registered abroad, by name).
    static func writeInvestmentFirms(folder: String) throws {
        try csv([["Name", "Company Number", "Note"], ["Northgate Capital Partners LLP", "OC412345", "private-equity fund manager (analyst research)"],
                 ["Meridian Care Topco S.a r.l.", "", "private-equity holding company, Luxembourg (analyst research)"]])
            .write(toFile: "\(folder)/registers/investment_firms.csv", atomically: true, encoding: .utf8)
    }

    /// A PSC snapshot in Companies House's layout (JSON lines, sorted keys, a totals line last): the private-equity care
    /// companies in two groups (one owned from Luxembourg, one by a listed investment firm through a UK holding company),
    /// a third of the large companies under a listed PLC, each employee-owned company under its EOT trustee, one
    /// ceased corporate controller, and an individual or a statement for every other company.
    static func writePSC(suppliers: [SyntheticSupplier], folder: String) throws {
        var lines: [String] = []
        var pscCount = 0, statements = 0
        func json(_ object: [String: Any]) -> String {
            String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        }
        func corporate(_ company: String, name: String, number: String, country: String, place: String, form: String, natures: [String], ceased: String? = nil) {
            var data: [String: Any] = ["address": ["address_line_1": "1 Example Street", "locality": "London", "postal_code": "EC1A 1AA"],
                                       "etag": String(format: "%040x", lines.count + 1), "kind": "corporate-entity-person-with-significant-control",
                                       "identification": ["country_registered": country, "legal_authority": place == "Companies House" ? "Companies Act 2006" : "Luxembourg Company Law",
                                                          "legal_form": form, "place_registered": place, "registration_number": number],
                                       "links": ["self": "/company/\(company)/persons-with-significant-control/corporate-entity/\(lines.count + 1)"],
                                       "name": name, "natures_of_control": natures, "notified_on": "2016-04-06"]
            if let ceased { data["ceased_on"] = ceased }
            lines.append(json(["company_number": company, "data": data])); pscCount += 1
        }
        func individual(_ company: String, _ name: String) {
            lines.append(json(["company_number": company, "data": [
                "address": ["address_line_1": "2 Example Road", "locality": "London", "postal_code": "N1 1AA"], "country_of_residence": "England",
                "date_of_birth": ["month": 5, "year": 1970], "etag": String(format: "%040x", lines.count + 1), "kind": "individual-person-with-significant-control",
                "links": ["self": "/company/\(company)/persons-with-significant-control/individual/\(lines.count + 1)"], "name": name,
                "nationality": "British", "natures_of_control": ["ownership-of-shares-75-to-100-percent", "voting-rights-75-to-100-percent"], "notified_on": "2016-04-06"]]))
            pscCount += 1
        }
        let full = ["ownership-of-shares-75-to-100-percent", "voting-rights-75-to-100-percent", "right-to-appoint-and-remove-directors"]
        for s in suppliers {
            guard let number = s.companyNumber, !number.hasPrefix("CE") else { continue }
            switch s.kind {
            case _ where s.parent != nil:
                let parent = parents[s.parent!]
                corporate(number, name: parent.name, number: parent.number, country: s.parent == 3 ? "United Kingdom" : "England", place: "Companies House",
                          form: s.parent == 3 ? "Public Limited Company" : "Private Limited Company",
                          natures: s.parent == 3 ? ["ownership-of-shares-75-to-100-percent", "voting-rights-75-to-100-percent"] : full)
            case .employeeOwned:
                let trustee = "\(s.name.uppercased()) EOT TRUSTEE LIMITED"
                corporate(number, name: trustee, number: "16" + number.suffix(6), country: "England & Wales", place: "Companies House", form: "Private Limited Company",
                          natures: ["ownership-of-shares-50-to-75-percent", "voting-rights-50-to-75-percent"])
                individual("16" + number.suffix(6), "Mr \(SupplierFactory.surnames[Int(number.suffix(2))! % SupplierFactory.surnames.count].capitalized) Trustee")
            default:
                if s.kind == .sme && lines.count % 17 == 0 {
                    // A former parent, long since sold: a ceased controller does not make a group.
                    corporate(number, name: "FORMER OWNER HOLDINGS LIMITED", number: "15900099", country: "England", place: "Companies House",
                              form: "Private Limited Company", natures: full, ceased: "2021-03-31")
                }
                if Int(number.suffix(1))! % 5 == 0 {
                    lines.append(json(["company_number": number, "data": ["etag": String(format: "%040x", lines.count + 1), "kind": "persons-with-significant-control-statement",
                                                                          "links": ["self": "/company/\(number)/persons-with-significant-control-statements/\(lines.count + 1)"],
                                                                          "notified_on": "2016-04-06", "statement": "no-individual-or-entity-with-signficant-control"]]))
                    statements += 1
                } else {
                    individual(number, "Ms \(SupplierFactory.surnames[Int(number.suffix(2))! % SupplierFactory.surnames.count].capitalized) Owner")
                }
            }
        }
        for parent in parents {
            if let up = parent.parent, let p = parents.first(where: { $0.number == up }) {
                corporate(parent.number, name: p.name, number: p.number, country: "England", place: "Companies House", form: p.category, natures: full)
            } else if let o = parent.overseas {
                corporate(parent.number, name: o.name, number: o.registration, country: o.country, place: "Registre de Commerce et des Sociétés", form: "Société à responsabilité limitée", natures: full)
            } else {
                individual(parent.number, "Mr Albion Founder")
            }
        }
        lines.append(json(["data": ["kind": "totals#persons-of-significant-control-snapshot", "persons_of_significant_control_count": pscCount,
                                    "statements_count": statements, "exemptions_count": 0]]))
        try (lines.joined(separator: "\n") + "\n").write(toFile: "\(folder)/registers/psc-snapshot.txt", atomically: true, encoding: .utf8)
    }

    /// The service-to-place mapping: homecare cost centres to localities and wards, repairs cost centres to estates and wards.
    static func writePlaces(folder: String) throws {
        var rows: [[String]] = [["match_column", "match_value", "place_level", "place_name"]]
        for l in BoroughModel.homecareLocalities {
            rows.append(["cost_centre", l.costCentre, "locality", l.locality])
            for ward in l.wards { rows.append(["cost_centre", l.costCentre, "ward", ward]) }
        }
        for e in BoroughModel.estates {
            rows.append(["cost_centre", e.costCentre, "estate", e.estate])
            rows.append(["cost_centre", e.costCentre, "ward", e.ward])
        }
        try csv(rows).write(toFile: "\(folder)/places.csv", atomically: true, encoding: .utf8)
    }

    /// What the generator knows about each supplier, for tests that check classification.
    static func writeTruth(suppliers: [SyntheticSupplier], folder: String) throws {
        var rows: [[String]] = [["supplier_id", "supplier_name", "kind", "is_local", "is_sme", "is_vcse", "is_public_body", "ownership", "legal_form", "in_supplier_master"]]
        for s in suppliers {
            rows.append([s.id, s.name, s.kind.rawValue, s.isLocal ? "1" : "0", s.isSME ? "1" : "0", s.isVCSE ? "1" : "0",
                         s.isPublicBody ? "1" : "0", s.ownership, s.legalForm, s.inSupplierMaster ? "1" : "0"])
        }
        try csv(rows).write(toFile: "\(folder)/truth.csv", atomically: true, encoding: .utf8)
    }
}
