import Warehouse

/// `mart_dynamics` per period × segment, for months, quarters and financial years: active suppliers; entrants
/// and exits against the calendar-previous period (NULL when that period has no payments); the share of spend
/// with entrants; and how the local, SME and VCSE shares and HHI moved since the previous period and since the
/// same period a year before (NULL when there is nothing to compare with).
enum DynamicsMart {
    /// A market's suppliers against the same market's suppliers in another period (both sorted by supplier key).
    struct Turnover: Equatable {
        var entrants = 0, entrantPence = 0, exits = 0

        init<C: Collection, P: Collection>(now: C, before: P) where C.Element == (supplier: Int32, pence: Int), P.Element == Int32 {
            var b = before.makeIterator()
            var previous = b.next()
            for (supplier, pence) in now {
                while let p = previous, p < supplier { exits += 1; previous = b.next() }
                if previous == supplier { previous = b.next() } else { entrants += 1; entrantPence += pence }
            }
            while previous != nil { exits += 1; previous = b.next() }
        }
    }

    static func build(_ w: WarehouseStore, _ a: SegmentAggregation, spend: [SegmentAggregation.MarketKey: SpendMart.Totals],
                      concentration: [SegmentAggregation.MarketKey: ConcentrationMart.Figures]) throws {
        var periodAt: [String: [Int: Int32]] = [:]
        for (i, p) in a.periods.enumerated() { periodAt[p.kind, default: [:]][p.seq] = Int32(i) }
        // Each market's rows with a supplier: the end of its rows, in supplier order.
        var suppliersOf: [SegmentAggregation.MarketKey: ArraySlice<(key: SegmentAggregation.Key, sums: SegmentAggregation.Sums)>] = [:]
        a.forEachMarket { market, rows in suppliersOf[market.key] = rows.drop { $0.key.supplier < 0 } }

        func shareChange(_ now: SpendMart.Totals, _ then: SpendMart.Totals?) -> [SQLValue] {
            guard let then else { return [.null, .null, .null] }
            func change(_ a: Double?, _ b: Double?) -> SQLValue { a.flatMap { a in b.map { .real(a - $0) } } ?? .null }
            return [change(SpendMart.share(now.local, of: now.localKnown), SpendMart.share(then.local, of: then.localKnown)),
                    change(SpendMart.share(now.sme, of: now.smeKnown), SpendMart.share(then.sme, of: then.smeKnown)),
                    change(SpendMart.share(now.vcse, of: now.vcseKnown), SpendMart.share(then.vcse, of: then.vcseKnown))]
        }
        func hhiChange(_ now: ConcentrationMart.Figures?, _ then: ConcentrationMart.Figures?) -> SQLValue {
            guard let a = now?.hhi, let b = then?.hhi else { return .null }
            return .real(a - b)
        }

        let insert = try w.prepare("INSERT INTO mart_dynamics VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        try a.forEachMarket { market, _ in
            guard a.writes(market.key.period, dynamics: true), let lag = MeasureScope.lagOfYear[market.periodKind], let active = suppliersOf[market.key], !active.isEmpty,
                  let sp = spend[market.key] else { return }
            let seq = a.periods[Int(market.key.period)].seq
            func key(_ period: Int32?) -> SegmentAggregation.MarketKey? {
                period.map { SegmentAggregation.MarketKey(period: $0, kind: market.key.kind, segment: market.key.segment) }
            }
            let previous = periodAt[market.periodKind]?[seq - 1], yearAgo = periodAt[market.periodKind]?[seq - lag]
            let before = key(previous).flatMap { suppliersOf[$0] } ?? []
            let t = Turnover(now: active.lazy.map { (supplier: $0.key.supplier, pence: $0.sums.pence) }, before: before.lazy.map(\.key.supplier))
            var values = market.sql
            values.append(previous.map { .text(a.periods[Int($0)].name) } ?? .null)
            values.append(.integer(active.count))
            values += previous == nil ? [.null, .null, .null]
                : [.integer(t.entrants), .integer(t.exits), sp.total != 0 ? .real(Double(t.entrantPence) / Double(sp.total)) : .null]
            values += shareChange(sp, key(previous).flatMap { spend[$0] })
            values.append(hhiChange(concentration[market.key], key(previous).flatMap { concentration[$0] }))
            values.append(yearAgo.map { .text(a.periods[Int($0)].name) } ?? .null)
            values += shareChange(sp, key(yearAgo).flatMap { spend[$0] })
            values.append(hhiChange(concentration[market.key], key(yearAgo).flatMap { concentration[$0] }))
            insert.bind(values)
            try insert.run()
        }
    }
}
