@testable import Classify
import Foundation
import Logging
import MarketShapeCore
import Pipeline
import StageKit
import Testing
import Warehouse

/// What counts as a market: each scope rule, the analyst's rules and their validation, measures over the market.
@Suite("Spend scope")
struct ScopeRuleTests {
    @Test("payees whose names say payroll, tax, pensions, treasury or a direct-payment account", arguments: [
        ("HMRC - C1X2 CM & TP", Scope.payrollTaxPensions), ("HM Revenue & Customs", .payrollTaxPensions), ("West Yorkshire Pension Fund", .payrollTaxPensions),
        ("UNISON", .payrollTaxPensions), ("GMB Northern Region", .payrollTaxPensions), ("Calder Valley Credit Union", .payrollTaxPensions),
        ("Teachers Pensions", .payrollTaxPensions), ("Police Federation of England and Wales", .payrollTaxPensions),
        ("Public Works Loan Board", .treasury), ("Debt Management Office", .treasury),
        ("PEOPLEPLUS GROUP LTD - DP ONLY", .individuals), ("IDK SUPPORT 4 YOU LTD DP ONLY", .individuals), ("Penderels Trust Direct Payments Account", .individuals),
        ("H.M.R.C.", .payrollTaxPensions), ("P.W.L.B.", .treasury), ("Revenue Scotland", .payrollTaxPensions), ("Cyllid a Thollau EM", .payrollTaxPensions),
    ])
    func payees(name: String, scope: Scope) {
        #expect(ScopeRules.payee(SupplierName.normalise(name), name: name)?.scope == scope)
    }

    @Test("names that only sound like it are not", arguments: ["Unite Students Ltd", "Pension Consultants Ltd", "Treasury Wine Estates", "Loansafe Ltd", "PeoplePlus Group Ltd", "DP World Southampton",
                                                               "G.M.B. Scaffolding Ltd"])
    func notPayees(name: String) {
        #expect(ScopeRules.payee(SupplierName.normalise(name), name: name) == nil)
    }

    @Test("spending-context text, from real files", arguments: [
        ("Precepts", Scope.publicSector), ("Payments to Other Local Authorities", .publicSector), ("Employers NI", .payrollTaxPensions),
        ("Monthly payment of school budgets to schools", .publicSector), ("Schools Budget Share", .publicSector), ("Individual Schools Budget", .publicSector),
        ("Superannuation", .payrollTaxPensions), ("Interest Payable", .treasury), ("Short Term Investments", .treasury), ("Collection Fund", .treasury),
        ("Direct payments to service users assessed as needing service provision", .individuals), ("Fostering Allowances", .individuals),
        ("Transfer Payments", .individuals), ("Asylum Seekers Allow", .individuals), ("Housing Benefit - Rent Allowances", .individuals),
        ("Rent Allowances", .individuals), ("Discretionary Housing Payments", .individuals), ("Pension Strain (Costs)", .payrollTaxPensions),
        ("AVC Deductions", .payrollTaxPensions), ("Additional Voluntary Contributions", .payrollTaxPensions), ("Requisition", .publicSector),
        ("Non Domestic Rates Refund", .unclassified),
    ])
    func contexts(text: String, scope: Scope) {
        #expect(ScopeRules.context([(field: "expense_type", value: text)])?.scope == scope)
    }

    @Test("procurement contexts stay in the market", arguments: ["Third Party Payments", "Capital investment - highways", "Dedicated Schools Grant",
                                                                   "Better Care Fund Expense", "Social Services Pooled Budgets", "PFI Unitary Charges",
                                                                   "Supplies bought from a school budget", "Delegated budget holder purchases"])
    func marketContexts(text: String) {
        #expect(ScopeRules.context([(field: "expense_type", value: text)]) == nil)
    }

