/// Groups the distinct payees of the spend files into organisations by the identifiers they share
/// (union–find). A merge that would join two different company numbers, two different charity
/// numbers or, for a name or VAT link, two different council supplier ids is refused.
struct PayeeClusters {
    struct Payee: Hashable {
        var name: String?
        var normalisedName: String
        var company: String?
        var charity: String?
        var ref: String?
        /// VAT numbers seen with this payee (a link between payees, never an identity of its own).
        var vats: [String] = []
    }

    private(set) var payees: [Payee] = []
    private var parent: [Int] = []
    private var companies: [Set<String>] = []
    private var charities: [Set<String>] = []
    private var refs: [Set<String>] = []
    /// The strongest link that joined each root's cluster.
    private(set) var method: [Int: String] = [:]

    init(_ payees: [Payee]) {
        self.payees = payees
        parent = Array(payees.indices)
        companies = payees.map { Set([$0.company].compactMap { $0 }) }
        charities = payees.map { Set([$0.charity].compactMap { $0 }) }
        refs = payees.map { Set([$0.ref].compactMap { $0 }) }
        link(by: { $0.company }, method: "company number in spend file", checkRefs: false)
        link(by: { $0.charity }, method: "charity number in spend file", checkRefs: false)
        // A VAT number can cover a VAT group of several companies, and councils' VAT columns are messy:
        // like a name, it never joins payees the council keeps under different supplier ids.
        linkAll(by: { $0.vats }, method: "VAT number in spend file", checkRefs: true)
        link(by: { $0.ref }, method: "council supplier id", checkRefs: false)
        link(by: { $0.normalisedName.isEmpty ? nil : $0.normalisedName }, method: "exact normalised name", checkRefs: true)
    }

    mutating func find(_ i: Int) -> Int {
        var i = i
        while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
        return i
    }

    private mutating func link(by key: (Payee) -> String?, method name: String, checkRefs: Bool) {
        linkAll(by: { key($0).map { [$0] } ?? [] }, method: name, checkRefs: checkRefs)
    }

    private mutating func linkAll(by keys: (Payee) -> [String], method name: String, checkRefs: Bool = false) {
        var first: [String: Int] = [:]
        for (i, p) in payees.enumerated() { for k in keys(p) {
            guard let j = first[k] else { first[k] = i; continue }
            let a = find(i), b = find(j)
            guard a != b else { continue }
            func conflict(_ x: Set<String>, _ y: Set<String>) -> Bool { !x.isEmpty && !y.isEmpty && x != y }
            if conflict(companies[a], companies[b]) || conflict(charities[a], charities[b]) || (checkRefs && conflict(refs[a], refs[b])) { continue }
            parent[a] = b
            companies[b].formUnion(companies[a]); charities[b].formUnion(charities[a]); refs[b].formUnion(refs[a])
            if method[b] == nil { method[b] = method[a] ?? name }
        } }
    }

    /// The spend-file identifiers of the cluster `i` belongs to.
    mutating func identifiers(of i: Int) -> (root: Int, companies: Set<String>, charities: Set<String>, refs: Set<String>) {
        let r = find(i)
        return (r, companies[r], charities[r], refs[r])
    }

    /// The organisation identifier of a cluster: GB-COH, GB-CHC, the council's id, or the name.
    mutating func identifier(of i: Int) -> (id: String, method: String) {
        let r = find(i)
        if let c = companies[r].sorted().first { return ("GB-COH-\(c)", "company number in spend file") }
        if let c = charities[r].sorted().first { return ("GB-CHC-\(c)", "charity number in spend file") }
        if let ref = refs[r].sorted().first { return ("REF-\(ref)", "council supplier id") }
        return ("NAME-\(payees[r].normalisedName)", "exact normalised name")
    }
}
