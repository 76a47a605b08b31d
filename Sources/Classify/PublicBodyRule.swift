import MarketShapeCore

/// Recognises public bodies other than principal councils by name (those come from the local-authority register,
/// `LocalAuthorityNames`): NHS bodies, police and crime commissioners, fire authorities, government departments and
/// agencies, town and parish councils, maintained schools.
///
/// Name phrases are weak evidence: a name with a legal form (`… Nursery School Ltd`, `… CIC`) is never a public body by
/// name, nor one whose phrase sits in a staff, charity or club context (`… Police Federation`, `… Fire Brigades Union`,
/// `… Parish Hall Trust`). Register evidence (a company or charity number) beats a name phrase; the classify stage
/// applies that.
public enum PublicBodyRule {
    /// Phrases of a public body's name (matched on the normalised name, as whole words).
    public static let phrases = [
        // NHS
        "NHS", "NHS TRUST", "NHS FOUNDATION TRUST", "CLINICAL COMMISSIONING GROUP", "CCG", "INTEGRATED CARE BOARD", "ICB", "HEALTH BOARD",
        "PRIMARY CARE TRUST", "COMMISSIONING SUPPORT UNIT", "AMBULANCE SERVICE", "HEALTH AND SOCIAL CARE TRUST", "UK HEALTH SECURITY AGENCY",
        "PUBLIC HEALTH ENGLAND", "HEALTH EDUCATION ENGLAND",
        // NHS trusts councils write without "NHS": `Royal Cornwall Hospitals Trust`, `University Hospitals Plymouth`
        "HOSPITALS TRUST", "HOSPITAL TRUST", "HOSPITALS FOUNDATION TRUST", "UNIVERSITY HOSPITALS", "UNIVERSITY HOSPITAL OF",
        "GREAT ORMOND STREET HOSPITAL",
        // police, fire, justice
        "POLICE AND CRIME COMMISSIONER", "POLICE AND CRIME COMMISSIONERS", "POLICE FIRE AND CRIME COMMISSIONER", "PCC FOR", "P AND CC FOR",
        "CHIEF CONSTABLE", "CONSTABULARY", "POLICE SERVICE", "POLICE FORCE", "POLICE AUTHORITY", "METROPOLITAN POLICE", "FIRE AND RESCUE",
        "FIRE AUTHORITY", "FIRE AND RESCUE AUTHORITY", "FIRE AND RESCUE SERVICE", "FIRE BRIGADE", "HM COURTS", "HMCTS", "HM PRISON",
        "PROBATION SERVICE", "CROWN PROSECUTION SERVICE", "LEGAL AID AGENCY", "YOUTH JUSTICE BOARD", "COLLEGE OF POLICING",
        "OFFICE OF THE POLICE AND CRIME COMMISSIONER", "MAYORS OFFICE FOR POLICING AND CRIME", "FIRE COMMISSIONER",
        "HM CORONER", "CORONER", "CORONERS", "CORONERS SERVICE", "MAGISTRATES COURT", "MAGISTRATES COURTS", "CROWN COURT",
        "COUNTY COURT", "FAMILY COURT", "COMBINED COURT", "TRIBUNALS SERVICE", "TRIBUNAL SERVICE", "SECURITY INDUSTRY AUTHORITY", "HM PASSPORT OFFICE",
        // central government and its agencies
        "MINISTRY OF DEFENCE", "MINISTRY OF JUSTICE", "MINISTRY OF HOUSING", "HM TREASURY", "HM REVENUE", "HMRC", "H M REVENUE", "CABINET OFFICE", "HOME OFFICE",
        "HM LAND REGISTRY", "LAND REGISTRY", "DVLA", "DRIVER AND VEHICLE", "ENVIRONMENT AGENCY", "NATIONAL HIGHWAYS", "HIGHWAYS ENGLAND",
        "HOMES ENGLAND", "NATURAL ENGLAND", "HISTORIC ENGLAND", "OFSTED", "CARE QUALITY COMMISSION", "CROWN COMMERCIAL SERVICE",
        "OFFICE FOR NATIONAL STATISTICS", "ELECTORAL COMMISSION", "INFORMATION COMMISSIONER", "VALUATION OFFICE", "DISCLOSURE AND BARRING",
        "EDUCATION AND SKILLS FUNDING AGENCY", "STANDARDS AND TESTING AGENCY", "MARINE MANAGEMENT ORGANISATION", "FORESTRY COMMISSION",
        "CANAL AND RIVER TRUST COMMISSION", "LOCAL GOVERNMENT ASSOCIATION", "LOCAL GOVERNMENT OMBUDSMAN", "HOUSING OMBUDSMAN",
        "LOCAL GOVERNMENT AND SOCIAL CARE OMBUDSMAN", "PARLIAMENTARY AND HEALTH SERVICE OMBUDSMAN", "PUBLIC SERVICES OMBUDSMAN",
        "PRISONS AND PROBATION OMBUDSMAN", "PENSIONS OMBUDSMAN",
        // arm's-length bodies and public corporations councils pay (Devon's `NETWORK RAIL`, Leeds' `COMPANIES HOUSE`);
        // a `… Ltd` among them is public only when the state owns it outright (`stateCompanies`)
        "NETWORK RAIL", "ORDNANCE SURVEY", "COMPANIES HOUSE", "CHARITY COMMISSION", "INSOLVENCY SERVICE", "HEALTH AND SAFETY EXECUTIVE",
        "FOOD STANDARDS AGENCY", "COAL AUTHORITY", "ARTS COUNCIL ENGLAND", "SPORT ENGLAND", "PUBLIC SECTOR AUDIT APPOINTMENTS",
        "LOCAL GOVERNMENT BOUNDARY COMMISSION", "EQUALITY AND HUMAN RIGHTS COMMISSION", "NATURAL RESOURCES WALES", "MET OFFICE",
        // Scotland and Wales (their governments, agencies, joint boards and the Welsh names of councils, police, fire,
        // health boards and schools: `Bwrdd Iechyd Prifysgol Hywel Dda`, `Cyngor Tref Aberystwyth`, `Ysgol Gynradd …`)
        "SCOTTISH GOVERNMENT", "POLICE SCOTLAND", "INTEGRATION JOINT BOARD", "VALUATION JOINT BOARD", "JOINT BOARD",
        "AUDIT SCOTLAND", "ACCOUNTS COMMISSION", "SCOTTISH QUALIFICATIONS AUTHORITY", "SCOTLAND EXCEL", "SKILLS DEVELOPMENT SCOTLAND",
        "SCOTTISH ENVIRONMENT PROTECTION AGENCY", "STRATHCLYDE PARTNERSHIP FOR TRANSPORT", "SESTRAN", "IMPROVEMENT SERVICE",
        "SCOTTISH PRISON SERVICE", "CROWN OFFICE AND PROCURATOR FISCAL", "SCOTTISH CHILDRENS REPORTER", "CHILDRENS HEARINGS SCOTLAND",
        "CARE INSPECTORATE", "SCOTTISH SOCIAL SERVICES COUNCIL", "EDUCATION SCOTLAND",
        "WELSH GOVERNMENT", "LLYWODRAETH CYMRU", "SOCIAL CARE WALES", "WELSH LOCAL GOVERNMENT ASSOCIATION", "AUDIT WALES",
        "ARCHWILIO CYMRU", "PUBLIC HEALTH WALES", "IECHYD CYHOEDDUS CYMRU", "CYFOETH NATURIOL CYMRU", "CYMWYSTERAU CYMRU", "QUALIFICATIONS WALES",
        "ESTYN", "BWRDD IECHYD", "HEDDLU", "GWASANAETH TAN AC ACHUB", "CYNGOR SIR", "CYNGOR TREF", "CYNGOR CYMUNED", "CYNGOR DINAS",
        "CYNGOR BWRDEISTREF SIROL", "YSGOL GYNRADD", "YSGOL UWCHRADD", "YSGOL GYMRAEG", "YSGOL GYFUN", "YSGOL ARBENNIG",
        "KINGS COLLEGE HOSPITAL",
        // regional and local public bodies other than principal councils
        "COMBINED AUTHORITY", "GREATER LONDON AUTHORITY", "TRANSPORT FOR LONDON", "TRANSPORT FOR GREATER MANCHESTER",
        "TRANSPORT FOR WEST MIDLANDS", "TRANSPORT FOR WALES", "TRANSPORT FOR THE NORTH", "MERSEYTRAVEL", "PASSENGER TRANSPORT EXECUTIVE",
        "NATIONAL PARK AUTHORITY", "PORT OF LONDON AUTHORITY", "INTERNAL DRAINAGE BOARD", "DRAINAGE BOARD", "LOCAL ENTERPRISE PARTNERSHIP",
        "AUDIT PARTNERSHIP",
        "WASTE DISPOSAL AUTHORITY", "TOWN COUNCIL", "PARISH COUNCIL", "PARISH COUNCILS", "PARISH MEETING", "COMMUNITY COUNCIL", "VILLAGE COUNCIL",
        "CITY COUNCIL", "COUNTY COUNCIL", "BOROUGH COUNCIL", "DISTRICT COUNCIL", "METROPOLITAN BOROUGH COUNCIL",
        // maintained schools (academies are companies: the academy-trust register says so)
        "PRIMARY SCHOOL", "INFANT SCHOOL", "INFANTS SCHOOL", "JUNIOR SCHOOL", "JUNIOR AND INFANT SCHOOL", "SECONDARY SCHOOL", "HIGH SCHOOL",
        "SPECIAL SCHOOL", "C OF E PRIMARY", "CE PRIMARY", "RC PRIMARY", "PUPIL REFERRAL UNIT",
        "J AND I SCHOOL", "J AND I AND N SCHOOL", "J I AND N SCHOOL", "J AND I N SCHOOL", "INFANT AND NURSERY SCHOOL", "JUNIOR AND INFANT",
        "INFANTS AND NURSERY", "FIRST SCHOOL", "MIDDLE SCHOOL", "COMMUNITY SCHOOL", "CATHOLIC PRIMARY", "C OF E ACADEMY",
        // church schools (voluntary aided and controlled) and councils' abbreviations: `Elland CE School`,
        // `Christ Church CE Jnr School`, `St Josephs Catholic Prim School`, `Sowerby Village CE (VC)`
        "CE SCHOOL", "C OF E SCHOOL", "C E SCHOOL", "CHURCH OF ENGLAND SCHOOL", "CE JNR SCHOOL", "JNR SCHOOL", "PRIM SCHOOL",
        "CE VC", "CE VA", "C OF E VC", "C OF E VA", "RC VA", "CE VC SCHOOL", "CE VA SCHOOL",
        "ACADEMY TRUST", "MULTI ACADEMY TRUST",
        // multi-academy trusts named without "Academy" (Devon's `THE HARBOUR SCHOOLS PARTNERSHIP`, `WESTCOUNTRY SCHOOLS
        // TRUST - TRIP`): 228 of the academy-trust register's names end so, and one of the 69,000 charities and societies
        // in `../shared/registers/` (South West Grid for Learning Trust). Not `… Education Trust` or `… Educational
        // Trust`, which charities and independent schools are called too (Harmeny Education Trust).
        "SCHOOLS TRUST", "SCHOOLS PARTNERSHIP", "EDUCATION PARTNERSHIP", "EDUCATIONAL PARTNERSHIP", "LEARNING TRUST",
    ]