    @Test("people: a personal title, or a name that says so, never a company", arguments: [
        ("Mr J Smith", true), ("Mrs A Khan", true), ("Foster Care - Bacs", true), ("Foster Care Associates Limited", false), ("Mr Cleaner Ltd", false),
        ("Missenden Abbey", false), ("Foster Care Associates", false), ("Miss Daisy's Nursery", false), ("Mr Smith's Fostering Services", false),
    ])
    func people(name: String, isPerson: Bool) {
        #expect((ScopeRules.person(SupplierName.normalise(name)) != nil) == isPerson)
    }

    func decide(_ name: String, redaction: String? = nil, registered: Bool = false, isPublic: Bool = false, independentSchool: Bool = false,
                context: [String: String]) -> Scope {
        let payee = PaymentScope.Payee(name: name, normalised: SupplierName.normalise(name), redaction: redaction, supplier: 1)
        let supplier = PaymentScope.Supplier(isPublic: isPublic, publicEvidence: "test", overrideScope: nil, overrideOrigin: "", isRegistered: registered,
                                             isIndependentSchool: independentSchool)
        return PaymentScope.decide(PaymentScope.PayeeFacts(payee, supplier, rules: []), PaymentScope.ContextFacts(context, rules: []), rules: [], ruleTexts: []).scope
    }

    @Test("redacted payees are personal data unless the label says commercial; a payroll context still wins")
    func redacted() {
        #expect(decide("", redaction: "Redacted", context: ["expense_type": "Supplies"]) == .individuals)
        #expect(decide("", redaction: "DETAILS REDACTED", context: [:]) == .individuals)
        #expect(decide("", redaction: "Redacted Commercial Data", context: [:]) == .market)
        #expect(decide("", redaction: "REDACTED PERSONAL DATA", context: ["expense_type": "Employers NI"]) == .payrollTaxPensions)
    }

    @Test("money for people paid to a company buys a service; paid to a council it is the council's")
    func peopleContexts() {
        #expect(decide("Foster Care Associates Limited", context: ["expense_type": "Fostering Allowances"]) == .market)
        #expect(decide("Orchard Fostering", registered: true, context: ["expense_type": "Fostering Allowances"]) == .market)
        #expect(decide("J Bloggs", context: ["expense_type": "Fostering Allowances"]) == .individuals)
        #expect(decide("Kirklees Council", isPublic: true, context: ["category": "Transfer Payments"]) == .publicSector)
    }

    @Test("housing benefit, direct payments and personal budgets are people's whoever is paid; other money for people paid to an agency buys a service")
    func transfers() {
        #expect(decide("Clarion Housing Association Ltd", registered: true, context: ["expense_type": "Housing Benefit Payments"]) == .individuals)
        #expect(decide("LiveWest Homes Ltd", context: ["expense_type": "Rent Allowances"]) == .individuals)
        #expect(decide("Independent Lives (Disability) Ltd", context: ["expense_type": "Direct Payments"]) == .individuals)
        #expect(decide("Cornwall Independent Living Ltd", context: ["expense_type": "Personal Budgets"]) == .individuals)
        #expect(decide("Plymouth City Council", isPublic: true, context: ["expense_type": "Housing Benefit Payments"]) == .publicSector)
        #expect(decide("Foster Care Associates", context: ["expense_type": "Fostering Allowances"]) == .market)
        #expect(decide("Clarion Housing Association Ltd", registered: true, context: ["expense_type": "Nightly Paid Accommodation"]) == .market)
        // Named beside another phrase: Calderdale's `Transfer Payments - Housing Benefits`, a collection fund's refunds.
        #expect(decide("M Hillas Properties Ltd", context: ["category": "Transfer Payments - Housing Benefits"]) == .individuals)
        #expect(decide("J Bloggs", context: ["service": "Collection Fund", "expense_type": "Council Tax Refunds"]) == .individuals)
        // A service bought around people's budgets, or a benefit service's own purchases, stays in the market.
        #expect(decide("Penderels Trust", context: ["expense_type": "Direct Payments - Support Service"]) == .market)
        #expect(decide("Disability Action Hertfordshire", context: ["expense_type": "Direct Payments Advice"]) == .market)
        #expect(decide("J Bloggs", context: ["expense_type": "Direct Payments"]) == .individuals)
        #expect(decide("Northgate Public Services Ltd", context: ["service": "Housing Benefit Administration", "expense_type": "Software Licences"]) == .market)
        #expect(decide("Capita Business Services Ltd", context: ["expense_type": "Housing Benefit Overpayment Recovery"]) == .market)
    }

