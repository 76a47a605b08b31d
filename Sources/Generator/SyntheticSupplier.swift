/// One supplier of the synthetic borough, with the truth of its classes.
struct SyntheticSupplier {
    var id: String
    var name: String
    var kind: SupplierKind
    var postcode: String
    var isLocal: Bool
    var companyNumber: String?
    var charityNumber: String?
    var societyNumber: String?
    var employees: Int?
    var turnoverPounds: Int?
    var balanceSheetPounds: Int?
    var legalForm: String
    var companyCategory: String?
    var accountsCategory: String?
    var ownership: String
    /// The council flags it as VCSE in its own spend file.
    var councilVCSEFlag: Bool
    /// The analyst's supplier master lists it.
    var inSupplierMaster: Bool
    /// Its parent company in the synthetic PSC snapshot (an index into `RegisterWriters.parents`), if any.
    var parent: Int? = nil

    var isVCSE: Bool { [.charity, .guaranteeCharity, .cic, .cooperative, .communityBenefit].contains(kind) }
    var isPublicBody: Bool { kind == .publicBody }
    /// Procurement Act 2023: fewer than 250 staff and (turnover ≤ £44m or balance sheet ≤ £38m); public bodies are neither.
    var isSME: Bool {
        guard !isPublicBody, let e = employees else { return false }
        return e < 250 && ((turnoverPounds ?? Int.max) <= 44_000_000 || (balanceSheetPounds ?? Int.max) <= 38_000_000)
    }
}

/// Makes the borough's suppliers, deterministically from the generator.
struct SupplierFactory {
    static let first = ["Bright", "Kind", "Camden", "Northern", "Heath", "Park", "Willow", "Oak", "Beacon", "Harbour", "Meridian", "Unity",
                        "Green", "Civic", "Riverside", "Summit", "Albion", "Fleet", "Primrose", "Regent", "Holly", "Crescent", "Trinity", "Vale"]
    static let second = ["Horizons", "Hands", "Bridge", "Path", "Works", "Living", "Lane", "Futures", "Point", "Gate", "Square", "Way",
                         "Circle", "Field", "Roots", "Spring", "Light", "Arc", "House", "Home", "Yard", "Court", "Line", "Well"]
    static let trade: [SupplierKind: [String]] = [
        .sme: ["Care", "Building Services", "Maintenance", "Consulting", "Cleaning", "Landscapes", "Digital", "Electrical"],
        .large: ["Services", "Facilities Management", "Group", "Solutions", "Construction"],
        .plc: ["plc", "Holdings plc", "Group plc"],
        .privateEquityCare: ["Care Group", "Healthcare", "Care Homes", "Homecare"],
        .employeeOwned: ["Partnership", "Works", "Care Partnership"],
    ]
    static let surnames = ["SMITH", "PATEL", "OKAFOR", "JONES", "KHAN", "MURPHY", "NOWAK", "ADEYEMI", "BROWN", "COHEN", "SILVA", "WILLIAMS"]
    static let publicBodies = ["Camden and Islington NHS Foundation Trust", "London Borough of Islington Council", "Brent Council",
                               "Royal Free London NHS Foundation Trust", "Department for Education", "Metropolitan Police",
                               "St Mary's Primary School", "Haverstock High School", "London Fire and Rescue", "North Central London Integrated Care Board"]

    var random: SeededRandom
    var usedNames: Set<String> = []
    var counter = 0