    static let index = PhraseIndex(phrases.map { (phrase: $0, value: ()) })

    /// What the college rule says it matched (the weakest of the name rules: `PaymentScope` lets the council's own
    /// word that a provider is independent overrule it).
    public static let collegePhrase = "COLLEGE (a further-education or sixth-form college, by its name)"

    /// Names that are a public body only written whole: `Scottish Water` (its retail arm `Scottish Water Business
    /// Stream` sells in the open water market).
    static let wholeNames: Set<String> = ["SCOTTISH WATER"]

    /// Words of a college's name that make it no further-education college: a university's, a charity's, a private
    /// provider's (`Kaplan International College`, `CPD Online College`).
    static let collegeExclusions: Set<Substring> = ["UNIVERSITY", "ROYAL", "IMPERIAL", "BUSINESS", "ART", "ARTS", "MUSIC", "TRUST", "FOUNDATION",
                                                    "ONLINE", "INTERNATIONAL", "DANCE", "DRAMA", "LANGUAGE", "LANGUAGES", "TUTORIAL"]

    /// Initialisms that name a public body only standing for the whole name or at its edge, in a short name with no trade
    /// word (`GLA`, `HMP Exeter`, `Black Sluice IDB`, `OPCC Devon & Cornwall`, `DWP`, `SYPTE`; not `GLA Architects`,
    /// `HMP Scaffolding`): government departments and agencies, passenger transport executives, combined authorities.
    static let initialisms: Set<Substring> = ["GLA", "TFL", "TFGM", "TFWM", "HMP", "HMPPS", "IDB", "SEPA", "COSLA", "WLGA", "MOPAC", "OPCC",
                                              "DWP", "DFE", "DHSC", "DLUHC", "MHCLG", "MOJ", "ESFA", "DVSA", "UKHSA", "HMCTS", "SYPTE", "WYPTE",
                                              "SYMCA", "WYCA", "GMCA", "WMCA", "LCRCA"]
    /// Initialisms that name a public body only at the start of a name: `PCC Devon & Cornwall` is the police and crime
    /// commissioner, `St Marys PCC` a parochial church council (a charity).
    static let leadingInitialisms: Set<Substring> = ["PCC"]
    static let tradeWords: Set<Substring> = ["ARCHITECTS", "ELECTRICAL", "SCAFFOLDING", "SERVICES", "CONSULTING", "CONSULTANTS", "ENGINEERING",
                                             "BUILDERS", "CONSTRUCTION", "DESIGN", "GROUP", "HOLDINGS", "PLUMBING", "DEVELOPMENTS", "PROPERTIES"]

