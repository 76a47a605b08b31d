import MarketShapeCore

/// MarketShape's own scope rules, pure functions over names and text: which payees and which spending contexts are
/// not a market. The classify stage applies them after the analyst's rules, with the payee's public-body class.
public enum ScopeRules {
    /// Payees who receive tax, pension and payroll deductions, or treasury business, whatever was bought; and the
    /// managed accounts a council pays people's direct payments into (Sheffield's `PEOPLEPLUS GROUP LTD - DP ONLY`,
    /// `PENDERELS TRUST DP ONLY`): the money is the person's personal budget, not a purchase.
    static let payeePhrases: [(phrase: String, scope: Scope)] = [
        ("HMRC", .payrollTaxPensions), ("HM REVENUE", .payrollTaxPensions), ("H M REVENUE", .payrollTaxPensions), ("CYLLID A THOLLAU", .payrollTaxPensions),
        ("REVENUE SCOTLAND", .payrollTaxPensions),
        ("REVENUE AND CUSTOMS", .payrollTaxPensions), ("INLAND REVENUE", .payrollTaxPensions), ("PENSION FUND", .payrollTaxPensions),
        ("PENSIONS FUND", .payrollTaxPensions), ("PENSION SCHEME", .payrollTaxPensions), ("SUPERANNUATION", .payrollTaxPensions),
        ("TEACHERS PENSIONS", .payrollTaxPensions), ("TEACHERS PENSION", .payrollTaxPensions), ("NHS PENSIONS", .payrollTaxPensions),
        ("LGPS", .payrollTaxPensions), ("LOCAL GOVERNMENT PENSION", .payrollTaxPensions), ("PENSIONS AGENCY", .payrollTaxPensions),
        ("UNISON", .payrollTaxPensions), ("GMB", .payrollTaxPensions), ("UNITE THE UNION", .payrollTaxPensions), ("UNITE UNION", .payrollTaxPensions),
        ("NASUWT", .payrollTaxPensions), ("NATIONAL EDUCATION UNION", .payrollTaxPensions), ("NAHT", .payrollTaxPensions),
        ("ROYAL COLLEGE OF NURSING", .payrollTaxPensions), ("FIRE BRIGADES UNION", .payrollTaxPensions), ("TRADE UNION", .payrollTaxPensions),
        ("POLICE FEDERATION", .payrollTaxPensions), ("CREDIT UNION", .payrollTaxPensions), ("SALARY SACRIFICE", .payrollTaxPensions),
        ("CHILDCARE VOUCHERS", .payrollTaxPensions), ("CHILDCARE VOUCHER", .payrollTaxPensions), ("CYCLE TO WORK", .payrollTaxPensions),
        ("CYCLESCHEME", .payrollTaxPensions), ("CHILD MAINTENANCE SERVICE", .payrollTaxPensions), ("CHILD SUPPORT AGENCY", .payrollTaxPensions),
        ("STUDENT LOANS COMPANY", .payrollTaxPensions), ("ATTACHMENT OF EARNINGS", .payrollTaxPensions), ("COURT ORDER", .payrollTaxPensions),
        ("PUBLIC WORKS LOAN BOARD", .treasury), ("PWLB", .treasury), ("DEBT MANAGEMENT OFFICE", .treasury), ("DMADF", .treasury),
        ("MONEY MARKET", .treasury), ("MUNICIPAL BONDS AGENCY", .treasury), ("CCLA", .treasury),
        ("KING AND SHAXSON", .treasury), ("TRADITION UK", .treasury), ("TULLETT PREBON", .treasury), ("BGC BROKERS", .treasury),
        ("ICAP EUROPE", .treasury), ("LOAN INVESTMENT", .treasury), ("LOAN REPAYMENTS", .treasury), ("LOAN REPAYMENT", .treasury),
        ("TREASURY DEPOSITS", .treasury),
        ("DP ONLY", .individuals), ("DIRECT PAYMENTS ONLY", .individuals), ("DIRECT PAYMENT ONLY", .individuals),
        ("DIRECT PAYMENTS ACCOUNT", .individuals), ("DP ACCOUNT", .individuals),
    ]