    @Test("a company paid under a context that names a tax collector or another public body is a miscoded purchase")
    func miscodedPayeeKind() {
        // Calderdale: road salt under `National Insurance`, a care home under `Other Local Authorities`.
        #expect(decide("Compass Minerals UK Limited", context: ["category": "National Insurance"]) == .market)
        #expect(decide("Horizon Healthcare Home limited", context: ["category": "Other Local Authorities"]) == .market)
        #expect(decide("Cognita Schools", registered: true, context: ["category": "Other Local Authorities"]) == .market)
        // The tax collector, another council, a maintained school and a person stay where the context puts them.
        #expect(decide("HMRC", isPublic: true, context: ["category": "National Insurance"]) == .payrollTaxPensions)
        #expect(decide("Kirklees Council", isPublic: true, context: ["category": "Other Local Authorities"]) == .publicSector)
        #expect(decide("Castle Hill School", context: ["category": "Other Local Authorities"]) == .publicSector)
        #expect(decide("J Bloggs", context: ["expense_type": "Employers NI"]) == .payrollTaxPensions)
        // A contractor's CIS line is the tax deducted from its price; a levy is the levying body's.
        #expect(decide("Acme Builders Ltd", context: ["expense_type": "CIS Tax"]) == .payrollTaxPensions)
        #expect(decide("Acme Transport Ltd", context: ["expense_type": "Transport Levy"]) == .publicSector)
    }

    @Test("a union's name with a legal form is a firm; a credit union stays a payroll deduction")
    func unions() {
        #expect(ScopeRules.payee("TRADE UNION LEGAL LLP", name: "Trade Union Legal LLP") == nil)
        #expect(ScopeRules.payee("GMB SCAFFOLDING LTD", name: "GMB Scaffolding Ltd") == nil)
        #expect(ScopeRules.payee("UNISON", name: "UNISON")?.scope == .payrollTaxPensions)
        #expect(ScopeRules.payee("CALDER VALLEY CREDIT UNION LTD", name: "Calder Valley Credit Union Ltd")?.scope == .payrollTaxPensions)
    }

    @Test("`Foster Care` is money for people only beside payment words; an agency is called so too", arguments: [
        ("Foster Care - Bacs", true), ("Foster Care", true), ("Foster Care Allowances", true), ("Foster Carers", true), ("Capstone Foster Care", false),
        ("Foster Care Payments Account", true), ("Calderdale Foster Carers", true),
    ])
    func fosterCare(name: String, isPerson: Bool) {
        #expect((ScopeRules.person(SupplierName.normalise(name)) != nil) == isPerson)
    }

    @Test("a person named with a title is a sole trader where the context is a professional's fee")
    func professionals() {
        #expect(decide("Mr J Smith", context: ["expense_type": "Counsel Fees"]) == .market)
        #expect(decide("Miss A Jones", context: ["service": "Legal Services", "expense_type": "Interpreters"]) == .market)
        #expect(decide("Mr J Smith", context: ["expense_type": "Payments to Carers"]) == .individuals)
        // Money for people in the context still decides before the professional's fee is read.
        #expect(decide("Mrs A Khan", context: ["service": "Advocacy", "expense_type": "Direct Payments"]) == .individuals)
    }

