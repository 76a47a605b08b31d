import Foundation
import MarketShapeCore
import Registers
import StageKit
import Warehouse

/// Decides every payment's scope (`Scope`) with the rule that decided it, once per distinct payee × spending
/// context, into `map_payment_scope`. In order: the analyst's rules in the pipeline file (first match wins), the
/// overrides register's scope column, payees whose name says payroll, tax, pensions or treasury (HMRC, pension
/// funds, unions, credit unions, PWLB…), the spending context's text (precepts, levies, PAYE,
/// loans…; a company paid under a context naming a tax collector or another public body is a miscoded purchase),
/// redacted payees (personal data unless the label says commercial), payees that are public bodies, schools paid
/// from schools' funding, contexts of money for people (direct payments, allowances) unless paid to a company or
/// charity, people (a personal title, unless the context is a professional's fee; `Foster Care`); everything else is
/// market.
enum PaymentScope {
    struct Payee { var name: String; var normalised: String; var redaction: String?; var supplier: Int? }
    struct Supplier {
        var isPublic: Bool; var publicEvidence: String; var overrideScope: Scope?; var overrideOrigin: String
        /// The supplier has a company or charity number: an organisation, whatever its context says.
        var isRegistered: Bool
        /// The supplier is a school in the independent-schools register: a provider the council buys places from.
        var isIndependentSchool: Bool = false
    }