    /// The first word after `Department for`/`Department of` in the names of departments of state (UK and Northern Ireland).
    static let departmentSubjects: Set<Substring> = ["EDUCATION", "HEALTH", "WORK", "TRANSPORT", "JUSTICE", "COMMUNITIES", "BUSINESS", "ENERGY",
                                                     "ENVIRONMENT", "CULTURE", "SCIENCE", "INTERNATIONAL", "LEVELLING", "DIGITAL", "INFRASTRUCTURE",
                                                     "FINANCE", "AGRICULTURE", "ECONOMY", "TRADE", "EXITING", "SOCIAL", "EMPLOYMENT", "CHILDREN",
                                                     "HOUSING", "DEFENCE"]

    /// Companies owned outright by the state that councils pay (rent to NHS Property Services, access and possessions
    /// to Network Rail, road works to National Highways): public bodies though they are companies, whatever their
    /// company number. A company that competes for the council's business beside private firms (NHS Professionals'
    /// agency staff) is not listed: it is in the market.
    public static let stateCompanies = ["NHS PROPERTY SERVICES", "NETWORK RAIL INFRASTRUCTURE", "NATIONAL HIGHWAYS", "HIGHWAYS ENGLAND COMPANY",
                                        "COMMUNITY HEALTH PARTNERSHIPS", "HIGH SPEED TWO", "HS2", "ORDNANCE SURVEY", "SCOTTISH FUTURES TRUST",
                                        "CAREERS WALES"]
    static let stateCompanyIndex = PhraseIndex(stateCompanies.map { (phrase: $0, value: ()) })

