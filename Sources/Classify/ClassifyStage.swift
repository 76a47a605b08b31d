import Foundation
import MarketShapeCore
import Registers
import StageKit
import Warehouse

/// Stage 3: local, SME, VCSE, public body and ownership for each supplier, each call with its evidence
/// (which register and version, which field, which rule) in `supplier_evidence`. Without evidence a class
/// stays unknown (NULL), never guessed; analyst overrides win and say so.
public struct ClassifyStage: PipelineStage {
    public let name = StageName.classify

    public init() {}

    public func run(_ context: StageContext) throws -> StageResult {
        try context.warehouse.transaction { try classify(context) }
    }

    /// The stage's work, inside one transaction: a failure leaves the previous tables in place.
    func classify(_ context: StageContext) throws -> StageResult {
        let w = context.warehouse
        let started = Date()
        // Every supplier's class columns are written below, each once: only the evidence is cleared first.
        try w.run("DELETE FROM supplier_evidence WHERE classification <> ?", [.text(SupplierClass.resolution.rawValue)])
        let versions = try RegisterSync.currentVersions(w)
        func v(_ k: RegisterKind) -> String { versions[k] ?? k.title }
        // Suppliers the council's own VCSE column flags on some payment: only read when some spending context has the flag
        // (most councils publish no such column; the tallies are read only then).
        let anyFlag = try w.scalarInt("SELECT EXISTS (SELECT 1 FROM stg_contexts WHERE council_vcse_flag = 1)") == 1
        let flagged = !anyFlag ? Set<Int>() : Set(try w.fetch(SupplierKey.self, """
            SELECT DISTINCT f.supplier_key FROM fct_tallies f
            WHERE f.context_id IN (SELECT context_id FROM stg_contexts WHERE council_vcse_flag = 1) AND f.supplier_key IS NOT NULL
            """).map(\.supplier_key))
        // Suppliers paid in files that have the council's VCSE column, and never flagged there: the council's own
        // word that they are not VCSEs (weaker than any register, which is read first).
        struct File: Decodable { var file_id: Int; var file_name: String; var config_json: String }
        let flagFiles = try w.fetch(File.self, "SELECT file_id, file_name, config_json FROM source_files WHERE is_current = 1").filter {
            $0.config_json.contains("\"vcse_flag\"")
        }
        var unflagged = Set<Int>()
        if !flagFiles.isEmpty {
            let ids = flagFiles.map { String($0.file_id) }.joined(separator: ",")
            unflagged = Set(try w.fetch(SupplierKey.self, """
                SELECT DISTINCT m.supplier_key FROM (SELECT DISTINCT payee_id FROM stg_file_payees WHERE file_id IN (\(ids))) l
                JOIN map_payee_suppliers m USING (payee_id)
                """).map(\.supplier_key)).subtracting(flagged)
        }
        let flagFileNames = flagFiles.map(\.file_name).sorted()
        let local = context.config.local
        let localCodes = Set(local.localAuthorities)
        let outward = Set(local.outwardCodes)
        let hasDirectory = versions[.postcodes] != nil && !localCodes.isEmpty
        let lookups = StatementCache(warehouse: w)
        let authorities = try Self.localAuthorities(w)
        struct Named: Decodable { var normalised_name: String?; var id: String? }
        // Each school by its normalised name and by its name with apostrophes and stops taken out, as councils often
        // write it (`Mount St Mary's College` paid as `MOUNT ST MARYS COLLEGE`).
        struct School: Decodable { var name: String; var normalised_name: String; var urn: String }
        let schoolRows = try w.fetch(School.self, "SELECT name, normalised_name, urn FROM reg_independent_schools WHERE coalesce(is_active, 1) = 1")
        let independentSchools = Dictionary(schoolRows.map { ($0.normalised_name, $0.urn) }, uniquingKeysWith: { a, _ in a })
        // Without apostrophes, a name only the one school in the register has, matched whole (four `St Mary's School`s
        // are independent; a council's maintained `ST MARYS SCHOOL` must not become one of them).
        let joinedNames = Dictionary(grouping: schoolRows, by: { PublicBodyRule.joiningInitials($0.name) })
        let independentByJoinedName = joinedNames.compactMapValues { $0.count == 1 ? $0[0].urn : nil }
        let independentURNs = Set(independentSchools.values)
        let linkedNames = try OrgLinks.byName(w)
        let academyNames = Dictionary(try w.fetch(Named.self, "SELECT normalised_name, company_number AS id FROM reg_academy_trusts").map { ($0.normalised_name ?? "", $0.id ?? "") },
                                      uniquingKeysWith: { a, _ in a })
        let hasPSC = versions[.psc] != nil
        let investmentFirms = try InvestmentFirms.load(w)
        let evidence = try GroupedInsert(w, "INSERT INTO supplier_evidence (supplier_key, classification, value, source, detail)", width: 5)
        let update = try w.prepare("""
            UPDATE dim_suppliers SET is_local = ?, is_sme = ?, is_sme_proxy = ?, is_vcse = ?, is_public_body = ?, ownership = ?, legal_form = ?,
              owner_group = ?, owner_group_name = ?, owner_chain_length = ? WHERE supplier_key = ?
            """)
        let rows = try w.fetch(SupplierRegisters.self, """
            SELECT d.supplier_key, d.supplier_id, d.display_name, d.registered_name, d.normalised_name, d.charity_number, c.accounts_made_up_to, coalesce(o.postcode, d.postcode, c.postcode, ch.postcode, s.postcode) AS postcode,
              c.category, c.accounts_category, ch.charity_number AS registered_charity_number, ch.is_cio, s.registered_as AS society_registered_as,
              o.line_no AS override_line, o.employees, o.turnover_pence, o.balance_sheet_pence, o.legal_form AS override_legal_form,
              o.ownership AS override_ownership, o.vcse AS override_vcse, d.company_number, a.name AS academy_trust, a.trust_type AS academy_trust_type
            FROM dim_suppliers d
            LEFT JOIN reg_academy_trusts a ON a.company_number = d.company_number
            LEFT JOIN reg_overrides o ON o.line_no = d.override_line
            LEFT JOIN reg_companies c ON c.company_number = d.company_number
            LEFT JOIN reg_charities ch ON ch.charity_number = d.charity_number
            LEFT JOIN reg_societies s ON s.society_number = d.society_number
            """)
        context.logger.info("classify: suppliers and registers read in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        var counts = (local: 0, sme: 0, vcse: 0, publicBody: 0, ownership: 0, grouped: 0, overridesDiffering: 0)
        for row in rows {
            let key = row.supplier_key, name = row.normalised_name ?? ""
            func note(_ c: SupplierClass, _ value: String, _ source: String, _ detail: String) throws {
                try evidence.add(row: [.integer(key), .text(c.rawValue), .text(value), .text(source), .text(detail)])
            }
            let postcode = row.postcode, category = row.category, accounts = row.accounts_category
            let inCharityRegister = row.registered_charity_number != nil, isCIO = row.is_cio == 1
            let companyNumber = row.company_number, charityNumber = row.charity_number
            // What the company number itself and the org-id links say: a charity, a CIO, a registered society.
            let linked = try companyNumber.map { try OrgLinks.lookup($0, lookups) } ?? nil
            let form = companyNumber.flatMap(OrgLinks.form)
            // A payee published without any company number whose name is exactly a linked charity's or society's registered
            // name is that organisation (a payee with a number is known by its number, which may say otherwise).
            let nameLinked = companyNumber == nil && charityNumber == nil && row.registered_charity_number == nil && row.society_registered_as == nil
                ? linkedNames[name] : nil
            let society = row.society_registered_as ?? (linked?.kind == .society ? "a registered society (\(linked!.orgID))" : nil)
                ?? (form == .society ? "a registered society (its company number \(companyNumber!) has a society prefix)" : nil)
                ?? (nameLinked?.kind == .society ? "a registered society (\(nameLinked!.orgID), company \(nameLinked!.companyID), by its registered name \(nameLinked!.name))" : nil)
            // Who owns it: the chain of majority controllers in the PSC register, and the group at its top.
            let chain = hasPSC ? try companyNumber.map { try OwnerChain.follow(from: $0) { try Self.controllers(of: $0, lookups) } } : nil
            let parented = chain?.hasParent ?? false
            let overrideLine = row.override_line, employees = row.employees, turnover = row.turnover_pence, balance = row.balance_sheet_pence
            let overrideForm = row.override_legal_form, overrideOwnership = row.override_ownership, overrideVCSE = row.override_vcse
            let overrideSource = "\(v(.overrides)) line \(overrideLine ?? 0)"
            let categoryText = category?.uppercased() ?? ""
            let legalForm = overrideForm ?? category ?? (inCharityRegister ? "Registered charity" : nil) ?? society

            // Public body: the analyst, then registers (academy trusts by company number, local authorities by name), then
            // name phrases, which a company or charity number overrules (register evidence beats a name).
            var isPublic: Bool? = nil
            if let form = overrideForm, ["public body", "public sector", "public authority", "local authority", "nhs body"].contains(where: form.lowercased().contains) {
                isPublic = true; try note(.publicBody, "yes", overrideSource, "legal form \"\(form)\"")
            } else if let trust = row.academy_trust, Self.namesAgree(trust, name) || Self.looksLikeSchool(name) {
                isPublic = true; try note(.publicBody, "yes", v(.academyTrusts), "company \(companyNumber ?? "") is \(trust) (\(row.academy_trust_type ?? "academy trust"))")
            } else if let company = companyNumber, let org = try OrgLinks.organisation(company, lookups), let why = Self.notPublic(org.orgID, independentURNs) {
                isPublic = false; try note(.publicBody, "no", v(.organisationCompanyLinks), "company \(company) is \(org.orgID)\(org.name.map { " (\($0))" } ?? ""): \(why)")
            } else if let urn = Self.independentSchool(name, independentSchools) ?? independentByJoinedName[PublicBodyRule.joiningInitials(row.display_name)] {
                isPublic = false; try note(.publicBody, "no", v(.independentSchools), Self.independentSchoolDetail(urn))
            } else if let company = academyNames[name] {
                isPublic = true; try note(.publicBody, "yes", v(.academyTrusts), "name is the academy trust with company number \(company)")
            } else if let la = authorities.match(name) {
                isPublic = true; try note(.publicBody, "yes", v(.localAuthorities), "\(la.how) (\(la.authority.code), \(la.authority.type))")
            } else if let company = PublicBodyRule.stateCompany(name) {
                isPublic = true; try note(.publicBody, "yes", "name rule", "name contains \"\(company)\": a company the state owns outright")
            } else if let phrase = PublicBodyRule.match(name, name: row.display_name) {
                if companyNumber == nil && charityNumber == nil {
                    isPublic = true; try note(.publicBody, "yes", "name rule", "name contains \"\(phrase)\"")
                } else {
                    isPublic = false
                    try note(.publicBody, "no", companyNumber != nil ? "company number" : "charity number",
                             "name contains \"\(phrase)\", but it has \(companyNumber.map { "company number \($0)" } ?? "charity number \(charityNumber!)") and no register says it is a public body")
                }
            } else if let form = PublicBodyRule.plainlyPrivateForm(name) {
                // `… Ltd`, `… CIC`: a company, charity or partnership, which no register above says is a public body
                // (one whose name sounds public, `NHS Property Services Ltd`, stays unknown: it may be publicly owned).
                isPublic = false; try note(.publicBody, "no", "name rule", "name has the legal form \"\(form)\" and no register says it is a public body")
            }

            // Local.
            var isLocal: Bool? = nil
            if let postcode {
                if hasDirectory, let la = try lookups.fetch(Directory.self, "SELECT local_authority FROM reg_postcodes WHERE postcode = ?", [.text(postcode)]).first?.local_authority {
                    isLocal = localCodes.contains(la)
                    try note(.local, isLocal! ? "yes" : "no", v(.postcodes), "\(postcode) is in local authority \(la)\(isLocal! ? "" : ", not \(localCodes.sorted().joined(separator: ", "))")")
                } else if !outward.isEmpty, let code = OrgIdentifiers.outwardCode(postcode) {
                    isLocal = outward.contains(code)
                    try note(.local, isLocal! ? "yes" : "no", "outward-code list", "\(postcode): outward code \(code) \(isLocal! ? "is" : "is not") in the list (matched exactly)")
                }
            }

            // SME.
            var isSME: Bool? = nil, proxy = false
            if isPublic == true {
                isSME = false; try note(.sme, "no", "rule", "public bodies are neither SME nor large")
            } else if let decided = SMERule.isSME(employees: employees, turnoverPence: turnover, balanceSheetPence: balance) {
                isSME = decided
                try note(.sme, decided ? "yes" : "no", overrideSource,
                         "\(employees.map(String.init) ?? "?") staff, turnover \(turnover.map { formatPounds($0, decimals: false) } ?? "unknown"), balance sheet \(balance.map { formatPounds($0, decimals: false) } ?? "unknown"): Procurement Act 2023 (< 250 staff and turnover ≤ £44m or balance sheet ≤ £38m)")
            } else if let chain, parented {
                // A subsidiary is an SME only if its group is: judged by the ultimate parent's accounts, or unknown.
                struct Parent: Decodable { var accounts_category: String?; var accounts_made_up_to: String?; var name: String }
                let parent: Parent? = if case .company(let top) = chain.top {
                    try lookups.fetch(Parent.self, "SELECT accounts_category, accounts_made_up_to, name FROM reg_companies WHERE company_number = ?", [.text(top)]).first
                } else { nil }
                if let parent, let guess = SMERule.proxy(accountsCategory: parent.accounts_category) {
                    isSME = guess; proxy = true
                    try note(.sme, guess ? "yes (proxy)" : "no (proxy)", "\(v(.psc)); \(v(.companiesHouse))",
                             "judged at group level: its ultimate parent \(parent.name) files \(parent.accounts_category!) accounts, which suggest \(guess ? "an SME" : "a large group"); \(SMERule.vintage(madeUpTo: parent.accounts_made_up_to)): a proxy, not the statutory test")
                } else {
                    try note(.sme, "unknown", v(.psc), "it has a corporate parent (\(chain.groupName { _ in nil })), so it is an SME only if its group is, and the group's size is not known\(accounts.map { " (its own \($0) accounts do not decide it)" } ?? "")")
                }
            } else if let guess = SMERule.proxy(accountsCategory: accounts) {
                isSME = guess; proxy = true
                try note(.sme, guess ? "yes (proxy)" : "no (proxy)", v(.companiesHouse), "accounts category \(accounts!) suggests \(guess ? "an SME" : "a large company"); \(SMERule.vintage(madeUpTo: row.accounts_made_up_to)): a proxy, not the statutory test")
            }

            // VCSE, and which kind of VCSE it is (the ownership model when nothing decides it first).
            var isVCSE: Bool? = nil
            var vcseModel: (model: OwnershipModel, source: String, detail: String) = (.charity, "rule", "a VCSE")
            if let flag = overrideVCSE {
                isVCSE = flag == 1; try note(.vcse, flag == 1 ? "yes" : "no", overrideSource, "the analyst's VCSE column")
            } else if isPublic == true {
                isVCSE = false; try note(.vcse, "no", "rule", "a public body")
            } else if inCharityRegister || isCIO {
                isVCSE = true; try note(.vcse, "yes", v(.charityCommission), "registered charity \(row.registered_charity_number ?? "")\(isCIO ? " (CIO)" : "")")
            } else if let linked, linked.kind != .society {
                isVCSE = true; try note(.vcse, "yes", v(linked.kind == .cio ? .cioCompanyLinks : .charityCompanyLinks),
                                        "company \(companyNumber!) is \(linked.kind == .cio ? "the CIO" : "the charity") \(linked.orgID)\(linked.name.map { " (\($0))" } ?? "")")
            } else if form == .cio {
                isVCSE = true; try note(.vcse, "yes", "company number", "\(companyNumber!) is a charitable incorporated organisation's number (CE/CS)")
            } else if categoryText.contains("COMMUNITY INTEREST") || categoryText.contains("CHARITABLE INCORPORATED") {
                isVCSE = true; try note(.vcse, "yes", v(.companiesHouse), "company category \(category!)")
                if categoryText.contains("COMMUNITY INTEREST") { vcseModel = (.socialEnterprise, v(.companiesHouse), "company category \(category!): a community interest company is a social enterprise, not a charity") }
            } else if let society {
                isVCSE = true; try note(.vcse, "yes", row.society_registered_as != nil ? v(.fcaMutuals) : linked != nil || nameLinked != nil ? v(.mutualCompanyLinks) : "company number", "registered society: \(society)")
            } else if categoryText.contains("GUAR") {
                let charity = row.charity_number
                isVCSE = charity != nil || flagged.contains(key)
                try note(.vcse, isVCSE! ? "yes" : "no", v(.companiesHouse), isVCSE! ? "limited by guarantee with charity evidence (\(charity.map { "charity \($0)" } ?? "the council's VCSE flag"))" : "limited by guarantee, but no charity evidence: not counted (Tussell would)")
            } else if flagged.contains(key) {
                isVCSE = true; try note(.vcse, "yes", "spend file", "the council's own VCSE flag is Y on its payments")
            } else if let c = row.charity_number {
                isVCSE = true; try note(.vcse, "yes", "spend file", "charity number \(c) given by the council")
            } else if let nameLinked, nameLinked.kind == .charity {
                isVCSE = true; try note(.vcse, "yes", v(.charityCompanyLinks),
                                        "the payee's name is the registered name of the charity \(nameLinked.orgID) (\(nameLinked.name), company \(nameLinked.companyID)); the spend file gives no identifier")
            } else if VCSENameRule.isCommunityInterestCompany(name) {
                isVCSE = true; try note(.vcse, "yes", "name rule", "the name says it is a community interest company")
                vcseModel = (.socialEnterprise, "name rule", "the name says it is a community interest company: a social enterprise, not a charity")
            } else if !categoryText.isEmpty {
                isVCSE = false; try note(.vcse, "no", v(.companiesHouse), "company category \(category!)")
            } else if unflagged.contains(key) {
                isVCSE = false
                try note(.vcse, "no", "spend file", "the council's own VCSE column is not Y on any of its payments in \(flagFileNames.prefix(3).joined(separator: ", "))\(flagFileNames.count > 3 ? " and \(flagFileNames.count - 3) more" : "")")
            }

            // A VCSE whose kind no evidence above named (the council's flag, a guarantee company with a charity number…) but
            // whose name says it is a community interest company is a social enterprise, not a charity.
            if isVCSE == true, vcseModel.source == "rule", VCSENameRule.isCommunityInterestCompany(name) {
                vcseModel = (.socialEnterprise, "name rule", "the name says it is a community interest company: a social enterprise, not a charity")
            }

            // Ownership.
            var ownership = OwnershipModel.unknown
            if let text = overrideOwnership, let model = OwnershipModel(analystText: text), model != .unknown {
                // The analyst's call stands; a PSC chain that says otherwise is said beside it, and counted, for review.
                var differs = ""
                if let chain, !chain.links.isEmpty, let call = try Self.ownership(of: chain, investmentFirms: investmentFirms, authorities: authorities, lookups),
                   call.model != model {
                    differs = " (the PSC register's chain says \(call.model.rawValue): \(call.why); \(chain.described))"
                    counts.overridesDiffering += 1
                }
                ownership = model; try note(.ownership, model.rawValue, overrideSource, "the analyst's ownership column says \"\(text)\"\(differs)")
            } else if isPublic == true {
                ownership = .publicSector; try note(.ownership, ownership.rawValue, "rule", "a public body")
            } else if let society {
                if row.society_registered_as != nil {
                    ownership = OwnershipModel.ofSociety(registeredAs: row.society_registered_as)
                    try note(.ownership, ownership.rawValue, v(.fcaMutuals), "registered as \(society)")
                } else {
                    // The link says a registered society, not which kind: its name decides between co-operative and community benefit.
                    let kind = OwnershipModel.ofSociety(named: name)
                    ownership = kind.model
                    try note(.ownership, ownership.rawValue, nameLinked != nil ? v(.mutualCompanyLinks) : "company number",
                             "\(society), of a kind the register here does not say: " + (kind.word.map { "its name says \"\($0)\"" } ?? "most registered societies are co-operatives"))
                }
            } else if isVCSE == true {
                ownership = vcseModel.model; try note(.ownership, ownership.rawValue, vcseModel.source, vcseModel.detail)
            } else if let chain, !chain.links.isEmpty, let call = try Self.ownership(of: chain, investmentFirms: investmentFirms, authorities: authorities, lookups) {
                ownership = call.model; try note(.ownership, ownership.rawValue, v(.psc), "\(call.why); \(chain.described)")
            } else if categoryText.contains("PUBLIC LIMITED") {
                ownership = .plcListed; try note(.ownership, ownership.rawValue, v(.companiesHouse), "a public limited company (whether it is listed is not checked)")
            } else if let form = overrideForm, form.lowercased().contains("sole") {
                ownership = .soleTrader; try note(.ownership, ownership.rawValue, overrideSource, "legal form \"\(form)\"")
            }

            if isLocal == true { counts.local += 1 }
            if isSME == true { counts.sme += 1 }
            if isVCSE == true { counts.vcse += 1 }
            if isPublic == true { counts.publicBody += 1 }
            if ownership != .unknown { counts.ownership += 1 }
            // The owner group: the top of the chain, else the company itself, else the supplier alone.
            var group = (key: companyNumber.map { "GB-COH-\($0)" } ?? row.supplier_id, name: row.registered_name ?? row.display_name, length: 0)
            if let chain {
                if parented {
                    group = (chain.groupKey, chain.groupName { number in try? Self.registeredName(number, lookups) }, chain.links.count)
                    counts.grouped += 1
                }
                try note(.ownerGroup, group.key, v(.psc), chain.described)
            }
            update.bind([isLocal.sql, isSME.sql, .integer(proxy ? 1 : 0), isVCSE.sql, isPublic.sql, .text(ownership.rawValue), legalForm.sql,
                         .text(group.key), .text(group.name), .integer(group.length), .integer(key)])
            try update.run()
        }
        try evidence.finish()
        let scopes = try context.timed("classify: scopes") { try PaymentScope.assign(context) }
        return StageResult(rowsCount: rows.count, summary: "\(rows.count) suppliers: \(counts.local) local, \(counts.sme) SME, \(counts.vcse) VCSE, \(counts.publicBody) public bodies; ownership known for \(counts.ownership)\(hasPSC ? "; \(counts.grouped) with a corporate parent" : "")\(counts.overridesDiffering > 0 ? "; \(counts.overridesDiffering) analyst ownership call(s) differ from the PSC chain (marketshape explain shows both)" : ""); \(scopes)")
    }

    /// The majority controllers the PSC register records for a company.
    static func controllers(of company: String, _ lookups: StatementCache) throws -> [PSCControl] {
        struct Row: Decodable {
            var psc_kind: String; var name: String; var uk_company_number: String?; var country_registered: String?; var legal_form: String?
            var natures: String; var is_uk: Bool?
        }
        return try lookups.fetch(Row.self, """
            SELECT psc_kind, name, uk_company_number, country_registered, legal_form, natures, is_uk FROM reg_psc_controls WHERE company_number = ? ORDER BY line_no
            """, [.text(company)]).map {
            PSCControl(kind: PSCControl.Kind(rawValue: $0.psc_kind) ?? .corporate, name: $0.name, ukCompanyNumber: $0.uk_company_number,
                       countryRegistered: $0.country_registered, legalForm: $0.legal_form, natures: $0.natures.split(separator: ",").map(String.init),
                       isUK: $0.is_uk)
        }
    }

    /// A company's registered name in Companies House, if loaded.
    static func registeredName(_ company: String, _ lookups: StatementCache) throws -> String? {
        struct Row: Decodable { var name: String }
        return try lookups.fetch(Row.self, "SELECT name FROM reg_companies WHERE company_number = ?", [.text(company)]).first?.name
    }

    /// The ownership model an ownership chain supports, with why: an employee ownership trust among the controllers; a
    /// registered society at the top; a controller on the analyst's list of investment firms; a parent registered
    /// outside the UK; a council at the top; a public limited company at the top. Nil where the chain says none of these.
    static func ownership(of chain: OwnerChain, investmentFirms: InvestmentFirms, authorities: LocalAuthorityNames,
                          _ lookups: StatementCache) throws -> (model: OwnershipModel, why: String)? {
        if let trust = chain.employeeOwnershipTrust { return (.employeeOwned, "controlled by \(trust), an employee ownership trust") }
        if case .company(let top) = chain.top {
            if OrgLinks.form(top) == .society { return (.cooperative, "its ultimate parent \(top) is a registered society") }
            if let linked = try OrgLinks.lookup(top, lookups), linked.kind == .society {
                return (.cooperative, "its ultimate parent \(top) is the registered society \(linked.orgID)")
            }
        }
        if let firm = chain.links.lazy.compactMap({ investmentFirms.match($0.controller) }).first {
            return (.privateEquity, "controlled through \(firm), on the analyst's list of investment firms")
        }
        switch chain.top {
        case .overseas(let name, let country):
            return (.investorOwned, "its ultimate corporate parent \(name) is registered in \(country ?? "a country not stated"), outside the UK")
        case .legalPerson(let name, _):
            if let la = authorities.match(SupplierName.normalise(name)) { return (.publicSector, "owned by \(name), a local authority (\(la.authority.code))") }
            return nil
        case .company(let top):
            struct Row: Decodable { var category: String? }
            if let category = try lookups.fetch(Row.self, "SELECT category FROM reg_companies WHERE company_number = ?", [.text(top)]).first?.category,
               category.uppercased().contains("PUBLIC LIMITED") {
                return (.plcListed, "its ultimate parent \(top) is a public limited company (whether it is listed is not checked)")
            }
            return nil
        case .unnumbered:
            return nil
        }
    }

    /// The evidence that a supplier is an open independent school; `PaymentScope` finds such schools by its opening words.
    static func independentSchoolDetail(_ urn: String) -> String { "\(independentSchoolDetailOpening)\(urn)), not a public body" }
    static let independentSchoolDetailOpening = "an independent school (URN "

    /// Why an organisation the org-id links name is not a public body, or nil when its id does not say: a provider of NHS
    /// services with an ODS code (a hospice, a GP federation, a CIC) is an independent organisation; a school with a
    /// company number whose URN is an open independent school's is an independent school.
    static func notPublic(_ orgID: String, _ independentURNs: Set<String>) -> String? {
        if orgID.hasPrefix("GB-NHS-") { return "a provider of NHS services with an ODS code, an independent organisation, not a public body" }
        if orgID.hasPrefix("GB-EDU-"), independentURNs.contains(String(orgID.dropFirst("GB-EDU-".count))) {
            return Self.independentSchoolDetail(String(orgID.dropFirst("GB-EDU-".count)))
        }
        return nil
    }

    /// True when two names share a word that says which organisation it is (not `ACADEMY`, `TRUST`, `SCHOOL`…): a
    /// register row found by number is trusted only when its name agrees with the payee's.
    static func namesAgree(_ a: String, _ b: String) -> Bool {
        let common: Set<Substring> = ["THE", "OF", "AND", "ACADEMY", "ACADEMIES", "TRUST", "SCHOOL", "SCHOOLS", "MULTI", "LEARNING", "LTD", "LIMITED",
                                      "EDUCATION", "EDUCATIONAL", "PARTNERSHIP", "FEDERATION", "CATHOLIC", "CHURCH", "ENGLAND", "CE", "C", "E"]
        let x = Set(SupplierName.normalise(a).split(separator: " ")).subtracting(common)
        return !x.isDisjoint(with: Set(b.split(separator: " ")))
    }

    /// The URN of the open independent school a name is: the register's name, or a register name of three words or
    /// more followed by more words (`SHEFFIELD HIGH SCHOOL FOR GIRLS` is `SHEFFIELD HIGH SCHOOL`; `PARK SCHOOL …` is no one).
    static func independentSchool(_ name: String, _ schools: [String: String]) -> String? {
        if let urn = schools[name] { return urn }
        var words = name.split(separator: " ")
        while words.count > 3 {
            words.removeLast()
            if let urn = schools[words.joined(separator: " ")] { return urn }
        }
        return nil
    }

    /// A school's name (`… School`, `… Academy`, `… Primary`): paid under a school's name, a company number in the
    /// academy-trust register is its multi-academy trust's.
    static func looksLikeSchool(_ name: String) -> Bool {
        name.split(separator: " ").contains { ["SCHOOL", "ACADEMY", "PRIMARY", "INFANTS", "INFANT", "JUNIOR", "COLLEGE"].contains($0) }
    }

    /// The local-authority register's names, if loaded.
    public static func localAuthorities(_ w: WarehouseStore) throws -> LocalAuthorityNames {
        var authorities: [LocalAuthorityNames.Authority] = []
        var names: [(name: String, code: String)] = []
        struct Authority: Decodable { var code: String?; var name: String?; var authority_type: String; var nice_name: String?; var alt_names: String? }
        for r in try w.fetch(Authority.self, "SELECT code, name, coalesce(authority_type, '') AS authority_type, nice_name, alt_names FROM reg_local_authorities") {
            guard let code = r.code, let name = r.name else { continue }
            authorities.append(.init(code: code, name: name, type: r.authority_type))
            names.append((name, code))
            if let nice = r.nice_name { names.append((nice, code)) }
            for alt in (r.alt_names ?? "").split(separator: ",") { names.append((String(alt), code)) }
        }
        struct Variant: Decodable { var name: String?; var code: String? }
        for r in try w.fetch(Variant.self, "SELECT name, code FROM reg_local_authority_names") {
            if let n = r.name, let c = r.code { names.append((n, c)) }
        }
        return LocalAuthorityNames(authorities: authorities, names: names)
    }

    public func dataTests(_ context: StageContext) -> [DataTest] {
        [
            .notNull("dim_suppliers", "ownership"),
            .relationship("supplier_evidence", "supplier_key", to: "dim_suppliers", "supplier_key"),
            .expression("every class call has evidence",
                        """
                        SELECT display_name || ' has a ' || c.k || ' call without evidence' FROM dim_suppliers d,
                          (\(SupplierClass.flags.map { "SELECT '\($0.0.rawValue)' AS k" }.joined(separator: " UNION ALL "))) c
                        WHERE (CASE c.k \(SupplierClass.flags.map { "WHEN '\($0.0.rawValue)' THEN d.\($0.column)" }.joined(separator: " ")) END) IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM supplier_evidence e WHERE e.supplier_key = d.supplier_key AND e.classification = c.k)
                        """),
        ]
    }
}

/// What the registers say of a supplier, as classify reads it: `dim_suppliers` with its register rows joined.
struct SupplierRegisters: Decodable {
    var supplier_key: Int
    var supplier_id: String
    var display_name: String
    var registered_name: String?
    var accounts_made_up_to: String?
    var normalised_name: String?
    var charity_number: String?
    var postcode: String?
    var category: String?
    var accounts_category: String?
    var registered_charity_number: String?
    var is_cio: Int?
    var society_registered_as: String?
    var override_line: Int?
    var employees: Int?
    var turnover_pence: Int?
    var balance_sheet_pence: Int?
    var override_legal_form: String?
    var override_ownership: String?
    var override_vcse: Int?
    var company_number: String?
    var academy_trust: String?
    var academy_trust_type: String?
}

/// The postcode directory's local authority for a postcode.
struct Directory: Decodable { var local_authority: String? }

/// A query's supplier key.
struct SupplierKey: Decodable { var supplier_key: Int }
