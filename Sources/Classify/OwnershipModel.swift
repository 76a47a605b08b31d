/// The ownership models MarketShape reports (DOMAIN.md).
public enum OwnershipModel: String, CaseIterable, Sendable {
    case independent, privateEquity = "private-equity", employeeOwned = "employee-owned", cooperative = "co-operative"
    case plcListed = "plc-listed", publicSector = "public", charity, soleTrader = "sole-trader", unknown
    /// A community interest company: a social enterprise (asset-locked, but not a charity).
    case socialEnterprise = "social-enterprise"
    /// A registered society run for the community rather than its members (a "bencom").
    case communityBenefit = "community-benefit-society"
    /// Owned by a corporate parent registered outside the UK (investor-owned: not necessarily private equity).
    case investorOwned = "investor-owned"

    /// Reads an analyst's wording: `Private Equity`, `PE-backed`, `EOT`, `co-op`, `listed plc`, `sole trader`…
    public init?(analystText: String) {
        let t = analystText.lowercased().filter { $0.isLetter }
        switch t {
        case "independent", "independentprivate", "private", "privatelyowned": self = .independent
        case "privateequity", "pe", "pebacked", "privateequitybacked": self = .privateEquity
        case "employeeowned", "eot", "employeeownershiptrust": self = .employeeOwned
        case "cooperative", "coop", "mutual", "cooperativemutual": self = .cooperative
        case "plclisted", "listedplc", "plc", "listed": self = .plcListed
        case "public", "publicsector", "publicbody": self = .publicSector
        case "charity", "vcse", "charityvcse": self = .charity
        case "socialenterprise", "cic", "communityinterestcompany": self = .socialEnterprise
        case "communitybenefitsociety", "communitybenefit", "bencom", "cbs": self = .communityBenefit
        case "soletrader", "individual", "soletraderindividual": self = .soleTrader
        case "investorowned", "overseasowned", "foreignowned", "overseasparent": self = .investorOwned
        case "unknown", "": self = .unknown
        default: return nil
        }
    }

    /// A registered society's model from the FCA register's "Registered As": a community benefit society is one; every
    /// other, or one known only from its number (nil), is a co-operative / mutual. "Co-operative Society (Co-operative
    /// and Community Benefit Societies Act 2014)" names both: the Act in brackets is not the form.
    public static func ofSociety(registeredAs: String?) -> OwnershipModel {
        let form = registeredAs?.split(separator: "(", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        return form.contains("benefit") && !form.contains("co-operative") ? .communityBenefit : .cooperative
    }

    /// A registered society whose register entry does not say which kind it is (a company-number link to the mutuals
    /// register): a co-operative when its name says so; a community benefit society when its name says it houses or
    /// cares for people (`Clarion Housing Association`, `LiveWest Homes`, `Look Ahead Care and Support`), as housing
    /// associations and care societies are; otherwise a co-operative, as most registered societies are. With the
    /// word that decided it.
    public static func ofSociety(named normalisedName: String) -> (model: OwnershipModel, word: String?) {
        let words = normalisedName.split(separator: " ")
        if let word = words.first(where: { ["COOPERATIVE", "COOP", "CO"].contains($0) && ($0 != "CO" || words.contains("OPERATIVE") || words.contains("OP")) }) {
            return (.cooperative, word == "CO" ? "CO OPERATIVE" : String(word))
        }
        if let word = words.first(where: { ["HOUSING", "HOMES", "HOUSES", "CARE", "SUPPORT", "ALMSHOUSES", "COMMUNITY"].contains($0) }) {
            return (.communityBenefit, String(word))
        }
        return (.cooperative, nil)
    }
}
