import Warehouse

/// `mart_spend` (spend, payments, suppliers, redacted and purchase-card spend, and for local, SME, VCSE and
/// "SME or VCSE" the spend with the class known and the spend with it; "SME or VCSE" is known when either is
/// yes or both are no) and `mart_ownership` (spend per ownership model, with redacted payees as their own row),
/// per period × segment, from the aggregation's rows. All integer sums, so exact.
enum SpendMart {
    /// One market's sums.
    struct Totals {
        var total = 0, payments = 0, suppliers = 0, redacted = 0, card = 0
        var localKnown = 0, local = 0, smeKnown = 0, sme = 0, vcseKnown = 0, vcse = 0, eitherKnown = 0, either = 0

        /// Adds one row of the market: a supplier's sums (or the redacted payees', or those with no supplier).
        mutating func add(_ s: SegmentAggregation.Sums, supplier: Int32, facts f: SupplierFacts.Facts?) {
            let pence = s.pence
            total += pence
            payments += s.payments
            card += s.cardPence
            if supplier >= 0 { suppliers += 1 }
            if supplier == -1 { redacted += pence }
            guard let f else { return }
            if let l = f.isLocal { localKnown += pence; if l { local += pence } }
            if let v = f.isSME { smeKnown += pence; if v { sme += pence } }
            if let v = f.isVCSE { vcseKnown += pence; if v { vcse += pence } }
            if f.isSME == true || f.isVCSE == true || (f.isSME == false && f.isVCSE == false) { eitherKnown += pence }
            if f.isSME == true || f.isVCSE == true { either += pence }
        }
    }

    /// The local, SME or VCSE share of spend with the class known; nil when none is known.
    static func share(_ pence: Int, of known: Int) -> Double? {
        known > 0 ? Double(pence) / Double(known) : nil
    }

    /// Builds both marts; returns each market's totals (the dynamics compare them across periods).
    @discardableResult
    static func build(_ w: WarehouseStore, _ aggregation: SegmentAggregation) throws -> [SegmentAggregation.MarketKey: Totals] {
        var totals: [SegmentAggregation.MarketKey: Totals] = [:]
        let suppliers = try SupplierFacts.load(w, keys: aggregation.supplierKeys)
        let spend = try w.prepare("""
            INSERT INTO mart_spend (period_kind, period, segment_kind, segment, total_pence, payments_count, suppliers_count, redacted_pence,
              purchase_card_pence, local_known_pence, local_pence, sme_known_pence, sme_pence, vcse_known_pence, vcse_pence,
              sme_or_vcse_known_pence, sme_or_vcse_pence)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        let ownership = try w.prepare("INSERT INTO mart_ownership VALUES (?,?,?,?,?,?,?)")
        try aggregation.forEachMarket { market, rows in
            var t = Totals()
            var owners: [String: (pence: Int, suppliers: Int)] = [:]
            for (key, s) in rows {
                let facts = suppliers[key.supplier]
                t.add(s, supplier: key.supplier, facts: facts)
                let owner = key.supplier == -1 ? "redacted" : (facts?.ownership ?? "unknown")
                owners[owner, default: (0, 0)].pence += s.pence
                if key.supplier >= 0 { owners[owner, default: (0, 0)].suppliers += 1 }
            }
            totals[market.key] = t
            guard aggregation.writes(market.key.period) else { return }
            spend.bind(market.sql + [t.total, t.payments, t.suppliers, t.redacted, t.card, t.localKnown, t.local, t.smeKnown, t.sme,
                                     t.vcseKnown, t.vcse, t.eitherKnown, t.either].map { .integer($0) })
            try spend.run()
            for (owner, o) in owners.sorted(by: { $0.key < $1.key }) {
                ownership.bind(market.sql + [.text(owner), .integer(o.pence), .integer(o.suppliers)])
                try ownership.run()
            }
        }
        return totals
    }
}
