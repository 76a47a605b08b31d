/// The stages of a run, in the order they run.
public enum StageName: String, CaseIterable, Comparable, Sendable, Codable {
    case ingest, resolve, classify, places, measure, report

    /// The version of the stage's rules, part of what its build records: raised when new code would build different
    /// tables from the same inputs, so a warehouse built by older code is rebuilt by the next run instead of being
    /// called up to date. (Ingest's reading rules are versioned per file, in `SpendFileSniffer.rulesVersion`.)
    /// classify 2: a CIC is a social enterprise, a community benefit society its own model, a payee without a number
    /// whose name is a linked charity's or society's registered name is that organisation.
    /// classify 3: owner groups from the PSC register, ownership from the chain, a subsidiary's SME call at group level,
    /// a VCSE named as a CIC is a social enterprise whatever evidence made it a VCSE.
    /// classify 4: a name ending "Primary" is a maintained school (a public body); a name with a legal form (Ltd, CIC…)
    /// that no register makes a public body is not one (it was unknown); a payee named as a direct-payment account
    /// (`… DP ONLY`) is money for individuals, not a market.
    /// classify 5: public-body name phrases also match with initials joined (`N.H.S.`, `N'HS` → `NHS`); church schools
    /// (`… CE School`, `… CE (VC)`) are public bodies; a school's budget share is public-sector money whoever the payee;
    /// Network Rail, Ordnance Survey, Companies House and other arm's-length bodies are public bodies.
    /// classify 6: housing benefit, rent allowances, direct payments and personal budgets are people's whoever is paid;
    /// the collection fund's payments to public bodies are public sector; the cost centre's text is read for scope;
    /// NHS trusts without "NHS", transport bodies, GLA, MOPAC, courts, coroners, prisons, drainage boards, councils by
    /// their initials and companies the state owns outright are public bodies; `Department of …` only for a department of
    /// state; an organisation's word (`Associates`, `Nursery`) makes a payee no person; a registered society of unknown
    /// kind is a co-operative or a community benefit society by its name; pension strain and AVCs are payroll.
    /// classify 7: FE colleges by their group or `City College <place>`; councils by their official initials (KCC, CBMDC);
    /// government and transport initialisms (DWP, DfE, SYPTE, WYCA); a company named by a payroll or other-council
    /// context is a miscoded supplier; a school paid from delegated schools funding (not the Dedicated Schools Grant,
    /// which buys independent places) is a state school; foster-care agencies, unions and titled professionals are no people.
    /// measure 3: concentration by owner group beside the entity level, and the groups that add most to it.
    /// resolve 2: a name is composed (NFC) before it is normalised, so one name in two Unicode forms is one supplier.
    /// resolve 3: payees whose names differ only by a legal form they end with (`… Associates`, `… Associates Ltd`) are
    /// one supplier, as any two of one normalised name are (the council's own supplier ids still keep them apart).
    public var rulesVersion: Int {
        switch self {
        case .resolve: return 3
        case .classify: return 7
        case .measure: return 3
        default: return 1
        }
    }

    public static func < (a: StageName, b: StageName) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