    /// Spending-context text (expense type, category, service, directorate) of payments that are not a market.
    static let contextPhrases: [(phrase: String, scope: Scope)] = [
        ("PAYE", .payrollTaxPensions), ("NATIONAL INSURANCE", .payrollTaxPensions), ("NI CONTRIBUTIONS", .payrollTaxPensions),
        ("EMPLOYERS NI", .payrollTaxPensions), ("SUPERANNUATION", .payrollTaxPensions), ("PENSION CONTRIBUTION", .payrollTaxPensions),
        // Early-retirement costs paid into the pension fund, and employees' extra contributions passed on to their provider.
        ("PENSION STRAIN", .payrollTaxPensions), ("PENSION STRAIN COSTS", .payrollTaxPensions), ("AVC", .payrollTaxPensions), ("AVCS", .payrollTaxPensions),
        ("ADDITIONAL VOLUNTARY CONTRIBUTIONS", .payrollTaxPensions), ("ADDITIONAL VOLUNTARY CONTRIBUTION", .payrollTaxPensions),
        ("PENSION CONTRIBUTIONS", .payrollTaxPensions), ("EMPLOYERS PENSION", .payrollTaxPensions), ("PAYROLL DEDUCTION", .payrollTaxPensions),
        ("PAYROLL DEDUCTIONS", .payrollTaxPensions), ("APPRENTICESHIP LEVY", .payrollTaxPensions), ("UNION SUBSCRIPTIONS", .payrollTaxPensions),
        ("SALARY SACRIFICE", .payrollTaxPensions), ("CIS TAX", .payrollTaxPensions), ("CONSTRUCTION INDUSTRY SCHEME", .payrollTaxPensions),
        ("MONEY MARKET", .treasury), ("TREASURY MANAGEMENT", .treasury), ("SHORT TERM INVESTMENT", .treasury), ("SHORT TERM INVESTMENTS", .treasury),
        ("LONG TERM INVESTMENT", .treasury), ("LONG TERM INVESTMENTS", .treasury), ("TREASURY INVESTMENTS", .treasury),
        ("INVESTMENT DEPOSIT", .treasury), ("LOAN ADVANCE", .treasury), ("LOANS ADVANCED", .treasury), ("LOAN REPAYMENT", .treasury),
        ("LOAN REPAYMENTS", .treasury), ("BORROWING", .treasury), ("INTEREST PAYABLE", .treasury), ("INTEREST PAID", .treasury),
        ("BANK CHARGES", .treasury), ("BANK INTEREST", .treasury), ("CAPITAL FINANCING", .treasury), ("MINIMUM REVENUE PROVISION", .treasury),
        ("DEBT MANAGEMENT", .treasury), ("PWLB", .treasury),
        ("PRECEPT", .publicSector), ("PRECEPTS", .publicSector), ("LEVY", .publicSector), ("LEVIES", .publicSector),
        // Scotland's levy on its councils by a joint board (valuation, transport) is a requisition.
        ("REQUISITION", .publicSector), ("REQUISITIONS", .publicSector),
        ("OTHER LOCAL AUTHORITIES", .publicSector), ("PAYMENTS TO OTHER LOCAL AUTHORITIES", .publicSector),
        ("PAYMENTS TO HEALTH AUTHORITIES", .publicSector), ("PAYMENTS TO HEALTH BODIES", .publicSector), ("PAYMENTS TO GOVERNMENT DEPARTMENTS", .publicSector),
        ("SCHOOL BUDGET SHARE", .publicSector), ("DELEGATED SCHOOL BUDGETS", .publicSector), ("ACADEMY RECOUPMENT", .publicSector),
        // A maintained school's formula funding (Calderdale: "Monthly payment of school budgets to schools"), not a purchase.
        ("SCHOOLS BUDGET SHARE", .publicSector), ("SCHOOL BUDGET SHARES", .publicSector), ("SCHOOLS BUDGET SHARES", .publicSector),
        ("PAYMENT OF SCHOOL BUDGETS", .publicSector), ("PAYMENTS OF SCHOOL BUDGETS", .publicSector), ("INDIVIDUAL SCHOOLS BUDGET", .publicSector),
        ("DELEGATED SCHOOL BUDGET", .publicSector), ("DELEGATED SCHOOLS BUDGET", .publicSector), ("DELEGATED SCHOOLS BUDGETS", .publicSector),
        ("COLLECTION FUND", .treasury), ("TRANSFER PAYMENTS", .individuals),
        ("DIRECT PAYMENT", .individuals), ("DIRECT PAYMENTS", .individuals), ("FOSTER", .individuals), ("FOSTERING ALLOWANCE", .individuals),
        ("FOSTERING ALLOWANCES", .individuals), ("FOSTER CARERS", .individuals), ("KINSHIP", .individuals), ("SPECIAL GUARDIANSHIP", .individuals),
        ("ADOPTION ALLOWANCE", .individuals), ("ADOPTION ALLOWANCES", .individuals), ("HOUSING BENEFIT", .individuals),
        ("HOUSING BENEFITS", .individuals), ("RENT ALLOWANCE", .individuals), ("RENT ALLOWANCES", .individuals),
        ("DISCRETIONARY HOUSING PAYMENT", .individuals), ("DISCRETIONARY HOUSING PAYMENTS", .individuals),
        ("COUNCIL TAX REFUND", .individuals), ("COUNCIL TAX REFUNDS", .individuals), ("PERSONAL BUDGET", .individuals),
        ("PERSONAL BUDGETS", .individuals), ("CARERS ALLOWANCE", .individuals), ("BURSARY", .individuals), ("BURSARIES", .individuals),
        ("GRANTS TO INDIVIDUALS", .individuals), ("PAYMENTS TO INDIVIDUALS", .individuals), ("LEAVING CARE ALLOWANCE", .individuals),
        ("ASYLUM SEEKERS ALLOW", .individuals), ("SECTION 17", .individuals),
        ("NNDR REFUND", .unclassified), ("NNDR REFUNDS", .unclassified), ("BUSINESS RATES REFUND", .unclassified),
        ("BUSINESS RATES REFUNDS", .unclassified), ("NON DOMESTIC RATES REFUND", .unclassified), ("NON DOMESTIC RATES REFUNDS", .unclassified),
        ("NDR REFUND", .unclassified), ("NDR REFUNDS", .unclassified),
    ]

