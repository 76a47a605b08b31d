import Foundation
import MarketShapeCore
import Warehouse

/// `mart_concentration` per market (period × segment): HHI = Σ(100·sᵢ)², CR4, effective number of suppliers
/// (10,000 ÷ HHI), the largest supplier's share, active suppliers and the US 2023 band; thin when fewer than
/// three suppliers take a share. Beside it, the same by owner group (the top of each supplier's PSC chain), when some
/// supplier has a corporate parent: a group's share is the sum of its members' shares. Each supplier's credit notes are netted within the market; suppliers with net
/// spend ≤ 0 take no share; redacted payees are not one supplier (DOMAIN.md).
enum ConcentrationMart {
    /// The figures of one market from its suppliers' net spend (any order; the payees with no supplier excluded).
    struct Figures: Equatable {
        var suppliers = 0, positivePence = 0
        var hhi: Double?, cr4: Double?, top: Double?
        /// The supplier (or group) with the largest share.
        var topSupplier: Int32?

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
            topSupplier = shares[0].supplier
        }

        /// The figures by group: each supplier's positive net spend summed by `groupOf` (a supplier with net spend ≤ 0
        /// adds nothing), so a group's share is its members' shares added up; `topSupplier` is then a group.
        init<S: Sequence>(netSpend: S, groupOf: (Int32) -> Int32) where S.Element == (supplier: Int32, pence: Int) {
            var byGroup: [Int32: Int] = [:]
            for s in netSpend where s.pence > 0 { byGroup[groupOf(s.supplier), default: 0] += s.pence }
            self.init(netSpend: byGroup.map { (supplier: $0.key, pence: $0.value) })
        }

        /// The US 2023 merger-guidelines band.
        var band: String {
            guard let hhi else { return "no positive spend" }
            return ConcentrationBand.of(hhi)
        }
    }

    /// The owner groups holding two or more of a market's suppliers (with positive net spend), by how many HHI points
    /// counting them as one adds (10,000 × ((Σ sᵢ)² − Σ sᵢ²) over their members' shares), most first; ties by group index.
    /// Their points add up to the rise from entity HHI to group HHI.
    static func mergedGroups<S: Sequence>(_ net: S, groupOf: (Int32) -> Int32, positivePence: Int) -> [(group: Int32, suppliers: Int, share: Double, points: Double)]
        where S.Element == (supplier: Int32, pence: Int) {
        guard positivePence > 0 else { return [] }
        var members: [Int32: (sum: Double, squares: Double, suppliers: Int)] = [:]
        for s in net where s.pence > 0 {
            let share = Double(s.pence) / Double(positivePence)
            members[groupOf(s.supplier), default: (0, 0, 0)].sum += share
            members[groupOf(s.supplier), default: (0, 0, 0)].squares += share * share
            members[groupOf(s.supplier), default: (0, 0, 0)].suppliers += 1
        }
        return members.filter { $0.value.suppliers >= 2 }
            .map { (group: $0.key, suppliers: $0.value.suppliers, share: $0.value.sum, points: 10000 * ($0.value.sum * $0.value.sum - $0.value.squares)) }
            .sorted { ($0.points, $1.group) > ($1.points, $0.group) }
    }

    /// Each supplier rank's owner group (an index into `names`), read from `dim_suppliers.owner_group`.
    struct Groups {
        var ofRank: [Int32] = []
        var names: [String] = []
        /// False when no supplier has a corporate parent: every group is one supplier, and no group figures are written.
        var any = false

        init(_ w: WarehouseStore, supplierKeys: [Int]) throws {
            struct Row: Decodable { var supplier_key: Int; var owner_group: String?; var owner_group_name: String?; var owner_chain_length: Int }
            let rows = Dictionary(try w.fetch(Row.self, "SELECT supplier_key, owner_group, owner_group_name, owner_chain_length FROM dim_suppliers").map { ($0.supplier_key, $0) },
                                  uniquingKeysWith: { a, _ in a })
            var index: [String: Int32] = [:]
            for key in supplierKeys {
                let row = rows[key]
                if (row?.owner_chain_length ?? 0) > 0 { any = true }
                let group = row?.owner_group ?? "supplier:\(key)"
                if let i = index[group] { ofRank.append(i); continue }
                index[group] = Int32(names.count)
                ofRank.append(Int32(names.count))
                names.append(row?.owner_group_name ?? group)
            }
        }
    }

    /// Builds the mart; returns each market's figures (the dynamics compare them across periods).
    @discardableResult
    static func build(_ w: WarehouseStore, _ aggregation: SegmentAggregation) throws -> [SegmentAggregation.MarketKey: Figures] {
        var figures: [SegmentAggregation.MarketKey: Figures] = [:]
        let groups = try Groups(w, supplierKeys: aggregation.supplierKeys)
        let insert = try w.prepare("""
            INSERT INTO mart_concentration (period_kind, period, segment_kind, segment, suppliers_count, positive_pence, hhi, cr4_share,
              effective_suppliers_count, top_supplier_share, band, is_thin, groups_count, group_hhi, group_cr4_share, top_group_share, top_group,
              merged_group, merged_group_share, merged_group_suppliers, merged_groups)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        try aggregation.forEachMarket { market, rows in
            let net = rows.lazy.filter { $0.key.supplier >= 0 }.map { (supplier: $0.key.supplier, pence: $0.sums.pence) }
            let f = Figures(netSpend: net)
            figures[market.key] = f
            guard aggregation.writes(market.key.period) else { return }
            var groupValues: [SQLValue] = Array(repeating: .null, count: 9)
            if groups.any {
                let g = Figures(netSpend: net, groupOf: { groups.ofRank[Int($0)] })
                let merged = Self.mergedGroups(net, groupOf: { groups.ofRank[Int($0)] }, positivePence: f.positivePence)
                let top = merged.first
                // The three groups that add most, as JSON: [{"group":…,"suppliers":…,"share":…,"points":…}].
                let list = merged.prefix(3).map { ["group": groups.names[Int($0.group)], "suppliers": $0.suppliers, "share": $0.share, "points": $0.points] as [String: Any] }
                let json = list.isEmpty ? nil : (try? JSONSerialization.data(withJSONObject: list, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
                groupValues = [.integer(g.suppliers), g.hhi.sql, g.cr4.sql, g.top.sql, g.topSupplier.map { .text(groups.names[Int($0)]) } ?? .null,
                               top.map { .text(groups.names[Int($0.group)]) } ?? .null, top.map { .real($0.share) } ?? .null,
                               top.map { .integer($0.suppliers) } ?? .null, json.sql]
            }
            insert.bind(market.sql + [.integer(f.suppliers), .integer(f.positivePence), f.hhi.sql, f.cr4.sql,
                                      f.hhi.flatMap { $0 > 0 ? 10000.0 / $0 : nil }.sql, f.top.sql, .text(f.band), .integer(f.suppliers < 3 ? 1 : 0)] + groupValues)
            try insert.run()
        }
        return figures
    }
}
