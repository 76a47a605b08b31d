import MarketShapeCore
import Ingest
import StageKit
import Warehouse

/// Measures how well resolution groups payees into organisations, against the grouping the spend files' own company
/// numbers imply: those columns are hidden from a run, and the suppliers it makes are scored on the payees that
/// carried a valid company number. Beside it, a naive baseline that groups payees by exact normalised name.
public enum ResolutionEvaluation {
    /// One scored payee: its true company, the group a method put it in, and its spend (absolute pence).
    public struct ScoredPayee: Sendable {
        public var truth: String, group: String, pence: Int, name: String
        /// The normalised name and council supplier id as published (the name alone when the id is missing or a
        /// placeholder): two companies under one such key are one supplier in the council's own records, which no
        /// method can tell apart once the numbers are hidden.
        public var councilKey: String?
        public init(truth: String, group: String, pence: Int, name: String, councilKey: String? = nil) {
            self.truth = truth; self.group = group; self.pence = pence; self.name = name; self.councilKey = councilKey
        }
    }

    /// How a grouping compares with the truth.
    public struct Score: Sendable, Equatable {
        /// Payees scored, the distinct true companies among them, and the groups they were put in.
        public var payees = 0, companies = 0, groups = 0
        /// Absolute pence of the scored payees.
        public var pence = 0
        /// Of the pairs of payees put together, the share that are one company; of the pairs that are one company,
        /// the share put together (1 when there are no such pairs).
        public var pairPrecision = 1.0, pairRecall = 1.0
        /// Spend in groups holding two or more true companies, as a share of scored spend.
        public var overMerge = 0.0
        /// The part of `overMerge` in groups where the council's own record (one name, one supplier id) holds two
        /// company numbers: the truth disagrees with itself there.
        public var overMergeInCouncilRecords = 0.0
        /// Spend of each true company outside its largest group, as a share of scored spend.
        public var split = 0.0
        /// The group holding the most true companies: its largest name, how many companies, its spend.
        public var largestWrong: (name: String, companies: Int, pence: Int)? = nil
        /// The largest mistakes, for people to look at: groups holding several companies (their names), and
        /// companies spread over several groups (the names outside the largest), largest spend first.
        public var merges: [(names: [String], pence: Int)] = []
        public var splits: [(company: String, names: [String], pence: Int)] = []

        public static func == (a: Score, b: Score) -> Bool {
            a.payees == b.payees && a.companies == b.companies && a.groups == b.groups && a.pence == b.pence
                && a.pairPrecision == b.pairPrecision && a.pairRecall == b.pairRecall && a.overMerge == b.overMerge && a.split == b.split
                && a.largestWrong?.name == b.largestWrong?.name && a.largestWrong?.companies == b.largestWrong?.companies
        }
    }

    /// Scores a grouping (pure: no warehouse).
    public static func score(_ payees: [ScoredPayee]) -> Score {
        var s = Score()
        s.payees = payees.count
        s.pence = payees.reduce(0) { $0 + $1.pence }
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        var cell: [String: Int] = [:], byGroup: [String: [ScoredPayee]] = [:], byTruth: [String: [ScoredPayee]] = [:]
        for p in payees {
            cell["\(p.group)\u{0}\(p.truth)", default: 0] += 1
            byGroup[p.group, default: []].append(p)
            byTruth[p.truth, default: []].append(p)
        }
        s.companies = byTruth.count
        s.groups = byGroup.count
        let together = cell.values.reduce(0) { $0 + pairs($1) }
        let predicted = byGroup.values.reduce(0) { $0 + pairs($1.count) }
        let actual = byTruth.values.reduce(0) { $0 + pairs($1.count) }
        if predicted > 0 { s.pairPrecision = Double(together) / Double(predicted) }
        if actual > 0 { s.pairRecall = Double(together) / Double(actual) }
        guard s.pence > 0 else { return s }
        var merged = 0, councilMerged = 0
        for (_, members) in byGroup.sorted(by: { $0.key < $1.key }) {
            let truths = Set(members.map(\.truth))
            guard truths.count >= 2 else { continue }
            let pence = members.reduce(0) { $0 + $1.pence }
            merged += pence
            let byCouncilKey = Dictionary(grouping: members.filter { $0.councilKey != nil }, by: { $0.councilKey! })
            if byCouncilKey.values.contains(where: { Set($0.map(\.truth)).count > 1 }) { councilMerged += pence }
            s.merges.append((Array(Set(members.map(\.name))).sorted(), pence))
            if truths.count > (s.largestWrong?.companies ?? 1) || (truths.count == s.largestWrong?.companies && pence > s.largestWrong!.pence) {
                let top = members.max { ($0.pence, $1.name) < ($1.pence, $0.name) }!
                s.largestWrong = (top.name, truths.count, pence)
            }
        }
        var outside = 0
        for (company, members) in byTruth {
            var inGroup: [String: Int] = [:]
            for m in members { inGroup[m.group, default: 0] += m.pence }
            let largest = inGroup.max { ($0.value, $1.key) < ($1.value, $0.key) }
            let out = inGroup.values.reduce(0, +) - (largest?.value ?? 0)
            outside += out
            if out > 0 { s.splits.append((company, Array(Set(members.map(\.name))).sorted(), out)) }
        }
        s.merges.sort { $0.pence != $1.pence ? $0.pence > $1.pence : $0.names.lexicographicallyPrecedes($1.names) }
        s.splits.sort { ($0.pence, $1.company) > ($1.pence, $0.company) }
        s.overMerge = Double(merged) / Double(s.pence)
        s.overMergeInCouncilRecords = Double(councilMerged) / Double(s.pence)
        s.split = Double(outside) / Double(s.pence)
        return s
    }