    /// Context phrases that say who the payee is (a tax or national-insurance collector, the apprenticeship levy's,
    /// another public body) rather than what was bought. A company paid under one is a miscoding: Calderdale paid road
    /// salt (`Compass Minerals UK Limited`, £1.73m) under `National Insurance` and care homes (`Horizon Healthcare Home
    /// Limited`, `HC-One Oval Ltd`) under `Other Local Authorities`. The construction industry scheme is not one: a
    /// contractor's CIS line is the tax deducted from its price.
    static let payeeKindPhrases: Set<String> = ["PAYE", "NATIONAL INSURANCE", "NI CONTRIBUTIONS", "EMPLOYERS NI", "APPRENTICESHIP LEVY",
                                                "OTHER LOCAL AUTHORITIES", "PAYMENTS TO OTHER LOCAL AUTHORITIES", "PAYMENTS TO HEALTH AUTHORITIES",
                                                "PAYMENTS TO HEALTH BODIES", "PAYMENTS TO GOVERNMENT DEPARTMENTS"]

    /// Context phrases of benefits and budgets that are people's whoever the council pays them to: housing benefit paid
    /// straight to a landlord (`Clarion Housing Association Ltd`), a direct payment or personal budget paid into a managed
    /// account (`Independent Lives (Disability) Ltd`). The council buys nothing; a company paid under them is still the
    /// person's. (Other money for people, a fostering allowance, paid to a company buys a service: `isOrganisation`.)
    /// `Transfer Payments` is not one: councils' subjective code of that name also holds care bought for clients
    /// (Calderdale's children's placements), which is a market.
    static let transferPhrases: Set<String> = ["DIRECT PAYMENT", "DIRECT PAYMENTS", "HOUSING BENEFIT", "HOUSING BENEFITS",
                                               "RENT ALLOWANCE", "RENT ALLOWANCES", "DISCRETIONARY HOUSING PAYMENT",
                                               "DISCRETIONARY HOUSING PAYMENTS", "PERSONAL BUDGET", "PERSONAL BUDGETS",
                                               "COUNCIL TAX REFUND", "COUNCIL TAX REFUNDS"]