    /// Rebuilds `map_payment_scope`; returns a summary of the scopes for the stage's line.
    static func assign(_ context: StageContext) throws -> String {
        let w = context.warehouse
        var payees: [Int: Payee] = [:]
        struct PayeeRow: Decodable { var payee_id: Int; var name: String; var redaction_label: String?; var supplier_key: Int? }
        for r in try w.fetch(PayeeRow.self, """
            SELECT p.payee_id, coalesce(p.supplier_name, '') AS name, p.redaction_label, m.supplier_key
            FROM stg_payees p LEFT JOIN map_payee_suppliers m USING (payee_id)
            """) {
            payees[r.payee_id] = Payee(name: r.name, normalised: SupplierName.normalise(r.name), redaction: r.redaction_label, supplier: r.supplier_key)
        }
        let overridesVersion = try RegisterSync.currentVersions(w)[.overrides] ?? "analyst overrides"
        var suppliers: [Int: Supplier] = [:]
        struct SupplierRow: Decodable {
            var supplier_key: Int; var is_public_body: Bool; var public_evidence: String?; var override_scope: String?; var override_line: Int?
            var is_registered: Bool; var is_independent_school: Bool
        }
        for r in try w.fetch(SupplierRow.self, """
            SELECT d.supplier_key, coalesce(d.is_public_body, 0) AS is_public_body,
              (SELECT e.source || ': ' || e.detail FROM supplier_evidence e WHERE e.supplier_key = d.supplier_key AND e.classification = '\(SupplierClass.publicBody.rawValue)' LIMIT 1)
                AS public_evidence,
              o.scope AS override_scope, o.line_no AS override_line, (d.company_number IS NOT NULL OR d.charity_number IS NOT NULL) AS is_registered,
              EXISTS (SELECT 1 FROM supplier_evidence e WHERE e.supplier_key = d.supplier_key AND e.classification = '\(SupplierClass.publicBody.rawValue)'
                      AND e.value = 'no' AND e.detail LIKE '\(ClassifyStage.independentSchoolDetailOpening)%') AS is_independent_school
            FROM dim_suppliers d LEFT JOIN reg_overrides o ON o.line_no = d.override_line
            """) {
            let overrideText = r.override_scope?.trimmingCharacters(in: .whitespaces)
            let overrideScope = overrideText.flatMap { Scope(rawValue: $0.lowercased().replacingOccurrences(of: " ", with: "_")) }
            if let text = overrideText, !text.isEmpty, overrideScope == nil {
                // Said, not silently dropped: the analyst's value is not a scope.
                try w.run("INSERT INTO supplier_evidence (supplier_key, classification, value, source, detail) VALUES (?, '\(SupplierClass.scope.rawValue)', 'ignored', ?, ?)",
                          [.integer(r.supplier_key), .text("\(overridesVersion) line \(r.override_line ?? 0)"),
                           .text("the scope column says \"\(text)\", which is not one of \(Scope.allCases.map(\.rawValue).joined(separator: ", ")): ignored")])
            }
            suppliers[r.supplier_key] = Supplier(isPublic: r.is_public_body, publicEvidence: r.public_evidence ?? "",
                                                 overrideScope: overrideScope,
                                                 overrideOrigin: "\(overridesVersion) line \(r.override_line ?? 0)", isRegistered: r.is_registered,
                                                 isIndependentSchool: r.is_independent_school)
        }
        let fields = ["directorate", "service", "expense_type", "category", "cost_centre"]
        var contexts: [Int: [String: String]] = [:]
        struct ContextRow: Decodable {
            var context_id: Int; var directorate: String?; var service: String?; var expense_type: String?; var category: String?; var cost_centre: String?
        }
        for r in try w.fetch(ContextRow.self, "SELECT context_id, \(fields.joined(separator: ", ")) FROM stg_contexts") {
            let values = zip(fields, [r.directorate, r.service, r.expense_type, r.category, r.cost_centre]).compactMap { f, v in v.map { (f, $0) } }
            contexts[r.context_id] = Dictionary(uniqueKeysWithValues: values)
        }
        // The distinct payee × context pairs paid. While every file the table was built from is still current, its pairs
        // are still paid and only the new files' tallies are read; once a file has gone, every tally is (one pass).
        var pairs = PairSet(maxPayee: try w.scalarInt("SELECT coalesce(MAX(payee_id), 0) FROM stg_payees"),
                            maxContext: try w.scalarInt("SELECT coalesce(MAX(context_id), 0) FROM stg_contexts"))
        struct FileID: Decodable { var file_id: Int }
        let current = Set(try w.fetch(FileID.self, "SELECT file_id FROM source_files WHERE is_current = 1").map(\.file_id))
        let seen = Set(try w.fetch(FileID.self, "SELECT file_id FROM map_scope_files").map(\.file_id))
        func collect(_ statement: SQLiteStatement) throws {
            let payee = try statement.column("payee_id"), context = try statement.column("context_id")
            try statement.forEachRow { row in pairs.insert(payee: row.int(payee), context: row.int(context)) }
        }
        if !seen.isEmpty && seen.isSubset(of: current) {
            try collect(try w.prepare("SELECT payee_id, context_id FROM map_payment_scope"))
            let tallies = try w.prepare("SELECT payee_id, context_id FROM stg_tallies WHERE file_id = ?")
            for file in current.subtracting(seen).sorted() {
                tallies.bind([.integer(file)])
                try collect(tallies)
            }
        } else {
            try collect(try w.prepare("SELECT payee_id, context_id FROM stg_tallies"))
        }
        if seen != current {
            try w.run("DELETE FROM map_scope_files")
            let record = try w.prepare("INSERT INTO map_scope_files (file_id) VALUES (?)")
            for file in current.sorted() { record.bind([.integer(file)]); try record.run() }
        }

        // Each rule is decided once per payee and once per context, then combined per pair: the rules' conditions,
        // the payee's own rules and the context's text are read once each, not once per pair.
        let rules = context.config.scopeRules
        let payeeFacts = payees.mapValues { p in PayeeFacts(p, p.supplier.flatMap { suppliers[$0] }, rules: rules) }
        let contextFacts = contexts.mapValues { ContextFacts($0, rules: rules) }
        let ruleTexts = rules.enumerated().map { i, rule in
            "pipeline scope rule \(i + 1) (\(rule.origin)): " + rule.conditions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        // The table is brought up to date row by row: a month's new pairs are inserted and the rest left alone.
        // Each stored pair's scope and a 64-bit FNV-1a hash of its scope and rule, read without making strings.
        func fnv<C: Sequence>(_ bytes: C, _ seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 where C.Element == UInt8 {
            bytes.reduce(seed) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        }
        var before: [Int: UInt64] = [:]
        let stored = try w.prepare("SELECT payee_id, context_id, scope, rule FROM map_payment_scope")
        let storedPayee = try stored.column("payee_id"), storedContext = try stored.column("context_id"),
            storedScope = try stored.column("scope"), storedRule = try stored.column("rule")
        try stored.forEachRow { row in
            before[row.int(storedPayee) << 32 | row.int(storedContext)] = fnv(row.bytes(storedRule), fnv(row.bytes(storedScope)) ^ 0xff)
        }
        let insert = try GroupedInsert(w, "INSERT OR REPLACE INTO map_payment_scope (payee_id, context_id, scope, rule)", width: 4)
        let delete = try w.prepare("DELETE FROM map_payment_scope WHERE payee_id = ? AND context_id = ?")
        for pair in before.keys where !pairs.contains(pair) {
            delete.bind([.integer(pair >> 32), .integer(pair & 0xFFFF_FFFF)])
            try delete.run()
        }
        var counts: [Scope: Int] = [:]
        let nobody = PayeeFacts(Payee(name: "", normalised: "", redaction: nil, supplier: nil), nil, rules: rules)
        let nowhere = ContextFacts([:], rules: rules)
        for pair in pairs.sorted() {
            let payeeID = pair >> 32, contextID = pair & 0xFFFF_FFFF
            let decision = decide(payeeFacts[payeeID] ?? nobody, contextFacts[contextID] ?? nowhere, rules: rules, ruleTexts: ruleTexts)
            counts[decision.scope, default: 0] += 1
            if let was = before[pair], was == fnv(decision.rule.utf8, fnv(decision.scope.rawValue.utf8) ^ 0xff) { continue }
            try insert.add(row: [.integer(payeeID), .integer(contextID), .text(decision.scope.rawValue), .text(decision.rule)])
        }
        try insert.finish()
        return "scope of \(pairs.count) payee × context pairs: "
            + Scope.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
    }

    /// What decides a payment's scope on the payee's side, worked out once per payee.
    struct PayeeFacts {
        /// Which analyst rules' payee conditions hold (a rule without one holds for every payee).
        var rulesHolding: [Bool]
        /// A decision the payee alone makes, before the context is read: the analyst's scope column, a payroll or
        /// treasury name.
        var own: (scope: Scope, rule: String)?
        /// A redacted payee: personal data (`individuals`) unless the label says commercial confidence (`market`).
        var redacted: (scope: Scope, rule: String)?
        var publicBody: String?
        /// The payee is a public body only by its name ending in `College` (`PublicBodyRule.collegePhrase`).
        var publicByCollegeName = false
        var person: String?
        /// A company, a charity or a name with a legal form: never money for people, whatever the context says.
        var isOrganisation: Bool
        /// A company or charity by its register number or legal form (not by its words alone): never the tax
        /// collector or other public body a context may name (`ScopeRules.payeeKindPhrases`).
        var isCompany: Bool
        /// The payee's name reads as a school's (`ScopeRules.namedLikeSchool`) and it is no registered independent school.
        var namedLikeSchool: Bool

        init(_ payee: Payee, _ supplier: Supplier?, rules: [ScopeRule]) {
            let published = payee.redaction ?? payee.name
            rulesHolding = rules.map { r in r.conditions["supplier"].map { Glob.matches($0, published) } ?? true }
            if let s = supplier, let scope = s.overrideScope { own = (scope, "the analyst's scope column (\(s.overrideOrigin))") }
            else if let hit = ScopeRules.payee(payee.normalised, name: payee.name) { own = (hit.scope, "payee name contains \"\(hit.phrase)\"") }
            if let label = payee.redaction {
                let commercial = ["COMMERCIAL", "CONFIDENCE", "SENSITIVE"].contains { label.uppercased().contains($0) }
                redacted = commercial ? (.market, "payee redacted as commercially confidential (\"\(label)\"): a supplier the council withheld")
                                      : (.individuals, "payee redacted (\"\(label)\"): personal data")
            }
            publicBody = supplier.flatMap { $0.isPublic ? "payee is a public body (\($0.publicEvidence))" : nil }
            publicByCollegeName = supplier.map { $0.isPublic && $0.publicEvidence.hasPrefix("name rule:") && $0.publicEvidence.contains(PublicBodyRule.collegePhrase) } ?? false
            person = ScopeRules.person(payee.normalised)
            isCompany = supplier?.isRegistered == true || ScopeRules.hasLegalForm(payee.normalised)
            namedLikeSchool = ScopeRules.namedLikeSchool(payee.normalised) && supplier?.isIndependentSchool != true
            isOrganisation = isCompany || ScopeRules.hasOrganisationWord(payee.normalised)
        }
    }

    /// What decides a payment's scope on the spending context's side, worked out once per context.
    struct ContextFacts {
        var rulesHolding: [Bool]
        var hit: (scope: Scope, rule: String)?
        /// The hit is a benefit or budget that is people's whoever is paid (`ScopeRules.transferPhrases`).
        var isTransfer = false
        /// The hit names an account that pays other public bodies their share (`ScopeRules.accountPhrases`).
        var isAccount = false
        /// The context says the provider is an independent school or college: a college public by its name is not one here.
        var saysIndependent = false
        /// The hit names who the payee is (`ScopeRules.payeeKindPhrases`), which a company paid under it is not.
        var namesPayeeKind = false
        /// The context of schools' funding (`ScopeRules.schoolFundingIndex`) as a rule's text: a school paid under it is funded.
        var schoolFunding: String?
        /// The expense type, category or service names a professional's fee (`ScopeRules.professionalServiceWords`).
        var saysProfessionalService = false

        init(_ values: [String: String], rules: [ScopeRule]) {
            rulesHolding = rules.map { rule in
                rule.conditions.allSatisfy { field, pattern in field == "supplier" || values[field].map { Glob.matches(pattern, $0) } == true }
            }
            let text = ["expense_type", "category", "service", "directorate", "cost_centre"].map { (field: $0, value: values[$0]) }
            // A benefit or budget named in the expense type or category is people's money whatever else the context says.
            if let transfer = ScopeRules.transfer(text) {
                hit = (.individuals, "\(transfer.field) \"\(transfer.value)\" contains \"\(transfer.phrase)\"")
                isTransfer = true
            } else if let found = ScopeRules.context(text),
                      // Money for people with a purchase word (`Direct Payments Advice`) is a service the council buys.
                      found.scope != .individuals || !ScopeRules.saysCommissionedService(found.value) {
                hit = (found.scope, "\(found.field) \"\(found.value)\" contains \"\(found.phrase)\"")
                isAccount = ScopeRules.accountPhrases.contains(found.phrase)
                namesPayeeKind = ScopeRules.payeeKindPhrases.contains(found.phrase)
            }
            // The council's own words that the provider is an independent school or college (`Independent Special School
            // Fees`, `Independent Special Schools & Colleges`, `Non Maintained Special Schools`).
            saysIndependent = ["expense_type", "category", "service", "cost_centre"].contains { field in
                values[field].map { ScopeRules.independentIndex.first(in: SupplierName.normalise($0)) != nil } == true
            }
            schoolFunding = ["service", "expense_type", "category", "directorate"].lazy.compactMap { field -> String? in
                guard let value = values[field], let hit = ScopeRules.schoolFundingIndex.first(in: SupplierName.normalise(value)) else { return nil }
                return "\(field) \"\(value)\" contains \"\(hit.phrase)\""
            }.first
            saysProfessionalService = ["expense_type", "category", "service"].contains { values[$0].map(ScopeRules.saysProfessionalService) == true }
        }
    }

    /// The scope of payments to a payee in a context, and the rule that decided it.
    static func decide(_ payee: PayeeFacts, _ context: ContextFacts, rules: [ScopeRule], ruleTexts: [String]) -> (scope: Scope, rule: String) {
        if let i = rules.indices.first(where: { payee.rulesHolding[$0] && context.rulesHolding[$0] }) { return (rules[i].scope, ruleTexts[i]) }
        if let own = payee.own { return own }
        if let hit = context.hit, hit.scope != .individuals {
            // A precept or council-tax share paid from the collection fund to the police, fire or a town council is theirs.
            if context.isAccount, let why = payee.publicBody { return (.publicSector, "\(why), paid from an account that pays other public bodies their share (\(hit.rule))") }
            // A company paid under a context that names a tax collector or another public body is miscoded: a purchase.
            if context.namesPayeeKind, payee.isCompany, payee.publicBody == nil {
                return (.market, "\(hit.rule), which names the payee's kind, but the payee is a company or charity: read as miscoded")
            }
            return hit
        }
        if let redacted = payee.redacted { return redacted }
        // Money for people paid to another public body (a transfer payment to a council) is the public body's; paid to
        // a company or charity (an independent fostering agency) it buys a service, unless it is a benefit or budget
        // that is the person's whoever is paid (housing benefit to a landlord, a direct payment to a managed account).
        if let why = payee.publicBody, !(payee.publicByCollegeName && context.saysIndependent) { return (.publicSector, why) }
        // A school paid from the schools' funding is a state school receiving it (a firm paid there, or a registered
        // independent school, is a purchase).
        if let funding = context.schoolFunding, payee.namedLikeSchool, !payee.isCompany {
            return (.publicSector, "payee named as a school, paid from schools' funding (\(funding))")
        }
        if let hit = context.hit, !payee.isOrganisation || context.isTransfer { return hit }
        // `Mr J Smith` under `Counsel Fees` is a barrister the council buys from.
        if let why = payee.person, !(why == ScopeRules.personalTitle && context.saysProfessionalService) { return (.individuals, why) }
        return (.market, "no rule put it outside the market")
    }
}
