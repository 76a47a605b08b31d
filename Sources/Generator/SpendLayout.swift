/// The synthetic council's spend-file layout and the quirks written into it.
enum SpendLayout {
    static let header = ["Body Name", "Body", "Payment Date", "Transaction Number", "Invoice Number", " Amount ", "Supplier Name",
                         "Supplier ID", "Company Number", "Charity Number", "Supplier Postcode", "Directorate", "Service Area",
                         "Expense Type", "Cost Centre", "Procurement Category", "Procurement Card", "VCSE Supplier"]
    static let redactions = ["REDACTED PERSONAL DATA", "Redacted Personal Information", "DETAILS REDACTED", "Redacted"]

    static func row(date: String, transaction: Int, isCredit: Bool, amount: Int, supplier: SyntheticSupplier, redacted: Bool,
                    service: BoroughModel.Service, costCentre: String, isCard: Bool, random: inout SeededRandom) -> [String] {
        var name = supplier.name
        if random.chance(0.05) && name.hasSuffix(" Ltd") { name = String(name.dropLast(4)) + " Limited" }
        if random.chance(0.03) { name = name.uppercased() }
        if random.chance(0.01) { name += "\u{a0}" }
        var company = supplier.companyNumber ?? ""
        if !company.isEmpty && random.chance(0.2) && company.first == "0" { company = String(company.drop { $0 == "0" }) }
        if random.chance(0.01) { company = "#N/A" }
        let postcode: String = {
            if random.chance(0.01) { return "" }
            if random.chance(0.015) { return supplier.postcode.lowercased() }
            if random.chance(0.015) { return supplier.postcode.replacingOccurrences(of: " ", with: "") }
            return supplier.postcode
        }()
        return [BoroughModel.bodyName, BoroughModel.bodyCode, date, String(transaction),
                (isCredit ? "CN-" : "INV-") + String(transaction * 3 % 1_000_000),
                money(amount, &random),
                redacted ? random.pick(redactions) : name,
                redacted ? "" : supplier.id,
                redacted ? "" : company,
                redacted ? "" : (random.chance(0.1) && supplier.charityNumber == nil && supplier.kind == .soleTrader ? "EXEMPT" : supplier.charityNumber ?? ""),
                redacted ? "" : postcode,
                service.directorate, service.name, random.pick(service.expenseTypes), costCentre,
                random.chance(0.05) ? "" : service.category,
                isCard ? "Y" : "N",
                redacted ? "" : (supplier.councilVCSEFlag ? "Y" : "")]
    }

    /// An amount as councils write it: plain, with thousands separators, with `£`, or a credit in brackets or with a trailing minus.
    static func money(_ pence: Int, _ random: inout SeededRandom) -> String {
        let negative = pence < 0
        let p = abs(pence)
        let pounds = p / 100, fraction = p % 100
        let plain = "\(pounds).\(fraction < 10 ? "0" : "")\(fraction)"
        var grouped = String(pounds)
        var i = grouped.count - 3
        while i > 0 { grouped.insert(",", at: grouped.index(grouped.startIndex, offsetBy: i)); i -= 3 }
        let withCommas = "\(grouped).\(fraction < 10 ? "0" : "")\(fraction)"
        let roll = random.unit()
        if negative {
            if roll < 0.5 { return "-" + withCommas }
            if roll < 0.75 { return "(" + withCommas + ")" }
            return plain + "-"
        }
        if roll < 0.03 { return "£" + withCommas }
        if roll < 0.30 { return withCommas }
        return plain
    }

    /// Quotes a cell when it holds a comma, quote or line break (RFC 4180).
    static func quote(_ cell: String) -> String {
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}