    /// Words of a context that buys a service around people's budgets (`Direct Payments - Support Service`, `Direct
    /// Payments Advice`): the council commissions it, so the payment stays in the market; `… Managed Accounts` does not.
    static let commissionedServiceWords: Set<Substring> = ["SUPPORT", "ADVICE", "BROKERAGE", "ADMINISTRATION", "ADMIN", "AUDIT", "PAYROLL",
                                                           "RECOVERY", "SOFTWARE", "SYSTEM", "SYSTEMS", "OVERPAYMENT", "OVERPAYMENTS"]

    /// The benefit or budget (`transferPhrases`) the expense type or category names, wherever it sits among other phrases
    /// (`Transfer Payments - Housing Benefits`, `Collection Fund - Council Tax Refunds`), unless the text also says the
    /// council buys a service around it (`commissionedServiceWords`). Service, directorate and cost centre are not read:
    /// a `Housing Benefit` service also buys its software and its agency staff.
    public static func transfer(_ fields: [(field: String, value: String?)]) -> (field: String, value: String, phrase: String)? {
        for (field, value) in fields where field == "expense_type" || field == "category" {
            guard let value, !value.isEmpty else { continue }
            guard !saysCommissionedService(value), let hit = transferIndex.first(in: SupplierName.normalise(value.replacingOccurrences(of: "'", with: ""))) else { continue }
            return (field, value, hit.phrase)
        }
        return nil
    }

    /// True when context text names a service bought around people's money (`commissionedServiceWords`).
    public static func saysCommissionedService(_ value: String) -> Bool {
        SupplierName.normalise(value).split(separator: " ").contains(where: commissionedServiceWords.contains)
    }

    /// Context phrases naming an account rather than what was paid: the collection fund pays precepts and shares to
    /// other public bodies (police, fire, town councils), which are theirs (`publicSector`), and refunds to everyone else.
    static let accountPhrases: Set<String> = ["COLLECTION FUND"]

    /// Words of an organisation's name, never a person's (`Foster Care Associates`, `Miss Daisy's Nursery`): a payee
    /// named with them is an organisation even without a legal form.
    static let organisationWords: Set<Substring> = ["ASSOCIATES", "AGENCY", "AGENCIES", "SERVICES", "GROUP", "PARTNERSHIP", "PARTNERSHIPS",
                                                    "FOSTERING", "NURSERY", "NURSERIES", "PRESCHOOL", "PLAYGROUP", "SCHOOL", "CENTRE",
                                                    "CLUB", "TRUST", "CHARITY", "SOCIETY", "ASSOCIATION", "FOUNDATION", "HOUSING", "HOMES",
                                                    "SOLUTIONS", "CONSULTANCY", "CONSULTING", "INTERNATIONAL", "UK"]

    /// True when a normalised name carries an organisation's word (`organisationWords`).
    public static func hasOrganisationWord(_ normalisedName: String) -> Bool {
        normalisedName.split(separator: " ").contains(where: organisationWords.contains)
    }

    /// Payees (without a legal form) whose name says the money goes to people: `Foster Care - Bacs`, `Direct Payments`.
    static let peoplePhrases = ["FOSTER CARE", "FOSTER CARERS", "FOSTER CARER", "DIRECT PAYMENTS", "DIRECT PAYMENT", "KINSHIP CARERS", "ADOPTERS",
                                "SPECIAL GUARDIANS", "SHARED LIVES CARERS"]