    /// The state-owned company (`stateCompanies`) the payee named `normalisedName` is, if any: its name starts with the
    /// company's (`HS2 Ltd`, not a contractor's `… HS2 JV`).
    public static func stateCompany(_ normalisedName: String) -> String? {
        let words = normalisedName.split(separator: " ")
        guard !words.contains(where: otherContexts.contains), let hit = stateCompanyIndex.first(in: words),
              words.starts(with: hit.phrase.split(separator: " ")) else { return nil }
        return hit.phrase
    }

    /// Words that make a name a company, charity or club, never a public body by name.
    static let privateForms: Set<Substring> = ["LTD", "LIMITED", "PLC", "LLP", "CIC", "CIO", "LLC", "INC", "CO", "COMPANY", "CYF", "CYFYNGEDIG", "CCC"]
    /// Words that put a public-sounding phrase in a staff, charity, club or trading context.
    static let otherContexts: Set<Substring> = ["FEDERATION", "UNION", "MUTUAL", "BENEVOLENT", "CLUB", "SOCIETY", "ASSOCIATION", "FRIENDS",
                                                "PTA", "PTFA", "APPEAL", "CHARITY", "CHARITABLE", "FUND", "TRUSTEES", "HALL", "CREDIT",
                                                "SPORTS", "SUPPLIES", "SOLUTIONS", "CONSULTANCY", "CONSULTING", "UNIFORMS", "TRAINING", "ACADEMY"]

