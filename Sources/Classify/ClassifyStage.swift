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
        try w.execute("DELETE FROM supplier_evidence WHERE classification <> 'resolution'; UPDATE dim_suppliers SET is_local = NULL, is_sme = NULL, is_sme_proxy = 0, is_vcse = NULL, is_public_body = NULL, ownership = 'unknown', legal_form = NULL;")
        let versions = try RegisterSync.currentVersions(w)
        func v(_ k: RegisterKind) -> String { versions[k] ?? k.title }
        let flagged = Set(try w.query("""
            SELECT DISTINCT f.supplier_key FROM fct_payments f
            WHERE f.context_id IN (SELECT context_id FROM stg_contexts WHERE council_vcse_flag = 1) AND f.supplier_key IS NOT NULL
            """).compactMap { $0[0].int })
        // Suppliers paid in files that have the council's VCSE column, and never flagged there: the council's own
        // word that they are not VCSEs (weaker than any register, which is read first).
        let flagFiles = try w.query("SELECT file_id, file_name, config_json FROM source_files WHERE is_current = 1").filter {
            ($0[2].string ?? "").contains("\"vcse_flag\"")
        }
        var unflagged = Set<Int>()
        if !flagFiles.isEmpty {
            let ids = flagFiles.compactMap { $0[0].int }.map(String.init).joined(separator: ",")
            unflagged = Set(try w.query("""
                SELECT DISTINCT m.supplier_key FROM (SELECT DISTINCT payee_id FROM stg_lines WHERE file_id IN (\(ids))) l
                JOIN map_payee_suppliers m USING (payee_id)
                """).compactMap { $0[0].int }).subtracting(flagged)
        }
        let flagFileNames = flagFiles.compactMap { $0[1].string }.sorted()
        let local = context.config.local
        let localCodes = Set(local.localAuthorities)
        let outward = Set(local.outwardCodes)
        let hasDirectory = versions[.postcodes] != nil && !localCodes.isEmpty
        let lookups = StatementCache(warehouse: w)
        let authorities = try Self.localAuthorities(w)
        let independentSchools = Dictionary(try w.query("SELECT normalised_name, urn FROM reg_independent_schools WHERE coalesce(is_active, 1) = 1")
                                                .map { ($0[0].string ?? "", $0[1].string ?? "") }, uniquingKeysWith: { a, _ in a })
        let academyNames = Dictionary(try w.query("SELECT normalised_name, company_number FROM reg_academy_trusts").map { ($0[0].string ?? "", $0[1].string ?? "") },
                                      uniquingKeysWith: { a, _ in a })
        let evidence = try w.prepare("INSERT INTO supplier_evidence (supplier_key, classification, value, source, detail) VALUES (?,?,?,?,?)")
        let update = try w.prepare("UPDATE dim_suppliers SET is_local = ?, is_sme = ?, is_sme_proxy = ?, is_vcse = ?, is_public_body = ?, ownership = ?, legal_form = ? WHERE supplier_key = ?")
        let rows = try w.query("""
            SELECT d.supplier_key, d.normalised_name, d.charity_number, coalesce(o.postcode, d.postcode, c.postcode, ch.postcode, s.postcode),
              c.category, c.accounts_category, ch.charity_number, ch.is_cio, s.registered_as,
              o.line_no, o.employees, o.turnover_pence, o.balance_sheet_pence, o.legal_form, o.ownership, o.vcse, d.company_number,
              a.name, a.trust_type
            FROM dim_suppliers d
            LEFT JOIN reg_academy_trusts a ON a.company_number = d.company_number
            LEFT JOIN reg_overrides o ON o.line_no = d.override_line
            LEFT JOIN reg_companies c ON c.company_number = d.company_number
            LEFT JOIN reg_charities ch ON ch.charity_number = d.charity_number
            LEFT JOIN reg_societies s ON s.society_number = d.society_number
            """)
        var counts = (local: 0, sme: 0, vcse: 0, publicBody: 0, ownership: 0)
        for row in rows {
            let key = row[0].int!, name = row[1].string ?? ""
            func note(_ c: String, _ value: String, _ source: String, _ detail: String) throws {
                evidence.bind([.integer(key), .text(c), .text(value), .text(source), .text(detail)]); try evidence.run()
            }
            let postcode = row[3].string, category = row[4].string, accounts = row[5].string
            let inCharityRegister = row[6].string != nil, isCIO = row[7].int == 1
            let companyNumber = row[16].string, charityNumber = row[2].string
            // What the company number itself and the org-id links say: a charity, a CIO, a registered society.
            let linked = try companyNumber.map { try OrgLinks.lookup($0, lookups) } ?? nil
            let form = companyNumber.flatMap(OrgLinks.form)
            let society = row[8].string ?? (linked?.kind == .society ? "a registered society (\(linked!.orgID))" : nil)
                ?? (form == .society ? "a registered society (its company number \(companyNumber!) has a society prefix)" : nil)
            let overrideLine = row[9].int, employees = row[10].int, turnover = row[11].int, balance = row[12].int
            let overrideForm = row[13].string, overrideOwnership = row[14].string, overrideVCSE = row[15].int
            let overrideSource = "\(v(.overrides)) line \(overrideLine ?? 0)"
            let categoryText = category?.uppercased() ?? ""
            let legalForm = overrideForm ?? category ?? (inCharityRegister ? "Registered charity" : nil) ?? society

            // Public body: the analyst, then registers (academy trusts by company number, local authorities by name), then
            // name phrases, which a company or charity number overrules (register evidence beats a name).
            var isPublic: Bool? = nil
            if let form = overrideForm, ["public body", "public sector", "public authority", "local authority", "nhs body"].contains(where: form.lowercased().contains) {
                isPublic = true; try note("public_body", "yes", overrideSource, "legal form \"\(form)\"")
            } else if let trust = row[17].string, Self.namesAgree(trust, name) || Self.looksLikeSchool(name) {
                isPublic = true; try note("public_body", "yes", v(.academyTrusts), "company \(companyNumber ?? "") is \(trust) (\(row[18].string ?? "academy trust"))")
            } else if let urn = Self.independentSchool(name, independentSchools) {
                isPublic = false; try note("public_body", "no", v(.independentSchools), "an independent school (URN \(urn)), not a public body")
            } else if let company = academyNames[name] {
                isPublic = true; try note("public_body", "yes", v(.academyTrusts), "name is the academy trust with company number \(company)")
            } else if let la = authorities.match(name) {
                isPublic = true; try note("public_body", "yes", v(.localAuthorities), "\(la.how) (\(la.authority.code), \(la.authority.type))")
            } else if let phrase = PublicBodyRule.match(name) {
                if companyNumber == nil && charityNumber == nil {
                    isPublic = true; try note("public_body", "yes", "name rule", "name contains \"\(phrase)\"")
                } else {
                    isPublic = false
                    try note("public_body", "no", companyNumber != nil ? "company number" : "charity number",
                             "name contains \"\(phrase)\", but it has \(companyNumber.map { "company number \($0)" } ?? "charity number \(charityNumber!)") and no register says it is a public body")
                }
            }

            // Local.
            var isLocal: Bool? = nil
            if let postcode {
                if hasDirectory, let la = try lookups.rows("SELECT local_authority FROM reg_postcodes WHERE postcode = ?", [.text(postcode)]).first?[0].string {
                    isLocal = localCodes.contains(la)
                    try note("local", isLocal! ? "yes" : "no", v(.postcodes), "\(postcode) is in local authority \(la)\(isLocal! ? "" : ", not \(localCodes.sorted().joined(separator: ", "))")")
                } else if !outward.isEmpty, let code = OrgIdentifiers.outwardCode(postcode) {
                    isLocal = outward.contains(code)
                    try note("local", isLocal! ? "yes" : "no", "outward-code list", "\(postcode): outward code \(code) \(isLocal! ? "is" : "is not") in the list (matched exactly)")
                }
            }

            // SME.
            var isSME: Bool? = nil, proxy = false
            if isPublic == true {
                isSME = false; try note("sme", "no", "rule", "public bodies are neither SME nor large")
            } else if let decided = SMERule.isSME(employees: employees, turnoverPence: turnover, balanceSheetPence: balance) {
                isSME = decided
                try note("sme", decided ? "yes" : "no", overrideSource,
                         "\(employees.map(String.init) ?? "?") staff, turnover \(turnover.map { formatPounds($0, decimals: false) } ?? "unknown"), balance sheet \(balance.map { formatPounds($0, decimals: false) } ?? "unknown"): Procurement Act 2023 (< 250 staff and turnover ≤ £44m or balance sheet ≤ £38m)")
            } else if let guess = SMERule.proxy(accountsCategory: accounts) {
                isSME = guess; proxy = true
                try note("sme", guess ? "yes (proxy)" : "no (proxy)", v(.companiesHouse), "accounts category \(accounts!) suggests \(guess ? "an SME" : "a large company"): a proxy, not the statutory test")
            }

            // VCSE.
            var isVCSE: Bool? = nil
            if let flag = overrideVCSE {
                isVCSE = flag == 1; try note("vcse", flag == 1 ? "yes" : "no", overrideSource, "the analyst's VCSE column")
            } else if isPublic == true {
                isVCSE = false; try note("vcse", "no", "rule", "a public body")
            } else if inCharityRegister || isCIO {
                isVCSE = true; try note("vcse", "yes", v(.charityCommission), "registered charity \(row[6].string ?? "")\(isCIO ? " (CIO)" : "")")
            } else if let linked, linked.kind != .society {
                isVCSE = true; try note("vcse", "yes", v(linked.kind == .cio ? .cioCompanyLinks : .charityCompanyLinks),
                                        "company \(companyNumber!) is \(linked.kind == .cio ? "the CIO" : "the charity") \(linked.orgID)\(linked.name.map { " (\($0))" } ?? "")")
            } else if form == .cio {
                isVCSE = true; try note("vcse", "yes", "company number", "\(companyNumber!) is a charitable incorporated organisation's number (CE/CS)")
            } else if categoryText.contains("COMMUNITY INTEREST") || categoryText.contains("CHARITABLE INCORPORATED") {
                isVCSE = true; try note("vcse", "yes", v(.companiesHouse), "company category \(category!)")
            } else if let society {
                isVCSE = true; try note("vcse", "yes", row[8].string != nil ? v(.fcaMutuals) : linked != nil ? v(.mutualCompanyLinks) : "company number", "registered society: \(society)")
            } else if categoryText.contains("GUAR") {
                let charity = row[2].string
                isVCSE = charity != nil || flagged.contains(key)
                try note("vcse", isVCSE! ? "yes" : "no", v(.companiesHouse), isVCSE! ? "limited by guarantee with charity evidence (\(charity.map { "charity \($0)" } ?? "the council's VCSE flag"))" : "limited by guarantee, but no charity evidence: not counted (Tussell would)")
            } else if flagged.contains(key) {
                isVCSE = true; try note("vcse", "yes", "spend file", "the council's own VCSE flag is Y on its payments")
            } else if let c = row[2].string {
                isVCSE = true; try note("vcse", "yes", "spend file", "charity number \(c) given by the council")
            } else if VCSENameRule.isCommunityInterestCompany(name) {
                isVCSE = true; try note("vcse", "yes", "name rule", "the name says it is a community interest company")
            } else if !categoryText.isEmpty {
                isVCSE = false; try note("vcse", "no", v(.companiesHouse), "company category \(category!)")
            } else if unflagged.contains(key) {
                isVCSE = false
                try note("vcse", "no", "spend file", "the council's own VCSE column is not Y on any of its payments in \(flagFileNames.prefix(3).joined(separator: ", "))\(flagFileNames.count > 3 ? " and \(flagFileNames.count - 3) more" : "")")
            }

            // Ownership.
            var ownership = OwnershipModel.unknown
            if let text = overrideOwnership, let model = OwnershipModel(analystText: text), model != .unknown {
                ownership = model; try note("ownership", model.rawValue, overrideSource, "the analyst's ownership column says \"\(text)\"")
            } else if isPublic == true {
                ownership = .publicSector; try note("ownership", ownership.rawValue, "rule", "a public body")
            } else if let society {
                // A registered society is a co-operative or a community benefit society: the FCA register says which.
                ownership = society.lowercased().contains("co-operative") || row[8].string == nil ? .cooperative : .charity
                try note("ownership", ownership.rawValue, row[8].string != nil ? v(.fcaMutuals) : "company number",
                         row[8].string != nil ? "registered as \(society)" : "\(society): a mutual (co-operative or community benefit society)")
            } else if isVCSE == true {
                ownership = .charity; try note("ownership", ownership.rawValue, "rule", "a VCSE")
            } else if categoryText.contains("PUBLIC LIMITED") {
                ownership = .plcListed; try note("ownership", ownership.rawValue, v(.companiesHouse), "a public limited company (whether it is listed is not checked)")
            } else if let form = overrideForm, form.lowercased().contains("sole") {
                ownership = .soleTrader; try note("ownership", ownership.rawValue, overrideSource, "legal form \"\(form)\"")
            }

            if isLocal == true { counts.local += 1 }
            if isSME == true { counts.sme += 1 }
            if isVCSE == true { counts.vcse += 1 }
            if isPublic == true { counts.publicBody += 1 }
            if ownership != .unknown { counts.ownership += 1 }
            update.bind([isLocal.sql, isSME.sql, .integer(proxy ? 1 : 0), isVCSE.sql, isPublic.sql, .text(ownership.rawValue), legalForm.sql, .integer(key)])
            try update.run()
        }
        let scopes = try PaymentScope.assign(context)
        return StageResult(rowsCount: rows.count, summary: "\(rows.count) suppliers: \(counts.local) local, \(counts.sme) SME, \(counts.vcse) VCSE, \(counts.publicBody) public bodies; ownership known for \(counts.ownership); \(scopes)")
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
        for r in try w.query("SELECT code, name, coalesce(authority_type, ''), nice_name, alt_names FROM reg_local_authorities") {
            guard let code = r[0].string, let name = r[1].string else { continue }
            authorities.append(.init(code: code, name: name, type: r[2].string ?? ""))
            names.append((name, code))
            if let nice = r[3].string { names.append((nice, code)) }
            for alt in (r[4].string ?? "").split(separator: ",") { names.append((String(alt), code)) }
        }
        for r in try w.query("SELECT name, code FROM reg_local_authority_names") {
            if let n = r[0].string, let c = r[1].string { names.append((n, c)) }
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
                          (SELECT 'local' AS k UNION ALL SELECT 'sme' UNION ALL SELECT 'vcse' UNION ALL SELECT 'public_body') c
                        WHERE (CASE c.k WHEN 'local' THEN d.is_local WHEN 'sme' THEN d.is_sme WHEN 'vcse' THEN d.is_vcse ELSE d.is_public_body END) IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM supplier_evidence e WHERE e.supplier_key = d.supplier_key AND e.classification = c.k)
                        """),
        ]
    }
}