    /// People phrases that are also how agencies name themselves (`Capstone Foster Care`): money for people only when
    /// the rest of the name is payment words (`Foster Care - Bacs`, `Foster Care Allowances`).
    static let agencyLikePhrases: Set<String> = ["FOSTER CARE"]
    /// Words of a payee name that say how money is paid, not who is paid.
    static let paymentWords: Set<Substring> = ["BACS", "CHAPS", "PAYMENT", "PAYMENTS", "ALLOWANCE", "ALLOWANCES", "ACCOUNT", "FEE", "FEES"]

    /// Context phrases of the money councils pass to state schools as their funding (Bradford's service `Delegated
    /// Schools Fund`, which pays its academies and special schools their top-ups beside buying alternative provision
    /// from firms). Not the `Dedicated Schools Grant`: from it Devon buys places at independent and non-maintained
    /// special schools (Magdalen Court, Vranch House, the Exeter Royal Academy for Deaf Education), a market.
    static let schoolFundingIndex = PhraseIndex(["DELEGATED SCHOOLS FUND", "DELEGATED SCHOOL FUND", "DELEGATED SCHOOLS FUNDING",
                                                 "SCHOOLS FORMULA FUNDING"].map { (phrase: $0, value: ()) })
    /// Words of a school's name (`Co-op Academy Southfield`, `Hazelbeck School`, `Ilkley Grammar School`).
    static let schoolWords: Set<Substring> = ["SCHOOL", "SCHOOLS", "ACADEMY", "PRIMARY", "GRAMMAR", "INFANT", "INFANTS", "JUNIOR", "JUNIORS"]

    /// True when a normalised name reads as a school's: a school word, and no trade (`… Football Academy`) or club,
    /// charity or trading word (`PublicBodyRule.otherContexts`, `… School Uniforms`).
    public static func namedLikeSchool(_ normalisedName: String) -> Bool {
        let words = normalisedName.split(separator: " ")
        return words.contains(where: schoolWords.contains)
            && !words.contains { PublicBodyRule.academyTrades.contains($0) || PublicBodyRule.otherContexts.subtracting(["ACADEMY", "HALL"]).contains($0) }
    }

    /// Unions' names: a name with a legal form is a firm (`Trade Union Legal LLP`, `GMB Scaffolding Ltd`), since a trade
    /// union is no company. Credit unions are registered societies named `… Ltd`, and stay payroll deductions.
    static let unionPhrases: Set<String> = ["UNISON", "GMB", "UNITE THE UNION", "UNITE UNION", "NASUWT", "NATIONAL EDUCATION UNION", "NAHT",
                                            "ROYAL COLLEGE OF NURSING", "FIRE BRIGADES UNION", "TRADE UNION", "POLICE FEDERATION"]

    /// Context words of a professional's fee (counsel, an advocate, an interpreter): a payee named with a personal
    /// title there (`Mr J Smith` under `Counsel Fees`) is a sole trader the council buys from, not a person it pays.
    static let professionalServiceWords: Set<Substring> = ["COUNSEL", "COUNSELS", "BARRISTER", "BARRISTERS", "ADVOCACY", "ADVOCATE", "ADVOCATES",
                                                           "CONSULTANCY", "CONSULTANT", "CONSULTANTS", "INTERPRETER", "INTERPRETERS",
                                                           "INTERPRETING", "TRANSLATION", "TRANSLATIONS", "TRANSLATOR", "TRANSLATORS", "EXPERT",
                                                           "WITNESS", "MEDIATION", "MEDIATOR", "ARBITRATOR", "VALUER", "SURVEYOR", "SURVEYORS"]

    /// True when context text names a professional's fee (`professionalServiceWords`).
    public static func saysProfessionalService(_ value: String) -> Bool {
        SupplierName.normalise(value).split(separator: " ").contains(where: professionalServiceWords.contains)
    }

    /// Personal titles: a payee called `Mr J Smith` is a person (a carer, a claimant), not a supplier.
    static let titles: Set<Substring> = ["MR", "MRS", "MS", "MISS", "MX"]