    /// Trades whose `… Academy` is not a school.
    static let academyTrades: Set<Substring> = ["DANCE", "FOOTBALL", "SOCCER", "SPORTS", "DRIVING", "MUSIC", "BEAUTY", "HAIR", "THEATRE",
                                                "STAGE", "DRAMA", "ARTS", "MARTIAL", "TENNIS", "GOLF", "SWIM", "SWIMMING", "CRICKET", "RUGBY",
                                                "CHESS", "COACHING", "CARE", "SKILLS", "LANGUAGE", "TUTORING", "TUITION"]

    /// The legal-form word of a company, charity or partnership in `normalisedName` (`LTD`, `CIC`…), if it has one
    /// (`CO` of `CO OPERATIVE` is the co-operative's word, not a form).
    public static func privateForm(_ normalisedName: String) -> Substring? {
        let words = normalisedName.split(separator: " ")
        return words.indices.first { privateForms.contains(words[$0]) && !(words[$0] == "CO" && $0 + 1 < words.count && ["OPERATIVE", "OP"].contains(words[$0 + 1])) }
            .map { words[$0] }
    }

    /// Words that make a company's name sound public (it may be publicly owned: no register here says which).
    static let publicSounding: Set<Substring> = ["COUNCIL", "COUNCILS", "AUTHORITY", "NHS", "GOVERNMENT"]

    /// The legal form of a name that says it is a company, charity or partnership and nothing public: `LTD` of
    /// `Smith Care Ltd`, but nil for `NHS Professionals Ltd` or `Calderdale Council Trading Ltd`, public-sounding
    /// companies that may be publicly owned.
    public static func plainlyPrivateForm(_ normalisedName: String) -> Substring? {
        guard let form = privateForm(normalisedName) else { return nil }
        let rest = normalisedName.split(separator: " ").filter { !privateForms.contains($0) }
        return match(rest.joined(separator: " ")) == nil && !rest.contains(where: publicSounding.contains) ? form : nil
    }

    /// A payee's name normalised with apostrophes and full stops taken out rather than read as word breaks, so that
    /// `N.H.S.`, `N'HS` (Sheffield's "SHEFFIELD HEALTH AND SOCIAL CARE N'HS FO") and `H.M. Revenue` meet the phrases
    /// `NHS` and `HM REVENUE`.
    /// Initials written with spaces (`P C C Devon & Cornwall`, `H M R C`) are joined too: a run of two or more one-letter
    /// words becomes one word.
    public static func joiningInitials(_ name: String) -> String {
        let joined = SupplierName.normalise(String(name.unicodeScalars.filter { !["'", "\u{2019}", "\u{2018}", "`", "."].contains($0) }.map(Character.init)))
        var words: [String] = [], run = ""
        for word in joined.split(separator: " ") {
            if word.count == 1 && word != "A" { run += word; continue }
            if !run.isEmpty { words.append(run); run = "" }
            words.append(String(word))
        }
        if !run.isEmpty { words.append(run) }
        return words.joined(separator: " ")
    }

    /// The phrase that makes the payee named `name` (normalised: `normalisedName`) a public body, if any: the
    /// normalised name, else the name with its initials joined (`joiningInitials`).
    public static func match(_ normalisedName: String, name: String) -> String? {
        match(normalisedName) ?? match(joiningInitials(name))
    }

