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
        let supplier = try GroupedInsert(w, "INSERT INTO mart_segment_suppliers", width: 8)
        try aggregation.forEachMarket { market, rows in
            guard market.segmentKind == SegmentKind.all || market.segmentKind == SegmentKind.service, aggregation.writes(market.key.period) else { return }
            let marketColumns = market.sql
            for (key, s) in rows where key.supplier >= 0 {
                for v in marketColumns { try supplier.add(v) }
                try supplier.add(.integer(aggregation.supplierKeys[Int(key.supplier)]))
                try supplier.add(.integer(s.pence))
                try supplier.add(.integer(s.gross))
                try supplier.add(.integer(s.payments))
            }
        }
        try supplier.finish()
    }
}