    /// The scope a payee's name alone puts every payment to it in, with the phrase.
    public static func payee(_ normalisedName: String) -> (scope: Scope, phrase: String)? {
        first(in: normalisedName, payeeIndex)
    }

    /// The same for a payee named `name` (normalised: `normalisedName`), also read with its initials joined
    /// (`H.M.R.C.` → `HMRC`; `PublicBodyRule.joiningInitials`).
    public static func payee(_ normalisedName: String, name: String) -> (scope: Scope, phrase: String)? {
        // A company's initials are its own (`G.M.B. Scaffolding Ltd` is no union): joined only in a name without a legal form.
        let legalForm = hasLegalForm(normalisedName)
        if let hit = payee(normalisedName), !(legalForm && unionPhrases.contains(hit.phrase)) { return hit }
        return legalForm ? nil : payee(PublicBodyRule.joiningInitials(name))
    }

    /// True when a normalised name carries a legal form (`LTD`, `PLC`, `CIC`…).
    public static func hasLegalForm(_ normalisedName: String) -> Bool {
        normalisedName.split(separator: " ").contains { ["LTD", "LIMITED", "PLC", "LLP", "CIC", "CIO", "CYF", "CYFYNGEDIG"].contains($0) }
    }

    /// Why a payee's name says it is a person or money for people (a personal title, `Foster Care`…), if it does;
    /// never for a name with a legal form or an organisation's word (`Foster Care Associates` is a fostering agency,
    /// `Miss Daisy's Nursery` a nursery).
    public static func person(_ normalisedName: String) -> String? {
        let words = normalisedName.split(separator: " ")
        guard !hasLegalForm(normalisedName), !words.contains(where: organisationWords.contains) else { return nil }
        if let first = words.first, titles.contains(first), words.count >= 2, !words.contains("AND") { return personalTitle }
        guard let hit = peopleIndex.first(in: words) else { return nil }
        if agencyLikePhrases.contains(hit.phrase) {
            let phraseWords = Set(hit.phrase.split(separator: " "))
            guard words.allSatisfy({ phraseWords.contains($0) || paymentWords.contains($0) }) else { return nil }
        }
        return "payee name contains \"\(hit.phrase)\""
    }

    /// What `person` says of a payee named with a personal title.
    public static let personalTitle = "payee named with a personal title"

    /// The scope a spending context's text puts a payment in, with the field and phrase.
    public static func context(_ fields: [(field: String, value: String?)]) -> (scope: Scope, field: String, value: String, phrase: String)? {
        for (field, value) in fields {
            guard let value, !value.isEmpty else { continue }
            // Apostrophes join their word (`Employer's NI` → `EMPLOYERS NI`); a climate change levy is an energy bill.
            let text = SupplierName.normalise(value.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "\u{2019}", with: ""))
            if text.contains("CLIMATE CHANGE LEVY") { continue }
            if let hit = first(in: text, contextIndex) { return (hit.scope, field, value, hit.phrase) }
        }
        return nil
    }

    static let payeeIndex = PhraseIndex(payeePhrases.map { (phrase: $0.phrase, value: $0.scope) })
    static let contextIndex = PhraseIndex(contextPhrases.map { (phrase: $0.phrase, value: $0.scope) })
    static let peopleIndex = PhraseIndex(peoplePhrases.map { (phrase: $0, value: ()) })
    static let transferIndex = PhraseIndex(transferPhrases.sorted().map { (phrase: $0, value: ()) })
    /// Context phrases of fees to independent schools and colleges.
    static let independentIndex = PhraseIndex(["INDEPENDENT SPECIAL", "INDEPENDENT SCHOOL", "INDEPENDENT SCHOOLS", "INDEPENDENT SPECIALIST",
                                               "INDEPENDENT COLLEGE", "INDEPENDENT COLLEGES", "NON MAINTAINED"].map { (phrase: $0, value: ()) })

    static func first(in normalised: String, _ index: PhraseIndex<Scope>) -> (scope: Scope, phrase: String)? {
        index.first(in: normalised).map { ($0.value, $0.phrase) }
    }
}