    /// The phrase that makes `normalisedName` a public body, if any.
    public static func match(_ normalisedName: String) -> String? {
        let words = normalisedName.split(separator: " ")
        guard privateForm(normalisedName) == nil else { return nil }
        // `South Yorkshire Police`; `Carlton Bolling Academy` (a state school, funded through the council), `Crossley Hall
        // Primary Academy` (a place's hall is no village hall's context).
        if words.count >= 2, words.last == "POLICE", !words.contains(where: otherContexts.contains) { return "POLICE" }
        if words.count >= 2, words.last == "ACADEMY", !words.contains(where: { academyTrades.contains($0) || otherContexts.subtracting(["ACADEMY", "HALL"]).contains($0) }) {
            return "ACADEMY"
        }
        // `Castle Hill Primary`, `BESSACARR PRIMARY`: councils' files name their maintained schools so, without "School".
        if words.count >= 2, words.last == "PRIMARY", !words.contains(where: otherContexts.contains) { return "PRIMARY" }
        // `Department for Education`, `Dept of Health and Social Care`: a department of state by its subject, not any
        // `Department of …` (a café chain is called `Department of Coffee and Social Affairs`).
        if let i = words.indices.dropLast().first(where: { ["DEPARTMENT", "DEPT"].contains(words[$0]) && ["FOR", "OF"].contains(words[$0 + 1]) }) {
            let subject = words.dropFirst(i + 2).first { $0 != "THE" }
            if let subject, departmentSubjects.contains(subject), !words.contains(where: otherContexts.contains) { return "\(words[i]) \(words[i + 1]) \(subject)" }
        }
        // `Bridgwater and Taunton College`, `Cornwall College Group`, `Richard Huish Sixth Form College`: further-education
        // and sixth-form colleges, public sector since the ONS reclassified them in 2022 (an independent school called a
        // college is found in its register first; universities, `Imperial College`, are not public bodies, nor a charity's
        // specialist college, `Ruskin Mill Trust - Freeman College`).
        // Devon writes its colleges' group after them: `Exeter College (Exeter and North Devon Colleges Group)`, `Cornwall
        // College of FE Corprtn`. `City College Plymouth`, `City College Norwich`: a city's college, named with its place after.
        if words.count >= 2, words.last == "COLLEGE" || words.last == "COLLEGES" || ["COLLEGE", "COLLEGES"].contains(where: { words.suffix(2) == [$0, "GROUP"] })
            || words.indices.dropLast(2).contains(where: { words[$0] == "COLLEGE" && words[$0 + 1] == "OF" && ["FE", "FURTHER"].contains(words[$0 + 2]) })
            || ((3...4).contains(words.count) && words.starts(with: ["CITY", "COLLEGE"])),
           !words.contains(where: { collegeExclusions.contains($0) || otherContexts.contains($0) }) {
            return collegePhrase
        }
        if wholeNames.contains(normalisedName) { return normalisedName }
        if let acronym = [words.first, words.last].compactMap({ $0 }).first(where: initialisms.contains)
            ?? words.first.flatMap({ leadingInitialisms.contains($0) && words.count >= 2 ? $0 : nil }), words.count <= 4,
           !words.contains(where: { tradeWords.contains($0) || otherContexts.contains($0) }) {
            return String(acronym)
        }
        // `BCP Council`: a council by its initials (no vowel: an abbreviation, not a word such as `Refugee Council`).
        if words.count == 2, words[1] == "COUNCIL", (2...5).contains(words[0].count), words[0].allSatisfy({ $0.isLetter && !"AEIOU".contains($0) }) {
            return "COUNCIL (by its initials)"
        }
        guard let phrase = index.first(in: words)?.phrase else { return nil }
        // `… Academy Trust` is a trust; a plain `ACADEMY` elsewhere (dance, football) is a context word.
        let context = words.filter(otherContexts.contains).filter { !phrase.split(separator: " ").contains($0) }
        return context.isEmpty ? phrase : nil
    }
}
