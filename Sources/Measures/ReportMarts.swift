import MarketShapeCore
import Warehouse

/// The marts the report reads directly: `mart_months` (each month's payments and pence in the whole body) and
/// `mart_segment_suppliers` (each supplier's net and gross spend and payments per period, in the whole body
/// and by service), from the aggregation.
enum ReportMarts {
    static func build(_ w: WarehouseStore, _ aggregation: SegmentAggregation) throws {
        let month = try w.prepare("INSERT INTO mart_months VALUES (?, ?, ?)")
        for (m, t) in aggregation.monthTotals.sorted(by: { $0.key < $1.key }) {
            month.bind([.text(PeriodCalendar.monthName(Int(m))), .integer(t.payments), .integer(t.pence)])
            try month.run()
        }
        let supplier = try w.prepare("INSERT INTO mart_segment_suppliers VALUES (?,?,?,?,?,?,?,?)")
        try aggregation.forEachMarket { market, rows in
            guard market.segmentKind == SegmentKind.all || market.segmentKind == SegmentKind.service, aggregation.writes(market.key.period) else { return }
            // The market's four text columns once (a run keeps its bindings), then four integers a supplier: no array or
            // string made per row of a table of hundreds of thousands.
            supplier.bind(market.sql)
            for (key, s) in rows where key.supplier >= 0 {
                supplier.bind(5, aggregation.supplierKeys[Int(key.supplier)])
                supplier.bind(6, s.pence)
                supplier.bind(7, s.gross)
                supplier.bind(8, s.payments)
                try supplier.run()
            }
        }
    }
}