    @Test("a school paid from schools' funding is funded, not a purchase; a firm paid there is a purchase")
    func schoolFunding() {
        // Bradford's `Delegated Schools Fund`: academies whose names the public-body rule cannot read, and firms.
        let bradford = ["service": "Delegated Schools Fund", "expense_type": "Learning Resources"]
        #expect(decide("CO-OP ACADEMY SOUTHFIELD", context: bradford) == .publicSector)
        #expect(decide("HAZELBECK SCHOOL", context: bradford) == .publicSector)
        #expect(decide("ILKLEY GRAMMAR SCHOOL", context: bradford) == .publicSector)
        #expect(decide("PIVOT EDUCATIONAL CONSULTANCY LIMIT", context: bradford) == .market)
        #expect(decide("TRAINING & SKILLS CENTRE LTD", context: bradford) == .market)
        #expect(decide("Bradford Football Academy", context: bradford) == .market)
        #expect(decide("Moorlands School", registered: true, context: bradford) == .market)
        // A school in the independent-schools register is a provider wherever it is paid from.
        #expect(decide("BRADFORD CHRISTIAN SCHOOL", independentSchool: true, context: bradford) == .market)
        // The same school paid elsewhere is a purchase unless it is a public body by name or register.
        #expect(decide("CO-OP ACADEMY SOUTHFIELD", context: ["service": "Youth Service", "expense_type": "Hire of Premises"]) == .market)
        // Devon buys places at independent and non-maintained special schools from the Dedicated Schools Grant.
        #expect(decide("MAGDALEN COURT SCHOOL", context: ["service": "Dedicated Schools Grant", "expense_type": "Independent Special School Fees"]) == .market)
        #expect(decide("VRANCH HOUSE SCHOOL", context: ["service": "Dedicated Schools Grant"]) == .market)
    }

    @Test("a college that is public by its name alone is not where the council says the provider is independent")
    func independentProviders() {
        let payee = PaymentScope.Payee(name: "National Star College", normalised: "NATIONAL STAR COLLEGE", redaction: nil, supplier: 1)
        let byName = PaymentScope.Supplier(isPublic: true, publicEvidence: "name rule: name contains \"\(PublicBodyRule.collegePhrase)\"", overrideScope: nil, overrideOrigin: "", isRegistered: false)
        let facts = PaymentScope.PayeeFacts(payee, byName, rules: [])
        func scope(_ context: [String: String]) -> Scope {
            PaymentScope.decide(facts, PaymentScope.ContextFacts(context, rules: []), rules: [], ruleTexts: []).scope
        }
        #expect(scope(["expense_type": "Independent Special School Fees"]) == .market)
        #expect(scope(["expense_type": "SEN Post 16 Placements"]) == .publicSector)
        #expect(scope(["expense_type": "Payments to Independent Units"]) == .publicSector)
        #expect(scope(["expense_type": "Non Qualification Training"]) == .publicSector)
        let parish = PaymentScope.Supplier(isPublic: true, publicEvidence: "name rule: name contains \"PARISH COUNCIL\"", overrideScope: nil, overrideOrigin: "", isRegistered: false)
        #expect(PaymentScope.decide(PaymentScope.PayeeFacts(payee, parish, rules: []), PaymentScope.ContextFacts(["expense_type": "Independent Special School Fees"], rules: []),
                                    rules: [], ruleTexts: []).scope == .publicSector)
        let byRegister = PaymentScope.Supplier(isPublic: true, publicEvidence: "local authorities: name", overrideScope: nil, overrideOrigin: "", isRegistered: false)
        #expect(PaymentScope.decide(PaymentScope.PayeeFacts(payee, byRegister, rules: []), PaymentScope.ContextFacts(["expense_type": "Independent Special School Fees"], rules: []),
                                    rules: [], ruleTexts: []).scope == .publicSector)
    }

    @Test("the collection fund's precepts and shares to public bodies are public sector; its other payments stay treasury; cost centres are read")
    func collectionFund() {
        #expect(decide("Devon & Cornwall Police & Crime Commissioner", isPublic: true, context: ["service": "Collection Fund", "expense_type": "Payments to Preceptors"]) == .publicSector)
        #expect(decide("St Ives Town Council", isPublic: true, context: ["service": "Collection Fund"]) == .publicSector)
        #expect(decide("Lloyds Bank", context: ["service": "Collection Fund"]) == .treasury)
        #expect(decide("Public Works Loan Board", isPublic: true, context: ["expense_type": "Loan Repayments"]) == .treasury)
        #expect(decide("Acme Ltd", context: ["cost_centre": "Collection Fund"]) == .treasury)
    }

    @Test("apostrophes join their word; a climate change levy is an energy bill, not a levy")
    func contextText() {
        #expect(ScopeRules.context([(field: "expense_type", value: "Employer's NI")])?.scope == .payrollTaxPensions)
        #expect(ScopeRules.context([(field: "expense_type", value: "Electricity incl. Climate Change Levy")]) == nil)
        #expect(ScopeRules.context([(field: "expense_type", value: "Transport Levy")])?.scope == .publicSector)
    }

    @Test("globs match whole values, case-insensitive")
    func globs() {
        #expect(Glob.matches("Precepts*", "PRECEPTS - POLICE"))
        #expect(Glob.matches("*levy*", "Transport Levy 2022"))
        #expect(Glob.matches("HMRC?", "hmrc1"))
        #expect(!Glob.matches("HMRC", "HMRC PAYE"))
        #expect(!Glob.matches("Precepts*", "Non precepts"))
    }
}

