import MarketShapeCore
import Registers
import Warehouse

/// The analyst's list of investment firms (`registers.investment_firms`): a chain of controllers that passes through
/// one is private-equity owned. Matched by company number, or by the exact normalised name.
struct InvestmentFirms {
    var numbers: [String: String] = [:]
    var names: [String: String] = [:]

    static func load(_ w: WarehouseStore) throws -> InvestmentFirms {
        struct Row: Decodable { var name: String; var normalised_name: String; var company_number: String? }
        var firms = InvestmentFirms()
        for r in try w.fetch(Row.self, "SELECT name, normalised_name, company_number FROM reg_investment_firms") {
            if let n = r.company_number { firms.numbers[n] = r.name }
            firms.names[r.normalised_name] = r.name
        }
        return firms
    }

    /// The listed firm a controller is, if any.
    func match(_ controller: PSCControl) -> String? {
        if let n = controller.ukCompanyNumber, let firm = numbers[n] { return firm }
        return names[SupplierName.normalise(controller.name)]
    }
}