    /// The outcome of one evaluation run.
    public struct Outcome: Sendable {
        public var resolved: Score
        public var baseline: Score
        /// Payees that carried a valid company number (the truth), and all payees.
        public var truthPayees: Int, allPayees: Int
        /// Suppliers of this run holding two or more of the company numbers the files publish (0 whenever the
        /// company numbers were not hidden: resolution never joins two).
        public var suppliersWithTwoCompanies: Int
    }

    /// Resolves the payees staged in `context.warehouse` with the identifier columns in `hide` blanked, and scores the
    /// suppliers against the company numbers the files published. The warehouse is a scratch one: its payees are changed.
    public static func run(_ context: StageContext, hide: Set<CanonicalField>) throws -> Outcome {
        let w = context.warehouse
        // The truth: each non-redacted payee's valid company number, as published.
        var truth: [Int: String] = [:]
        var names: [Int: String] = [:]
        var all = 0
        var councilKeys: [Int: String] = [:]
        struct Payee: Decodable { var payee_id: Int; var company_number: String?; var supplier_name: String?; var supplier_ref: String? }
        for r in try w.fetch(Payee.self, "SELECT payee_id, company_number, supplier_name, supplier_ref FROM stg_payees WHERE is_redacted = 0") {
            all += 1
            guard let c = r.company_number.flatMap(OrgIdentifiers.companyNumber) else { continue }
            truth[r.payee_id] = c
            names[r.payee_id] = r.supplier_name ?? ""
            let ref = r.supplier_ref.flatMap { OrgIdentifiers.checkSupplierRef($0).value } ?? ""
            councilKeys[r.payee_id] = SupplierName.normalise(r.supplier_name ?? "") + "\u{0}" + ref
        }
        let columns: [CanonicalField: String] = [.companyNumber: "company_number", .charityNumber: "charity_number", .vatNumber: "vat_number",
                                                 .supplierRef: "supplier_ref", .supplierPostcode: "supplier_postcode"]
        let blank = hide.compactMap { columns[$0] }.sorted()
        if !blank.isEmpty { try w.execute("UPDATE stg_payees SET \(blank.map { "\($0) = NULL" }.joined(separator: ", "))") }
        _ = try w.transaction { try ResolveStage().resolve(context) }

        // Each payee's absolute pence, from ingest's per-file payee tallies rather than the lines.
        var pence: [Int: Int] = [:]
        for t in try StagingReader(w).payeeTotals() { pence[t.payeeID] = t.grossPence }
        var resolved: [ScoredPayee] = [], baseline: [ScoredPayee] = []
        struct Mapped: Decodable { var payee_id: Int; var supplier_key: Int? }
        let groups = try w.fetch(Mapped.self, "SELECT payee_id, supplier_key FROM map_payee_suppliers")
        for g in groups {
            let id = g.payee_id
            guard let t = truth[id], let key = g.supplier_key else { continue }
            let name = names[id] ?? ""
            resolved.append(ScoredPayee(truth: t, group: String(key), pence: pence[id] ?? 0, name: name, councilKey: councilKeys[id]))
            baseline.append(ScoredPayee(truth: t, group: SupplierName.normalise(name), pence: pence[id] ?? 0, name: name, councilKey: councilKeys[id]))
        }
        // No supplier may ever hold two valid company numbers: checked with the identifiers as published.
        var companiesOf: [Int: Set<String>] = [:]
        for g in groups { if let t = truth[g.payee_id], let key = g.supplier_key { companiesOf[key, default: []].insert(t) } }
        return Outcome(resolved: score(resolved), baseline: score(baseline), truthPayees: truth.count, allPayees: all,
                       suppliersWithTwoCompanies: companiesOf.values.filter { $0.count > 1 }.count)
    }
}