@Suite("Scope rules in the pipeline file")
struct ScopeConfigTests {
    func parse(_ scope: String) throws -> PipelineConfig {
        try PipelineConfig.parse(yaml: "pipeline: t\nbody: B\nspend: [x.csv]\n\(scope)\n", file: "/p/pipelines/t.yml")
    }

    @Test("a list of rules, first match wins, each with where it is written")
    func rules() throws {
        let c = try parse("""
            scope:
              - {expense_type: "Precepts*", scope: public_sector}
              - {supplier: "HMRC*", scope: payroll_tax_pensions}
            """)
        #expect(c.scopeRules.map(\.scope) == [.publicSector, .payrollTaxPensions])
        #expect(c.scopeRules[0].conditions == ["expense_type": "Precepts*"])
        #expect(c.scopeRules[0].origin == "t.yml line 5")
        #expect(c.measuredScopes == [.market])
    }

    @Test("a mapping says which scopes to measure")
    func measure() throws {
        let c = try parse("scope:\n  measure: [market, public_sector]\n  rules:\n    - {service: Collection Fund, scope: treasury}")
        #expect(c.measuredScopes == [.market, .publicSector])
        #expect(c.scopeRules.first?.conditions == ["service": "Collection Fund"])
    }

    @Test("bad rules are named by file, line, column and key", arguments: [
        ("scope:\n  - {expense_type: Precepts, scope: levies}", "scope[0].scope", "unknown scope 'levies'"),
        ("scope:\n  - {payee: HMRC, scope: treasury}", "scope[0].payee", "unknown key"),
        ("scope:\n  - {scope: treasury}", "scope[0]", "give at least one of"),
        ("scope:\n  - {service: Parks}", "scope[0].scope", "missing"),
        ("scope:\n  measure: [markets]", "scope.measure[0]", "unknown scope 'markets'"),
    ])
    func errors(yaml: String, key: String, message: String) throws {
        do {
            _ = try parse(yaml)
            Issue.record("expected an error for \(key)")
        } catch let e as PipelineFileError {
            let p = try #require(e.problems.first { $0.key == key })
            #expect(p.message.contains(message))
            #expect(p.line >= 4)
        }
    }
}

