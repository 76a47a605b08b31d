/// The ownership models MarketShape reports (DOMAIN.md).
public enum OwnershipModel: String, CaseIterable, Sendable {
    case independent, privateEquity = "private-equity", employeeOwned = "employee-owned", cooperative = "co-operative"
    case plcListed = "plc-listed", publicSector = "public", charity, soleTrader = "sole-trader", unknown

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
        case "soletrader", "individual", "soletraderindividual": self = .soleTrader
        case "unknown", "": self = .unknown
        default: return nil
        }
    }
}
