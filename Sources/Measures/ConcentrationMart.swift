import Warehouse

/// `mart_concentration` per market (period × segment): HHI = Σ(100·sᵢ)², CR4, effective number of suppliers
/// (10,000 ÷ HHI), the largest supplier's share, active suppliers and the US 2023 band; thin when fewer than
/// three suppliers take a share. Each supplier's credit notes are netted within the market; suppliers with net
/// spend ≤ 0 take no share; redacted payees are not one supplier (DOMAIN.md).
enum ConcentrationMart {
    /// The figures of one market from its suppliers' net spend (any order; the payees with no supplier excluded).
    struct Figures: Equatable {
        var suppliers = 0, positivePence = 0
        var hhi: Double?, cr4: Double?, top: Double?

        init<S: Sequence>(netSpend: S) where S.Element == (supplier: Int32, pence: Int) {
            // Largest first, ties by supplier key: the order CR4 takes its four in.
            let shares = netSpend.filter { $0.pence > 0 }.sorted { $0.pence != $1.pence ? $0.pence > $1.pence : $0.supplier < $1.supplier }
            guard !shares.isEmpty else { return }
            suppliers = shares.count
            positivePence = shares.reduce(0) { $0 + $1.pence }
            var sumOfSquares = 0.0, cr4 = 0.0
            for (rank, s) in shares.enumerated() {
                let share = Double(s.pence) / Double(positivePence)
                sumOfSquares += share * share
                if rank < 4 { cr4 += share }
            }
            hhi = 10000.0 * sumOfSquares
            self.cr4 = cr4
            top = Double(shares[0].pence) / Double(positivePence)
        }

        /// The US 2023 merger-guidelines band.
        var band: String {
            guard let hhi else { return "no positive spend" }
            return hhi > 1800 ? "highly concentrated" : hhi >= 1000 ? "moderately concentrated" : "unconcentrated"
        }
    }

    /// Builds the mart; returns each market's figures (the dynamics compare them across periods).
    @discardableResult
    static func build(_ w: WarehouseStore, _ aggregation: SegmentAggregation) throws -> [SegmentAggregation.MarketKey: Figures] {
        var figures: [SegmentAggregation.MarketKey: Figures] = [:]
        let insert = try w.prepare("INSERT INTO mart_concentration VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
        try aggregation.forEachMarket { market, rows in
            let f = Figures(netSpend: rows.lazy.filter { $0.key.supplier >= 0 }.map { (supplier: $0.key.supplier, pence: $0.sums.pence) })
            figures[market.key] = f
            guard aggregation.writes(market.key.period) else { return }
            insert.bind(market.sql + [.integer(f.suppliers), .integer(f.positivePence), f.hhi.sql, f.cr4.sql,
                                      f.hhi.flatMap { $0 > 0 ? 10000.0 / $0 : nil }.sql, f.top.sql, .text(f.band), .integer(f.suppliers < 3 ? 1 : 0)])
            try insert.run()
        }
        return figures
    }
}