    mutating func make(kind: SupplierKind) -> SyntheticSupplier {
        counter += 1
        let id = String(100_000 + counter * 7)
        let local = kind == .publicBody ? random.chance(0.5) : random.chance(0.42)
        let outward = local ? random.pick(BoroughModel.localOutward.map(\.code)) : random.pick(BoroughModel.otherOutward.map(\.code))
        let postcode = "\(outward) \(random.int(1...9))\(random.pick(Array("ABDEFGHJLNPQRSTUWXYZ")))\(random.pick(Array("ABDEFGHJLNPQRSTUWXYZ")))"
        var s = SyntheticSupplier(id: id, name: uniqueName(kind), kind: kind, postcode: postcode, isLocal: BoroughModel.localOutward.contains { $0.code == outward },
                                  legalForm: "", ownership: "independent", councilVCSEFlag: false, inSupplierMaster: random.chance(0.9))
        let companyNumber = String(format8(random.int(1_000_000...14_999_999)))
        switch kind {
        case .sme:
            s.companyNumber = companyNumber; s.legalForm = "Private Limited Company"; s.companyCategory = "Private Limited Company"
            s.employees = random.pick([3, 12, 40, 120, 249]); s.turnoverPounds = random.int(80_000...30_000_000)
            s.accountsCategory = random.pick(["MICRO ENTITY", "SMALL", "TOTAL EXEMPTION FULL", "UNAUDITED ABRIDGED", "MEDIUM"])
        case .large, .privateEquityCare, .employeeOwned:
            s.companyNumber = companyNumber; s.legalForm = "Private Limited Company"; s.companyCategory = "Private Limited Company"
            s.employees = kind == .employeeOwned ? random.pick([180, 420, 1_600]) : random.pick([250, 800, 4_000, 22_000])
            s.turnoverPounds = kind == .employeeOwned && s.employees! < 250 ? random.int(5_000_000...20_000_000) : random.pick([44_000_001, 60_000_000, 250_000_000, 1_200_000_000])
            s.balanceSheetPounds = s.turnoverPounds! / 2
            s.accountsCategory = random.pick(["FULL", "GROUP"])
            s.ownership = kind == .privateEquityCare ? "private-equity" : kind == .employeeOwned ? "employee-owned" : "independent"
        case .plc:
            s.companyNumber = companyNumber; s.legalForm = "Public Limited Company"; s.companyCategory = "Public Limited Company"
            s.employees = random.pick([5_000, 30_000]); s.turnoverPounds = random.pick([900_000_000, 4_000_000_000]); s.accountsCategory = "GROUP"
            s.ownership = "plc-listed"
        case .charity:
            s.charityNumber = String(random.int(200_000...1_199_999)); s.ownership = "charity"
            if random.chance(0.5) { s.companyNumber = "CE" + String(format8(random.int(1_000...39_999)).suffix(6)); s.legalForm = "Charitable Incorporated Organisation"; s.companyCategory = "Charitable Incorporated Organisation" }
            else { s.legalForm = "Unincorporated Charity" }
            s.employees = random.pick([4, 30, 90, 300]); s.turnoverPounds = random.int(100_000...12_000_000)
        case .guaranteeCharity, .guaranteeNoCharity:
            s.companyNumber = companyNumber; s.legalForm = "Company Limited by Guarantee"
            s.companyCategory = "PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)"
            s.accountsCategory = "SMALL"
            s.employees = random.pick([6, 25, 60]); s.turnoverPounds = random.int(200_000...3_000_000)
            if kind == .guaranteeCharity { s.charityNumber = String(random.int(200_000...1_199_999)); s.ownership = "charity" }
        case .cic:
            s.companyNumber = companyNumber; s.legalForm = "Community Interest Company"; s.companyCategory = "Community Interest Company"
            s.employees = random.pick([2, 10, 35]); s.turnoverPounds = random.int(50_000...2_000_000); s.accountsCategory = "MICRO ENTITY"; s.ownership = "social-enterprise"
        case .cooperative, .communityBenefit:
            s.societyNumber = String(random.int(7_000...32_000)); s.legalForm = "Registered Society"
            s.employees = random.pick([8, 45, 140]); s.turnoverPounds = random.int(300_000...9_000_000)
            s.ownership = kind == .cooperative ? "co-operative" : "community-benefit-society"
        case .publicBody:
            s.legalForm = "Public Body"; s.ownership = "public"
        case .soleTrader:
            s.legalForm = "Sole Trader"; s.ownership = "sole-trader"; s.employees = 1; s.turnoverPounds = random.int(20_000...200_000)
        }
        s.councilVCSEFlag = s.isVCSE && random.chance(0.6)
        return s
    }

    func format8(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 8 - s.count)) + s
    }

    mutating func uniqueName(_ kind: SupplierKind) -> String {
        for attempt in 0..<1000 {
            let name: String
            switch kind {
            case .publicBody: name = attempt < SupplierFactory.publicBodies.count ? SupplierFactory.publicBodies[random.int(0...SupplierFactory.publicBodies.count - 1)] : "Camden Academy Trust \(attempt)"
            case .soleTrader: name = random.chance(0.5) ? "\(random.pick(Array("ABCDEJKMPRST"))) \(random.pick(SupplierFactory.surnames))"
                                                        : "\(random.pick(SupplierFactory.surnames).capitalized), \(random.pick(["Anita", "John", "Grace", "Tomasz", "Ade", "Mary"]))"
            case .charity, .guaranteeCharity: name = "\(random.pick(SupplierFactory.first)) \(random.pick(SupplierFactory.second)) \(random.pick(["Trust", "Foundation", "Charity", "Association"]))"
            case .guaranteeNoCharity: name = "\(random.pick(SupplierFactory.first)) \(random.pick(["Traders Association", "Business Forum", "Residents Federation"])) Ltd"
            case .cic: name = "\(random.pick(SupplierFactory.first)) \(random.pick(SupplierFactory.second)) CIC"
            case .cooperative: name = "\(random.pick(SupplierFactory.first)) \(random.pick(["Care Co-operative", "Workers Co-operative", "Cleaning Co-op"]))"
            case .communityBenefit: name = "\(random.pick(SupplierFactory.first)) \(random.pick(["Community Benefit Society", "Community Energy", "Community Kitchen"]))"
            default: name = "\(random.pick(SupplierFactory.first)) \(random.pick(SupplierFactory.second)) \(random.pick(SupplierFactory.trade[kind] ?? ["Services"]))" + (kind == .plc ? "" : " Ltd")
            }
            if !usedNames.contains(name) { usedNames.insert(name); return name }
        }
        return "Supplier \(counter)"
    }
}
