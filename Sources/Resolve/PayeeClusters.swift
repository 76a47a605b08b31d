import MarketShapeCore

/// Groups the distinct payees of the spend files into organisations by what they share (union–find), never
/// merging strangers:
/// - an identifier links payees only when their names are compatible (`NameCompatibility`) or a loaded register's
///   name for it is compatible with each; a value shared by unrelated names is a placeholder and links nothing;
///   when one value is given to names that cannot be one organisation, the group the register names (else the one
///   with most spend) keeps it, the others lose it, and the conflict is kept for review;
/// - no link joins two clusters holding different company numbers, charity numbers or VAT numbers;
/// - the council's own supplier ids keep apart payees of one name, unless the two also share a VAT number,
///   company number or postcode: then they are plainly one.
struct PayeeClusters {
    struct Payee: Hashable {
        var name: String?
        var normalisedName: String
        var company: String?
        var charity: String?
        var ref: String?
        /// VAT numbers seen with this payee.
        var vats: [String] = []
        var postcode: String?
        /// Absolute pence paid, to say which of two conflicting names matters more.
        var spend: Int = 0
    }

    /// The kinds of evidence that link payees, in order of trust.
    enum Scheme: String, CaseIterable {
        case company = "company number", charity = "charity number", vat = "VAT number", ref = "council supplier id", name = "exact normalised name (its legal form aside)"
    }

    /// One identifier value given to names that cannot be one organisation.
    struct Conflict: Equatable {
        var scheme: Scheme
        var value: String
        /// The name that kept the identifier, and the one that lost it.
        var kept: String, lost: String
        var keptSpend: Int, lostSpend: Int
        var reason: String
    }

    /// A value linking nothing because unrelated payees share it.
    struct PlaceholderValue: Equatable {
        var scheme: Scheme
        var value: String
        var payees: [Int]
    }

    private(set) var payees: [Payee]
    private var parent: [Int]
    private var sets: [[Scheme: Set<String>]]
    private var postcodes: [Set<String>]
    private(set) var conflicts: [Conflict] = []
    private(set) var placeholders: [PlaceholderValue] = []

    /// - Parameter registeredName: the name a loaded register gives an identifier, if any.
    init(_ payees: [Payee], compatibility: NameCompatibility, registeredName: (Scheme, String) -> String? = { _, _ in nil }) {
        self.payees = payees
        parent = Array(payees.indices)
        sets = []
        postcodes = []
        for scheme in [Scheme.company, .charity, .vat, .ref] { vet(scheme, compatibility, registeredName) }
        sets = self.payees.map { p in
            [.company: Set([p.company].compactMap { $0 }), .charity: Set([p.charity].compactMap { $0 }),
             .vat: Set(p.vats), .ref: Set([p.ref].compactMap { $0 })]
        }
        postcodes = self.payees.map { Set([$0.postcode].compactMap { $0 }) }
        for scheme in Scheme.allCases { link(scheme) }
    }

    /// The values of one scheme a payee carries.
    private func values(_ p: Payee, _ scheme: Scheme) -> [String] {
        switch scheme {
        case .company: return [p.company].compactMap { $0 }
        case .charity: return [p.charity].compactMap { $0 }
        case .vat: return p.vats
        case .ref: return [p.ref].compactMap { $0 }
        // One organisation written with and without its legal form (`Foster Care Associates`, `… Ltd`) is one name.
        case .name: return p.normalisedName.isEmpty ? [] : [SupplierName.withoutLegalForm(p.normalisedName)]
        }
    }

    private mutating func strip(_ scheme: Scheme, _ value: String, from i: Int) {
        switch scheme {
        case .company: payees[i].company = nil
        case .charity: payees[i].charity = nil
        case .vat: payees[i].vats.removeAll { $0 == value }
        case .ref: payees[i].ref = nil
        case .name: break
        }
    }