@Suite("Measures over the market", .serialized)
struct MarketScopeTests {
    @Test("HMRC, a council, a precept and an analyst's rule leave the market; shares and suppliers are over what is left; scopes reconcile")
    func marketOnly() throws {
        let p = try RegisterProject(spend: [
            ["02/08/2022", "Acme Builders Ltd", "1000.00", "S1", "", "", "", "Highways", ""],
            ["03/08/2022", "HMRC - C1X2 CM & TP", "500.00", "S2", "", "", "", "Payroll", ""],
            ["04/08/2022", "Kirklees Council", "300.00", "S3", "", "", "", "Adult Services", ""],
            ["05/08/2022", "West Yorkshire Fire & Rescue Service", "200.00", "S4", "", "", "", "Precepts", ""],
            ["06/08/2022", "Big Bank plc", "100.00", "S5", "", "", "", "Treasury deals", ""],
            ["07/08/2022", "Kind Hands Care Ltd", "50.00", "S6", "", "", "", "Adult Services", ""],
        ], extraRegisters: "\n  local_authorities: \(PublicBodyRegisterTests.path("data/registers/uk_local_authorities.csv"))")
        defer { p.remove() }
        let yml = try String(contentsOfFile: p.root + "/pipelines/t.yml", encoding: .utf8)
        try (yml + "\nscope:\n  - {service: \"Treasury*\", scope: treasury}\n").write(toFile: p.root + "/pipelines/t.yml", atomically: true, encoding: .utf8)
        let w = try p.run()
        let scopes = Dictionary(uniqueKeysWithValues: try w.query("SELECT scope, total_pence FROM mart_scope WHERE period_kind = 'month'").map { ($0[0].string!, $0[1].int!) })
        #expect(scopes == ["market": 105_000, "payroll_tax_pensions": 50_000, "public_sector": 50_000, "treasury": 10_000])
        #expect(try w.scalarInt("SELECT total_pence FROM mart_spend WHERE period_kind = 'month' AND segment_kind = 'all'") == 105_000)
        let measured = try w.query("SELECT d.display_name FROM mart_segment_suppliers m JOIN dim_suppliers d USING (supplier_key) WHERE m.period_kind = 'month' AND m.segment_kind = 'all' ORDER BY 1")
        #expect(measured.map { $0[0].string! } == ["Acme Builders Ltd", "Kind Hands Care Ltd"])
        let rules = Dictionary(uniqueKeysWithValues: try w.query("SELECT p.supplier_name, s.rule FROM map_payment_scope s JOIN stg_payees p USING (payee_id)").map { ($0[0].string!, $0[1].string!) })
        #expect(rules["Big Bank plc"] == "pipeline scope rule 1 (t.yml line 9): service Treasury*")
        #expect(rules["HMRC - C1X2 CM & TP"] == "payee name contains \"HMRC\"")
        #expect(rules["West Yorkshire Fire & Rescue Service"] == "service \"Precepts\" contains \"PRECEPTS\"")
        #expect(rules["Kirklees Council"]?.hasPrefix("payee is a public body (local-authority register") == true)
        // The report's first section shows the whole spend by scope, reconciling to the total.
        let report = try String(contentsOfFile: p.root + "/reports/t/latest/data/report.json", encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: Any]
        let scope = json["scope"] as! [String: Any]
        #expect(scope["total_pence"] as? Int == 215_000)
        #expect(scope["reconciles"] as? Bool == true)
    }
}

@Suite("The analyst's scope column", .serialized)
struct OverrideScopeTests {
    @Test("an overrides Scope column decides; a value that is no scope is ignored and says so")
    func scopeColumn() throws {
        let p = try RegisterProject(spend: [
            ["02/08/2022", "Big Bank plc", "100.00", "S1", "", "", "", "Finance", ""],
            ["03/08/2022", "Odd Ltd", "50.00", "S2", "", "", "", "Finance", ""],
        ], overrides: "Supplier ID,Supplier Name,Scope\r\nS1,Big Bank plc,Treasury \r\nS2,Odd Ltd,levies\r\n")
        defer { p.remove() }
        let w = try p.run()
        let scopes = Dictionary(uniqueKeysWithValues: try w.query("SELECT p.supplier_name, s.scope FROM map_payment_scope s JOIN stg_payees p USING (payee_id)").map { ($0[0].string!, $0[1].string!) })
        #expect(scopes == ["Big Bank plc": "treasury", "Odd Ltd": "market"])
        let ignored = try w.query("SELECT e.detail FROM supplier_evidence e JOIN dim_suppliers d USING (supplier_key) WHERE e.classification = 'scope' AND d.display_name = 'Odd Ltd'")
        #expect(ignored.first?[0].string?.hasPrefix("the scope column says \"levies\", which is not one of") == true)
    }
}
