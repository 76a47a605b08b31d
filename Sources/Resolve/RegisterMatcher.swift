import MarketShapeCore
import Warehouse

/// Finds a payee in the registers, in order of trust, and says how.
struct RegisterMatcher {
    let warehouse: WarehouseStore
    let cache: StatementCache

    init(warehouse: WarehouseStore) {
        self.warehouse = warehouse
        cache = StatementCache(warehouse: warehouse)
    }
    /// Fuzzy matches at or above this score are accepted; below `confident` they go to the review queue.
    static let fuzzyThreshold = 0.90
    static let confident = 0.97

    struct Match {
        var companyNumber: String?
        var charityNumber: String?
        var societyNumber: String?
        var registeredName: String?
        var method: String
        var score: Double
    }

    enum Register: String, CaseIterable {
        case companies = "reg_companies", charities = "reg_charities", societies = "reg_societies"
        var key: String { switch self { case .companies: return "company_number"; case .charities: return "charity_number"; case .societies: return "society_number" } }
        var title: String { switch self { case .companies: return "Companies House"; case .charities: return "Charity Commission"; case .societies: return "FCA mutuals register" } }
    }

    func registeredName(_ register: Register, _ key: String) throws -> String? {
        struct Registered: Decodable { var name: String? }
        return try cache.fetch(Registered.self, "SELECT name FROM \(register.rawValue) WHERE \(register.key) = ?", [.text(key)]).first?.name
    }

    /// The registered charity whose company number this is, if the charity register loaded has one.
    func charityNumber(ofCompany company: String) throws -> String? {
        struct Charity: Decodable { var charity_number: String? }
        return try cache.fetch(Charity.self, "SELECT charity_number FROM reg_charities WHERE company_number = ?", [.text(company)]).first?.charity_number
    }

    func match(_ register: Register, key: String, name: String?, method: String, score: Double) -> Match {
        var m = Match(method: method, score: score)
        m.registeredName = name
        switch register {
        case .companies: m.companyNumber = key
        case .charities: m.charityNumber = key
        case .societies: m.societyNumber = key
        }
        return m
    }

    /// Exact normalised name in one register; a tie is broken by postcode, else there is no match.
    func exact(_ register: Register, name: String, postcode: String?) throws -> Match? {
        struct Entry: Decodable { var key: String?; var name: String?; var postcode: String? }
        let rows = try cache.fetch(Entry.self, "SELECT \(register.key) AS key, name, postcode FROM \(register.rawValue) WHERE normalised_name = ? LIMIT 20", [.text(name)])
        if rows.count == 1, let key = rows[0].key {
            return match(register, key: key, name: rows[0].name, method: "exact name in \(register.title)", score: 1)
        }
        if rows.count > 1, let postcode, let row = rows.first(where: { $0.postcode == postcode }), let key = row.key {
            return match(register, key: key, name: row.name, method: "exact name and postcode in \(register.title) (\(rows.count) share the name)", score: 1)
        }
        return nil
    }

    /// Fuzzy, by sorted neighbourhood: the 40 register names either side of the payee's place in the name
    /// index, plus every name sharing its first two words when fewer than 300 do. Candidates are scored by
    /// bigram Dice on their cores; the best is accepted at or above the threshold when no other comes within 0.02.
    func fuzzy(_ register: Register, name: String) throws -> Match? {
        let table = register.rawValue, key = register.key
        struct Candidate: Decodable { var key: String?; var name: String?; var normalised_name: String? }
        var rows = try cache.fetch(Candidate.self, "SELECT \(key) AS key, name, normalised_name FROM \(table) WHERE normalised_name >= ? ORDER BY normalised_name LIMIT 40", [.text(name)])
        rows += try cache.fetch(Candidate.self, "SELECT \(key) AS key, name, normalised_name FROM \(table) WHERE normalised_name < ? ORDER BY normalised_name DESC LIMIT 40", [.text(name)])
        if let prefix = NameSimilarity.blockingPrefix(name) {
            let block = try cache.fetch(Candidate.self, "SELECT \(key) AS key, name, normalised_name FROM \(table) WHERE normalised_name >= ? AND normalised_name < ? LIMIT 300",
                                        [.text(prefix), .text(prefix + "\u{7f}")])
            if block.count < 300 { rows += block }
        }
        let query = NameSimilarity.Profile(name)
        var seen = Set<String>()
        var best: (String, String?, Double)? = nil, second = 0.0
        for row in rows {
            guard let key = row.key, let candidate = row.normalised_name, seen.insert(key).inserted else { continue }
            if query.bound(candidate.utf8.count) < Self.fuzzyThreshold - 0.1 { continue }
            let s = query.score(NameSimilarity.Profile(candidate))
            if s > (best?.2 ?? 0) { second = best?.2 ?? 0; best = (key, row.name, s) } else if s > second { second = s }
        }
        guard let b = best, b.2 >= Self.fuzzyThreshold, b.2 - second >= 0.02 else { return nil }
        return match(register, key: b.0, name: b.1, method: "fuzzy name in \(register.title) (score \(String(format: "%.3f", b.2)))", score: b.2)
    }
}