    /// Placeholders and conflicts of one identifier scheme, found before anything is linked.
    private mutating func vet(_ scheme: Scheme, _ compatibility: NameCompatibility, _ registeredName: (Scheme, String) -> String?) {
        var byValue: [String: [Int]] = [:]
        for (i, p) in payees.enumerated() { for v in values(p, scheme) { byValue[v, default: []].append(i) } }
        for value in byValue.keys.sorted() {
            let members = byValue[value]!
            let names = members.map { payees[$0].normalisedName }
            if compatibility.isPlaceholder(sharedBy: names) {
                placeholders.append(PlaceholderValue(scheme: scheme, value: value, payees: members))
                for i in members { strip(scheme, value, from: i) }
                continue
            }
            var groups = compatibility.groups(names).map { $0.map { members[$0] } }
            guard groups.count > 1 else { continue }
            // The register's name for the value joins the groups it is compatible with, and those keep the value.
            let registered = registeredName(scheme, value).map(SupplierName.normalise)
            func spend(_ g: [Int]) -> Int { g.reduce(0) { $0 + payees[$1].spend } }
            var owner: [Int]
            if let registered, case let confirmed = groups.filter({ g in g.contains { compatibility.compatible(payees[$0].normalisedName, registered) } }), !confirmed.isEmpty {
                owner = confirmed.flatMap { $0 }
                groups.removeAll { g in confirmed.contains(g) }
            } else {
                let best = groups.indices.max { (spend(groups[$0]), -$0) < (spend(groups[$1]), -$1) }!
                owner = groups.remove(at: best)
            }
            owner.sort()
            let keptName = owner.max { (payees[$0].spend, -$0) < (payees[$1].spend, -$1) }!
            for g in groups {
                let lostName = g.max { (payees[$0].spend, -$0) < (payees[$1].spend, -$1) }!
                conflicts.append(Conflict(scheme: scheme, value: value, kept: payees[keptName].name ?? payees[keptName].normalisedName,
                                          lost: payees[lostName].name ?? payees[lostName].normalisedName,
                                          keptSpend: spend(owner), lostSpend: spend(g),
                                          reason: registered != nil ? "the register names \(scheme.rawValue) \(value) \(registered!); \"\(payees[lostName].normalisedName)\" has no distinctive word in common with it"
                                                                    : "the names have no distinctive word in common"))
                for i in g { strip(scheme, value, from: i) }
            }
        }
    }

    mutating func find(_ i: Int) -> Int {
        var i = i
        while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
        return i
    }

    /// Why clusters `a` and `b` may not be joined by a link of `scheme`, or nil when they may.
    private func refusal(_ a: Int, _ b: Int, via scheme: Scheme, sameName: Bool) -> String? {
        func apart(_ s: Scheme) -> Bool {
            let x = sets[a][s]!, y = sets[b][s]!
            return !x.isEmpty && !y.isEmpty && x.isDisjoint(with: y)
        }
        if apart(.company) { return "different company numbers" }
        if apart(.charity) { return "different charity numbers" }
        if scheme != .company && scheme != .charity && apart(.vat) { return "different VAT numbers" }
        if apart(.ref) {
            let samePostcode = !postcodes[a].isDisjoint(with: postcodes[b])
            switch scheme {
            case .company, .charity: break
            case .vat: if !sameName { return "different council supplier ids" }
            case .ref: break
            case .name: if !samePostcode { return "different council supplier ids" }
            }
        }
        return nil
    }

    private mutating func link(_ scheme: Scheme) {
        var first: [String: Int] = [:]
        for (i, p) in payees.enumerated() { for k in values(p, scheme) {
            guard let j = first[k] else { first[k] = i; continue }
            let a = find(i), b = find(j)
            guard a != b, refusal(a, b, via: scheme, sameName: payees[i].normalisedName == payees[j].normalisedName) == nil else { continue }
            parent[a] = b
            for s in sets[a].keys { sets[b][s]!.formUnion(sets[a][s]!) }
            postcodes[b].formUnion(postcodes[a])
        } }
    }

    /// The spend-file identifiers of the cluster `i` belongs to (after placeholders and conflicts are removed).
    mutating func identifiers(of i: Int) -> (root: Int, companies: Set<String>, charities: Set<String>, refs: Set<String>, vats: Set<String>) {
        let r = find(i)
        return (r, sets[r][.company]!, sets[r][.charity]!, sets[r][.ref]!, sets[r][.vat]!)
    }
}
